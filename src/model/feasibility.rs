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

use super::{DistrictModel, Pin, RuleUnit, district_label};
use crate::domain::{DataSet, Levels};
use crate::error::Infeasibility;
use crate::messages::Message;
use crate::msg;
use crate::policy::rules::{Bound, Builtin};
use crate::policy::{Policy, Scope};
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

/// The capacity of `groups` (indices into `m.groups`): per subject, the
/// most teachers that can move to its needs (`most_moved`), each school's
/// supply of a subject capped by `max_subject_share`.
pub fn capacity(m: &DistrictModel, groups: &[usize]) -> Capacity {
    capacity_with(m, groups, true)
}

/// `capacity`, with the teaching levels (`levels`) or as if every teacher
/// could fill a need of any level (`level_match = "any"`).
fn capacity_with(m: &DistrictModel, groups: &[usize], levels: bool) -> Capacity {
    let mut cap_of: HashMap<(usize, &str), u64> = HashMap::new();
    for unit in m.units_of(Builtin::MaxSubjectShare) {
        for &g in &unit.numerator {
            let group = &m.groups[g];
            cap_of.insert((group.school, &group.subject), unit.limit.unwrap_or(0));
        }
    }
    // Per subject and school: eligible and eligible backbone teachers by
    // the need levels they reach.
    let mut supply: BTreeMap<&str, BTreeMap<usize, Supply>> = BTreeMap::new();
    let mut result = Capacity::default();
    for &g in groups {
        let group = &m.groups[g];
        let entry = supply
            .entry(&group.subject)
            .or_default()
            .entry(group.school)
            .or_insert_with(|| Supply {
                cap: cap_of
                    .get(&(group.school, group.subject.as_str()))
                    .copied()
                    .unwrap_or(u64::MAX),
                ..Supply::default()
            });
        let n = group.teachers.len() as u64;
        let reach = if levels {
            group.reach.index()
        } else {
            Levels::BOTH.index()
        };
        entry.all[reach] += n;
        if group.backbone {
            entry.backbone[reach] += n;
            result.backbone_eligible += n;
        }
    }
    let mut need_of: HashMap<&str, [u64; 4]> = HashMap::new();
    for need in &m.needs {
        need_of.entry(&need.subject).or_default()[need.levels.index()] += u64::from(need.count);
    }
    for (subject, schools) in supply {
        let need = need_of.get(subject).copied().unwrap_or_default();
        let all: Vec<(u64, [u64; 4])> = schools.values().map(|s| (s.cap, s.all)).collect();
        let backbone: Vec<(u64, [u64; 4])> =
            schools.values().map(|s| (s.cap, s.backbone)).collect();
        result.rotations += most_moved(&all, need);
        result.backbone += most_moved(&backbone, need);
        result.needs_in_taught_subjects += need.iter().sum::<u64>();
    }
    result
}

/// One school's eligible teachers of one subject, by the need levels they
/// reach (`Levels::index`), and its cap.
#[derive(Debug, Clone, Copy, Default)]
struct Supply {
    cap: u64,
    all: [u64; 4],
    backbone: [u64; 4],
}

/// The most teachers of one subject that can move: schools given as (cap,
/// teachers by the levels they reach), needs by the levels they take
/// (indexed by `Levels::index`). This is a maximum flow (source, school
/// with its cap, the school's teachers of a reach, the needs of a level,
/// sink), so it equals the least cut: for every set T of need levels cut
/// at the sink, their needs, plus for each school the least of its cap and
/// its teachers who reach a need level outside T.
pub(crate) fn most_moved(schools: &[(u64, [u64; 4])], need: [u64; 4]) -> u64 {
    (0..8u8)
        .map(|cut| {
            // Need levels 1..=3 (primary, junior, either); bit k-1 cuts k.
            let kept: Vec<Levels> = (1..4)
                .filter(|k| cut & (1 << (k - 1)) == 0)
                .map(Levels::from_index)
                .collect();
            let at_sink: u64 = (1..4)
                .filter(|k| cut & (1 << (k - 1)) != 0)
                .map(|k| need[k])
                .sum();
            let at_schools: u64 = schools
                .iter()
                .map(|(cap, by_reach)| {
                    let reaching: u64 = (0..4)
                        .filter(|&r| kept.iter().any(|k| Levels::from_index(r).meets(*k)))
                        .map(|r| by_reach[r])
                        .sum();
                    reaching.min(*cap)
                })
                .sum();
            at_sink.saturating_add(at_schools)
        })
        .min()
        .unwrap_or(0)
}

