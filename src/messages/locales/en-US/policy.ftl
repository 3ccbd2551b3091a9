# The policy, its rules and eligibility (src/policy/, src/eligibility/).

# A ratio's value in policy.toml or a flag (src/policy/mod.rs, Ratio):
# $found is the value as written, quoted.
policy-ratio-not-decimal = expected a decimal ratio such as 0.10 or 10%, found {$found}
policy-max-ratio-expected = expected a decimal ratio such as 0.10 or 10%, or "required", found `{$found}`
policy-ratio-out-of-range = expected a ratio from 0 to 1, found {$found}

# A policy key's value (src/policy/mod.rs): shown after "key `name`: ".
policy-date-expected = expected a date such as 2027-08-31, found `{$found}`
policy-cooldown-expected = expected whole years or "ever", found `{$found}`
policy-retirement-expected = expected "statutory" or {"{"} male = 60, female = 55 {"}"}, found `{$found}`
policy-backbone-level-expected = expected school, county, city, province or national, found `{$found}`
policy-receivers-expected = expected "rural" or "weak", found `{$found}`
policy-receivers-need-rural = rural schools always receive: the list must hold "rural"
policy-balance-expected = expected "report", "keep" or "improve", found `{$found}`
policy-level-match-expected = expected "same", "qualified" or "any", found `{$found}`
policy-town-area-expected = expected "rural" or "urban", found `{$found}`
policy-seconds-expected = expected seconds >= {$min}, found {$found}
policy-nodes-expected = expected a whole number of nodes of at least 1, found {$found}

# The TOML parser's own message (its English), with its type
# names said in the planner's words.
policy-parser-says = {$message}
policy-full-width-sign = `{$sign}` is a full-width sign, typed with a Chinese input method: write `{$plain}` (half-width) instead
policy-percent-unquoted = `{$value}` needs quotes: write {$key} = "{$value}" or {$key} = {$share}
policy-word-unquoted = the word `{$value}` needs quotes: write {$key} = "{$value}"
policy-type-number = expected a number
policy-type-whole-number = expected a whole number

# Where a policy comes from when there is no file (an error's place).
policy-source-command-line = the command line

# A conflict involving a value given by --ratio.
policy-from-ratio-flag = {$message} (min_rotation_ratio from --ratio {$ratio})

# A bad flag value: the flag, then what is wrong.
policy-flag-error = {$flag}: {$message}

# Rules between keys (src/policy/mod.rs, checked after every layer).
policy-max-below-min = {$key} {$max} is below min_rotation_ratio {$min}
policy-rule-builtin-name = the name of a built-in rule; choose another
policy-rule-name-twice = the name is used twice

# A [[rules]] entry (src/policy/rules.rs): the rule's name, then what is wrong.
policy-rule-named = rule `{$name}`: {$message}
policy-rule-needs-name = rules entry {$entry}: a rule needs a `name`
policy-rule-bound-expected = expected bound "min" or "max", found `{$found}`
policy-rule-needs-bound = a rule needs `bound` ("min" or "max")
policy-rule-needs-share = a rule needs `share`
policy-rule-of-expected = expected of "eligible", "rotating" or "staff", found `{$found}`
policy-rule-needs-of = a rule needs `of` ("eligible", "rotating" or "staff")
policy-rule-empty-filters = an empty list of filters matches no one; leave the key out to count everyone
policy-scope-expected = expected scope "district", "school" or "group", found {$found}
policy-sex-expected = expected sex "male" or "female", found `{$found}`
policy-title-expected = expected a title (正高级, 高级, 一级, 二级, 三级, 未定级), found {$found}
policy-level-expected = expected a level (primary, junior, nine-year; 小学, 初中, 九年一贯制), found `{$found}`

# A rule in a planner's words (reports, infeasibility messages):
# `rotation_ratio (>= 10% of eligible)`; $of is one of policy-of-*.
policy-rule-describe = {$name} ({$sign} {$share} of {$of})
policy-of-eligible = eligible
policy-of-rotating = rotating
policy-of-staff = staff

