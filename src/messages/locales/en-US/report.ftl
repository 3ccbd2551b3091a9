# The text reports: tables and check (src/report/, but the page and the workbook).

# Words shared by the tables (plan, audit, indicators, compare).
report-bounds = rotate >= {$ratio} of eligible teachers, backbone >= {$share} of rotating
report-year-as-of = plan year {$year}, eligibility as of {$as_of}
report-all = (all)
report-total = total
report-col-district = district
report-col-school = school
report-col-eligible = eligible
report-col-required = required
report-col-rotating = rotating
report-col-backbone = backbone

# Writing a file (src/report/mod.rs).
report-refuse-input = refusing to write {$path}: it is an input file
report-refuse-not-a-file = refusing to write {$path}: it is {$kind ->
    [folder] a folder
   *[other] a device, a pipe or a socket
  }, not a file; give a file name with --out

# `rotaplan plan`'s table (src/report/plan.rs).
report-plan-title = rotaplan plan: {$bounds}, per {$scope}
report-plan-scope-district = district
report-plan-scope-school = sending school
report-plan-scope-group = education group
report-plan-dates = plan year {$year} (school year {$year}-{$next}), eligibility as of {$as_of}
report-plan-col-share = share
report-plan-col-needs = needs filled
report-plan-col-distance = distance km
report-plan-col-mean = mean km
report-plan-col-leave = max leave
report-plan-col-status = status
report-plan-col-time = time s
report-plan-infeasible-cell = INFEASIBLE
report-plan-infeasible = INFEASIBLE: the rules cannot be met with these inputs:
report-plan-may-vary = NOTE: a wall-clock limit is set (time_limit_seconds or balance_time_limit_seconds): this plan may differ from run to run and from machine to machine.
report-plan-not-optimal = NOTE: the plan meets every rule but is NOT proven optimal (a solver limit was reached: balance_node_limit, or the time limit set).
report-plan-not-eligible = not eligible at sending schools: {$count} ({$reasons}); see --format json for each teacher

# `rotaplan audit`'s table (src/report/audit.rs); the rule lines also
# under the plan's table.
report-audit-title = rotaplan audit: {$bounds}
report-audit-col-backbone-required = backbone required
report-audit-col-result = result
report-pass = pass
report-fail = FAIL
report-audit-needs-filled = needs filled: {$filled} of {$total}
report-audit-line = line {$line}: {$message}
report-audit-ok = OK: the plan meets every rule.
report-audit-violations = FAIL: {$n} { $n ->
        [one] violation
       *[other] violations
    }
report-rules = rules:
report-rule-units = {$rule}: {$pass} of {$units} units pass

# The quality balance under the plan's table and `rotaplan indicators`
# (src/report/indicators.rs).
report-col-level = level
report-balance-plan-title = quality balance (差异系数, weighted by students; before -> after; limit 0.50 小学, 0.45 初中; ! = above the limit):
report-not-kept = NOT KEPT: the plan worsens {$lost} of {$planned} CVs ({$newly} pass before and fail after):
report-not-kept-cv = {$district} {$level} {$indicator}: {$before} -> {$after} (limit {$limit}){$mark}
# Under balance = "report": how to keep them (one sentence over three
# lines, each indented in code).
report-keep-advice =
    to keep them, plan with balance = "keep" in the policy: it fills fewer places
    of need where teachers sent raise a CV; compare --sweep balance=report,keep
    shows the price side by side
report-not-kept-all = balance = "{$goal}": these are {$note}
report-not-kept-all-marked = balance = "{$goal}": these (*) are {$note}
report-not-kept-some-marked = balance = "{$goal}": those marked * are {$note};
report-not-kept-others = the others are {$note}
# What is said of one CV not kept (also on the page and in the workbook).
report-note-report = to keep it, plan with balance = "keep" (fewer places of need filled)
report-note-proven = the least the rules allow, proven on rotaplan's model (the rotations they require raise it)
report-note-found = the least found within balance_node_limit (or the time limit set), not proven the least (a larger limit may find less)

