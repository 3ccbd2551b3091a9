//! Why a district's rules cannot be met, worked out before the solver runs.
//!
//! A solver only says "infeasible"; a planner needs "district 大丰: 10%
//! requires 153 rotations; the needs in subjects that eligible teachers
//! teach total 120". Within one rule scope the model separates by subject,
//! so the most rotations and the most backbone rotations possible can be
//! counted exactly:
//!
//! * per subject, at most min(need, supply) teachers move, where supply is
//!   the scope's eligible teachers of that subject (each school's share
//!   capped by the subject cap);
//! * the backbone maximum is the same with backbone supply only, and both
//!   maxima are reached at once (fill backbone first).
//!
//! So a scope is feasible exactly when its required rotations fit under
//! both maxima and its cap, and the backbone maximum covers the share of
//! the required rotations. With scope "school" the schools share the needs,
//! so passing each school's check alone is not enough; the district-wide
//! sums are checked too, and a conflict that remains is reported as such.

use super::{DistrictModel, RuleScope, district_label};
use crate::error::Infeasibility;
use crate::policy::Policy;
use std::collections::{BTreeMap, HashMap};

/// What a set of groups can achieve against the district's needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Capacity {
    /// The most rotations possible.
    pub rotations: u64,
    /// The most backbone rotations possible.
    pub backbone: u64,
    /// Needs in subjects that the groups' teachers teach.
    pub needs_in_taught_subjects: u64,
    /// Eligible backbone teachers in the groups.
    pub backbone_eligible: u64,
}

/// The capacity of `groups` (indices into `m.groups`).
pub fn capacity(m: &DistrictModel, groups: &[usize]) -> Capacity {
    let cap_of: HashMap<(usize, &str), u64> = m
        .caps
        .iter()
        .map(|c| ((c.school, c.subject.as_str()), c.cap))
        .collect();
    // Per (school, subject): (eligible, eligible backbone).
    let mut supply: BTreeMap<(&str, usize), (u64, u64)> = BTreeMap::new();
    for &g in groups {
        let group = &m.groups[g];
        let entry = supply.entry((&group.subject, group.school)).or_default();
        let n = group.teachers.len() as u64;
        entry.0 += n;
        if group.backbone {
            entry.1 += n;
        }
    }
    let mut need_of: HashMap<&str, u64> = HashMap::new();
    for need in &m.needs {
        *need_of.entry(&need.subject).or_default() += u64::from(need.count);
    }
    // Per subject: (supply, backbone supply), with school caps applied.
    let mut by_subject: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    let mut result = Capacity::default();
    for ((subject, school), (all, backbone)) in supply {
        let cap = cap_of.get(&(school, subject)).copied().unwrap_or(u64::MAX);
        let entry = by_subject.entry(subject).or_default();
        entry.0 += all.min(cap);
        entry.1 += backbone.min(cap);
        result.backbone_eligible += backbone;
    }
    for (subject, (all, backbone)) in by_subject {
        let need = need_of.get(subject).copied().unwrap_or(0);
        result.rotations += all.min(need);
        result.backbone += backbone.min(need);
        result.needs_in_taught_subjects += need;
    }
    result
}

/// Every reason the district's rules cannot be met; empty when they can
/// (exactly so with scope "district").
pub fn diagnose(m: &DistrictModel, policy: &Policy) -> Vec<Infeasibility> {
    let mut found: Vec<Infeasibility> = m
        .scopes
        .iter()
        .flat_map(|s| check_scope(m, s, policy))
        .collect();
    if found.is_empty() && m.scopes.len() > 1 {
        found.extend(check_schools_together(m, policy));
    }
    found
}

