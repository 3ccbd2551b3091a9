//! The rotation model of one district, before any solver sees it.
//!
//! Teachers with the same sending school, subject, backbone flag, pin and
//! answers to the rules' finer filters (title, sex, a column: only when a
//! rule uses them) are interchangeable for every rule, so they form a
//! `Group`, and the model's
//! unknowns are integer flows along `Arc`s from groups to the rural needs of
//! the same subject. This keeps a county's model at a few thousand
//! variables instead of millions (see `../shared/notes/solver.md`); the
//! individuals are chosen afterwards by `assign`.
//!
//! Districts never exchange teachers, so each is a model of its own.

pub mod balance;
pub mod feasibility;
pub mod principals;

use crate::domain::{DataSet, Levels};
use crate::eligibility::Ineligible;
use crate::error::{Error, InputError};
use crate::geo;
use crate::indicators::{self, Graded, Indicator, SchoolIndicators};
use crate::messages::Message;
use crate::msg;
use crate::policy::rules::{Builtin, Of, RatioRule, Unit};
use crate::policy::{BalanceGoal, Policy};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// Interchangeable eligible teachers.
#[derive(Debug, Clone)]
pub struct Group {
    pub school: usize,
    pub subject: String,
    pub backbone: bool,
    /// The teachers' education class (`Graded::education_class`): what
    /// decides their kind in the education indicator. Groups are split by
    /// it only under `balance = "keep"` or `"improve"`, which plan that
    /// indicator (fit.md "Balance: the education indicator counts"); 0
    /// for every group under `"report"`, so that its model is unchanged.
    pub education: u8,
    /// The planner's decision for these teachers (rules.md "Pins").
    pub pin: Pin,
    /// The need levels these teachers may fill (`Policy::level_reach`,
    /// fit.md "Teaching level").
    pub reach: Levels,
    /// The receiving school these teachers have in the baseline plan
    /// (`plan --baseline`), `None` when not in it or without a baseline.
    pub baseline: Option<usize>,
    /// Each `priority` stage's value of one of these teachers (the
    /// groups are split by them; empty without `priority`).
    pub priority: Vec<f64>,
    /// Teacher indices, in data order.
    pub teachers: Vec<usize>,
}

impl Group {
    /// These teachers' value for `priority` stage `k`; 0 for a group
    /// without values (the elastic groups of a fix's model).
    pub fn priority_value(&self, k: usize) -> f64 {
        self.priority.get(k).copied().unwrap_or(0.0)
    }
}

/// A planner's decision about a teacher (teachers.csv `assign_to`,
/// `must_rotate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pin {
    Free,
    /// Rotates, to a school the plan chooses.
    MustRotate,
    /// Rotates to this receiving school.
    AssignTo(usize),
}

impl Pin {
    pub fn of(t: &crate::domain::Teacher) -> Pin {
        match (t.assign_to, t.must_rotate) {
            (Some(s), _) => Pin::AssignTo(s),
            (None, true) => Pin::MustRotate,
            (None, false) => Pin::Free,
        }
    }
}

/// A rural need the district's groups may fill.
#[derive(Debug, Clone)]
pub struct Need {
    /// Index into `DataSet::needs`.
    pub index: usize,
    pub school: usize,
    pub subject: String,
    pub count: u32,
    pub weight: f64,
    /// The levels the need takes (`DataSet::need_levels`).
    pub levels: Levels,
}

/// A possible flow of teachers from a group to a need.
#[derive(Debug, Clone)]
pub struct Arc {
    pub group: usize,
    pub need: usize,
    /// 0 when either school has no location, as the contract says.
    pub distance_km: f64,
    /// How many of the group's teachers listed the need's school.
    pub preferred: u32,
}

/// One unit of one rule (a district, a sending school or a group, split
/// by subject with `per_subject`): the groups its numerator and
/// denominator count, and the bound on the numerator.
#[derive(Debug, Clone)]
pub struct RuleUnit {
    /// Index into `DistrictModel::rules`.
    pub rule: usize,
    pub unit: Unit,
    /// Groups whose rotations count in N (they match `among` and `who`).
    pub numerator: Vec<usize>,
    /// Groups whose rotations count in D under `of = "rotating"` (they
    /// match `among`).
    pub denominator: Vec<usize>,
    /// D under `of = "eligible"` or `"staff"`; for `"rotating"` the
    /// eligible teachers matching `among` (the most D can be).
    pub d: u64,
    /// The bound on N: ceil(share x D) (min) or floor(share x D) (max);
    /// `None` under `of = "rotating"`, where D is the plan's.
    pub limit: Option<u64>,
    /// Groups whose rotations also add to D (teachers a fix would make
    /// eligible, `fixes`); empty in a plan's model.
    pub elastic: Vec<usize>,
}

