//! `rotaplan explain` (papers.md "Objections and changes"): for one
//! teacher, why they may or may not rotate, where the plan sends them, and
//! what the plan would give up if that changed: for a rotating teacher the
//! best plan without them, for an eligible teacher who stays the best plan
//! with them pinned to rotate, each shown by the same figures as the plan.

use crate::domain::DataSet;
use crate::eligibility::{self, Ineligible};
use crate::error::Error;
use crate::policy::Policy;
use serde::Serialize;

/// A plan's figures, counted independently of the planner: the audit's
/// counts, the distance between the schools' locations, the indicators'
/// CVs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub rotating: u64,
    pub needs_filled: u64,
    /// Kilometres, three decimals.
    pub total_distance_km: f64,
    /// The 优质均衡 CVs the plan keeps, of `cvs`.
    pub cvs_kept: usize,
    pub cvs: usize,
    /// Each rule unit's margin: how many rotations above its least (a
    /// `min` rule) or below its most (a `max` rule); negative when broken.
    pub margins: Vec<Margin>,
    /// The teachers whose destination differs from the plan's (empty for
    /// the plan itself).
    pub changes: Vec<Moved>,
}

/// One rule unit's margin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Margin {
    pub rule: String,
    pub district: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    pub numerator: u64,
    pub margin: i64,
}

/// A teacher whose receiving school differs between the plan and the
/// alternative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Moved {
    pub teacher: String,
    pub name: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// What `explain` says about one teacher.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub teacher: String,
    pub name: String,
    pub school: String,
    /// Every reason that holds, in rules.md's order; empty when eligible.
    #[serde(serialize_with = "reasons_json")]
    pub reasons: Vec<Ineligible>,
    pub rotates: bool,
    pub to_school: Option<String>,
    /// The teacher's value for each `priority` stage (programme.md "Who
    /// goes first"), in the policy's order.
    pub priority: Vec<StageValue>,
    pub plan: Figures,
    /// `None` for a teacher who may not rotate and does not.
    pub alternative: Option<Alternative>,
}

/// A teacher's value for one `priority` stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageValue {
    pub stage: String,
    pub value: f64,
}

/// The best plan if the teacher's part changed.
#[derive(Debug, Clone, Serialize)]
pub struct Alternative {
    /// `without` (a rotating teacher taken out) or `pinned` (an eligible
    /// teacher who stays, pinned to rotate).
    pub kind: &'static str,
    /// `false` when no plan meets every rule so.
    pub feasible: bool,
    #[serde(flatten)]
    pub figures: Option<Figures>,
}

fn reasons_json<S: serde::Serializer>(reasons: &[Ineligible], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Reason {
        code: &'static str,
        detail: String,
    }
    let list: Vec<Reason> = reasons
        .iter()
        .map(|r| Reason {
            code: r.code(),
            detail: r.to_string(),
        })
        .collect();
    list.serialize(s)
}

/// The figures of `moves` (teacher, receiving school) under `data`; the
/// changes against `reference` when given.
pub fn figures(
    data: &DataSet,
    policy: &Policy,
    moves: &[(usize, usize)],
    reference: Option<&[(usize, usize)]>,
) -> Figures {
    let lines = crate::read::plan::lines_of(data, moves.iter().copied());
    let audit = crate::audit::audit(data, policy, &lines);
    let km: f64 = moves
        .iter()
        .filter_map(|&(t, s)| {
            let from = data.schools[data.teachers[t].school].location?;
            let to = data.schools[s].location?;
            Some(crate::geo::great_circle_km(from, to))
        })
        .sum();
    let balance = crate::indicators::assess(data, policy, Some(moves)).balance;
    let margins = audit
        .rules
        .iter()
        .map(|u| Margin {
            rule: u.rule.clone(),
            district: u.district.clone(),
            school: u.school.clone(),
            numerator: u.numerator,
            margin: match (u.required, u.limit) {
                (Some(least), _) => u.numerator as i64 - least as i64,
                (None, Some(most)) => most as i64 - u.numerator as i64,
                (None, None) => 0,
            },
        })
        .collect();
    let changes = reference.map_or_else(Vec::new, |reference| moved(data, reference, moves));
    Figures {
        rotating: audit.rotating,
        needs_filled: audit.needs_filled.unwrap_or(0),
        total_distance_km: (km * 1000.0).round() / 1000.0 + 0.0,
        cvs_kept: balance.iter().filter(|b| b.kept()).count(),
        cvs: balance.len(),
        margins,
        changes,
    }
}

