//! Solving one district's model with HiGHS (through good_lp), in the
//! contract's lexicographic order: first the most weighted rural need
//! filled, then, with that fill held, the least total distance, then, with
//! both held, the most teachers sent to a school they asked for.
//!
//! The third stage holds the distance by holding the number of teachers
//! moving between each pair of located schools, not by one dense "total
//! distance <= optimum" row: that row costs HiGHS over a second of setup
//! per county (clique extraction on a knapsack row over thousands of
//! binaries), while pair rows are sparse and keep the distance exactly.
//! Preferences then choose among the groups of a school (backbone or not)
//! and among schools without a location, which is where ties occur.
//!
//! Each stage is a separate MILP warm-started from the previous stage's
//! solution. HiGHS settings follow `../shared/notes/solver.md`: presolve
//! and symmetry detection off (they spend seconds on the two dense ratio
//! rows and remove nothing), the feasibility-jump heuristic off (measured
//! below), one thread per model because districts are solved in parallel
//! by rayon.

use crate::model::DistrictModel;
use crate::policy::Policy;
use good_lp::solvers::highs::HighsProblem;
use good_lp::{
    Expression, ProblemVariables, ResolutionError, Solution, SolutionStatus, SolverModel, Variable,
    WithInitialSolution, highs, variable,
};
use std::time::Instant;

/// Whether the plan is proven optimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Optimal,
    /// A stage stopped at its time limit: the plan meets every rule but is
    /// not proven optimal.
    TimeLimit,
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time limit, not proven optimal",
        })
    }
}

/// The integer flow along each arc of the model.
#[derive(Debug, Clone)]
pub struct Solved {
    pub flows: Vec<u32>,
    pub status: Status,
    pub seconds: f64,
}

