# The command line (src/cli.rs, src/cmd/, src/generate/, src/progress.rs).

## How an error is shown on stderr.
cli-error = rotaplan: {$message}

## rotaplan --help
cli-about = Plan, compare and audit the yearly teacher rotation (交流轮岗) of a county
cli-long-about =
    rotaplan reads a county's teacher roster and the rural schools' needs and plans the yearly rotation from urban and quality schools to rural schools: at least 10% of the eligible teachers rotate and at least 20% of those rotating are backbone teachers (骨干教师), while as much rural need as possible is filled and travel is kept short.

    Exit status: 0 success, 1 audit found violations, 2 bad input or invocation, 3 the policy is infeasible for these inputs, 4 an internal solver failure.

## Each command's line in the list, and its examples under its --help.
cli-plan-about = Make the rotation plan: writes plan.csv and prints a summary per district
cli-plan-after-help =
    Examples:
      rotaplan plan data/sample-county
      rotaplan plan data/sample-county --ratio 0.12 --out plan-12.csv
      rotaplan plan data/sample-county --policy examples/school.toml --format json
cli-audit-about = Check a plan (made by rotaplan or by hand) against every rule; exit 1 on violations
cli-audit-after-help =
    Examples:
      rotaplan audit data/sample-county --plan plan.csv
      rotaplan audit data/sample-county --plan 手工方案.csv --ratio 0.12 --format json

    The plan needs only the columns teacher and to_school (工号, 交流学校), or name and from_school (姓名, 原单位) instead of teacher, or id_card (身份证件号); the rest is looked up in the data set.
cli-compare-about = Plan several policy scenarios side by side, in parallel
cli-compare-after-help =
    Examples:
      rotaplan compare data/sample-county examples/twelve.toml examples/school.toml
      rotaplan compare data/sample-county --sweep min_rotation_ratio=0.10,0.12,0.14
      rotaplan compare data/sample-county --sweep min_rotation_ratio=0.1,0.12 --sweep scope=district,school --format csv
      rotaplan compare data/sample-county examples/twelve.toml --out-dir plans/

    Rows: the baseline (the defaults, or --policy), then each scenario file laid over it, then each point of the sweeps' cross product. A scenario file is a policy file with an optional `name = "..."`.
cli-indicators-about = Show the quality-balance indicators of 优质均衡 per school and their CV per district, before and after a plan
cli-indicators-after-help =
    Examples:
      rotaplan indicators data/sample-county
      rotaplan indicators data/sample-county --plan plan.csv
      rotaplan indicators data/sample-county --plan plan.csv --format json

    Per school with a level and students: backbone teachers (>= 1.0 per 100 students), sports and arts teachers (体育, 音乐, 美术; >= 0.9) and teachers above the required degree (teachers.csv column education / 学历; 小学 大专+ >= 4.2, 初中 本科+ >= 5.3). Per district and level: the students-weighted coefficient of variation (差异系数) of each, limit 0.50 小学 and 0.45 初中. With --plan, each rotating teacher counts at the receiving school.
cli-report-about = Write a self-contained HTML report of a plan: summary, rules, charts, flows, indicators
cli-report-after-help =
    Examples:
      rotaplan report data/sample-county --plan plan.csv
      rotaplan report data/sample-county --plan plan.xlsx --out 2026交流方案.html

    The page needs no network: styles and SVG charts are inline, with no script. Rules are checked by the same independent auditor as `rotaplan audit`.
cli-check-about = Say what was read from each file, what was derived and skipped, and what to look at
cli-check-after-help =
    Examples:
      rotaplan check data/sample-county
      rotaplan check data/sample-county --policy examples/policy.toml --format json

    Reads the data set as `plan` would, without planning: per file its encoding, separator or sheet, header row, the columns used (source header -> field) and ignored, rows read and skipped (title, blank, totals); ages and years derived from dates at as_of; eligible teachers and the others by reason; warnings (e.g. teachers without sex under max_age_female). Exit 0 when the data set loads, 2 on bad input.
cli-generate-about = Make a seeded synthetic data set (county, city or province size; easy or hard shape)
cli-generate-after-help =
    Examples:
      rotaplan generate --size county --seed 1 --out data/sample-county
      rotaplan generate --size city --seed 7 --out city
      rotaplan generate --size county --shape hard --seed 1 --out hard-county

## The flags every command that reads a data set takes.
cli-arg-dir = Folder with schools.csv, teachers.csv, needs.csv and optionally preferences.csv and history.csv
cli-arg-schools = schools.csv to use instead of the folder's
cli-arg-teachers = teachers.csv to use instead of the folder's
cli-arg-needs = needs.csv to use instead of the folder's
cli-arg-preferences = preferences.csv to use instead of the folder's
cli-arg-history = history.csv to use instead of the folder's
cli-arg-policy = Policy file (TOML); without it the contract's defaults apply
cli-arg-ratio = Least share of eligible teachers that rotate, e.g. 0.10 or 10%
cli-arg-backbone-share = Least share of rotating teachers that are backbone, e.g. 0.20
cli-arg-scope = Count the ratios per district, per sending school, or per education group (schools.csv group)
cli-arg-plan-year = The calendar year the rotation starts (policy key plan_year; default the year of the next 1 September: in December 2026, 2027): eligibility is measured on 31 August of it unless the policy sets as_of
cli-arg-level-match = Which teachers may fill a need of a teaching level (学段): same (the teacher teaches it; the default), qualified (their certificate covers it) or any (policy key level_match)
cli-arg-improve-indicators = After filling needs, prefer plans that lift rural schools to the backbone and sports-and-arts thresholds of 优质均衡 (policy key improve_indicators)
cli-arg-format = Report as a table, or one JSON object