/// The teachers whose receiving school differs between `before` and
/// `after`, in teacher order.
fn moved(data: &DataSet, before: &[(usize, usize)], after: &[(usize, usize)]) -> Vec<Moved> {
    let mut was = vec![None; data.teachers.len()];
    let mut now = vec![None; data.teachers.len()];
    for &(t, s) in before {
        was[t] = Some(s);
    }
    for &(t, s) in after {
        now[t] = Some(s);
    }
    let id = |s: Option<usize>| s.map(|s| data.schools[s].id.clone());
    (0..data.teachers.len())
        .filter(|&t| was[t] != now[t])
        .map(|t| Moved {
            teacher: data.teachers[t].id.clone(),
            name: data.teachers[t].name.clone(),
            before: id(was[t]),
            after: id(now[t]),
        })
        .collect()
}

/// Explains teacher `t` in the plan `moves`: the alternative is `plan`
/// re-run on the data with the teacher's eligibility overridden to false
/// (rotating) or pinned `must_rotate` (eligible, staying).
pub fn explain(
    data: &DataSet,
    policy: &Policy,
    moves: &[(usize, usize)],
    t: usize,
) -> Result<Explanation, Error> {
    let teacher = &data.teachers[t];
    let reasons = eligibility::all_reasons(data, policy, t);
    let to = moves.iter().find(|&&(m, _)| m == t).map(|&(_, s)| s);
    let alternative = match (to, reasons.is_empty()) {
        (Some(_), _) => Some(("without", without(data, t))),
        (None, true) => Some(("pinned", pinned(data, t))),
        (None, false) => None,
    };
    let alternative = match alternative {
        None => None,
        Some((kind, changed)) => {
            let plan = super::plan(&changed, policy)?;
            let figures = plan.feasible().then(|| {
                let alt: Vec<(usize, usize)> = plan
                    .rotations
                    .iter()
                    .map(|r| (r.teacher, r.to_school))
                    .collect();
                figures(&changed, policy, &alt, Some(moves))
            });
            Some(Alternative {
                kind,
                feasible: plan.feasible(),
                figures,
            })
        }
    };
    let years = eligibility::years_counted(data, policy);
    let rotated = data.history.iter().any(|p| p.teacher == t);
    let priority = policy
        .priority
        .iter()
        .map(|p| StageValue {
            stage: p.name(),
            value: p.value(data, policy, teacher, rotated, years[t]) + 0.0,
        })
        .collect();
    Ok(Explanation {
        priority,
        teacher: teacher.id.clone(),
        name: teacher.name.clone(),
        school: data.schools[teacher.school].id.clone(),
        reasons,
        rotates: to.is_some(),
        to_school: to.map(|s| data.schools[s].id.clone()),
        plan: figures(data, policy, moves, None),
        alternative,
    })
}

/// `data` with teacher `t` not eligible (teachers.csv `eligible` false)
/// and unpinned.
fn without(data: &DataSet, t: usize) -> DataSet {
    let mut changed = data.clone();
    let teacher = &mut changed.teachers[t];
    teacher.eligible = Some(false);
    teacher.assign_to = None;
    teacher.must_rotate = false;
    changed
}

/// `data` with teacher `t` pinned to rotate (teachers.csv `must_rotate`).
fn pinned(data: &DataSet, t: usize) -> DataSet {
    let mut changed = data.clone();
    changed.teachers[t].must_rotate = true;
    changed
}