/// The groups counted in the numerator of any of `units`, each once.
pub fn numerators(units: &[&RuleUnit]) -> Vec<usize> {
    let mut groups: Vec<usize> = units
        .iter()
        .flat_map(|u| u.numerator.iter().copied())
        .collect();
    groups.sort_unstable();
    groups.dedup();
    groups
}

/// Every reason the district's rules cannot be met that can be seen
/// without the solver: pins that cannot be honoured, then each unit of
/// each rule on its own; empty when none is found (exact for the built-in
/// rules with scope "district"; a conflict only the data reveal is left
/// to the solver).
pub fn diagnose(data: &DataSet, m: &DistrictModel, policy: &Policy) -> Vec<Infeasibility> {
    let mut found = pins(data, m);
    found.extend(m.units.iter().flat_map(|u| check_unit(m, u, policy)));
    found.extend(
        m.units
            .iter()
            .filter_map(|u| pinned_after_years_over_max(data, m, u)),
    );
    let per_unit = m.rules.iter().any(|r| r.scope != Scope::District);
    if found.is_empty() && per_unit {
        found.extend(check_schools_together(m, policy));
    }
    found
}

/// Pins that cannot be honoured: a pinned teacher who is not eligible, a
/// pinned group with nowhere to go, more pins on a school and subject than
/// its need.
fn pins(data: &DataSet, m: &DistrictModel) -> Vec<Infeasibility> {
    let say = |message: Message| {
        Infeasibility::new(district_label(&m.district).to_string(), "pin", message)
    };
    let mut found: Vec<Infeasibility> = m
        .ineligible_pins
        .iter()
        .map(|(t, reason)| {
            say(msg!(
                "plan-pin-not-eligible",
                teacher = &data.teachers[*t].id,
                code = reason.code(),
                reason = reason.message()
            ))
        })
        .collect();
    let mut pinned_to: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (g, group) in m.groups.iter().enumerate() {
        if let Pin::AssignTo(school) = group.pin {
            pinned_to
                .entry((school, &group.subject))
                .or_default()
                .extend(&group.teachers);
        }
        if group.pin != Pin::Free && !m.arcs.iter().any(|a| a.group == g) {
            found.push(say(msg!(
                "plan-pin-nowhere",
                teachers = ids(data, &group.teachers),
                subject = &group.subject,
                levels = group.reach.key(),
                limited = if group.reach == Levels::BOTH {
                    "no"
                } else {
                    "yes"
                },
                assigned = match group.pin {
                    Pin::AssignTo(_) => "yes",
                    _ => "no",
                }
            )));
        }
    }
    // `must_rotate_after_years` (programme.md "Must rotate"): more pinned
    // teachers of a subject and level than the district's places there,
    // after the assign_to pins.
    let mut by_years: BTreeMap<(&str, Levels), Vec<usize>> = BTreeMap::new();
    for group in m.groups.iter().filter(|g| g.pin == Pin::MustRotate) {
        let pinned: Vec<usize> = group
            .teachers
            .iter()
            .copied()
            .filter(|&t| data.teachers[t].pinned_after_years())
            .collect();
        if !pinned.is_empty() {
            by_years
                .entry((&group.subject, group.reach))
                .or_default()
                .extend(pinned);
        }
    }
    for ((subject, reach), mut pinned) in by_years {
        pinned.sort_unstable();
        let places: u64 = m
            .needs
            .iter()
            .filter(|n| n.subject == subject && reach.meets(n.levels))
            .map(|n| u64::from(n.count))
            .sum();
        let assigned = pinned_to
            .iter()
            .filter(|((_, s), _)| *s == subject)
            .map(|(_, ts)| ts.len() as u64)
            .sum::<u64>();
        let free = places.saturating_sub(assigned);
        if pinned.len() as u64 > free {
            found.push(Infeasibility::new(
                district_label(&m.district).to_string(),
                "must_rotate_after_years",
                msg!(
                    "plan-pinned-after-years-over-places",
                    count = pinned.len(),
                    subject = subject,
                    teachers = ids(data, &pinned),
                    places = free
                ),
            ));
        }
    }
    for ((school, subject), pinned) in pinned_to {
        let need: u64 = m
            .needs
            .iter()
            .filter(|n| n.school == school && n.subject == subject)
            .map(|n| u64::from(n.count))
            .sum();
        if pinned.len() as u64 > need && need > 0 {
            found.push(say(msg!(
                "plan-pin-over-need",
                count = pinned.len(),
                subject = subject,
                teachers = ids(data, &pinned),
                school = &data.schools[school].id,
                need = need
            )));
        }
    }
    found
}

