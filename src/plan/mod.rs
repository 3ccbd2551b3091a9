//! `rotaplan plan`: the pipeline from a loaded data set to a rotation plan.
//! Eligibility, one model per district, an exact feasibility check, the
//! solves in parallel (rayon), the choice of individuals, and the figures
//! a planner reads per district.

pub mod changes;
pub mod compare;
pub mod explain;
pub mod fixes;
pub mod horizon;
pub mod principals;

use crate::assign::{self, Rotation};
use crate::domain::DataSet;
use crate::eligibility::{self, Ineligible};
use crate::error::{Error, Infeasibility};
use crate::indicators::{self, Balance};
use crate::model::{self, DistrictModel, feasibility};
use crate::msg;
use crate::policy::Policy;
use crate::progress::{Progress, Quiet};
use crate::solve::{self, SolveError, Status};
use rayon::prelude::*;

/// The figures a planner reads, for one district or summed over several.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Figures {
    pub eligible: u64,
    pub required: u64,
    pub rotating: u64,
    pub backbone: u64,
    pub needs_filled: u64,
    pub needs_total: u64,
    pub total_distance_km: f64,
    pub mean_distance_km: Option<f64>,
}

impl Figures {
    /// The sum of `parts`, with the mean distance recomputed.
    pub fn sum<'a>(parts: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut total = parts.into_iter().fold(Figures::default(), |mut t, f| {
            t.eligible += f.eligible;
            t.required += f.required;
            t.rotating += f.rotating;
            t.backbone += f.backbone;
            t.needs_filled += f.needs_filled;
            t.needs_total += f.needs_total;
            t.total_distance_km += f.total_distance_km;
            t
        });
        total.mean_distance_km =
            (total.rotating > 0).then(|| total.total_distance_km / total.rotating as f64);
        total
    }

    pub fn rotation_ratio(&self) -> Option<f64> {
        (self.eligible > 0).then(|| self.rotating as f64 / self.eligible as f64)
    }

    pub fn backbone_share(&self) -> Option<f64> {
        (self.rotating > 0).then(|| self.backbone as f64 / self.rotating as f64)
    }

    pub fn needs_filled_share(&self) -> Option<f64> {
        (self.needs_total > 0).then(|| self.needs_filled as f64 / self.needs_total as f64)
    }
}

/// What the plan does in one district.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DistrictSummary {
    pub district: String,
    #[serde(flatten)]
    pub figures: Figures,
    /// The largest share of one sending school's eligible teachers that
    /// leaves (objectives.md), from 0 to 1; 0 when no sending school has
    /// eligible teachers.
    pub max_leave_share: f64,
    /// The school of `max_leave_share` (the smallest id on a tie); `None`
    /// when no sending school has eligible teachers.
    pub max_leave_school: Option<String>,
    /// `max_leave_share` exactly, as (leaving, eligible).
    #[serde(skip)]
    pub max_leave: Option<(u64, u64)>,
    /// `None` when the district was not solved (infeasible).
    pub status: Option<Status>,
    /// The harm stage's status under `balance` "keep" or "improve"
    /// (objectives.md): optimal when the CVs not kept are proven the least
    /// the rules allow, else time_limit; `None` with no CV to keep.
    pub harm_status: Option<Status>,
    pub solve_seconds: f64,
    pub infeasible: Vec<Infeasibility>,
}

/// A whole plan: the moves, sorted by district, sending school and
/// teacher id, and the per-district figures.
#[derive(Debug, Clone)]
pub struct RotationPlan {
    pub rotations: Vec<Rotation>,
    pub districts: Vec<DistrictSummary>,
    /// Teachers at sending schools who may not rotate, with the reason.
    pub ineligible: Vec<(usize, Ineligible)>,
    /// The quality-balance CVs per district and level, before and after.
    pub balance: Vec<Balance>,
    /// The principals' moves (principals.md), planned after the teachers'
    /// and apart from them; empty unless the policy's `principals`.
    pub principals: principals::PrincipalPlan,
}