/// One school's indicator of 优质均衡 that the plan should reach or keep
/// (policy `improve_indicators`), moved by the teachers of its kind along
/// `arcs`.
#[derive(Debug, Clone)]
pub struct IndicatorTerm {
    pub school: usize,
    pub indicator: Indicator,
    pub arcs: Vec<usize>,
    pub kind: TermKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A receiving school `missing` teachers short of the threshold: each
    /// one arriving, up to `missing`, is worth one.
    Lift { missing: u64 },
    /// A sending school `spare` teachers above the threshold (0 when at or
    /// below it): each one leaving beyond `spare` costs two, so that a
    /// shortfall is never just moved from one school to another.
    Keep { spare: u64 },
}

/// Everything the solver needs about one district.
#[derive(Debug, Clone)]
pub struct DistrictModel {
    pub district: String,
    pub groups: Vec<Group>,
    pub needs: Vec<Need>,
    pub arcs: Vec<Arc>,
    /// Every rule of the policy (`Policy::rules`), the same in each district.
    pub rules: std::sync::Arc<Vec<RatioRule>>,
    /// Each rule's units in this district, rule by rule, units in order.
    pub units: Vec<RuleUnit>,
    /// Pinned teachers who are not eligible, with the reason: the policy
    /// cannot be met (rules.md "Pins").
    pub ineligible_pins: Vec<(usize, Ineligible)>,
    /// Empty unless the policy asks to improve the indicators.
    pub terms: Vec<IndicatorTerm>,
    /// The CVs to keep (policy `balance` "keep" or "improve"; empty under
    /// "report"): those with a value before that the plan can move.
    pub cvs: Vec<balance::CvUnit>,
    /// A baseline plan was given (`plan --baseline`): the first objective
    /// is the fewest changes against it (papers.md "Objections and
    /// changes").
    pub baseline: bool,
}

impl DistrictModel {
    /// The rotations the `rotation_ratio` rule requires of `unit`'s
    /// sending schools, when that rule is counted over the same units
    /// (else 0).
    pub fn required_rotations(&self, unit: &RuleUnit) -> u64 {
        self.units_of(Builtin::RotationRatio)
            .find(|u| u.unit == unit.unit)
            .and_then(|u| u.limit)
            .unwrap_or(0)
    }

    /// Eligible teachers at the district's sending schools.
    pub fn eligible(&self) -> u64 {
        self.groups.iter().map(|g| g.teachers.len() as u64).sum()
    }

    /// The most teachers arc `a` can carry: its group's teachers, at most
    /// its need's count.
    pub fn capacity(&self, a: usize) -> u32 {
        let arc = &self.arcs[a];
        (self.groups[arc.group].teachers.len() as u32).min(self.needs[arc.need].count)
    }

    /// The rotations `rotation_ratio` requires, summed over its units.
    pub fn required(&self) -> u64 {
        self.units_of(Builtin::RotationRatio)
            .filter_map(|u| u.limit)
            .sum()
    }

    /// The units of a built-in rule.
    pub fn units_of(&self, builtin: Builtin) -> impl Iterator<Item = &RuleUnit> {
        self.units
            .iter()
            .filter(move |u| self.rules[u.rule].builtin == Some(builtin))
    }

    /// The rule of a unit.
    pub fn rule(&self, unit: &RuleUnit) -> &RatioRule {
        &self.rules[unit.rule]
    }

    /// The teachers of a set of groups.
    pub fn size(&self, groups: &[usize]) -> u64 {
        groups
            .iter()
            .map(|&g| self.groups[g].teachers.len() as u64)
            .sum()
    }

    pub fn needs_total(&self) -> u64 {
        self.needs.iter().map(|n| u64::from(n.count)).sum()
    }
}