# `rotaplan indicators` (src/report/indicators.rs).
report-indicators-col-name = name
report-indicators-col-students = students
report-indicators-title = rotaplan indicators: teachers per 100 students{ $planned ->
        [yes] , before -> after the plan
       *[no] {""}
    } (* = below the threshold: backbone 1.0, sports&arts 0.9, education 4.2 小学 / 5.3 初中)
report-indicators-no-education = education: not computed, {$file} has no `education` (学历) values
report-indicators-ungraded = not graded (no level or no students): {$count} schools
report-balance-title = quality balance (差异系数, weighted by students; limit 0.50 小学, 0.45 初中; ! = above):

# `rotaplan compare`'s tables (src/report/compare.rs): short column
# names, so that a row fits 80 columns, and the legend below.
report-compare-col-scenario = scenario
report-compare-col-status = st
report-compare-col-eligible = elig
report-compare-col-required = req
report-compare-col-rotating = rot
report-compare-col-rotation = rot%
report-compare-col-backbone = bb%
report-compare-col-fill = fill
report-compare-col-fill-share = fill%
report-compare-col-km = km
report-compare-col-mean = mean
report-compare-col-leave = leave%
report-compare-col-cvs = cv!
report-compare-col-seconds = s
report-compare-optimal = opt
report-compare-time-limit = lim
report-compare-infeasible = inf
report-compare-error = err
report-compare-legend =
    st: opt = proven optimal, lim = stopped at a solver limit (not proven optimal), inf = infeasible, err = error.
    fill = needs filled; km = total distance; leave = largest share of one sending school's
    eligible teachers that leaves; cv! = quality-balance CVs not kept; s = solve seconds;
    {"*"} = best value among solved scenarios.
report-compare-balance-title =
    quality balance: largest CV (差异系数) over the districts after each plan; limit 0.50 小学,
    0.45 初中; ! = above; bb = backbone, art = sports & arts, edu = education.
report-compare-backbone = bb
report-compare-sports-arts = art
report-compare-education = edu
report-compare-before = (before)

# `rotaplan check` (src/report/check.rs): its warnings (also in JSON).
report-check-totals-skipped = {$file}: {$count} totals row(s) (合计, 总计, 小计, Total) skipped
report-check-age-disagrees = {$count} teacher(s) whose age and birth date disagree by more than a year (the date is used): {$teachers}
report-check-years-disagree = {$count} teacher(s) whose years at the school and entry date disagree by more than a year (the date is used): {$teachers}
report-check-missing = {$count} teacher(s) at sending schools without {$what}: {$rule} is not applied to them
report-check-no-age = an age or a birth date
report-check-age-limit = the age limit
report-check-no-sex = sex
report-check-age-limit-by-sex = the age limit by sex (max_age is used, when set)
report-check-no-sex-birth = sex and a birth date
report-check-no-years = years at the school or an entry date
# Its text.
report-check-title = rotaplan check: {$dates}
report-check-sheet = sheet `{$sheet}`
report-check-sheet-hidden = sheet `{$sheet}` (hidden)
report-check-separated = {$encoding}, { $separator ->
        [tab] tab
        [semicolon] semicolon
       *[comma] comma
    }-separated