impl RotationPlan {
    pub fn feasible(&self) -> bool {
        self.districts.iter().all(|d| d.infeasible.is_empty())
            && self.principals.infeasible.is_empty()
    }

    pub fn infeasibilities(&self) -> Vec<Infeasibility> {
        self.districts
            .iter()
            .flat_map(|d| d.infeasible.iter().cloned())
            .chain(self.principals.infeasible.iter().cloned())
            .collect()
    }

    /// Whether every district's plan is proven optimal.
    pub fn optimal(&self) -> bool {
        self.districts
            .iter()
            .all(|d| d.status != Some(Status::TimeLimit))
    }

    /// The figures over every district.
    pub fn figures(&self) -> Figures {
        Figures::sum(self.districts.iter().map(|d| &d.figures))
    }
}

/// Plans every district. Infeasible districts are reported in the result
/// (not as an error) so that reports can show them next to the others.
pub fn plan(data: &DataSet, policy: &Policy) -> Result<RotationPlan, Error> {
    plan_with(data, policy, &Quiet)
}

/// `plan`, telling `progress` of each district solved.
pub fn plan_with(
    data: &DataSet,
    policy: &Policy,
    progress: &dyn Progress,
) -> Result<RotationPlan, Error> {
    if data.needs.is_none() {
        return Err(Error::Usage(msg!("plan-needs-missing")));
    }
    let eligibility = eligibility::assess(data, policy);
    let models = model::build(data, policy, &eligibility)?;
    let ranks = model::preference_ranks(data);
    progress.total(models.len() as u64);
    let solved: Vec<Result<(DistrictSummary, Vec<Rotation>), Error>> = models
        .par_iter()
        .map(|m| {
            let result = plan_district(data, policy, m, &eligibility, &ranks);
            progress.step();
            result
        })
        .collect();
    let mut rotations = Vec::new();
    let mut districts = Vec::new();
    for result in solved {
        let (summary, mut moves) = result?;
        districts.push(summary);
        rotations.append(&mut moves);
    }
    rotations.sort_by(|a, b| {
        let key = |r: &Rotation| {
            let from = &data.schools[data.teachers[r.teacher].school];
            (
                from.district.as_str(),
                from.id.as_str(),
                data.teachers[r.teacher].id.as_str(),
            )
        };
        key(a).cmp(&key(b))
    });
    let ineligible = eligibility
        .into_iter()
        .enumerate()
        .filter_map(|(t, e)| match e {
            Err(reason) if reason != Ineligible::NotAtSendingSchool => Some((t, reason)),
            _ => None,
        })
        .collect();
    let moves: Vec<(usize, usize)> = rotations.iter().map(|r| (r.teacher, r.to_school)).collect();
    let balance = indicators::assess(data, policy, Some(&moves)).balance;
    let principals = principals::plan(data, policy)?;
    Ok(RotationPlan {
        rotations,
        districts,
        ineligible,
        balance,
        principals,
    })
}