/// A district's display name: the empty district (no `district` column)
/// is shown as "(all)".
pub fn district_label(district: &str) -> Message {
    if district.is_empty() {
        msg!("plan-district-all")
    } else {
        msg!("policy-unit-district", district = district)
    }
}

/// The most arcs one district's model may have: far above any real
/// district (a province's largest has about 10,000), low enough that a
/// hostile data set gets a clear error instead of exhausting memory.
pub const MAX_ARCS: u64 = 20_000_000;

/// One model per district that has sending schools or needs, in district
/// order (UTF-8 bytes). A district whose model would exceed `MAX_ARCS` is
/// an error.
pub fn build(
    data: &DataSet,
    policy: &Policy,
    eligibility: &[Result<(), Ineligible>],
) -> Result<Vec<DistrictModel>, Error> {
    let rules = std::sync::Arc::new(policy.rules());
    check_pins_and_needs(data, policy)?;
    let mut districts: BTreeMap<String, DistrictModel> = BTreeMap::new();
    let finer = finer_signatures(data, policy, &rules, eligibility);
    // Groups, keyed so that their order is deterministic: ids order the
    // groups, the index (unique per id) comes along.
    // The education class and the levels a teacher reaches come last:
    // under `balance = "report"` and `level_match = "any"` they are the
    // same for all, and the groups those of before them.
    type Key<'d> = (
        &'d str,
        &'d str,
        usize,
        &'d str,
        bool,
        Pin,
        u32,
        u8,
        Levels,
        Option<usize>,
        Vec<u64>,
    );
    let by_education = policy.balance != BalanceGoal::Report;
    let mut group_keys: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    // Each teacher's `priority` values (programme.md "Who goes first").
    let (years, rotated) = if policy.priority.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let mut rotated = vec![false; data.teachers.len()];
        for past in &data.history {
            rotated[past.teacher] = true;
        }
        (crate::eligibility::years_counted(data, policy), rotated)
    };
    let priority_of = |t: usize| -> Vec<f64> {
        policy
            .priority
            .iter()
            .map(|p| p.value(data, policy, &data.teachers[t], rotated[t], years[t]) + 0.0)
            .collect()
    };
    for (t, teacher) in data.teachers.iter().enumerate() {
        let pin = Pin::of(teacher);
        if let Err(reason) = &eligibility[t] {
            if pin != Pin::Free {
                let district = &data.schools[teacher.school].district;
                model_of(&mut districts, district, &rules)
                    .ineligible_pins
                    .push((t, reason.clone()));
            }
            continue;
        }
        let school = &data.schools[teacher.school];
        group_keys
            .entry((
                &school.district,
                &school.id,
                teacher.school,
                &teacher.subject,
                policy.is_backbone(teacher),
                pin,
                finer.get(t).copied().unwrap_or(0),
                if by_education {
                    Graded::education_class(teacher.education)
                } else {
                    0
                },
                policy.level_reach(data, teacher),
                data.baseline.as_ref().and_then(|b| b[t]),
                if policy.priority.is_empty() {
                    Vec::new()
                } else {
                    priority_of(t).into_iter().map(f64::to_bits).collect()
                },
            ))
            .or_default()
            .push(t);
    }
    for (
        (district, _, school, subject, backbone, pin, _, education, reach, baseline, priority),
        teachers,
    ) in group_keys
    {
        model_of(&mut districts, district, &rules)
            .groups
            .push(Group {
                school,
                subject: subject.to_string(),
                backbone,
                education,
                pin,
                reach,
                baseline,
                priority: priority.into_iter().map(f64::from_bits).collect(),
                teachers,
            });
    }
    for (index, need) in data.needs.iter().flatten().enumerate() {
        model_of(&mut districts, data.district_of(need.school), &rules)
            .needs
            .push(Need {
                index,
                school: need.school,
                subject: need.subject.clone(),
                count: need.count,
                weight: need.weight,
                levels: data.need_levels(need),
            });
    }
    // Sending schools without eligible teachers still count (E = 0).
    for school in data.schools.iter().filter(|s| policy.is_sending(s)) {
        model_of(&mut districts, &school.district, &rules);
    }
    let wishes = wishes(data);
    let staff = staff_counts(data, policy, &rules);
    let assessed = (policy.improve_indicators || policy.balance != BalanceGoal::Report)
        .then(|| indicators::assess(data, policy, None));
    let graded: FxHashMap<usize, SchoolIndicators> = match &assessed {
        Some(a) if policy.improve_indicators => {
            a.schools.iter().map(|s| (s.school, s.clone())).collect()
        }
        _ => FxHashMap::default(),
    };
    let balance = assessed.filter(|_| policy.balance != BalanceGoal::Report);
    // Districts are independent: their arcs are computed in parallel.
    districts
        .into_values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|mut m| {
            let count = arc_count(&m);
            if count > MAX_ARCS {
                return Err(Error::Usage(msg!(
                    "plan-too-many-arcs",
                    district = district_label(&m.district),
                    count = count,
                    most = MAX_ARCS
                )));
            }
            m.baseline = data.baseline.is_some();
            m.arcs = arcs(data, policy, &m, &wishes);
            m.units = units(data, policy, &m, &staff);
            m.terms = terms(&m, &graded);
            if let Some(assessed) = &balance {
                m.cvs = cv_units(data, &m, assessed);
            }
            Ok(m)
        })
        .collect()
}

