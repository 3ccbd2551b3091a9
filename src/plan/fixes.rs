//! When the rules cannot be met, what would fix it (rules.md "When the
//! rules cannot be met"): for an infeasible district, each change alone
//! with every other input unchanged.
//!
//! * `share`: the largest share of a min rule (smallest of a max rule)
//!   with which the unit's other rules can all be met: the model without
//!   that unit's rows, its N made as large (small) as the rest allows; for
//!   a share of the plan's own rotations (`of = "rotating"`) the best
//!   ratio N / D, found by Dinkelbach's iterations.
//! * `need`: the fewest extra places of rural need, per subject: the model
//!   with an unbounded virtual need per subject, its use made as small as
//!   the rules allow.
//! * `eligible`: the fewest more eligible teachers, per kind: the model
//!   with the ineligible teachers of the district's sending schools as
//!   extra groups that, when they rotate, also count in every D of
//!   eligible teachers; their use made as small as the rules allow.
//!
//! Every model is exact (a MILP on HiGHS through `solve::optimum`), so a
//! fix is the least change of its kind, and applying it makes the district
//! feasible.

use crate::domain::{DataSet, Levels, mask_id_card};
use crate::eligibility::Ineligible;
use crate::error::Infeasibility;
use crate::messages::{Arg, Message};
use crate::model::{Arc, DistrictModel, Group, Need, Pin, RuleUnit};
use crate::msg;
use crate::policy::rules::{Bound, Of};
use crate::policy::{Policy, Ratio};
use crate::solve::{self, SolveError};
use std::collections::BTreeMap;