fn check_scope(m: &DistrictModel, scope: &RuleScope, policy: &Policy) -> Vec<Infeasibility> {
    let p = policy.min_rotation_ratio;
    let q = policy.min_backbone_share;
    let required = scope.min_rotations;
    let cap = capacity(m, &scope.groups);
    let mut found = Vec::new();
    let say = |rule: &str, message: String| Infeasibility {
        scope: scope.label.clone(),
        rule: rule.to_string(),
        message,
    };
    if let Some(max) = scope.max_rotations
        && max < required
    {
        found.push(say(
            "max_rotation_ratio",
            format!(
                "{p} of {} eligible teachers requires {required} rotations, but max_rotation_ratio {} allows at most {max}",
                scope.eligible,
                policy.max_rotation_ratio.map(|r| r.to_string()).unwrap_or_default()
            ),
        ));
    }
    if cap.rotations < required {
        let mut message = format!(
            "{p} requires {required} rotations of {} eligible teachers; the needs in subjects that eligible teachers teach total {}",
            scope.eligible, cap.needs_in_taught_subjects
        );
        if cap.rotations < cap.needs_in_taught_subjects {
            message += &format!(", and at most {} of them can be filled", cap.rotations);
        }
        found.push(say("rotation_ratio", message));
    }
    let backbone_required = q.ceil_of(required);
    if cap.backbone < backbone_required {
        found.push(say(
            "backbone_share",
            format!(
                "{q} of {required} rotations requires {backbone_required} backbone teachers; at most {} can rotate ({} eligible backbone teachers, fewer needs in their subjects)",
                cap.backbone, cap.backbone_eligible
            ),
        ));
    }
    found
}

/// With scope "school", the schools compete for the same needs.
fn check_schools_together(m: &DistrictModel, policy: &Policy) -> Vec<Infeasibility> {
    let all: Vec<usize> = (0..m.groups.len()).collect();
    let cap = capacity(m, &all);
    let required = m.required();
    let backbone_required: u64 = m
        .scopes
        .iter()
        .map(|s| policy.min_backbone_share.ceil_of(s.min_rotations))
        .sum();
    let say = |rule: &str, message: String| Infeasibility {
        scope: district_label(&m.district),
        rule: rule.to_string(),
        message,
    };
    let mut found = Vec::new();
    if cap.rotations < required {
        found.push(say(
            "rotation_ratio",
            format!(
                "its sending schools together require {required} rotations ({} per school); the needs in subjects that eligible teachers teach allow at most {}",
                policy.min_rotation_ratio, cap.rotations
            ),
        ));
    }
    if cap.backbone < backbone_required {
        found.push(say(
            "backbone_share",
            format!(
                "its sending schools together require {backbone_required} backbone rotations; at most {} backbone teachers can rotate",
                cap.backbone
            ),
        ));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Need};
    use crate::policy::Ratio;

    fn model(teachers: &[(&str, bool, usize)], needs: &[(&str, u32)], min: u64) -> DistrictModel {
        let mut next = 0;
        let groups: Vec<Group> = teachers
            .iter()
            .map(|&(subject, backbone, n)| {
                next += n;
                Group {
                    school: 0,
                    subject: subject.into(),
                    backbone,
                    teachers: (next - n..next).collect(),
                }
            })
            .collect();
        let eligible = next as u64;
        DistrictModel {
            district: "大丰".into(),
            scopes: vec![RuleScope {
                label: "district 大丰".into(),
                school: None,
                groups: (0..groups.len()).collect(),
                eligible,
                min_rotations: min,
                max_rotations: None,
            }],
            groups,
            needs: needs
                .iter()
                .enumerate()
                .map(|(i, &(subject, count))| Need {
                    index: i,
                    school: 1,
                    subject: subject.into(),
                    count,
                    weight: 1.0,
                })
                .collect(),
            arcs: Vec::new(),
            caps: Vec::new(),
            terms: Vec::new(),
        }
    }

    #[test]
    fn too_few_needs_is_named_with_the_numbers() {
        let m = model(
            &[("数学", false, 100), ("数学", true, 30)],
            &[("数学", 5), ("音乐", 50)],
            13,
        );
        let found = diagnose(&m, &Policy::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "rotation_ratio");
        assert!(
            found[0].message.contains("requires 13 rotations"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("total 5"), "{}", found[0].message);
    }

    #[test]
    fn too_few_backbone_teachers() {
        let m = model(
            &[("数学", false, 100), ("数学", true, 2)],
            &[("数学", 50)],
            11,
        );
        let found = diagnose(&m, &Policy::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "backbone_share");
        assert!(
            found[0].message.contains("requires 3 backbone"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn feasible_when_both_fit() {
        let m = model(
            &[("数学", false, 100), ("数学", true, 3)],
            &[("数学", 11)],
            11,
        );
        assert!(diagnose(&m, &Policy::default()).is_empty());
        let policy = Policy {
            min_backbone_share: Ratio::new(3, 10),
            ..Policy::default()
        };
        assert_eq!(diagnose(&m, &policy).len(), 1);
    }
}