/// Needs only at receiving schools, pins only to receiving schools of the
/// teacher's district: bad input otherwise (exit 2), since the policy
/// (`receivers`) decides which schools receive.
fn check_pins_and_needs(data: &DataSet, policy: &Policy) -> Result<(), Error> {
    for need in data.needs.iter().flatten() {
        let school = &data.schools[need.school];
        if !policy.is_receiving(school) {
            // The policy's own values (`receivers`), not words.
            let receivers = if policy.receive_weak {
                "rural, weak"
            } else {
                "rural"
            };
            return Err(Error::Usage(msg!(
                "plan-need-not-receiving",
                school = &school.id,
                receivers = receivers
            )));
        }
    }
    for t in &data.teachers {
        let Some(to) = t.assign_to else { continue };
        let (from, to) = (&data.schools[t.school], &data.schools[to]);
        let why = if !policy.is_receiving(to) {
            msg!("plan-assign-to-not-receiving")
        } else if to.district != from.district {
            msg!("plan-assign-to-other-district")
        } else {
            continue;
        };
        // The teacher's row: the planner fixes the pin there.
        let message = msg!(
            "plan-assign-to-bad",
            teacher = &t.id,
            school = &to.id,
            why = why
        );
        return Err(InputError::new(data.teachers_file(), message)
            .at(u64::from(t.line))
            .column("assign_to")
            .into());
    }
    Ok(())
}

/// Per teacher, an id of its answers to the filters of the rules that
/// split groups (`RatioRule::filters_within_groups`); empty when no rule
/// does, so that the model keeps its size.
fn finer_signatures(
    data: &DataSet,
    policy: &Policy,
    rules: &[RatioRule],
    eligibility: &[Result<(), Ineligible>],
) -> Vec<u32> {
    let finer: Vec<&RatioRule> = rules.iter().filter(|r| r.filters_within_groups()).collect();
    if finer.is_empty() {
        return Vec::new();
    }
    let mut ids: FxHashMap<Vec<bool>, u32> = FxHashMap::default();
    data.teachers
        .iter()
        .zip(eligibility)
        .map(|(t, e)| {
            if e.is_err() {
                return 0;
            }
            let answers: Vec<bool> = finer
                .iter()
                .flat_map(|r| {
                    [
                        r.in_denominator(data, policy, t),
                        r.in_numerator(data, policy, t),
                    ]
                })
                .collect();
            let next = ids.len() as u32;
            *ids.entry(answers).or_insert(next)
        })
        .collect()
}

/// Per rule of `of = "staff"`, the teachers at sending schools of each
/// unit who match `among`, eligible or not.
fn staff_counts(data: &DataSet, policy: &Policy, rules: &[RatioRule]) -> Vec<FxHashMap<Unit, u64>> {
    rules
        .iter()
        .map(|rule| {
            let mut counts: FxHashMap<Unit, u64> = FxHashMap::default();
            if rule.of == Of::Staff {
                for t in &data.teachers {
                    let school = &data.schools[t.school];
                    if policy.is_sending(school) && rule.in_denominator(data, policy, t) {
                        *counts.entry(rule.unit_of(school, &t.subject)).or_default() += 1;
                    }
                }
            }
            counts
        })
        .collect()
}

