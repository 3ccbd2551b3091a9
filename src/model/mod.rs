//! The rotation model of one district, before any solver sees it.
//!
//! Teachers with the same sending school, subject and backbone flag are
//! interchangeable for every rule, so they form a `Group`, and the model's
//! unknowns are integer flows along `Arc`s from groups to the rural needs of
//! the same subject. This keeps a county's model at a few thousand
//! variables instead of millions (see `../shared/notes/solver.md`); the
//! individuals are chosen afterwards by `assign`.
//!
//! Districts never exchange teachers, so each is a model of its own.

pub mod feasibility;

use crate::data::DataSet;
use crate::eligibility::Ineligible;
use crate::error::Error;
use crate::geo;
use crate::indicators::{self, Indicator, SchoolIndicators};
use crate::policy::{Policy, Scope};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, HashMap};

/// Interchangeable eligible teachers.
#[derive(Debug, Clone)]
pub struct Group {
    pub school: usize,
    pub subject: String,
    pub backbone: bool,
    /// Teacher indices, in data order.
    pub teachers: Vec<usize>,
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

/// One place the two ratios are counted: a district, or a sending school
/// with scope "school".
#[derive(Debug, Clone)]
pub struct RuleScope {
    /// `district 大丰区` or `school S01 (实验小学)`, for messages.
    pub label: String,
    /// The sending school, with scope "school".
    pub school: Option<usize>,
    pub groups: Vec<usize>,
    pub eligible: u64,
    pub min_rotations: u64,
    pub max_rotations: Option<u64>,
}

/// At most `cap` teachers of one subject may leave one sending school.
#[derive(Debug, Clone)]
pub struct SubjectCap {
    pub school: usize,
    pub subject: String,
    pub groups: Vec<usize>,
    pub cap: u64,
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
    pub scopes: Vec<RuleScope>,
    pub caps: Vec<SubjectCap>,
    /// Empty unless the policy asks to improve the indicators.
    pub terms: Vec<IndicatorTerm>,
}

impl DistrictModel {
    /// Eligible teachers at the district's sending schools.
    pub fn eligible(&self) -> u64 {
        self.scopes.iter().map(|s| s.eligible).sum()
    }

    pub fn required(&self) -> u64 {
        self.scopes.iter().map(|s| s.min_rotations).sum()
    }

    pub fn needs_total(&self) -> u64 {
        self.needs.iter().map(|n| u64::from(n.count)).sum()
    }
}

/// A district's display name: the empty district (no `district` column)
/// is shown as "(all)".
pub fn district_label(district: &str) -> String {
    if district.is_empty() {
        "district (all)".to_string()
    } else {
        format!("district {district}")
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
    let mut districts: BTreeMap<String, DistrictModel> = BTreeMap::new();
    // Groups, keyed so that their order is deterministic.
    // (district, school id, school index, subject, backbone): ids order the
    // groups, the index (unique per id) comes along.
    type Key<'d> = (&'d str, &'d str, usize, &'d str, bool);
    let mut group_keys: BTreeMap<Key, Vec<usize>> = BTreeMap::new();
    for (t, teacher) in data.teachers.iter().enumerate() {
        if eligibility[t].is_ok() {
            let school = &data.schools[teacher.school];
            group_keys
                .entry((
                    &school.district,
                    &school.id,
                    teacher.school,
                    &teacher.subject,
                    teacher.backbone.is_backbone(),
                ))
                .or_default()
                .push(t);
        }
    }
    for ((district, _, school, subject, backbone), teachers) in group_keys {
        model_of(&mut districts, district).groups.push(Group {
            school,
            subject: subject.to_string(),
            backbone,
            teachers,
        });
    }
    for (index, need) in data.needs.iter().flatten().enumerate() {
        model_of(&mut districts, data.district_of(need.school))
            .needs
            .push(Need {
                index,
                school: need.school,
                subject: need.subject.clone(),
                count: need.count,
                weight: need.weight,
            });
    }
    // Sending schools without eligible teachers still count (E = 0).
    for school in data.schools.iter().filter(|s| s.is_sending()) {
        model_of(&mut districts, &school.district);
    }
    let wishes = wishes(data);
    let subject_sizes = subject_sizes(data);
    let graded: FxHashMap<usize, SchoolIndicators> = if policy.improve_indicators {
        indicators::assess(data, None)
            .schools
            .into_iter()
            .map(|s| (s.school, s))
            .collect()
    } else {
        FxHashMap::default()
    };
    // Districts are independent: their arcs are computed in parallel.
    districts
        .into_values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|mut m| {
            let count = arc_count(&m);
            if count > MAX_ARCS {
                return Err(Error::Usage(format!(
                    "{}: {count} possible moves (sending groups x rural needs of the same subject), \
                     more than the {MAX_ARCS} rotaplan models in one district; split the district",
                    district_label(&m.district)
                )));
            }
            m.arcs = arcs(data, &m, &wishes);
            m.scopes = scopes(data, policy, &m);
            m.caps = caps(policy, &m, &subject_sizes);
            m.terms = terms(&m, &graded);
            Ok(m)
        })
        .collect()
}