report-check-file-line = {$file}: {$how}, header on line {$header}; {$rows} rows read
report-check-file-row = {$file}: {$how}, header on row {$header}; {$rows} rows read
report-check-skipped = ; skipped {$title} title, {$blank} blank, {$totals} totals
report-check-columns = columns: {$columns}
report-check-ignored = ignored: {$columns}
report-check-sheets-read = read sheet by sheet (no sheet is named like the file): {$sheets}
report-check-sheets-not-read = sheets not read: {$sheets}
report-check-sheet-use = `{$sheet}` { $read ->
    [true] (header on row {$header}, {$rows} rows)
   *[false] ({ $why ->
        [hidden] hidden: a hidden sheet is read only when named
        [empty] empty
       *[no_header] no row holds the required columns
    })
}
report-check-really = not an Excel 97-2003 workbook but { $content ->
    [html] an HTML table (a web system's download named .xls), read as its table's rows
    [spreadsheetml] SpreadsheetML 2003 XML, read as a workbook
    [xlsx] an .xlsx workbook with the old name, read as .xlsx
   *[text] delimited text, read as CSV
}
report-check-merged = merged cells filled down: {$ranges} (each cell of a range has its first cell's value)
report-check-counts = {$schools} schools ({$sending} sending, {$receiving} receiving), {$teachers} teachers
report-check-levels = teaching levels (学段): teachers {$teachers}; certificates (教师资格) {$certificates}{ $with_needs ->
        [yes] ; needs {$needs} places
       *[no] {""}
    }
report-check-no-certificate = none given {$count}
report-check-derived = derived at {$as_of}: ages from the age column {$age}, from birth_date {$birth}, from ID numbers {$from_id} (each teacher once); {$years} years at the school from entry dates, {$service} years of service from work start
report-check-eligible = eligible at sending schools: {$eligible}; not eligible: {$ineligible}{$reasons}
report-check-no-warnings = no warnings
report-check-warnings = warnings ({$count}):


# The warnings every command reports on stderr in table format
# (src/report/warnings.rs, fit.md "A rule never switches off in silence").
report-warnings-all = {$count ->
        [one] 1 warning
       *[other] {$count} warnings
    }:
report-warnings-first = {$count} warnings (the first {$shown}; all of them with --format json):

# plan, compare and report when no school with a level has students
# (fit.md "A rule never switches off in silence").
report-balance-not-computed = quality balance not computed: no school with a level has students (schools.csv `students`, 在校学生数)
indicator-label = { $indicator ->
    [backbone] backbone
    [sports_arts] sports&arts
   *[education] education
}

# plan --baseline (papers.md "Objections and changes").
report-changes-title = Changes against the baseline {$file}: {$count}
report-changes-col-teacher = teacher
report-changes-col-before = before
report-changes-col-after = after
report-changes-col-reason = why
report-changes-none = (none)
report-change-reason = { $reason ->
    [unknown_teacher] not in the roster
    [need_gone] no need there that the teacher may fill
    [pinned] pinned in teachers.csv (assign_to or must_rotate)
    [rules] the rules require it
   *[other] may no longer rotate ({$reason})
}

# rotaplan explain (papers.md "Objections and changes").
report-explain-teacher = {$teacher} {$name}, {$school}
report-explain-eligible = eligible to rotate
report-explain-not-eligible = may not rotate, because:
report-explain-rotates = the plan sends them to {$school}
report-explain-stays = the plan does not send them
report-explain-alternative = { $kind ->
    [without] The best plan without them:
   *[pinned] The best plan with them pinned to rotate:
}
report-explain-infeasible = no plan meets every rule so
report-explain-col-figure = figure
report-explain-col-plan = this plan
report-explain-col-alternative = alternative
report-explain-needs-filled = needs filled
report-explain-distance = total km
report-explain-cvs-kept = 优质均衡 CVs kept
report-explain-margin = margin of {$rule} ({$place})
report-explain-changes = teachers whose destination would change: {$count}
report-explain-priority = priority {$stage}: {$value}

report-horizon-title = Rotation over {$years} { $years ->
    [one] school year
   *[other] school years
}, {$first} to {$last}: each year planned on the one before
report-horizon-col-year = year
report-horizon-col-as-of = as of
report-horizon-col-returns = returns
report-horizon-col-cvs-kept = CVs kept
report-horizon-col-feasible = feasible
report-horizon-feasible = { $feasible ->
    [true] yes
   *[other] no
}
report-horizon-coverage = Coverage: {$rotated} of the {$eligible} teachers eligible in some year rotate at least once ({$share}%); {$never} never do.
report-horizon-first-infeasible = First infeasible year: {$year} (nobody rotates that year; the later years are planned on):
report-principals-title = Principals: {$moves} { $moves ->
    [one] move
   *[other] moves
} in {$sequences} { $sequences ->
    [one] chain or cycle
   *[other] chains and cycles
}
report-principal-move = {$from} {$post} {$name} ({$teacher}) → {$to}
# A chain or cycle: its kind, and what goes between its moves.
report-principal-sequence = {$kind}: {$steps}
report-principal-then = ,{" "}
report-principal-chain = chain
report-principal-cycle = cycle
report-principal-stuck = overdue, not moving: {$school} {$post} {$name} ({$teacher}): {$reason}