## Each command's own flags.
cli-plan-arg-out = Where to write the plan: CSV, or a workbook when the name ends in .xlsx (sheets plan, summary, balance, not eligible, policy, 公示名单)
cli-plan-arg-format = Summary as a table, or one JSON object
cli-audit-arg-plan = The plan to check (CSV in UTF-8 or GBK, or a workbook: .xlsx, .xls, .ods)
cli-compare-arg-scenarios = Scenario files: policy files (TOML) with an optional `name`
cli-compare-arg-sweep = A policy key and the values to try; several --sweep flags form their cross product
cli-compare-arg-format = Aligned table (80 columns), CSV or JSON
cli-compare-arg-out-dir = Write each solved scenario's plan to DIR/<scenario>.csv, for a later audit
cli-indicators-arg-plan = A plan (CSV or a workbook; teacher and to_school) to show the indicators after
cli-report-arg-plan = The plan to report on (CSV or a workbook)
cli-report-arg-out = Where to write the page
cli-check-arg-format = Report as text, or one JSON object
cli-generate-arg-size = county (1 district, ~5,000 teachers), city (10 districts, ~60,000) or province (100 districts, ~600,000)
cli-generate-arg-shape = easy (rural need filled with margin: the bundled sample) or hard (shaped like tests/cases/hard-county: some need no plan can fill, small rural schools that filling need makes less balanced)
cli-generate-arg-seed = Seed of the random generator: the same seed gives the same files
cli-generate-arg-out = Folder to write the CSV files into
cli-generate-arg-force = Replace the data set files the folder already holds (without it, a folder with any of them is refused)
cli-generate-would-replace = {$folder} already holds {$file}: give a new folder with --out, or --force to replace its data set files

## What the commands print when done.
cli-plan-written = {$file}: {$count} { $count ->
    [one] rotation
   *[other] rotations
}{ $principals ->
    [0] {""}
    [one] {" "}and {$principals} principal move
   *[other] {" "}and {$principals} principal moves
} written{ $replaced ->
    [true] , replacing the file that was there
   *[false] {""}
}
cli-plan-failed-audit = the plan failed the independent audit ({$count} violations; first: {$rule}: {$message})
cli-report-written = {$file}: report on {$count} rotations written ({$verdict})
cli-report-meets-rules = the plan meets every rule
cli-report-breaks-rules = the plan breaks rules: see the page
cli-generate-written = {$folder}: {$districts} districts, {$schools} schools, {$teachers} teachers, {$needs} needs ({$places} places)
cli-standard-output = standard output

## generate's values.
cli-compare-same-file = scenarios "{$first}" and "{$second}" would both write {$file} in --out-dir: give one of them another `name`
cli-generate-unknown-size = unknown data set size '{$size}': expected one of county, city, province
cli-generate-unknown-shape = unknown data set shape '{$shape}': expected one of easy, hard

## The progress bar's steps.
cli-progress-districts = districts
cli-progress-scenarios = scenarios
cli-arg-lang = The language of every text: zh (Chinese) or en (English). Without it, ROTAPLAN_LANG, else the system's language (zh* is Chinese), else English
cli-arg-bom = Start CSV files with a UTF-8 byte-order mark, so that Excel and WPS open Chinese text as written (true, the default), or not (false)
cli-heading-usage = Usage:
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-heading-commands = Commands
cli-arg-help = Print help
cli-arg-version = Print version

## rotaplan publish (papers.md "The published list").
cli-publish-about = Write the published list (公示名单) of a plan as xlsx, csv or html; a plan that breaks a rule is refused (exit 1)
cli-publish-after-help =
    Examples:
      rotaplan publish data/sample-county --plan plan.csv --out 公示名单.xlsx
      rotaplan publish data/sample-county --plan plan.csv --out 公示名单.html --by from --note "公示期：5个工作日。联系电话：0000-0000000"
      rotaplan publish data/sample-county --plan plan.csv --out list.csv --with-id

    One row per rotating teacher: 序号, 姓名, 性别, 原单位, 交流学校, 学段, 学科, 骨干教师, 交流期限, under the title "{"{"}county{"}"}{"{"}plan_year{"}"}年义务教育学校教师交流轮岗名单（公示）". The list is in Chinese whatever the language. No ID number is ever shown, and 工号 only with --with-id. The plan is audited first: if it breaks a rule, the violations are printed and nothing is written.
