# The HTML report (src/report/html.rs, svg.rs; papers.md "The report"):
# every text on the page, in the chosen language only.

# The window's title and the heading: the county (the data's single
# district) and the plan year; a data set of several districts counts them.
paper-title = {$county}: teacher rotation plan report, {$year}
paper-title-districts = Teacher rotation plan report, {$year} ({ $count ->
        [one] 1 district
       *[other] {$count} districts
    })
paper-policy = Plan: {$plan} · policy: at least {$ratio} of eligible teachers rotate, at least {$backbone} of those rotating are backbone teachers, counted per {$scope} · plan year {$year} · eligibility as of {$as_of} · rotaplan {$version}
paper-scope-district = district
paper-scope-school = sending school
paper-scope-group = education group

# A rule's or a CV's verdict.
paper-pass = met
paper-fail = NOT met

# The summary's heading and cards.
paper-summary = Summary
paper-eligible-teachers = Eligible teachers
paper-required = Required to rotate
paper-rotating-teachers = Rotating teachers
paper-backbone-teachers = Backbone teachers
paper-needs-filled = Places of need filled
paper-verdict = Every rule
paper-cvs-kept = Quality-balance CVs kept
paper-rows-not-counted = Plan rows not counted

# The rules section.
paper-rules = Rules
paper-district = District
paper-school = School
paper-group = Education group
paper-eligible = Eligible
paper-rotating = Rotating
paper-backbone = Backbone
paper-backbone-required = Backbone required
paper-result = Result
paper-rules-met = The plan meets every rule.
paper-breaches = { $count ->
        [one] 1 rule not met:
       *[other] {$count} rules not met:
    }
paper-rule = Rule
paper-what = What is wrong

# The rows of the plan that break a rule, listed apart.
paper-rows = Plan rows not counted
paper-rows-intro = { $count ->
        [one] 1 row of the plan breaks a rule. It is listed here and counted nowhere else on this page: not in the summary, rules, charts, map, flows or published list.
       *[other] {$count} rows of the plan break a rule. They are listed here and counted nowhere else on this page: not in the summary, rules, charts, map, flows or published list.
    }
paper-line = Line
paper-teacher = Teacher
paper-name = Name
paper-to-school = Receiving school

# The charts, and the caption of one that shows only the lowest bars.
paper-sending = Share rotating per sending school
paper-sending-chart = rotating / eligible
paper-needs = Need filled per receiving school
paper-needs-chart = filled / need
paper-chart-cut = showing the {$shown} lowest of {$total}

# The quality-balance (优质均衡) section.
paper-balance = Quality balance
paper-balance-intro = Coefficients of variation (CV, weighted by students) per district and level, before and after the plan; limit 0.50 for primary schools, 0.45 for junior secondary schools.
paper-balance-not-computed = quality balance not computed: no school with a level has students (schools.csv `students`)
paper-level = Level
paper-level-name = { $level ->
        [primary] primary
       *[junior] junior secondary
    }
paper-indicator = Indicator
paper-schools = Schools
paper-before = Before
paper-after = After
paper-limit = Limit
paper-kept-heading = Kept
paper-kept = kept
paper-not-kept = NOT kept
paper-balance-not-kept = { $count ->
        [one] 1 CV is not kept
       *[other] {$count} CVs are not kept
    }: {$how}.
paper-balance-keep-how = to keep them, set balance = "keep" in the policy and plan again (fewer places of need will be filled)
paper-balance-goal-how = the plan was made with balance = "{$goal}": if planning proved the plan best, each is the lowest the rules allow; otherwise optimality is not proven: plan again with more computing time, which may lower them

# The map of the flows.
paper-map = Map of the flows
paper-map-caption = {$district}: { $schools ->
        [one] 1 school
       *[other] {$schools} schools
    }, { $pairs ->
        [one] 1 flow
       *[other] {$pairs} flows
    }, { $teachers ->
        [one] 1 teacher
       *[other] {$teachers} teachers
    }
paper-map-sending = sending school
paper-map-receiving = receiving school
paper-map-both = sending and receiving
paper-map-teachers = { $count ->
        [one] 1 teacher
       *[other] {$count} teachers
    }
paper-map-flow = {$from} → {$to}: {$count}
paper-map-none = No map: schools.csv gives no school of the flows a location (columns lat and lon).
paper-map-missing = Not on the map, having no location in schools.csv (lat, lon): {$schools}.

# The flows table.
paper-flows = Flows ({$count} pairs of schools)
paper-from = Sending school
paper-to = Receiving school
paper-teachers = Teachers
paper-subjects = Subjects

# The published list (公示名单) as a section: the list itself is Chinese
# in either language (papers.md "The published list").
paper-published = Published list
paper-published-intro = The list as published for objections (公示名单), grouped by receiving school; it is in Chinese whatever the language of this page.

# report --baseline (papers.md "Objections and changes").
paper-changes = Changes against the published plan
paper-changes-intro = Against {$file}: {$count} { $count ->
    [one] teacher's destination differs
   *[other] teachers' destinations differ
} (sent elsewhere, dropped or added).
paper-changes-col-teacher = Id
paper-changes-col-name = Name
paper-changes-col-before = Before
paper-changes-col-after = Now
paper-changes-col-reason = Why

# The years ahead (report --horizon).
paper-horizon = The years ahead
paper-horizon-intro = From {$file}: {$years} { $years ->
    [one] school year
   *[other] school years
}, {$first} to {$last}, each planned as plan would on the year before's result (returns, cool-downs and retirements carried over).
paper-horizon-col-year = Year
paper-horizon-col-needs = Needs filled
paper-horizon-col-returns = Returns
paper-horizon-col-cvs = CVs not kept
paper-horizon-col-feasible = Rules met
paper-horizon-first-infeasible = {$year} is the first year the rules cannot be met: nobody rotates that year.

# The principals' moves (principals.md "The plan").
paper-principals = Principals' moves (校长交流)
paper-principals-intro = {$moves} { $moves ->
    [one] move
   *[other] moves
} of principals and vice principals in {$sequences} { $sequences ->
    [one] chain or cycle
   *[other] chains and cycles
}, from the plan's rows with 职务 校长. A chain ends at a post that was vacant; in a cycle every principal takes the next one's post.