/// The units of every rule in the district: each sending school makes the
/// units it belongs to exist (with D = 0 when it has no eligible teacher),
/// each group joins its unit's numerator and denominator as it matches.
fn units(
    data: &DataSet,
    policy: &Policy,
    m: &DistrictModel,
    staff: &[FxHashMap<Unit, u64>],
) -> Vec<RuleUnit> {
    let mut all = Vec::new();
    for (r, rule) in m.rules.iter().enumerate() {
        let mut by_unit: BTreeMap<Unit, RuleUnit> = BTreeMap::new();
        if !rule.per_subject {
            for school in data
                .schools
                .iter()
                .filter(|s| policy.is_sending(s) && s.district == m.district)
            {
                let unit = rule.unit_of(school, "");
                by_unit
                    .entry(unit.clone())
                    .or_insert_with(|| empty_unit(r, unit));
            }
        }
        for (g, group) in m.groups.iter().enumerate() {
            let school = &data.schools[group.school];
            let unit = rule.unit_of(school, &group.subject);
            let u = by_unit
                .entry(unit.clone())
                .or_insert_with(|| empty_unit(r, unit));
            let rep = &data.teachers[group.teachers[0]];
            if rule.in_denominator(data, policy, rep) {
                u.denominator.push(g);
                if rule.of != Of::Staff {
                    u.d += group.teachers.len() as u64;
                }
                if rule.who.matches(data, policy, rep) {
                    u.numerator.push(g);
                }
            }
        }
        for (unit, &count) in &staff[r] {
            if unit.district == m.district {
                by_unit
                    .entry(unit.clone())
                    .or_insert_with(|| empty_unit(r, unit.clone()))
                    .d = count;
            }
        }
        for mut u in by_unit.into_values() {
            if rule.of != Of::Rotating {
                u.limit = Some(rule.bound_of(u.d));
            }
            all.push(u);
        }
    }
    all
}

fn empty_unit(rule: usize, unit: Unit) -> RuleUnit {
    RuleUnit {
        rule,
        unit,
        numerator: Vec::new(),
        denominator: Vec::new(),
        d: 0,
        limit: None,
        elastic: Vec::new(),
    }
}

/// How many arcs `arcs` will make: per subject, groups x needs of the
/// levels they reach (pins and `within_group` make it fewer).
fn arc_count(m: &DistrictModel) -> u64 {
    // Per subject: groups by the levels they reach, needs by the levels
    // they take (`Levels::index`).
    let mut per_subject: HashMap<&str, ([u64; 4], [u64; 4])> = HashMap::new();
    for g in &m.groups {
        per_subject.entry(&g.subject).or_default().0[g.reach.index()] += 1;
    }
    for n in m.needs.iter().filter(|n| n.count > 0) {
        per_subject.entry(&n.subject).or_default().1[n.levels.index()] += 1;
    }
    let mut count: u64 = 0;
    for (groups, needs) in per_subject.values() {
        for (r, &g) in groups.iter().enumerate() {
            for (k, &n) in needs.iter().enumerate() {
                if Levels::from_index(r).meets(Levels::from_index(k)) {
                    count = count.saturating_add(g.saturating_mul(n));
                }
            }
        }
    }
    count
}

fn model_of<'m>(
    districts: &'m mut BTreeMap<String, DistrictModel>,
    district: &str,
    rules: &std::sync::Arc<Vec<RatioRule>>,
) -> &'m mut DistrictModel {
    districts
        .entry(district.to_string())
        .or_insert_with(|| DistrictModel {
            district: district.to_string(),
            groups: Vec::new(),
            needs: Vec::new(),
            arcs: Vec::new(),
            rules: rules.clone(),
            units: Vec::new(),
            ineligible_pins: Vec::new(),
            terms: Vec::new(),
            cvs: Vec::new(),
            baseline: false,
        })
}