/// A max rule whose unit has more pinned teachers than it allows, some of
/// them pinned by `must_rotate_after_years` (programme.md "Must rotate"):
/// said apart, naming those teachers and the rule they break.
fn pinned_after_years_over_max(
    data: &DataSet,
    m: &DistrictModel,
    unit: &RuleUnit,
) -> Option<Infeasibility> {
    let rule = m.rule(unit);
    let most = unit
        .limit
        .filter(|_| rule.bound == crate::policy::rules::Bound::Max)?;
    let pinned: Vec<usize> = unit
        .numerator
        .iter()
        .filter(|&&g| m.groups[g].pin != Pin::Free)
        .flat_map(|&g| m.groups[g].teachers.iter().copied())
        .collect();
    let mut by_years: Vec<usize> = pinned
        .iter()
        .copied()
        .filter(|&t| data.teachers[t].pinned_after_years())
        .collect();
    if pinned.len() as u64 <= most || by_years.is_empty() {
        return None;
    }
    by_years.sort_unstable();
    Some(Infeasibility::new(
        unit.unit.to_string(),
        "must_rotate_after_years",
        msg!(
            "plan-pinned-after-years-over-max",
            count = by_years.len(),
            teachers = ids(data, &by_years),
            rule = rule.name.as_str(),
            most = most
        ),
    ))
}

/// Teacher ids for a message, the first ten.
fn ids(data: &DataSet, teachers: &[usize]) -> String {
    let mut shown: Vec<&str> = teachers
        .iter()
        .take(10)
        .map(|&t| data.teachers[t].id.as_str())
        .collect();
    if teachers.len() > 10 {
        shown.push("...");
    }
    shown.join(", ")
}

fn check_unit(m: &DistrictModel, unit: &RuleUnit, policy: &Policy) -> Vec<Infeasibility> {
    let rule = m.rule(unit);
    let say =
        |rule: &str, message: Message| Infeasibility::new(unit.unit.to_string(), rule, message);
    let mut found = Vec::new();
    let pinned: u64 = unit
        .numerator
        .iter()
        .filter(|&&g| m.groups[g].pin != Pin::Free)
        .map(|&g| m.groups[g].teachers.len() as u64)
        .sum();
    match (rule.builtin, rule.bound, unit.limit) {
        (Some(Builtin::RotationRatio), _, Some(required)) => {
            let p = rule.share;
            let cap = capacity(m, &unit.numerator);
            if let Some(max) = m
                .units_of(Builtin::MaxRotationRatio)
                .find(|u| u.unit == unit.unit)
                .and_then(|u| u.limit)
                && max < required
            {
                found.push(say(
                    "max_rotation_ratio",
                    msg!(
                        "plan-over-max-rotation",
                        share = p.to_string(),
                        eligible = unit.d,
                        required = required,
                        max_share = policy
                            .max_rotation_ratio
                            .map(|r| r.to_string())
                            .unwrap_or_default(),
                        max = max
                    ),
                ));
            }
            if cap.rotations < required {
                let mut message = msg!(
                    "plan-too-few-needs",
                    share = p.to_string(),
                    required = required,
                    eligible = unit.d,
                    needs = cap.needs_in_taught_subjects,
                    unfillable = if cap.rotations < cap.needs_in_taught_subjects {
                        "yes"
                    } else {
                        "no"
                    },
                    most = cap.rotations
                );
                // When the teaching levels are what holds the plan back,
                // say so (fit.md "Teaching level").
                let any_level = capacity_with(m, &unit.numerator, false).rotations;
                if any_level > cap.rotations {
                    message = msg!(
                        "plan-levels-hold-back",
                        message = message,
                        level_match = policy.level_match.name(),
                        most = cap.rotations,
                        any = any_level
                    );
                }
                found.push(say(rule.name.as_str(), message));
            }
        }
        (Some(Builtin::BackboneShare), Bound::Min, None) => {
            let q = rule.share;
            let required = m.required_rotations(unit);
            let backbone_required = q.ceil_of(required);
            let cap = capacity(m, &unit.numerator);
            if cap.backbone < backbone_required {
                found.push(say(
                    rule.name.as_str(),
                    msg!(
                        "plan-too-few-backbone",
                        share = q.to_string(),
                        rotations = required,
                        required = backbone_required,
                        most = cap.backbone,
                        eligible = cap.backbone_eligible
                    ),
                ));
            }
        }
        (_, Bound::Min, Some(required)) => {
            let cap = capacity(m, &unit.numerator);
            if cap.rotations < required {
                found.push(say(
                    rule.name.as_str(),
                    msg!(
                        "plan-rule-min-unmet",
                        rule = rule.describe(),
                        required = required,
                        share = rule.share.to_string(),
                        d = unit.d,
                        of = rule.of.word(),
                        most = cap.rotations,
                        needs = cap.needs_in_taught_subjects
                    ),
                ));
            }
        }
        (_, Bound::Max, Some(most)) if pinned > most => {
            found.push(say(
                rule.name.as_str(),
                msg!(
                    "plan-rule-max-pinned",
                    rule = rule.describe(),
                    most = most,
                    share = rule.share.to_string(),
                    d = unit.d,
                    of = rule.of.word(),
                    pinned = pinned
                ),
            ));
        }
        _ => {}
    }
    found
}

