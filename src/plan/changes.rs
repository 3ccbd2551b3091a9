//! The changes of a plan against a baseline (`plan --baseline`, papers.md
//! "Objections and changes"): each teacher whose destination differs, sent
//! elsewhere, dropped or added, is one change, with the reason the plan
//! could not keep the baseline's row. The plan itself minimises their
//! number first (`solve`'s `Changes` stage); this module only lists them.

use super::RotationPlan;
use crate::domain::DataSet;
use crate::eligibility;
use crate::model::Pin;
use crate::policy::Policy;
use crate::read::plan::PlanLine;
use serde::Serialize;

/// One teacher whose destination differs from the baseline's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The teacher's id (as the baseline wrote it for one the roster
    /// lacks).
    pub teacher: String,
    /// The teacher's name, empty for one the roster lacks.
    pub name: String,
    /// The receiving school's id in the baseline, `None` when not in it.
    pub before: Option<String>,
    /// The receiving school's id in the plan, `None` when not in it.
    pub after: Option<String>,
    /// Why: `unknown_teacher` (the roster lacks the teacher), an
    /// eligibility reason code (`exempt`, `too_few_years`, ...: the teacher
    /// may no longer rotate), `need_gone` (no need at the baseline's school
    /// the teacher may fill any more), `pinned` (teachers.csv's
    /// `assign_to` or `must_rotate` decides), or `rules` (the rules require
    /// it: a replacement for a teacher who left the list, or a move the
    /// ratios force).
    pub reason: String,
}

/// Each teacher whose receiving school in `plan` differs from the one in
/// `baseline` (the baseline's lines, their teachers settled in `data`),
/// in teacher order, the teachers the roster lacks last.
pub fn changes(
    data: &DataSet,
    policy: &Policy,
    plan: &RotationPlan,
    baseline: &[PlanLine],
) -> Vec<Change> {
    let moves: Vec<(usize, usize)> = plan
        .rotations
        .iter()
        .map(|r| (r.teacher, r.to_school))
        .collect();
    changes_of(data, policy, &moves, baseline)
}

/// `changes` for the moves (teacher, receiving school) of any plan, such
/// as a plan file `report --baseline` reads.
pub fn changes_of(
    data: &DataSet,
    policy: &Policy,
    moves: &[(usize, usize)],
    baseline: &[PlanLine],
) -> Vec<Change> {
    let before = baseline_of(data, baseline);
    let mut after: Vec<Option<usize>> = vec![None; data.teachers.len()];
    for &(t, s) in moves {
        after[t] = Some(s);
    }
    let eligibility = eligibility::assess(data, policy);
    let school_id = |s: Option<usize>| s.map(|s| data.schools[s].id.clone());
    let mut out: Vec<Change> = (0..data.teachers.len())
        .filter(|&t| before[t] != after[t])
        .map(|t| {
            let teacher = &data.teachers[t];
            let was = before[t];
            let reason = match (&eligibility[t], was) {
                (Err(why), Some(_)) => why.code().to_string(),
                _ if Pin::of(teacher) != Pin::Free => "pinned".to_string(),
                (_, Some(school)) if !may_fill_at(data, policy, t, school) => {
                    "need_gone".to_string()
                }
                _ => "rules".to_string(),
            };
            Change {
                teacher: teacher.id.clone(),
                name: teacher.name.clone(),
                before: school_id(was),
                after: school_id(after[t]),
                reason,
            }
        })
        .collect();
    for line in baseline {
        if data.teacher_by_id(&line.teacher).is_none() {
            out.push(Change {
                teacher: line.teacher.clone(),
                name: line.name.clone().unwrap_or_default(),
                before: Some(line.to_school.clone()),
                after: None,
                reason: "unknown_teacher".to_string(),
            });
        }
    }
    out
}

/// Whether school `school` has a need teacher `t` may fill (its subject,
/// a level the teacher reaches).
fn may_fill_at(data: &DataSet, policy: &Policy, t: usize, school: usize) -> bool {
    let teacher = &data.teachers[t];
    let reach = policy.level_reach(data, teacher);
    data.needs.iter().flatten().any(|n| {
        n.school == school
            && n.count > 0
            && crate::domain::key(&n.subject) == crate::domain::key(&teacher.subject)
            && reach.meets(data.need_levels(n))
    })
}

/// The baseline of `lines`: each teacher's receiving school (the first
/// row naming a known teacher and school), by teacher index, for
/// `DataSet::baseline`.
pub fn baseline_of(data: &DataSet, lines: &[PlanLine]) -> Vec<Option<usize>> {
    let mut baseline = vec![None; data.teachers.len()];
    for (t, s) in crate::read::plan::moves(data, lines) {
        baseline[t] = Some(s);
    }
    baseline
}