/// Every move the rules allow: a group to a need of its subject and of a
/// level it reaches (`level_match`), at its pinned school only, in its
/// group only under `within_group`.
fn arcs(data: &DataSet, policy: &Policy, m: &DistrictModel, wishes: &[Vec<usize>]) -> Vec<Arc> {
    let mut needs_by_subject: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, need) in m.needs.iter().enumerate() {
        if need.count > 0 {
            needs_by_subject.entry(&need.subject).or_default().push(n);
        }
    }
    let mut arcs = Vec::new();
    for (g, group) in m.groups.iter().enumerate() {
        // How many of the group's teachers listed each school.
        let mut listed: FxHashMap<usize, u32> = FxHashMap::default();
        for &t in &group.teachers {
            for &school in &wishes[t] {
                *listed.entry(school).or_default() += 1;
            }
        }
        for &n in needs_by_subject
            .get(group.subject.as_str())
            .into_iter()
            .flatten()
        {
            let to = m.needs[n].school;
            let pinned_elsewhere = matches!(group.pin, Pin::AssignTo(s) if s != to);
            if !group.reach.meets(m.needs[n].levels) {
                continue;
            }
            let other_group =
                policy.within_group && data.schools[to].group != data.schools[group.school].group;
            if pinned_elsewhere || other_group {
                continue;
            }
            let distance_km = geo::between(
                data.schools[group.school].location,
                data.schools[to].location,
            )
            .unwrap_or(0.0);
            let preferred = listed.get(&to).copied().unwrap_or(0);
            arcs.push(Arc {
                group: g,
                need: n,
                distance_km,
                preferred,
            });
        }
    }
    arcs
}

/// Per teacher, the schools they listed (each once).
fn wishes(data: &DataSet) -> Vec<Vec<usize>> {
    let mut wishes = vec![Vec::new(); data.teachers.len()];
    for p in &data.preferences {
        let listed: &mut Vec<usize> = &mut wishes[p.teacher];
        if !listed.contains(&p.school) {
            listed.push(p.school);
        }
    }
    wishes
}

/// (teacher, school) -> best rank the teacher gave the school.
pub fn preference_ranks(data: &DataSet) -> HashMap<(usize, usize), u32> {
    let mut best = HashMap::new();
    for p in &data.preferences {
        let rank = best.entry((p.teacher, p.school)).or_insert(p.rank);
        *rank = (*rank).min(p.rank);
    }
    best
}

/// The indicator terms of the district's graded schools: backbone and
/// sports-and-arts teachers, lifted at receiving schools below the
/// threshold and kept at sending schools. Schools the plan cannot move
/// either way have none.
fn terms(m: &DistrictModel, graded: &FxHashMap<usize, SchoolIndicators>) -> Vec<IndicatorTerm> {
    if graded.is_empty() {
        return Vec::new();
    }
    // (school, receiving?) -> arcs, in school order for determinism.
    let mut by_school: BTreeMap<(usize, bool), Vec<usize>> = BTreeMap::new();
    for (a, arc) in m.arcs.iter().enumerate() {
        by_school
            .entry((m.groups[arc.group].school, false))
            .or_default()
            .push(a);
        by_school
            .entry((m.needs[arc.need].school, true))
            .or_default()
            .push(a);
    }
    let mut terms = Vec::new();
    for ((school, receiving), arcs) in by_school {
        let Some(s) = graded.get(&school) else {
            continue;
        };
        for indicator in [Indicator::Backbone, Indicator::SportsArts] {
            let arcs: Vec<usize> = arcs
                .iter()
                .copied()
                .filter(|&a| carries(&m.groups[m.arcs[a].group], indicator, s.level))
                .collect();
            let least = indicators::least_count(s.students, s.level.threshold_tenths(indicator));
            let have = s.before[indicator.index()];
            let kind = if receiving {
                TermKind::Lift {
                    missing: least.saturating_sub(have),
                }
            } else {
                TermKind::Keep {
                    spare: have.saturating_sub(least),
                }
            };
            let movable: u64 = if receiving {
                0
            } else {
                // Teachers of this kind who may leave at all.
                let mut groups: Vec<usize> = arcs.iter().map(|&a| m.arcs[a].group).collect();
                groups.sort_unstable();
                groups.dedup();
                groups
                    .iter()
                    .map(|&g| m.groups[g].teachers.len() as u64)
                    .sum()
            };
            let matters = match kind {
                TermKind::Lift { missing } => missing > 0,
                TermKind::Keep { spare } => movable > spare,
            };
            if matters && !arcs.is_empty() {
                terms.push(IndicatorTerm {
                    school,
                    indicator,
                    arcs,
                    kind,
                });
            }
        }
    }
    terms
}