/// With scope "school" (or "group"), the units compete for the same needs.
fn check_schools_together(m: &DistrictModel, policy: &Policy) -> Vec<Infeasibility> {
    let all: Vec<usize> = (0..m.groups.len()).collect();
    let cap = capacity(m, &all);
    let required = m.required();
    let backbone_required: u64 = m
        .units_of(Builtin::RotationRatio)
        .map(|u| policy.min_backbone_share.ceil_of(u.limit.unwrap_or(0)))
        .sum();
    let say = |rule: &str, message: Message| {
        Infeasibility::new(district_label(&m.district).to_string(), rule, message)
    };
    let mut found = Vec::new();
    if cap.rotations < required {
        found.push(say(
            "rotation_ratio",
            msg!(
                "plan-schools-together",
                required = required,
                share = policy.min_rotation_ratio.to_string(),
                most = cap.rotations
            ),
        ));
    }
    if cap.backbone < backbone_required {
        found.push(say(
            "backbone_share",
            msg!(
                "plan-schools-together-backbone",
                required = backbone_required,
                most = cap.backbone
            ),
        ));
    }
    // Every other min rule counted per school or group: its units compete
    // for the same needs too.
    for (r, rule) in m.rules.iter().enumerate() {
        if rule.builtin.is_some() || rule.bound != Bound::Min || rule.scope == Scope::District {
            continue;
        }
        let units: Vec<&RuleUnit> = m.units.iter().filter(|u| u.rule == r).collect();
        let required: u64 = units.iter().filter_map(|u| u.limit).sum();
        let cap = capacity(m, &numerators(&units));
        if units.iter().all(|u| u.limit.is_some()) && cap.rotations < required {
            found.push(say(
                &rule.name,
                msg!(
                    "plan-units-together",
                    rule = rule.describe(),
                    required = required,
                    most = cap.rotations
                ),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Group, Need};
    use crate::policy::Ratio;

    /// One district, one urban school: groups of (subject, backbone,
    /// teachers), needs of (subject, count), the built-in rules of
    /// `policy` with `min` rotations required.
    fn model(
        teachers: &[(&str, bool, usize)],
        needs: &[(&str, u32)],
        min: u64,
        policy: &Policy,
    ) -> DistrictModel {
        let mut next = 0;
        let groups: Vec<Group> = teachers
            .iter()
            .map(|&(subject, backbone, n)| {
                next += n;
                Group {
                    school: 0,
                    subject: subject.into(),
                    backbone,
                    education: 0,
                    pin: Pin::Free,
                    reach: crate::domain::Levels::BOTH,
                    baseline: None,
                    priority: Vec::new(),
                    teachers: (next - n..next).collect(),
                }
            })
            .collect();
        let all: Vec<usize> = (0..groups.len()).collect();
        let backbone: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&g| groups[g].backbone)
            .collect();
        let unit = crate::policy::rules::Unit {
            district: "大丰".into(),
            place: crate::policy::rules::Place::District,
            subject: None,
        };
        let eligible = next as u64;
        DistrictModel {
            district: "大丰".into(),
            rules: std::sync::Arc::new(policy.rules()),
            units: vec![
                RuleUnit {
                    rule: 0,
                    unit: unit.clone(),
                    numerator: all.clone(),
                    denominator: all.clone(),
                    d: eligible,
                    limit: Some(min),
                    elastic: Vec::new(),
                },
                RuleUnit {
                    rule: 1,
                    unit,
                    numerator: backbone,
                    denominator: all,
                    d: eligible,
                    limit: None,
                    elastic: Vec::new(),
                },
            ],
            ineligible_pins: Vec::new(),
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
                    levels: crate::domain::Levels::BOTH,
                })
                .collect(),
            arcs: Vec::new(),
            terms: Vec::new(),
            cvs: Vec::new(),
            baseline: false,
        }
    }

    #[test]
    fn most_moved_respects_levels_and_caps() {
        let (p, j, both) = (1, 2, 3);
        let mut primary_only = [0; 4];
        primary_only[p] = 5;
        let mut needs = [0; 4];
        needs[j] = 3;
        needs[p] = 2;
        // Five primary teachers, 2 primary and 3 junior places: 2.
        assert_eq!(most_moved(&[(u64::MAX, primary_only)], needs), 2);
        // Three of both levels and one primary: all four places of 2 + 2.
        let mut mixed = [0; 4];
        mixed[both] = 3;
        mixed[p] = 1;
        let mut two_and_two = [0; 4];
        two_and_two[p] = 2;
        two_and_two[j] = 2;
        assert_eq!(most_moved(&[(u64::MAX, mixed)], two_and_two), 4);
        // A cap of 2 on that school: 2.
        assert_eq!(most_moved(&[(2, mixed)], two_and_two), 2);
        // A need of either level takes anyone who reaches a level; a
        // teacher who reaches none (a kindergarten certificate) moves
        // nowhere.
        let mut either = [0; 4];
        either[both] = 4;
        let mut reach_none = [0; 4];
        reach_none[0] = 9;
        reach_none[j] = 1;
        assert_eq!(most_moved(&[(u64::MAX, reach_none)], either), 1);
    }

    #[test]
    fn too_few_needs_is_named_with_the_numbers() {
        let m = model(
            &[("数学", false, 100), ("数学", true, 30)],
            &[("数学", 5), ("音乐", 50)],
            13,
            &Policy::default(),
        );
        let found = diagnose(&DataSet::default(), &m, &Policy::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "rotation_ratio");
        assert!(
            found[0]
                .message
                .to_string()
                .contains("requires 13 rotations"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.to_string().contains("total 5"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn too_few_backbone_teachers() {
        let m = model(
            &[("数学", false, 100), ("数学", true, 2)],
            &[("数学", 50)],
            11,
            &Policy::default(),
        );
        let found = diagnose(&DataSet::default(), &m, &Policy::default());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "backbone_share");
        assert!(
            found[0].message.to_string().contains("requires 3 backbone"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn selectors_keep_the_english_words() {
        let pinned = |assigned| {
            msg!(
                "plan-pin-nowhere",
                teachers = "T1, T2",
                subject = "数学",
                levels = "primary",
                limited = "no",
                assigned = assigned
            )
            .to_string()
        };
        let head = "pinned teacher(s) T1, T2 of 数学 have no rural need of their subject to go to";
        assert_eq!(pinned("no"), head);
        assert_eq!(pinned("yes"), format!("{head} at their assigned school"));
        let limited = msg!(
            "plan-pin-nowhere",
            teachers = "T1",
            subject = "数学",
            levels = "primary",
            limited = "yes",
            assigned = "no"
        )
        .to_string();
        assert_eq!(
            limited,
            "pinned teacher(s) T1 of 数学 have no rural need of their subject and teaching \
             level (primary; policy level_match) to go to"
        );
        let needs = |unfillable| {
            msg!(
                "plan-too-few-needs",
                share = "10%",
                required = 13,
                eligible = 130,
                needs = 5,
                unfillable = unfillable,
                most = 4
            )
            .to_string()
        };
        let head = "10% requires 13 rotations of 130 eligible teachers; the needs in subjects \
                    that eligible teachers teach total 5";
        assert_eq!(needs("no"), head);
        assert_eq!(
            needs("yes"),
            format!("{head}, and at most 4 of them can be filled")
        );
        let combined = |within| msg!("plan-infeasible-combined", within_group = within).to_string();
        assert!(combined("no").ends_with("compete for the same needs)"));
        assert!(combined("yes").ends_with(
            "needs), and within_group keeps each school's teachers to the receiving schools of its group"
        ));
    }

    #[test]
    fn feasible_when_both_fit() {
        let teachers = [("数学", false, 100), ("数学", true, 3)];
        let m = model(&teachers, &[("数学", 11)], 11, &Policy::default());
        let data = DataSet::default();
        assert!(diagnose(&data, &m, &Policy::default()).is_empty());
        let policy = Policy {
            min_backbone_share: Ratio::new(3, 10),
            ..Policy::default()
        };
        let m = model(&teachers, &[("数学", 11)], 11, &policy);
        assert_eq!(diagnose(&data, &m, &policy).len(), 1);
    }
}