/// How many arcs `arcs` will make: per subject, groups x needs.
fn arc_count(m: &DistrictModel) -> u64 {
    let mut per_subject: HashMap<&str, (u64, u64)> = HashMap::new();
    for g in &m.groups {
        per_subject.entry(&g.subject).or_default().0 += 1;
    }
    for n in m.needs.iter().filter(|n| n.count > 0) {
        per_subject.entry(&n.subject).or_default().1 += 1;
    }
    per_subject
        .values()
        .map(|&(g, n)| g.saturating_mul(n))
        .fold(0, u64::saturating_add)
}

fn model_of<'m>(
    districts: &'m mut BTreeMap<String, DistrictModel>,
    district: &str,
) -> &'m mut DistrictModel {
    districts
        .entry(district.to_string())
        .or_insert_with(|| DistrictModel {
            district: district.to_string(),
            groups: Vec::new(),
            needs: Vec::new(),
            arcs: Vec::new(),
            scopes: Vec::new(),
            caps: Vec::new(),
            terms: Vec::new(),
        })
}

fn arcs(data: &DataSet, m: &DistrictModel, wishes: &[Vec<usize>]) -> Vec<Arc> {
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

/// Teachers (eligible or not) per (school, subject): the base of the
/// subject-share cap.
fn subject_sizes(data: &DataSet) -> HashMap<(usize, &str), u64> {
    let mut sizes = HashMap::new();
    for t in &data.teachers {
        *sizes.entry((t.school, &*t.subject)).or_insert(0) += 1;
    }
    sizes
}

fn scopes(data: &DataSet, policy: &Policy, m: &DistrictModel) -> Vec<RuleScope> {
    let rule = |label: String, school: Option<usize>, groups: Vec<usize>| {
        let eligible = groups
            .iter()
            .map(|&g| m.groups[g].teachers.len() as u64)
            .sum();
        RuleScope {
            label,
            school,
            groups,
            eligible,
            min_rotations: policy.min_rotation_ratio.ceil_of(eligible),
            max_rotations: policy.max_rotation_ratio.map(|r| r.floor_of(eligible)),
        }
    };
    match policy.scope {
        Scope::District => vec![rule(
            district_label(&m.district),
            None,
            (0..m.groups.len()).collect(),
        )],
        Scope::School => {
            let mut by_school: BTreeMap<&str, (usize, Vec<usize>)> = data
                .schools
                .iter()
                .enumerate()
                .filter(|(_, s)| s.is_sending() && s.district == m.district)
                .map(|(i, s)| (s.id.as_str(), (i, Vec::new())))
                .collect();
            for (g, group) in m.groups.iter().enumerate() {
                if let Some((_, groups)) = by_school.get_mut(data.schools[group.school].id.as_str())
                {
                    groups.push(g);
                }
            }
            by_school
                .into_values()
                .map(|(s, groups)| {
                    let school = &data.schools[s];
                    rule(
                        format!("school {} ({})", school.id, school.name),
                        Some(s),
                        groups,
                    )
                })
                .collect()
        }
    }
}

fn caps(
    policy: &Policy,
    m: &DistrictModel,
    sizes: &HashMap<(usize, &str), u64>,
) -> Vec<SubjectCap> {
    let Some(share) = policy.max_subject_share else {
        return Vec::new();
    };
    let mut by_key: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for (g, group) in m.groups.iter().enumerate() {
        by_key
            .entry((group.school, &group.subject))
            .or_default()
            .push(g);
    }
    by_key
        .into_iter()
        .map(|((school, subject), groups)| SubjectCap {
            school,
            subject: subject.to_string(),
            cap: share.floor_of(sizes.get(&(school, subject)).copied().unwrap_or(0)),
            groups,
        })
        .collect()
}

/// The indicator terms of the district's graded schools: backbone and
/// sports-and-arts teachers, lifted at receiving schools below the
/// threshold and kept at sending schools. Schools the plan cannot move
/// either way have none.
fn terms(m: &DistrictModel, graded: &FxHashMap<usize, SchoolIndicators>) -> Vec<IndicatorTerm> {
    if graded.is_empty() {
        return Vec::new();
    }
    let of_kind = |indicator: Indicator, a: &Arc| {
        let group = &m.groups[a.group];
        match indicator {
            Indicator::Backbone => group.backbone,
            _ => indicators::is_sports_arts(&group.subject),
        }
    };
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
                .filter(|&a| of_kind(indicator, &m.arcs[a]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::DataPaths;

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