fn plan_district(
    data: &DataSet,
    policy: &Policy,
    m: &DistrictModel,
    eligibility: &[Result<(), Ineligible>],
    ranks: &std::collections::HashMap<(usize, usize), u32>,
) -> Result<(DistrictSummary, Vec<Rotation>), Error> {
    let mut summary = DistrictSummary {
        district: m.district.clone(),
        figures: Figures {
            eligible: m.eligible(),
            required: m.required(),
            needs_total: m.needs_total(),
            ..Figures::default()
        },
        max_leave_share: 0.0,
        max_leave_school: None,
        max_leave: None,
        status: None,
        harm_status: None,
        solve_seconds: 0.0,
        infeasible: feasibility::diagnose(data, m, policy),
    };
    if !summary.infeasible.is_empty() {
        attach_fixes(data, policy, m, eligibility, &mut summary)?;
        return Ok((summary, Vec::new()));
    }
    let solved = match solve::solve(m, policy) {
        Ok(solved) => solved,
        Err(SolveError::Infeasible) => {
            summary.infeasible.push(Infeasibility::new(
                model::district_label(&m.district).to_string(),
                "combined",
                msg!(
                    "plan-infeasible-combined",
                    within_group = if policy.within_group { "yes" } else { "no" }
                ),
            ));
            attach_fixes(data, policy, m, eligibility, &mut summary)?;
            return Ok((summary, Vec::new()));
        }
        Err(SolveError::Failed(why)) => {
            return Err(Error::Solver(msg!(
                "plan-district-failed",
                district = model::district_label(&m.district),
                message = why
            )));
        }
    };
    let rotations = assign::assign(data, m, &solved.flows, ranks);
    let f = &mut summary.figures;
    f.rotating = rotations.len() as u64;
    f.backbone = rotations
        .iter()
        .filter(|r| policy.is_backbone(&data.teachers[r.teacher]))
        .count() as u64;
    f.needs_filled = solved.flows.iter().map(|&f| u64::from(f)).sum();
    // + 0.0: an empty f64 sum is -0.0, which would print as such.
    f.total_distance_km = rotations.iter().filter_map(|r| r.distance_km).sum::<f64>() + 0.0;
    f.mean_distance_km = (f.rotating > 0).then(|| f.total_distance_km / f.rotating as f64);
    summary.status = Some(solved.status);
    summary.harm_status = solved.harm;
    summary.solve_seconds = solved.seconds;
    if let Some((school, leaving, eligible)) = largest_leave_share(data, m, &rotations) {
        summary.max_leave_share = leaving as f64 / eligible as f64;
        summary.max_leave_school = Some(data.schools[school].id.clone());
        summary.max_leave = Some((leaving, eligible));
    }
    Ok((summary, rotations))
}

/// What would fix each of the district's infeasibilities
/// (`model::fixes`).
fn attach_fixes(
    data: &DataSet,
    policy: &Policy,
    m: &DistrictModel,
    eligibility: &[Result<(), Ineligible>],
    summary: &mut DistrictSummary,
) -> Result<(), Error> {
    fixes::attach(data, policy, m, eligibility, &mut summary.infeasible).map_err(|e| {
        Error::Solver(msg!(
            "plan-fixes-failed",
            district = model::district_label(&m.district),
            error = format!("{e:?}")
        ))
    })
}

/// The sending school of the district whose eligible teachers leave in
/// the largest share (objectives.md `spread`), as (school, leaving,
/// eligible), compared exactly; on a tie the smallest id by UTF-8 bytes.
/// `None` when no sending school has eligible teachers.
pub fn largest_leave_share(
    data: &DataSet,
    m: &DistrictModel,
    rotations: &[Rotation],
) -> Option<(usize, u64, u64)> {
    let mut per_school: std::collections::BTreeMap<usize, (u64, u64)> = Default::default();
    for g in &m.groups {
        per_school.entry(g.school).or_default().1 += g.teachers.len() as u64;
    }
    for r in rotations {
        if let Some(s) = per_school.get_mut(&data.teachers[r.teacher].school) {
            s.0 += 1;
        }
    }
    per_school
        .into_iter()
        .filter(|(_, (_, eligible))| *eligible > 0)
        .map(|(s, (leaving, eligible))| (s, leaving, eligible))
        .reduce(|best, next| {
            let (a, b) = (
                u128::from(next.1) * u128::from(best.2),
                u128::from(best.1) * u128::from(next.2),
            );
            let next_id = data.schools[next.0].id.as_bytes();
            let best_id = data.schools[best.0].id.as_bytes();
            if a > b || (a == b && next_id < best_id) {
                next
            } else {
                best
            }
        })
}
