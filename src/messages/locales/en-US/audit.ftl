# The independent audit (src/audit/).

# A plan row that breaks a rule: the violations' `message`, shown in
# `rotaplan audit`'s table, its JSON and the report page.
audit-duplicate-teacher = teacher {$teacher} is listed again (first on line {$first})
audit-unknown-teacher = teacher {$teacher} is not in {$file}
audit-unknown-teacher-candidates = teacher {$teacher} is not in {$file}; without leading zeros it could be any of {$candidates}: write the 工号 as the roster has it, zeros included (format the column as text)
audit-unknown-school = school {$school} is not in {$file}
# A row's own words against the data set (fit.md "Conflicts are shown").
audit-name-mismatch = the row names teacher {$teacher} `{$name}`, and {$file} names {$teacher} `{$known}`; the row is not counted
audit-school-mismatch = the row's to_school_name `{$named}` is school {$other}, not its to_school {$school} ({$known}); the row is not counted (teacher {$teacher})
audit-school-mismatch-many = the row's to_school_name `{$named}` is the name of several schools, not of its to_school {$school} ({$known}); the row is not counted (teacher {$teacher})
audit-school-mismatch-unknown = the row's to_school_name `{$named}` is no school of {$file}, and its to_school is {$school} ({$known}); the row is not counted (teacher {$teacher})
audit-ineligible = teacher {$teacher} may not rotate: {$reason}
audit-not-receiving-quality = school {$school} is a quality school, not a receiving school
audit-not-receiving-weak = school {$school} is a weak school, and the policy's receivers do not include "weak", not a receiving school
audit-not-receiving-urban = school {$school} is urban, not a receiving school
audit-cross-district = teacher {$teacher} works in district {$from_district} but school {$school} is in district {$to_district}
audit-outside-group = teacher {$teacher}'s school {$from} is in {$from_group} but school {$to} is in {$to_group} (within_group)
audit-pin-elsewhere = teacher {$teacher} is assigned to school {$pinned} (assign_to), not {$school}
audit-no-need = school {$school} has no need in {$subject}
audit-level-mismatch = teacher {$teacher} { $qualified ->
        [yes] is qualified for
       *[no] teaches
    } {$teacher_levels}, but the place at school {$school} is for {$need_levels} (policy level_match)
audit-over-need = school {$school} needs {$need} in {$subject}; this is teacher number {$count} sent there

# A pinned teacher the plan does not list.
audit-missing-assigned = teacher {$teacher} is assigned to school {$school} but missing from the plan
audit-missing-must-rotate = teacher {$teacher} is marked must_rotate but missing from the plan

# A unit that fails its rule: the place, what is counted, and the counts.
audit-no-group = no group
audit-place-subject = {$place}, {$subject}
audit-counts-backbone = rotating teachers are backbone
audit-counts-rotation = eligible teachers rotate
audit-counts-eligible = eligible teachers it counts rotate
audit-counts-rotating = rotating teachers it counts match
audit-counts-staff = teachers on the roster it counts rotate
audit-unit-short = {$place}: {$n} of {$d} {$counts}; {$rule} requires {$required} ({$share}), {$short} short
audit-unit-excess = {$place}: {$n} of {$d} {$counts}; {$rule} allows at most {$limit} ({$share}), {$excess} too many
audit-principal-no-post = {$teacher} holds no post (职务 校长 or 副校长) but has a 校长 row
audit-principal-not-candidate = principal {$teacher} may not move: {$reason}
audit-principal-cross-district = principal {$teacher} moves from district {$from} to {$to}: moves never leave a district
audit-principal-level = principal {$teacher} sent to {$school}, a school of a level they do not teach
audit-principal-vice-not-receiving = vice principal {$teacher} sent to {$school}: not a receiving school
audit-principal-double = school {$school} is given two principals: {$first} and {$second}
audit-principal-vacant = principal {$teacher} leaves {$school} and nobody takes the post
audit-principal-overdue = principal {$teacher} has {$years} years in the post (principal_max_years {$max}) and does not move