/// One change that would make an infeasible unit feasible. JSON as
/// rules.md writes it: `{"kind": "share", "rule", "numerator",
/// "denominator", "percent"}`, `{"kind": "need", "places", "subjects":
/// [{"subject", "places"}]}`, `{"kind": "eligible", "teachers", "of",
/// "candidates"}`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    Share {
        rule: String,
        /// The share as a fraction in lowest terms.
        numerator: u64,
        denominator: u64,
        /// Rounded to 0.1% toward feasibility (down for min, up for max).
        percent: String,
    },
    Need {
        places: u64,
        subjects: Vec<SubjectPlaces>,
    },
    Eligible {
        teachers: u64,
        /// `backbone`, or a subject.
        of: String,
        /// Teacher ids, nearest to eligibility first (ID numbers masked).
        candidates: Vec<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubjectPlaces {
    pub subject: String,
    pub places: u64,
}

impl Fix {
    /// The fix in a planner's words (`Display` renders it).
    pub fn message(&self) -> Message {
        match self {
            Fix::Share {
                rule,
                numerator,
                denominator,
                percent,
            } => msg!(
                "plan-fix-share",
                rule = crate::policy::rules::Builtin::key_of(rule),
                percent = percent,
                numerator = *numerator,
                denominator = *denominator
            ),
            Fix::Need { places, subjects } => {
                let list: Vec<String> = subjects
                    .iter()
                    .map(|s| {
                        msg!(
                            "plan-fix-need-subject",
                            places = s.places,
                            subject = &s.subject
                        )
                        .to_string()
                    })
                    .collect();
                msg!(
                    "plan-fix-need",
                    places = *places,
                    subjects = list.join(", ")
                )
            }
            Fix::Eligible {
                teachers,
                of,
                candidates,
            } => {
                // `of` is JSON's: "backbone" (a word to show) or subjects.
                let of: Arg = if of == BACKBONE {
                    msg!("plan-fix-of-backbone").into()
                } else {
                    of.into()
                };
                msg!(
                    "plan-fix-eligible",
                    teachers = *teachers,
                    of = of,
                    candidates = candidates
                        .iter()
                        .take(5)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        }
    }
}

impl std::fmt::Display for Fix {
    /// The fix in a planner's words.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())
    }
}

/// `Fix::Eligible`'s `of` for backbone teachers (rules.md's JSON).
const BACKBONE: &str = "backbone";

/// The most units whose share is tried when the solver, not the
/// pre-check, found the conflict (each is one MILP).
const MOST_SHARE_TRIES: usize = 12;

/// Fills `fixes` of each of the district's infeasibilities.
pub fn attach(
    data: &DataSet,
    policy: &Policy,
    m: &DistrictModel,
    eligibility: &[Result<(), Ineligible>],
    found: &mut [Infeasibility],
) -> Result<(), SolveError> {
    // The need and eligible models are the same for every infeasibility
    // of the district; they run beside the share fixes.
    let (common, shares) = rayon::join(
        || -> Result<(Option<Fix>, Vec<Fix>), SolveError> {
            Ok((
                need_fix(data, policy, m)?,
                eligible_fixes(data, policy, m, eligibility)?,
            ))
        },
        || -> Result<Vec<Vec<Fix>>, SolveError> {
            found
                .iter()
                .map(|inf| share_fixes(policy, m, inf))
                .collect()
        },
    );
    let (need, eligible) = common?;
    for (inf, shares) in found.iter_mut().zip(shares?) {
        inf.fixes.extend(shares);
        inf.fixes.extend(need.clone());
        inf.fixes.extend(eligible.iter().cloned());
    }
    Ok(())
}

/// The share fixes of one infeasibility: of its unit's rules when the
/// pre-check named a unit, else of each rule of the district.
fn share_fixes(
    policy: &Policy,
    m: &DistrictModel,
    inf: &Infeasibility,
) -> Result<Vec<Fix>, SolveError> {
    let mut fixes = Vec::new();
    {
        let units: Vec<usize> = match m
            .units
            .iter()
            .position(|u| m.rule(u).name == inf.rule && u.unit.to_string() == inf.scope)
        {
            // The unit's own rule first, then every other rule of the same
            // unit whose share alone may restore feasibility.
            Some(u) => std::iter::once(u)
                .chain((0..m.units.len()).filter(|&v| v != u && m.units[v].unit == m.units[u].unit))
                .take(MOST_SHARE_TRIES)
                .collect(),
            // The units of a rule counted per school or group, together
            // (or a conflict between rules, or pins): the share of each
            // rule, the same in all its units, that restores feasibility.
            None => {
                let named = m.rules.iter().position(|r| r.name == inf.rule);
                let rules: Vec<usize> = match named {
                    Some(r) => vec![r],
                    None => (0..m.rules.len()).collect(),
                };
                for r in rules.into_iter().take(MOST_SHARE_TRIES) {
                    fixes.extend(rule_share_fix(policy, m, r)?);
                }
                Vec::new()
            }
        };
        for u in units {
            fixes.extend(share_fix(policy, m, u)?);
        }
    }
    Ok(fixes)
}

/// The share of unit `u`'s rule with which every other rule of the
/// district can be met, when it differs from the policy's.
fn share_fix(policy: &Policy, m: &DistrictModel, u: usize) -> Result<Option<Fix>, SolveError> {
    let unit = &m.units[u];
    let rule = m.rule(unit);
    let in_n = arcs_of(m, &unit.numerator);
    let in_d = arcs_of(m, &unit.denominator);
    let sign = if rule.bound == Bound::Min { 1.0 } else { -1.0 };
    let best = match unit.limit {
        Some(_) if unit.d == 0 => return Ok(None),
        Some(_) => {
            let objective = in_n.iter().map(|&a| (a, sign)).collect();
            match solve::optimum(m, policy, objective, Some(u))? {
                Some(x) => Ratio::new(count(&x, &in_n), unit.d),
                None => return Ok(None),
            }
        }
        None => match best_ratio(policy, m, u, &in_n, &in_d, sign)? {
            Some(r) => r,
            None => return Ok(None),
        },
    };
    let helps = match rule.bound {
        Bound::Min => best < rule.share,
        Bound::Max => best > rule.share,
    };
    Ok(helps.then(|| share(&rule.name, best, rule.bound)))
}

/// The share of rule `r`, the same in each of its units, with which every
/// rule of the district can be met: the candidates k / D_u of its units
/// (for a rule of fixed D), searched by halving, each checked by the
/// model with the rule at that share. Feasibility grows as a min rule's
/// share falls (a max rule's rises).
fn rule_share_fix(policy: &Policy, m: &DistrictModel, r: usize) -> Result<Option<Fix>, SolveError> {
    let rule = &m.rules[r];
    let units: Vec<&RuleUnit> = m.units.iter().filter(|u| u.rule == r).collect();
    if units.is_empty() || units.iter().any(|u| u.limit.is_none()) {
        return Ok(None);
    }
    let mut candidates: Vec<Ratio> = units
        .iter()
        .flat_map(|u| (0..=u.d).map(move |k| Ratio::new(k, u.d.max(1))))
        .filter(|c| match rule.bound {
            Bound::Min => *c < rule.share,
            Bound::Max => *c > rule.share,
        })
        .collect();
    candidates.sort();
    candidates.dedup_by(|a, b| a.cmp(&b).is_eq());
    if rule.bound == Bound::Min {
        // A share whose units together require more rotations than the
        // district's needs can take is infeasible without a solve.
        let groups = super::feasibility::numerators(&units);
        let most = super::feasibility::capacity(m, &groups).rotations;
        candidates.retain(|c| units.iter().map(|u| c.ceil_of(u.d)).sum::<u64>() <= most);
        candidates.reverse(); // the least change first
    }
    let at = |share: Ratio| {
        let mut changed = m.clone();
        let mut rules = (*m.rules).clone();
        rules[r].share = share;
        for u in changed.units.iter_mut().filter(|u| u.rule == r) {
            u.limit = Some(rules[r].bound_of(u.d));
        }
        changed.rules = std::sync::Arc::new(rules);
        changed
    };
    // The first candidate, in order of change, whose LP relaxation is
    // feasible (halving; the relaxation is necessary and cheap), then the
    // first from there whose whole plan exists.
    match candidates.last() {
        Some(&loosest) if solve::relaxation_feasible(&at(loosest), policy)? => {}
        _ => return Ok(None),
    }
    let (mut lo, mut hi) = (0, candidates.len() - 1);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if solve::relaxation_feasible(&at(candidates[mid]), policy)? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    for &c in &candidates[lo..] {
        if solve::optimum(&at(c), policy, Vec::new(), None)?.is_some() {
            return Ok(Some(share(&rule.name, c, rule.bound)));
        }
    }
    Ok(None)
}

/// Dinkelbach's iterations for the best N / D of a share of rotating
/// teachers (largest for min, `sign` 1; smallest for max, `sign` -1).
fn best_ratio(
    policy: &Policy,
    m: &DistrictModel,
    u: usize,
    in_n: &[usize],
    in_d: &[usize],
    sign: f64,
) -> Result<Option<Ratio>, SolveError> {
    let mut lambda = if sign > 0.0 { 0.0 } else { 1.0 };
    let mut best: Option<Ratio> = None;
    for _ in 0..8 {
        let mut weight: BTreeMap<usize, f64> = BTreeMap::new();
        for &a in in_n {
            *weight.entry(a).or_default() += sign;
        }
        for &a in in_d {
            *weight.entry(a).or_default() -= sign * lambda;
        }
        let Some(x) = solve::optimum(m, policy, weight.into_iter().collect(), Some(u))? else {
            return Ok(None);
        };
        let (n, d) = (count(&x, in_n), count(&x, in_d));
        if d == 0 {
            // No rotation counts: any share holds.
            return Ok(Some(if sign > 0.0 {
                Ratio::new(1, 1)
            } else {
                Ratio::new(0, 1)
            }));
        }
        let ratio = Ratio::new(n, d);
        let better = best.is_none_or(|b| if sign > 0.0 { ratio > b } else { ratio < b });
        if !better {
            break;
        }
        best = Some(ratio);
        lambda = n as f64 / d as f64;
    }
    Ok(best)
}

/// `best` as a share fix: in lowest terms, and as a percentage rounded
/// toward feasibility to 0.1%.
fn share(rule: &str, best: Ratio, bound: Bound) -> Fix {
    let g = gcd(best.num(), best.den()).max(1);
    let (n, d) = (best.num() / g, best.den() / g);
    let tenths = u128::from(n) * 1000;
    let tenths = match bound {
        Bound::Min => tenths / u128::from(d),
        Bound::Max => tenths.div_ceil(u128::from(d)),
    };
    Fix::Share {
        rule: rule.to_string(),
        numerator: n,
        denominator: d,
        percent: format!("{}.{}%", tenths / 10, tenths % 10),
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// The fewest extra places of need, per subject, when extra need helps.
fn need_fix(data: &DataSet, policy: &Policy, m: &DistrictModel) -> Result<Option<Fix>, SolveError> {
    let mut elastic = m.clone();
    let first_virtual = elastic.needs.len();
    let mut virtual_need: BTreeMap<(String, usize, Levels), usize> = BTreeMap::new();
    let mut virtual_arcs: Vec<(usize, String)> = Vec::new();
    for (g, group) in m.groups.iter().enumerate() {
        // Where the extra place would be: the pinned school, else any
        // receiving school of the district (of the group's own group
        // under within_group) that has a need already.
        let from = &data.schools[group.school];
        let school = match group.pin {
            Pin::AssignTo(s) => Some(s),
            // Any receiving school the group may go to (needs.csv may name
            // any receiving school).
            _ => data.schools.iter().position(|s| {
                policy.is_receiving(s)
                    && s.district == m.district
                    && (!policy.within_group || s.group == from.group)
                    && Levels::of_school(s.level).meets(group.reach)
            }),
        };
        let Some(school) = school else { continue };
        // A place of a level the group may fill (fit.md "Teaching level").
        let levels = Levels::of_school(data.schools[school].level).and(group.reach);
        if levels.is_empty() {
            continue;
        }
        let n = *virtual_need
            .entry((group.subject.clone(), school, levels))
            .or_insert_with(|| {
                elastic.needs.push(Need {
                    index: usize::MAX,
                    school,
                    subject: group.subject.clone(),
                    count: u32::MAX / 4,
                    weight: 0.0,
                    levels,
                });
                elastic.needs.len() - 1
            });
        elastic.arcs.push(Arc {
            group: g,
            need: n,
            distance_km: 0.0,
            preferred: 0,
        });
        virtual_arcs.push((elastic.arcs.len() - 1, group.subject.clone()));
    }
    if virtual_arcs.is_empty() || first_virtual == elastic.needs.len() {
        return Ok(None);
    }
    let objective = virtual_arcs.iter().map(|&(a, _)| (a, -1.0)).collect();
    let Some(x) = solve::optimum(&elastic, policy, objective, None)? else {
        return Ok(None);
    };
    let mut per_subject: BTreeMap<String, u64> = BTreeMap::new();
    for (a, subject) in &virtual_arcs {
        let flow = x[*a].round() as u64;
        if flow > 0 {
            *per_subject.entry(subject.clone()).or_default() += flow;
        }
    }
    let places = per_subject.values().sum();
    Ok((places > 0).then(|| Fix::Need {
        places,
        subjects: per_subject
            .into_iter()
            .map(|(subject, places)| SubjectPlaces { subject, places })
            .collect(),
    }))
}

/// The fewest more eligible teachers, per kind, when more help.
fn eligible_fixes(
    data: &DataSet,
    policy: &Policy,
    m: &DistrictModel,
    eligibility: &[Result<(), Ineligible>],
) -> Result<Vec<Fix>, SolveError> {
    // Candidates: the ineligible teachers of the district's sending
    // schools, grouped as the model groups eligible ones.
    // (school, subject, backbone, the rules' answers, the levels reached).
    type Key = (usize, String, bool, Vec<bool>, Levels);
    let mut by_key: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (t, teacher) in data.teachers.iter().enumerate() {
        let school = &data.schools[teacher.school];
        let Err(reason) = &eligibility[t] else {
            continue;
        };
        if school.district != m.district || *reason == Ineligible::NotAtSendingSchool {
            continue;
        }
        let answers: Vec<bool> = m
            .rules
            .iter()
            .flat_map(|r| {
                [
                    r.in_denominator(data, policy, teacher),
                    r.in_numerator(data, policy, teacher),
                ]
            })
            .collect();
        by_key
            .entry((
                teacher.school,
                teacher.subject.to_string(),
                policy.is_backbone(teacher),
                answers,
                policy.level_reach(data, teacher),
            ))
            .or_default()
            .push(t);
    }
    if by_key.is_empty() {
        return Ok(Vec::new());
    }
    let mut elastic = m.clone();
    let first = elastic.groups.len();
    let mut candidate_arcs: Vec<usize> = Vec::new();
    for ((school, subject, backbone, _, reach), teachers) in &by_key {
        let g = elastic.groups.len();
        elastic.groups.push(Group {
            school: *school,
            subject: subject.clone(),
            backbone: *backbone,
            education: 0,
            pin: Pin::Free,
            reach: *reach,
            baseline: None,
            priority: Vec::new(),
            teachers: teachers.clone(),
        });
        for (n, need) in m.needs.iter().enumerate() {
            let other_group = policy.within_group
                && data.schools[need.school].group != data.schools[*school].group;
            if need.subject == *subject
                && need.count > 0
                && !other_group
                && reach.meets(need.levels)
            {
                elastic.arcs.push(Arc {
                    group: g,
                    need: n,
                    distance_km: 0.0,
                    preferred: 0,
                });
                candidate_arcs.push(elastic.arcs.len() - 1);
            }
        }
        // The candidates count in the units they belong to: in N and D of
        // rotating teachers, and, once eligible, in D of eligible ones.
        let rep = &data.teachers[teachers[0]];
        for unit in elastic.units.iter_mut() {
            let rule = &m.rules[unit.rule];
            if rule.unit_of(&data.schools[*school], subject) != unit.unit
                || !rule.in_denominator(data, policy, rep)
            {
                continue;
            }
            unit.denominator.push(g);
            if rule.who.matches(data, policy, rep) {
                unit.numerator.push(g);
            }
            if rule.of == Of::Eligible {
                unit.elastic.push(g);
            }
        }
    }
    if candidate_arcs.is_empty() {
        return Ok(Vec::new());
    }
    let objective = candidate_arcs.iter().map(|&a| (a, -1.0)).collect();
    let Some(x) = solve::optimum(&elastic, policy, objective, None)? else {
        return Ok(Vec::new());
    };
    // One fix: the teachers used, nearest first within each group used,
    // then the other candidates of the same kinds.
    let mut total = 0;
    let mut subjects: Vec<String> = Vec::new();
    let mut all_backbone = true;
    let mut first_picks: Vec<usize> = Vec::new();
    let mut rest: Vec<usize> = Vec::new();
    for (g, group) in elastic.groups.iter().enumerate().skip(first) {
        let flow: u64 = elastic
            .arcs
            .iter()
            .enumerate()
            .filter(|(_, a)| a.group == g)
            .map(|(a, _)| x[a].round() as u64)
            .sum();
        if flow == 0 {
            continue;
        }
        total += flow;
        all_backbone &= group.backbone;
        if !subjects.contains(&group.subject) {
            subjects.push(group.subject.clone());
        }
        let mut nearest = group.teachers.clone();
        nearest.sort_by_key(|&t| nearness(data, policy, t, &eligibility[t]));
        let take = (flow as usize).min(nearest.len());
        first_picks.extend(&nearest[..take]);
        rest.extend(&nearest[take..]);
    }
    if total == 0 {
        return Ok(Vec::new());
    }
    rest.sort_by_key(|&t| nearness(data, policy, t, &eligibility[t]));
    let shown = |t: usize| {
        let id = &data.teachers[t].id;
        if data.ids_are_id_cards {
            mask_id_card(id)
        } else {
            id.clone()
        }
    };
    Ok(vec![Fix::Eligible {
        teachers: total,
        of: if all_backbone {
            BACKBONE.to_string()
        } else {
            subjects.join(", ")
        },
        candidates: first_picks
            .into_iter()
            .chain(rest)
            .take(20)
            .map(shown)
            .collect(),
    }])
}

/// How near a teacher is to eligibility, smallest first: ineligible only
/// for too few years (most years first), then the other reasons in
/// rules.md's order.
fn nearness(
    data: &DataSet,
    policy: &Policy,
    t: usize,
    verdict: &Result<(), Ineligible>,
) -> (usize, u32, String) {
    let code = verdict.as_ref().err().map_or("", |r| r.code());
    let rank = Ineligible::CODES
        .iter()
        .position(|c| *c == code)
        .unwrap_or(0);
    let rank = if code == "too_few_years" { 0 } else { rank + 1 };
    let years = crate::eligibility::years_at_school(&data.teachers[t], policy.as_of()).unwrap_or(0);
    (rank, u32::MAX - years, data.teachers[t].id.clone())
}

fn arcs_of(m: &DistrictModel, groups: &[usize]) -> Vec<usize> {
    let set: std::collections::HashSet<usize> = groups.iter().copied().collect();
    m.arcs
        .iter()
        .enumerate()
        .filter(|(_, a)| set.contains(&a.group))
        .map(|(a, _)| a)
        .collect()
}

fn count(x: &[f64], arcs: &[usize]) -> u64 {
    arcs.iter().map(|&a| x[a].round().max(0.0) as u64).sum()
}