# Where a rule is counted (src/policy/rules.rs, Unit), and a district's
# name wherever a district is the scope of a message.
policy-unit-data-set = the data set
policy-unit-district = district {$district}
policy-unit-school = school {$school}
policy-unit-group = group {$group}
policy-unit-group-in-district = group {$group} (district {$district})
policy-unit-subject = , subject {$subject}

# Why a teacher is not eligible (src/eligibility/, Ineligible): reports,
# audit's ineligible_teacher violations.
elig-not-sending-school = not at a sending school (only urban and quality schools send)
elig-explicit-override = marked not eligible in the `eligible` column
elig-away = already away on rotation ({$detail})
elig-away-status = status {$code} {$name}
elig-away-history = history: a stint until school year {$end}
elig-status = not at post: status {$code} {$detail}
elig-status-word = not at post: {$detail}
elig-not-established = not on the establishment (编外)
elig-exempt = exempt: {$because}
elig-too-few-years = too few years at the school ({$years} < {$min})
elig-over-age = over age ({$age} > {$max})
elig-near-retirement = retires on {$retires}, within {$min} years
elig-cool-down = cool-down: rotated in {$year}

# A date in teachers.csv after as_of (src/eligibility/, check_dates).
elig-date-after-as-of = teacher {$teacher}: {$column} {$date} is after as_of {$as_of} (plan_year {$plan_year}); expected a date in the past

# plan_year in the policy file (fit.md "The plan year").
policy-plan-year-range = expected a year from 1900 to 9999, found {$found}

# A policy key whose rule finds no value (fit.md "A rule never switches off
# in silence"), after "policy.toml line 3: key `min_years_at_school`: ".
# Warnings of every command about a data set under a policy
# (src/eligibility/warnings.rs, fit.md "A rule never switches off in
# silence").
elig-min-years-not-checked = min_years_at_school applies by default ({$years} years), but no teacher at a sending school has years at the school or an entry date in {$file}: no one is held back by it (set min_years_at_school = 0 in the policy to say so, or add years_at_school or school_entry)
elig-students-missing = {$file}: {$count ->
        [one] 1 school has
       *[other] {$count} schools have
    } no students ({$schools}): left out of the quality balance
elig-need-subject-closest = {$file}: the need of {$school} for {$subject}: no teacher of district {$district} teaches {$subject}; did you mean {$closest}?
elig-need-subject-untaught = {$file}: the need of {$school} for {$subject}: no teacher of district {$district} teaches {$subject}
# The policy's key whose rule reads a column no teacher has.
elig-rule-without-column = the rule reads {$columns}, and no teacher at a sending school has a value there in {$file}, so it would apply to no one; {$unread}
elig-headers-unread = headers of it not read: {$headers} (name the column as rosters.md says, or remove the key)
elig-no-header-unread = every header of it was read: the column is missing or empty at every sending school (fill it in or add it, or remove the key)
policy-term-expected = expected whole school years (1 or more) or "transfer", found `{$found}`
elig-refill-not-added = teacher {$teacher} returns this year, but no place is added for them (refill_returns): { $named ->
    [no] their history row names no school
   *[yes] school {$school} receives no teachers under the policy
}
elig-transfer-on-roster = teacher {$teacher} was transferred to {$to} in {$year}, but teachers.csv has them at {$school}: the roster is used
policy-priority-unknown = unknown stage `{$stage}`: the stages are volunteer, never_rotated, years_at_school, points, or a filter such as {"{"} column = "NAME", values = ["..."] {"}"}
policy-priority-needs-column = stage `{$stage}` needs the column `{$column}`, which teachers.csv does not have
policy-principal-years = principal_min_years ({$min}) is above principal_max_years ({$max}): a principal could have to move before being allowed to
elig-principal = holds the post of {$post}, planned apart from the teachers
