# The model, the solver and the plan (src/model/, src/solve/, src/assign/, src/plan/).

# The district of a message when the data have no `district` column
# (src/model/, district_label); a named district is policy-unit-district.
plan-district-all = district (all)

# Bad input found while building the models (src/model/mod.rs; exit 2).
plan-too-many-arcs = {$district}: {$count} possible moves (sending groups x rural needs of the same subject), more than the {$most} rotaplan models in one district; split the district
plan-need-not-receiving = needs: school {$school} is not a receiving school under the policy (receivers: {$receivers}); it cannot have needs
plan-assign-to-bad = teacher {$teacher}: school {$school} {$why}; a teacher can be assigned only to a receiving school of the same district
plan-assign-to-not-receiving = is not a receiving school
plan-assign-to-other-district = is in another district

# Why a district's rules cannot be met, before the solver runs
# (src/model/feasibility.rs): after "district X: " or "school S01: ".
plan-pin-not-eligible = teacher {$teacher} is pinned (assign_to or must_rotate) but not eligible: {$code} ({$reason})
plan-pin-nowhere = pinned teacher(s) {$teachers} of {$subject} have no rural need of their subject{ $limited ->
        [yes] {" "}and teaching level ({$levels}; policy level_match)
       *[no] {""}
    } to go to{ $assigned ->
        [yes] {" "}at their assigned school
       *[no] {""}
    }
plan-pin-over-need = {$count} teachers of {$subject} ({$teachers}) are assigned to school {$school}, which needs {$need}
plan-over-max-rotation = {$share} of {$eligible} eligible teachers requires {$required} rotations, but max_rotation_ratio {$max_share} allows at most {$max}
plan-too-few-needs = {$share} requires {$required} rotations of {$eligible} eligible teachers; the needs in subjects that eligible teachers teach total {$needs}{ $unfillable ->
        [yes] , and at most {$most} of them can be filled
       *[no] {""}
    }
plan-levels-hold-back = {$message}; the teaching levels hold it back: under level_match = "{$level_match}" at most {$most} can rotate, with level_match = "any" {$any}
plan-too-few-backbone = {$share} of {$rotations} rotations requires {$required} backbone teachers; at most {$most} can rotate ({$eligible} eligible backbone teachers, fewer needs in their subjects)
plan-rule-min-unmet = {$rule} requires {$required} rotations of the teachers it counts ({$share} of {$d} {$of}); at most {$most} of them can rotate (the needs in their subjects total {$needs})
plan-rule-max-pinned = {$rule} allows at most {$most} rotations ({$share} of {$d} {$of}), but {$pinned} teachers it counts are pinned to rotate
plan-schools-together = its sending schools together require {$required} rotations ({$share} per school); the needs in subjects that eligible teachers teach allow at most {$most}
plan-schools-together-backbone = its sending schools together require {$required} backbone rotations; at most {$most} backbone teachers can rotate
plan-units-together = {$rule}: its units together require {$required} rotations of the teachers it counts; the needs in their subjects allow at most {$most}

# Found by the solver, not the pre-check (src/plan/mod.rs).
plan-infeasible-combined = each rule can be met on its own, but not all together (the rules pull against each other, or the sending schools compete for the same needs){ $within_group ->
        [yes] , and within_group keeps each school's teachers to the receiving schools of its group
       *[no] {""}
    }

# Whether a district's plan is proven optimal (src/solve/, Status):
# the plan's table and reports.
plan-status-optimal = optimal
plan-status-time-limit = stopped at its limit, not proven optimal

# An internal solver failure (src/solve/, src/plan/; exit 4): the
# district, then HiGHS's own words.
plan-highs-model-lost = HiGHS model lost
plan-highs-error = HiGHS: {$error}
plan-district-failed = {$district}: {$message}
plan-fixes-failed = {$district}: fixes: {$error}

# A plan needs needs.csv (src/plan/mod.rs; exit 2).
plan-needs-missing = plan needs needs.csv: put it in the data folder or give --needs

# What would fix an infeasible unit (src/plan/fixes.rs, Fix), one per line
# after "would fix it:" or "or:".
plan-fix-share = set {$rule} to {$percent} ({$numerator}/{$denominator}) or less strict
plan-fix-need = add {$places} place(s) of rural need: {$subjects}
plan-fix-need-subject = {$places} {$subject}
plan-fix-eligible = make {$teachers} more {$of} teacher(s) eligible (nearest: {$candidates})
plan-fix-of-backbone = backbone

# compare's scenarios (src/plan/compare.rs; exit 2).
plan-sweep-too-many = --sweep: the cross product has more than {$most} scenarios; sweep fewer keys or values
plan-sweep-expected = --sweep {$sweep}: expected KEY=V1,V2,... such as min_rotation_ratio=0.10,0.12
plan-pinned-after-years-over-places = must_rotate_after_years pins {$count} {$subject} teachers ({$teachers}), but the district has {$places} { $places ->
    [one] place
   *[other] places
} they may fill
plan-pinned-after-years-over-max = must_rotate_after_years pins {$count} { $count ->
    [one] teacher
   *[other] teachers
} ({$teachers}), more than {$rule} allows here with the other pins ({$most} at most)
plan-principal-overdue = principal {$teacher} {$name} of {$school} has {$years} years in the post (principal_max_years) and must move, but no plan moves them: no candidate may take the post, or no post they may take can be freed