cli-publish-arg-plan = The plan to publish (plan.csv, plan.xlsx or a hand-made plan, as audit reads it)
cli-publish-arg-out = Where to write the list: a file ending in .xlsx, .csv or .html
cli-publish-arg-by = Group the rows by receiving school (to) or by sending school (from)
cli-publish-arg-with-id = Add a 工号 column
cli-publish-arg-title = The whole title line, instead of the county, year and 交流轮岗名单（公示）
cli-publish-arg-note = A closing line below the list (the objection period and whom to contact)
cli-publish-extension = {$file}: the list is written as .xlsx, .csv or .html; name the file with one of these endings
cli-publish-refused = {$file}: not written: the plan breaks { $count ->
    [one] a rule
   *[other] rules ({$count} violations)
}; correct the plan, then publish it
cli-publish-written = {$file}: published list of {$count} { $count ->
    [one] teacher
   *[other] teachers
}{ $principals ->
    [0] {""}
    [one] {" "}and {$principals} principal move (校长交流)
   *[other] {" "}and {$principals} principal moves (校长交流)
} written
cli-plan-arg-baseline = A published plan to change as little as the rules allow (after objections): the fewest changed rows first, then the usual objectives; the changes are listed with their reasons
cli-explain-about = Why one teacher rotates or not, and what the plan would give up if that changed
cli-explain-after-help =
    Examples:
      rotaplan explain data/sample-county --plan plan.csv --teacher T0000002
      rotaplan explain data/sample-county --plan plan.csv --teacher T0000010 --format json

    Lists every eligibility reason that holds (not only the first), where the plan sends the teacher, and the best plan without them (when they rotate) or with them pinned to rotate (when eligible and staying), beside the plan: needs filled, total km, each rule's margin, the 优质均衡 CVs kept, and the teachers whose destination would change.
cli-explain-arg-plan = The plan (plan.csv, plan.xlsx or a hand-made plan, as audit reads it)
cli-explain-arg-teacher = The teacher's id (工号)
cli-report-arg-baseline = The published plan this one replaces (after objections): the page lists each teacher whose destination differs, and why

## Command-line errors (clap's own words are used under en; these are the
## catalogue's rendering of the same errors, shown under zh).
cli-parse-unknown-argument = unexpected argument `{$argument}`{ $suggests ->
    [no] {""}
   *[yes] ; did you mean `{$suggested}`?
}; `rotaplan --help` lists the commands and `rotaplan COMMAND --help` their flags
cli-parse-unknown-command = no command `{$command}`{ $suggests ->
    [no] {""}
   *[yes] ; did you mean `{$suggested}`?
}; `rotaplan --help` lists the commands
cli-parse-invalid-value = invalid value `{$value}` for `{$argument}`{ $lists ->
    [no] {""}
   *[yes] : the values allowed are {$allowed}
}
cli-parse-missing-argument = missing: {$arguments}; `--help` shows how to run the command
cli-parse-missing-command = no command given; `rotaplan --help` lists the commands
cli-parse-value-missing = `{$argument}` needs a value
cli-parse-conflict = `{$argument}` cannot be used with `{$other}`

## The hints after a flag's help: the values it takes and its default.
cli-hint-values = [possible values: {$values}]
cli-hint-default = [default: {$value}]

cli-horizon-about = Plan the years ahead: each school year in turn, as plan would, with returns, cool-downs and retirements carried over
cli-horizon-after-help =
    Examples:
      rotaplan horizon data/sample-county --years 5 --plan-year 2026
      rotaplan horizon data/sample-county --years 5 --plan-year 2026 --out-dir horizon
      rotaplan horizon data/sample-county --years 3 --policy examples/programme.toml --format json

    Each year is planned exactly as plan plans it on that year's data: ages and years at the school a year more, teachers past retirement left out, the earlier years' plans as history (terms, returns, transfers, cool-downs). With --out-dir, the folder gets plan-Y.csv and data-Y/ (schools, teachers, needs, history, policy.toml) for each year and horizon.csv; `rotaplan plan DIR/data-Y --policy DIR/data-Y/policy.toml` gives plan-Y.csv again. Exit 3 when a year is infeasible (it rotates nobody; the later years are planned on).
cli-horizon-arg-years = How many school years to plan, from the plan year on (1 to 10)
cli-horizon-arg-out-dir = Folder for each year's plan-Y.csv and data-Y/ folder, and horizon.csv (created when missing; also --out)
cli-horizon-arg-force = Replace the files of an earlier horizon the folder holds, and remove those of years this one does not plan (without it, a folder with any of them is refused)
cli-horizon-arg-format = table (one row per year, and the coverage) or json
cli-horizon-not-a-folder = {$path} is not a folder: give a folder (or a new name) with --out-dir
cli-horizon-would-replace = {$folder} already holds {$file}: give a new folder with --out-dir, or --force to replace an earlier horizon's files
cli-horizon-written = {$folder}: {$years} { $years ->
    [one] year
   *[other] years
} written (plan-Y.csv and data-Y/ each, horizon.csv)
cli-report-arg-horizon = A horizon.csv (rotaplan horizon --out-dir): the page shows the years ahead, one row per year
cli-horizon-in-the-way = {$path} is in the way: horizon writes a { $kind ->
    [folder] file
   *[other] folder
} there; move it, or give another folder with --out-dir
