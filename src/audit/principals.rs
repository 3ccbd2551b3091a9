//! The auditor's check of principals' moves (principals.md "Audit"), with
//! its own counting: the rows of a plan with `post` = 校长 against who
//! holds which post, who may move and who must.

use super::{PlanLine, Violation};
use crate::domain::{DataSet, Levels, Post};
use crate::msg;
use crate::policy::{Policy, retirement};
use std::collections::HashMap;

/// The violations of the principals' rows `lines` under `policy` (none
/// unless `principals`): `ineligible_teacher` (reason `no_post`, or a
/// candidate reason), `cross_district`, `level_mismatch`, `not_rural`
/// (a vice principal sent to a school that does not receive),
/// `principal_double`, `principal_vacant`, `principal_overdue`.
pub fn check(data: &DataSet, policy: &Policy, lines: &[PlanLine]) -> Vec<Violation> {
    let mut found = Vec::new();
    if !policy.principals {
        return found;
    }
    let as_of = policy.as_of();
    let next_as_of = retirement::add_years(as_of, 1);
    let years = |t: usize| {
        let teacher = &data.teachers[t];
        teacher
            .post_start()
            .map(|d| retirement::completed_years(d, as_of))
            .or(teacher.post_years())
    };
    let retiring = |t: usize| {
        let teacher = &data.teachers[t];
        teacher
            .sex
            .zip(teacher.birth_date)
            .map(|(sex, birth)| retirement::retirement_date(policy.retirement, sex, birth))
            .is_some_and(|d| d <= next_as_of)
    };
    let as_candidate = super::reasons(data, policy, true);
    // Why a holder of a post may not move, first that holds; `None` when
    // the holder is a candidate.
    let why_not = |t: usize, post: Post| -> Option<String> {
        let teacher = &data.teachers[t];
        if retiring(t) {
            return Some("retiring".into());
        }
        if teacher.assign_to.is_some() || teacher.must_rotate {
            return Some("pinned".into());
        }
        if let Some(reason) = &as_candidate[t] {
            return Some(reason.code().into());
        }
        let min = match post {
            Post::Principal => policy.principal_min_years,
            Post::VicePrincipal => policy.vice_min_years,
        };
        // Unknown years: the rule is not applied (rules.md).
        years(t)
            .is_some_and(|y| y < min)
            .then(|| "too_few_post_years".into())
    };
    let mut principal_at: HashMap<usize, usize> = HashMap::new();
    for (t, teacher) in data.teachers.iter().enumerate() {
        if teacher.post() == Some(Post::Principal) {
            principal_at.insert(teacher.school, t);
        }
    }
    let mut moving: HashMap<usize, &PlanLine> = HashMap::new();
    let mut taken: HashMap<usize, &PlanLine> = HashMap::new();
    for line in lines {
        let (Some(t), Some(to)) = line.resolve(data) else {
            continue;
        };
        let teacher = &data.teachers[t];
        let Some(post) = teacher.post() else {
            found.push(reasoned(
                Violation::row(
                    "ineligible_teacher",
                    line,
                    msg!("audit-principal-no-post", teacher = &line.teacher),
                ),
                "no_post",
            ));
            continue;
        };
        if let Some(reason) = why_not(t, post) {
            found.push(reasoned(
                Violation::row(
                    "ineligible_teacher",
                    line,
                    msg!(
                        "audit-principal-not-candidate",
                        teacher = &line.teacher,
                        reason = reason.as_str()
                    ),
                ),
                &reason,
            ));
        }
        let (from, dest) = (&data.schools[teacher.school], &data.schools[to]);
        if from.district != dest.district {
            found.push(Violation::row(
                "cross_district",
                line,
                msg!(
                    "audit-principal-cross-district",
                    teacher = &line.teacher,
                    from = from.district.as_str(),
                    to = dest.district.as_str()
                ),
            ));
        }
        if !Levels::of_school(dest.level).meets(policy.level_reach(data, teacher)) {
            found.push(Violation::row(
                "level_mismatch",
                line,
                msg!(
                    "audit-principal-level",
                    teacher = &line.teacher,
                    school = dest.id.as_str()
                ),
            ));
        }
        if post == Post::VicePrincipal && !policy.is_receiving(dest) {
            found.push(Violation::row(
                "not_rural",
                line,
                msg!(
                    "audit-principal-vice-not-receiving",
                    teacher = &line.teacher,
                    school = dest.id.as_str()
                ),
            ));
        }
        if let Some(first) = taken.insert(to, line) {
            found.push(Violation::row(
                "principal_double",
                line,
                msg!(
                    "audit-principal-double",
                    school = dest.id.as_str(),
                    first = &first.teacher,
                    second = &line.teacher
                ),
            ));
        }
        moving.insert(t, line);
    }
    // A post taken while its principal (not retiring) stays: two.
    let mut by_line: Vec<(&usize, &&PlanLine)> = taken.iter().collect();
    by_line.sort_by_key(|(_, line)| line.line);
    for (&school, line) in by_line {
        if let Some(&holder) = principal_at.get(&school)
            && !retiring(holder)
            && !moving.contains_key(&holder)
        {
            found.push(Violation::row(
                "principal_double",
                line,
                msg!(
                    "audit-principal-double",
                    school = data.schools[school].id.as_str(),
                    first = data.teachers[holder].id.as_str(),
                    second = &line.teacher
                ),
            ));
        }
    }
    // A post that was filled (its principal not retiring) whose principal
    // leaves must be taken.
    let mut schools: Vec<(&usize, &usize)> = principal_at.iter().collect();
    schools.sort();
    for (&school, &t) in schools {
        if let Some(line) = moving.get(&t)
            && !taken.contains_key(&school)
        {
            found.push(Violation::row(
                "principal_vacant",
                line,
                msg!(
                    "audit-principal-vacant",
                    school = data.schools[school].id.as_str(),
                    teacher = &line.teacher
                ),
            ));
        }
    }
    // An overdue principal who does not move (a vice principal overdue
    // moves when a plan lets them, and is not bound to: solve::principals).
    for (t, teacher) in data.teachers.iter().enumerate() {
        let Some(post) = teacher.post() else { continue };
        let Some(years) = years(t) else { continue };
        if post == Post::Principal
            && years >= policy.principal_max_years
            && why_not(t, post).is_none()
            && !moving.contains_key(&t)
        {
            found.push(Violation {
                teacher: Some(teacher.id.clone()),
                school: Some(data.schools[teacher.school].id.clone()),
                ..Violation::new(
                    "principal_overdue",
                    msg!(
                        "audit-principal-overdue",
                        teacher = teacher.id.as_str(),
                        years = years,
                        max = policy.principal_max_years
                    ),
                )
            });
        }
    }
    found
}

fn reasoned(mut v: Violation, reason: &str) -> Violation {
    v.reason = Some(reason.to_string());
    v
}