/// Whether a group's teachers count in an indicator at a school graded
/// `level`: backbone, sports and arts by subject, or above the degree the
/// level requires (by the group's education class, set under `keep` and
/// `improve`, which alone plan the education indicator).
fn carries(group: &Group, indicator: Indicator, level: Graded) -> bool {
    match indicator {
        Indicator::Backbone => group.backbone,
        Indicator::SportsArts => indicators::is_sports_arts(&group.subject),
        Indicator::Education => level.counts_class(group.education),
    }
}

/// The district's CVs the plan is asked to keep (objectives.md
/// `balance`, fit.md "Balance: the education indicator counts"):
/// backbone, sports-and-arts and education (when the data set gives
/// it), per level, each with a value before the plan and at least one
/// arc that moves it.
fn cv_units(
    data: &DataSet,
    m: &DistrictModel,
    assessed: &indicators::Indicators,
) -> Vec<balance::CvUnit> {
    // Each school's arcs, once: +1 arriving, -1 leaving.
    let mut moving: FxHashMap<usize, Vec<(usize, f64)>> = FxHashMap::default();
    for (k, a) in m.arcs.iter().enumerate() {
        moving
            .entry(m.needs[a.need].school)
            .or_default()
            .push((k, 1.0));
        moving
            .entry(m.groups[a.group].school)
            .or_default()
            .push((k, -1.0));
    }
    let mut units = Vec::new();
    for b in &assessed.balance {
        let (Some(before), Some(allowed)) = (b.cv_before, b.allowed()) else {
            continue;
        };
        if b.district != m.district {
            continue;
        }
        let schools: Vec<balance::CvSchool> = assessed
            .schools
            .iter()
            .filter(|s| s.level == b.level && data.district_of(s.school) == m.district)
            .map(|s| {
                let arcs: Vec<(usize, f64)> = moving.get(&s.school).map_or_else(Vec::new, |arcs| {
                    arcs.iter()
                        .copied()
                        .filter(|&(k, _)| carries(&m.groups[m.arcs[k].group], b.indicator, b.level))
                        .collect()
                });
                let before = s.before[b.indicator.index()];
                let (arriving, leaving) = reach(m, &arcs);
                balance::CvSchool {
                    students: s.students,
                    before,
                    low: before.saturating_sub(leaving),
                    high: before + arriving,
                    arcs,
                }
            })
            .collect();
        if schools.iter().any(|s| !s.arcs.is_empty()) {
            units.push(balance::CvUnit {
                level: b.level,
                indicator: b.indicator,
                schools,
                before,
                allowed,
            });
        }
    }
    units
}

/// The most teachers that can arrive at a school and leave it along
/// `arcs` (+1 arriving, -1 leaving): per need, its count or what its arcs
/// carry, whichever is less; per group, its teachers or what its arcs
/// carry. Bounds a CV's counts (`balance::CvSchool::low`, `high`).
fn reach(m: &DistrictModel, arcs: &[(usize, f64)]) -> (u64, u64) {
    let mut needs: FxHashMap<usize, u64> = FxHashMap::default();
    let mut groups: FxHashMap<usize, u64> = FxHashMap::default();
    for &(k, d) in arcs {
        let carried = u64::from(m.capacity(k));
        if d > 0.0 {
            *needs.entry(m.arcs[k].need).or_default() += carried;
        } else {
            *groups.entry(m.arcs[k].group).or_default() += carried;
        }
    }
    let arriving = needs
        .into_iter()
        .map(|(n, c)| c.min(u64::from(m.needs[n].count)))
        .sum();
    let leaving = groups
        .into_iter()
        .map(|(g, c)| c.min(m.groups[g].teachers.len() as u64))
        .sum();
    (arriving, leaving)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::DataPaths;

    #[test]
    fn arc_count_is_the_number_of_arcs_built() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample-county");
        let paths = DataPaths::resolve(Some(&dir), None, None, None, None, None).unwrap();
        let data = DataSet::load(&paths).unwrap();
        let policy = Policy::default();
        let eligibility = crate::eligibility::assess(&data, &policy);
        let models = build(&data, &policy, &eligibility).unwrap();
        assert!(!models.is_empty());
        for m in &models {
            assert!(m.arcs.len() > 1000);
            assert_eq!(arc_count(m), m.arcs.len() as u64);
        }
    }
}