#[derive(Debug)]
pub enum SolveError {
    /// HiGHS proved the model infeasible (the pre-check should catch this
    /// first; this is the fallback).
    Infeasible,
    Failed(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Fill,
    Distance,
    Preference,
}

/// What earlier stages reached, held by later ones.
#[derive(Default, Clone)]
struct Held {
    fill: Option<f64>,
    /// Per pair of located schools: its arcs and their total flow.
    pairs: Option<Vec<(Vec<usize>, f64)>>,
}

/// Solves the district's model through every stage that can matter.
pub fn solve(m: &DistrictModel, policy: &Policy) -> Result<Solved, SolveError> {
    let start = Instant::now();
    if m.arcs.is_empty() {
        return Ok(Solved {
            flows: Vec::new(),
            status: Status::Optimal,
            seconds: 0.0,
        });
    }
    let mut stages = vec![Stage::Fill];
    if m.arcs.iter().any(|a| a.distance_km > 0.0) {
        stages.push(Stage::Distance);
    }
    if m.arcs.iter().any(|a| a.preferred > 0) {
        stages.push(Stage::Preference);
    }
    let mut held = Held::default();
    let mut best: Option<Vec<f64>> = None;
    let mut status = Status::Optimal;
    for stage in stages {
        match run_stage(m, policy, stage, &held, best.as_deref()) {
            Ok((values, stage_status)) => {
                status = status.max(stage_status);
                match stage {
                    Stage::Fill => held.fill = Some(fill_value(m, &values)),
                    Stage::Distance => held.pairs = Some(pair_flows(m, &values)),
                    Stage::Preference => {}
                }
                best = Some(values);
            }
            // A later stage that fails keeps the earlier stage's plan,
            // which meets every rule, and says it is not proven optimal.
            Err(_) if best.is_some() => {
                status = Status::TimeLimit;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    let values = best.unwrap_or_default();
    let flows = values.iter().map(|v| v.round().max(0.0) as u32).collect();
    Ok(Solved {
        flows,
        status,
        seconds: start.elapsed().as_secs_f64(),
    })
}

fn fill_value(m: &DistrictModel, x: &[f64]) -> f64 {
    m.arcs
        .iter()
        .zip(x)
        .map(|(a, v)| m.needs[a.need].weight * v.round())
        .sum()
}

/// Arcs grouped by (sending school, receiving school) where the distance
/// is known, with the flow `x` sends along each pair.
fn pair_flows(m: &DistrictModel, x: &[f64]) -> Vec<(Vec<usize>, f64)> {
    let mut pairs: std::collections::BTreeMap<(usize, usize), (Vec<usize>, f64)> =
        Default::default();
    for (a, arc) in m.arcs.iter().enumerate() {
        if arc.distance_km > 0.0 {
            let pair = pairs
                .entry((m.groups[arc.group].school, m.needs[arc.need].school))
                .or_default();
            pair.0.push(a);
            pair.1 += x[a].round();
        }
    }
    pairs.into_values().collect()
}

/// Builds and solves one stage; returns the arc flows.
fn run_stage(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    warm: Option<&[f64]>,
) -> Result<(Vec<f64>, Status), SolveError> {
    let mut vars = ProblemVariables::new();
    let x: Vec<Variable> = m
        .arcs
        .iter()
        .map(|a| {
            let bound = (m.groups[a.group].teachers.len() as u32).min(m.needs[a.need].count);
            vars.add(variable().integer().min(0).max(bound))
        })
        .collect();
    // y[a] <= min(x[a], teachers of the group who asked for the school).
    let y: Vec<Option<Variable>> = m
        .arcs
        .iter()
        .map(|a| {
            (stage == Stage::Preference && a.preferred > 0)
                .then(|| vars.add(variable().min(0).max(a.preferred)))
        })
        .collect();

    let mut objective = Expression::with_capacity(x.len());
    let problem = match stage {
        Stage::Fill => {
            for (a, &v) in m.arcs.iter().zip(&x) {
                objective.add_mul(m.needs[a.need].weight, v);
            }
            vars.maximise(objective)
        }
        Stage::Distance => {
            for (a, &v) in m.arcs.iter().zip(&x) {
                objective.add_mul(a.distance_km, v);
            }
            vars.minimise(objective)
        }
        Stage::Preference => {
            for &v in y.iter().flatten() {
                objective.add_mul(1.0, v);
            }
            vars.maximise(objective)
        }
    };
    let gap = if stage == Stage::Fill { 0.0 } else { 1e-6 };
    let mut problem = problem
        .using(highs)
        .set_option("presolve", "off")
        .set_option("mip_detect_symmetry", false)
        // Measured: half of all solve time went to this heuristic, which
        // never found a better plan on this model (county 0.59 s -> 0.22 s).
        .set_option("mip_heuristic_run_feasibility_jump", false)
        .set_option("threads", 1)
        .set_option("mip_rel_gap", gap)
        .set_option("mip_abs_gap", 1e-6)
        .set_time_limit(policy.time_limit_seconds);
    add_rules(&mut problem, m, &x, policy);
    add_held(&mut problem, m, &x, held);
    for (a, y) in y.iter().enumerate() {
        if let Some(y) = *y {
            problem.add_constraint((y - x[a]).leq(0.0));
        }
    }
    if let Some(warm) = warm {
        problem = problem.with_initial_solution(x.iter().copied().zip(warm.iter().copied()));
    }
    let solution = problem.solve().map_err(|e| match e {
        ResolutionError::Infeasible => SolveError::Infeasible,
        other => SolveError::Failed(other.to_string()),
    })?;
    let status = match solution.status() {
        SolutionStatus::Optimal | SolutionStatus::GapLimit => Status::Optimal,
        SolutionStatus::TimeLimit => Status::TimeLimit,
    };
    Ok((x.iter().map(|&v| solution.value(v)).collect(), status))
}

/// The contract's rules: each teacher at most once, each need at most its
/// count, the subject caps, and per rule scope the two ratios.
fn add_rules(problem: &mut HighsProblem, m: &DistrictModel, x: &[Variable], policy: &Policy) {
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); m.groups.len()];
    let mut by_need: Vec<Vec<usize>> = vec![Vec::new(); m.needs.len()];
    for (a, arc) in m.arcs.iter().enumerate() {
        by_group[arc.group].push(a);
        by_need[arc.need].push(a);
    }
    let sum = |arcs: &mut dyn Iterator<Item = usize>, coefficient: &dyn Fn(usize) -> f64| {
        let mut e = Expression::with_capacity(16);
        for a in arcs {
            e.add_mul(coefficient(a), x[a]);
        }
        e
    };
    for (g, arcs) in by_group.iter().enumerate() {
        if arcs.len() > 1 {
            let size = m.groups[g].teachers.len() as f64;
            problem.add_constraint(sum(&mut arcs.iter().copied(), &|_| 1.0).leq(size));
        }
    }
    for (n, arcs) in by_need.iter().enumerate() {
        if arcs.len() > 1 {
            problem.add_constraint(sum(&mut arcs.iter().copied(), &|_| 1.0).leq(m.needs[n].count));
        }
    }
    for cap in &m.caps {
        let arcs = &mut cap.groups.iter().flat_map(|&g| by_group[g].iter().copied());
        problem.add_constraint(sum(arcs, &|_| 1.0).leq(cap.cap as f64));
    }
    // backbone share q = a/b:  b * backbone >= a * rotating  <=>
    // sum over arcs of (a - b * [backbone]) * x <= 0, all integers.
    let q = policy.min_backbone_share;
    let (qa, qb) = (q.num() as f64, q.den() as f64);
    for scope in &m.scopes {
        let arcs = || {
            scope
                .groups
                .iter()
                .flat_map(|&g| by_group[g].iter().copied())
        };
        if scope.min_rotations > 0 {
            problem.add_constraint(sum(&mut arcs(), &|_| -1.0).leq(-(scope.min_rotations as f64)));
        }
        if let Some(max) = scope.max_rotations {
            problem.add_constraint(sum(&mut arcs(), &|_| 1.0).leq(max as f64));
        }
        if q.num() > 0 {
            let share = |a: usize| {
                if m.groups[m.arcs[a].group].backbone {
                    qa - qb
                } else {
                    qa
                }
            };
            problem.add_constraint(sum(&mut arcs(), &share).leq(0.0));
        }
    }
}

/// Earlier stages' results: the fill with a small tolerance for
/// round-off, the pair flows exactly.
fn add_held(problem: &mut HighsProblem, m: &DistrictModel, x: &[Variable], held: &Held) {
    if let Some(fill) = held.fill {
        let mut e = Expression::with_capacity(x.len());
        for (a, &v) in m.arcs.iter().zip(x) {
            e.add_mul(-m.needs[a.need].weight, v);
        }
        problem.add_constraint(e.leq(-fill + 1e-7 * fill.abs().max(1.0)));
    }
    for (arcs, flow) in held.pairs.iter().flatten() {
        let mut e = Expression::with_capacity(arcs.len());
        for &a in arcs {
            e.add_mul(1.0, x[a]);
        }
        problem.add_constraint(e.eq(*flow));
    }
}
