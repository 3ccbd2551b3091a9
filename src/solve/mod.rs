//! Solving one district's model with HiGHS (the `highs` crate), in the
//! contract's lexicographic order: first the most weighted rural need
//! filled; then, among plans filling that much, the least total distance;
//! then, among those, the most teachers sent to a school they asked for.
//! objectives.md adds stages: `spread` (on by default) right after the
//! fill; `balance = "keep"` a harm stage before the fill, which keeps the
//! CVs of 优质均衡 as well as the rules allow (`model::balance` makes them
//! linear rows); `balance = "improve"` also lowers them after the fill.
//! With the policy's `improve_indicators`, a stage before the distance
//! maximises the indicator terms (teachers lifting receiving schools to a
//! threshold, minus twice those pushing sending schools below one).
//!
//! The model is a transportation problem (groups to needs) with a few side
//! rows (the ratios, the caps), and its LP relaxation is integral in
//! practice. So each stage first solves the LP; when the LP solution is
//! integral it is also the integer optimum, and its dual solution tells
//! exactly which plans are optimal for that stage (complementary
//! slackness: every optimal plan keeps each arc with a non-zero reduced
//! cost at its value and each row with a non-zero dual tight). The next
//! stage is restricted to that optimal face by fixing those arcs and rows,
//! which holds the earlier objectives exactly without adding the dense
//! "objective >= optimum" row that makes HiGHS's MIP setup slow.
//!
//! Only a fractional LP solution falls back to the MILP for that stage;
//! its optimum is then held by a row (the weighted fill), or, for the
//! distance, by the flow between each pair of located schools (sparse rows
//! that keep the distance exactly). HiGHS settings follow
//! `../shared/notes/solver.md`: presolve and symmetry detection off, the
//! feasibility-jump heuristic off (it took half the MIP time and never
//! helped here), one thread per model because districts are solved in
//! parallel by rayon.

pub mod principals;

use crate::model::balance::{Columns, HARM_GAP};
use crate::model::{DistrictModel, Pin, RuleUnit, TermKind};
use crate::msg;
use crate::policy::rules::{Bound, Builtin};
use crate::policy::{BalanceGoal, Policy};
use std::time::Instant;

/// Whether the plan is proven optimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Optimal,
    /// A stage stopped at its limit (`balance_node_limit`, or a wall-clock
    /// limit when one is set): the plan meets every rule but is not proven
    /// optimal. JSON keeps the word `time_limit` it always had.
    TimeLimit,
}

impl Status {
    /// The JSON's word: `optimal` or `time_limit`.
    pub fn key(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::TimeLimit => "time_limit",
        }
    }
}

impl std::fmt::Display for Status {
    /// The status in a planner's words, from the catalogue.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let words = match self {
            Status::Optimal => msg!("plan-status-optimal"),
            Status::TimeLimit => msg!("plan-status-time-limit"),
        };
        write!(f, "{words}")
    }
}

/// The integer flow along each arc of the model.
#[derive(Debug, Clone)]
pub struct Solved {
    pub flows: Vec<u32>,
    /// The worst of the stages' statuses.
    pub status: Status,
    /// The harm stage's status (objectives.md `balance = "keep"`): whether
    /// the CVs not kept are the least the rules allow, within
    /// `balance::HARM_GAP`, on the model's harm rows (exact while each
    /// level keeps its count of the kind, stricter when a teacher of the
    /// kind leaves or joins the level: `model::balance`). `None` with no
    /// CV to keep; optimal when the plan without the CVs keeps them all.
    pub harm: Option<Status>,
    pub seconds: f64,
}

#[derive(Debug)]
pub enum SolveError {
    /// HiGHS proved the model infeasible (the pre-check should catch this
    /// first; this is the fallback).
    Infeasible,
    /// The failure in words: rendered from the catalogue, with HiGHS's
    /// own text as its argument.
    Failed(String),
}

impl SolveError {
    /// A HiGHS failure, its own text (`Debug` or `Display`) in the message.
    fn highs(error: impl std::fmt::Display) -> SolveError {
        SolveError::Failed(msg!("plan-highs-error", error = error.to_string()).to_string())
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Stage {
    /// The fewest changes against a baseline plan (`plan --baseline`,
    /// papers.md "Objections and changes"): the most baseline teachers
    /// kept at their baseline school less the teachers added.
    Changes,
    /// The least harm to the CVs (policy `balance` "keep" or "improve",
    /// objectives.md): the sum over the CVs of the excess column, each
    /// weighted into CV units (`CvUnit::excess_weight`).
    Harm,
    Fill,
    /// The largest leave share of a sending school as small as the fill
    /// allows (policy `spread`, objectives.md).
    Spread,
    /// A what-would-fix-it model (`model::fixes`): `Held::objective`.
    Fix,
    /// The CVs as low as the earlier stages allow (policy `balance` =
    /// "improve"): the sum of their q_i columns, weighted into CV units.
    Balance,
    /// `priority`'s stage k (programme.md "Who goes first"): the largest
    /// sum over the rotating teachers of their value for it.
    Priority(u8),
    /// The indicator terms (policy `improve_indicators`), when there are any.
    Indicators,
    Distance,
    Preference,
}

/// A linear row over the arcs: `sum coefficient * x[arc] <= upper`, or
/// `= upper` when `equal`.
#[derive(Debug, Clone)]
struct Row {
    terms: Vec<(usize, f64)>,
    upper: f64,
    equal: bool,
}

impl Row {
    fn leq(terms: Vec<(usize, f64)>, upper: f64) -> Row {
        Row {
            terms,
            upper,
            equal: false,
        }
    }

    /// Whether the row holds with every column at 0 (a row whose arcs are
    /// all gone or fixed still has to hold).
    fn holds_at_zero(&self) -> bool {
        if self.equal {
            self.upper.abs() < 1e-9
        } else {
            self.upper > -1e-9
        }
    }

    fn activity(&self, x: &[f64]) -> f64 {
        self.terms.iter().map(|&(a, c)| c * x[a]).sum()
    }
}

/// What the earlier stages hold the later ones to.
#[derive(Debug, Clone)]
struct Held {
    /// The rules, then every row added by earlier stages.
    rows: Vec<Row>,
    /// Arcs fixed at a value by an earlier stage's optimal face.
    fixed: Vec<Option<f64>>,
    /// The objective of a `Stage::Fix` model (maximised); empty otherwise.
    objective: Vec<(usize, f64)>,
}

/// A held row as a solve sees it: its index in `Held::rows`, its terms
/// over the open columns, its right-hand side.
type OpenRow = (usize, Vec<(usize, f64)>, f64);

impl Held {
    /// Each row with a column still open, in order: its index, its terms
    /// over the open columns, and its right-hand side with the fixed
    /// columns' values moved over. `None` when a row with no open column
    /// fails (0 >= 1 rotations, say): no plan meets the rows.
    fn open_rows(&self) -> Option<Vec<OpenRow>> {
        let mut open = Vec::with_capacity(self.rows.len());
        for (r, row) in self.rows.iter().enumerate() {
            let mut terms = Vec::with_capacity(row.terms.len());
            let mut rhs = row.upper;
            for &(c, v) in &row.terms {
                match self.fixed[c] {
                    None => terms.push((c, v)),
                    Some(value) => rhs -= v * value,
                }
            }
            if !terms.is_empty() {
                open.push((r, terms, rhs));
            } else if !(Row {
                terms: Vec::new(),
                upper: rhs,
                equal: row.equal,
            })
            .holds_at_zero()
            {
                return None;
            }
        }
        Some(open)
    }
}

/// One stage's solution, with its duals when it was an LP.
struct StageSolution {
    x: Vec<f64>,
    status: Status,
    /// (reduced cost per arc, dual per row of `Held::rows`), from an LP.
    duals: Option<(Vec<f64>, Vec<f64>)>,
}

/// The best value of `objective` (maximised, over the model's columns)
/// among the whole plans that meet every rule of `m` except those of the
/// unit `skip`: the flows, or `None` when no plan meets them. For the
/// what-would-fix-it models of `model::fixes`.
pub fn optimum(
    m: &DistrictModel,
    policy: &Policy,
    objective: Vec<(usize, f64)>,
    skip: Option<usize>,
) -> Result<Option<Vec<f64>>, SolveError> {
    solve_fix(m, policy, objective, skip, true)
}

/// Whether the LP relaxation of `m`'s rules has a solution: necessary
/// for a whole plan, and cheap (no MILP).
pub fn relaxation_feasible(m: &DistrictModel, policy: &Policy) -> Result<bool, SolveError> {
    Ok(solve_fix(m, policy, Vec::new(), None, false)?.is_some())
}

/// `optimum`, or with `integer` false only its LP relaxation.
fn solve_fix(
    m: &DistrictModel,
    policy: &Policy,
    objective: Vec<(usize, f64)>,
    skip: Option<usize>,
    integer: bool,
) -> Result<Option<Vec<f64>>, SolveError> {
    let rows: Vec<Row> = rules_of_units(m)
        .into_iter()
        // The cuts derive from two units' rows: without one of them they
        // would not be valid, and the MILP is exact without them.
        .filter(|(_, tag)| *tag != Tag::Cut && skip.is_none_or(|u| *tag != Tag::Unit(u)))
        .map(|(row, _)| row)
        .collect();
    if m.arcs.is_empty() {
        let holds = rows.iter().all(Row::holds_at_zero);
        return Ok(holds.then(Vec::new));
    }
    let mut fixed = vec![None; columns(m)];
    fixed[m.arcs.len()..].fill(Some(0.0));
    let held = Held {
        rows,
        fixed,
        objective,
    };
    let solved = if integer {
        solve_stage(m, policy, Stage::Fix, &held, None)
    } else {
        run(m, policy, Stage::Fix, &held, false, None)
    };
    match solved {
        Ok(solution) => Ok(Some(solution.x[..m.arcs.len()].to_vec())),
        Err(SolveError::Infeasible) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Solves the district's model through every stage that can matter
/// (objectives.md, in order: harm, fill, balance, spread, indicators,
/// distance, preferences), each stage's optimum held by the next.
pub fn solve(m: &DistrictModel, policy: &Policy) -> Result<Solved, SolveError> {
    let start = Instant::now();
    if m.arcs.is_empty() {
        return empty_plan(m);
    }
    let (x, keeps_all) = match plan_without_cvs(m, policy, start)? {
        Plain::Answer(solved) => return Ok(solved),
        Plain::Start { x, keeps_all } => (x, keeps_all),
    };
    let stages = stage_order(m, policy, keeps_all);
    let mut run = Lexicographic::new(m, policy, x, keeps_all);
    run.through(&stages)?;
    Ok(run.solved(start))
}

/// The plan of a district with no possible move: empty, if the rules
/// allow that.
fn empty_plan(m: &DistrictModel) -> Result<Solved, SolveError> {
    if rules(m).iter().any(|row| !row.holds_at_zero()) {
        return Err(SolveError::Infeasible);
    }
    Ok(Solved {
        flows: Vec::new(),
        status: Status::Optimal,
        harm: None,
        seconds: 0.0,
    })
}

/// What the plan without the CVs gives the stages.
enum Plain {
    /// It keeps every CV and the goal is "keep": it is the plan.
    Answer(Solved),
    /// The stages start from `x` (empty without CVs); `keeps_all` when
    /// it keeps every CV (its harm is 0).
    Start { x: Vec<f64>, keeps_all: bool },
}

/// With CVs to keep, the plan without them comes first. When it keeps
/// every CV its harm is 0, the least there is, and each later stage's
/// optimum over all plans is also the optimum over the plans of harm 0:
/// under "keep" it is the answer; under "improve" its harm is held and it
/// starts the fill. Otherwise it starts the harm stage (it meets every
/// row, its excess as it needs), so that stage always has a plan.
fn plan_without_cvs(
    m: &DistrictModel,
    policy: &Policy,
    start: Instant,
) -> Result<Plain, SolveError> {
    if m.cvs.is_empty() {
        return Ok(Plain::Start {
            x: Vec::new(),
            keeps_all: false,
        });
    }
    let plain = DistrictModel {
        cvs: Vec::new(),
        ..m.clone()
    };
    let solved = solve(&plain, policy)?;
    let flows: Vec<f64> = solved.flows.iter().map(|&f| f64::from(f)).collect();
    let keeps_all = m.cvs.iter().all(|cv| {
        cv.cv(&flows)
            .is_none_or(|after| crate::indicators::within(after, cv.allowed))
    });
    if keeps_all && policy.balance == BalanceGoal::Keep {
        return Ok(Plain::Answer(Solved {
            harm: Some(Status::Optimal),
            seconds: start.elapsed().as_secs_f64(),
            ..solved
        }));
    }
    let mut x = vec![0.0; columns(m)];
    x[..flows.len()].copy_from_slice(&flows);
    for (cv, at) in m.cvs.iter().zip(cv_columns(m)) {
        cv.complete(at, &mut x);
    }
    Ok(Plain::Start { x, keeps_all })
}

/// The stages that can matter for `m`, in order.
fn stage_order(m: &DistrictModel, policy: &Policy, keeps_all: bool) -> Vec<Stage> {
    let mut stages = Vec::new();
    if m.baseline {
        stages.push(Stage::Changes);
    }
    if !m.cvs.is_empty() && !keeps_all {
        stages.push(Stage::Harm);
    }
    stages.push(Stage::Fill);
    // "improve" lowers the CVs after the fill and before the distance
    // (objectives.md); before the spread, so that the spread, like every
    // stage after the last that moves the CVs, works on held counts
    // (`hold_counts`) rather than around the CVs' rows.
    if !m.cvs.is_empty() && policy.balance == BalanceGoal::Improve {
        stages.push(Stage::Balance);
    }
    if policy.spread && !leave_shares(m).is_empty() {
        stages.push(Stage::Spread);
    }
    if !m.terms.is_empty() {
        stages.push(Stage::Indicators);
    }
    // `priority`, in order, after the fill and the spread and before the
    // distance (programme.md); a stage no teacher has a value for is
    // skipped.
    for k in 0..policy.priority.len().min(usize::from(u8::MAX)) {
        if m.groups.iter().any(|g| g.priority_value(k) != 0.0) {
            stages.push(Stage::Priority(k as u8));
        }
    }
    if m.arcs.iter().any(|a| a.distance_km > 0.0) {
        stages.push(Stage::Distance);
    }
    if m.arcs.iter().any(|a| a.preferred > 0) {
        stages.push(Stage::Preference);
    }
    stages
}

/// The lexicographic solve of one district: the plan so far (`x`), what
/// the stages before hold the next to (`held`), and the status of each.
struct Lexicographic<'a> {
    m: &'a DistrictModel,
    policy: &'a Policy,
    held: Held,
    /// The plan so far over every column (empty before the first stage).
    x: Vec<f64>,
    status: Status,
    /// The harm stage's status; `None` without CVs.
    harm: Option<Status>,
    harm_seconds: f64,
    /// The last stage that moves the CVs; after it their counts are held.
    counts_held_after: Stage,
    /// The harm's LP, which starts the fill's (`fill_near_lp`).
    basis: Option<Basis>,
}

/// What a stage tells the loop over the stages.
enum Next {
    /// Go on with the next stage.
    Go,
    /// The next stage is done already (the spread solved it).
    Skip(Stage),
    /// Stop: a later stage failed, the earlier plan stands.
    Stop,
}

impl<'a> Lexicographic<'a> {
    /// Before the first stage: the rules and the CVs' rows held, the
    /// terms' columns at 0 until their stage (before it they would only
    /// add fractional vertices to the fill's LP), the CVs' columns open
    /// from the harm stage on.
    fn new(m: &'a DistrictModel, policy: &'a Policy, x: Vec<f64>, keeps_all: bool) -> Self {
        let mut fixed = vec![None; columns(m)];
        fixed[m.arcs.len()..m.arcs.len() + m.terms.len()].fill(Some(0.0));
        let mut held = Held {
            rows: rules(m).into_iter().chain(balance_rows(m)).collect(),
            fixed,
            objective: Vec::new(),
        };
        if keeps_all {
            hold(m, Stage::Harm, &mut held, &x, None);
        }
        let counts_held_after = match policy.balance {
            _ if m.cvs.is_empty() => Stage::Preference,
            BalanceGoal::Improve => Stage::Balance,
            _ => Stage::Fill,
        };
        Lexicographic {
            m,
            policy,
            held,
            x,
            status: Status::Optimal,
            harm: (!m.cvs.is_empty()).then_some(Status::Optimal),
            harm_seconds: 0.0,
            counts_held_after,
            basis: None,
        }
    }

    /// Solves `stages` in order, each one's optimum held by the next.
    fn through(&mut self, stages: &[Stage]) -> Result<(), SolveError> {
        let mut done_early: Option<Stage> = None;
        for (k, &stage) in stages.iter().enumerate() {
            if done_early == Some(stage) {
                continue;
            }
            if stage == Stage::Indicators {
                let terms = self.m.arcs.len()..self.m.arcs.len() + self.m.terms.len();
                self.held.fixed[terms].fill(None);
                self.held.rows.extend(term_rows(self.m));
                set_term_columns(self.m, &mut self.x);
            }
            let next = if stage == Stage::Spread {
                self.spread(stages, k)
            } else {
                self.stage(stages, k)?
            };
            match next {
                Next::Go => {}
                Next::Skip(stage) => done_early = Some(stage),
                Next::Stop => break,
            }
        }
        Ok(())
    }

    /// The spread stage; the stage after it (when not the indicators' or
    /// the balance's) is solved with it: its candidates' integrality is
    /// checked in one MILP (when the LP is fractional) instead of two.
    fn spread(&mut self, stages: &[Stage], k: usize) -> Next {
        let next = stages
            .get(k + 1)
            .copied()
            .filter(|&s| !matches!(s, Stage::Indicators | Stage::Balance));
        let (m, policy) = (self.m, self.policy);
        match spread(
            m,
            policy,
            &mut self.held,
            &self.x,
            next.unwrap_or(Stage::Spread),
        ) {
            Ok(Some(solution)) => {
                self.status = self.status.max(solution.status);
                self.x = solution.x;
                if let Some(next) = next {
                    if k + 2 < stages.len() {
                        hold(m, next, &mut self.held, &self.x, solution.duals);
                    }
                    return Next::Skip(next);
                }
                Next::Go
            }
            // Nothing better than the fill's plan was proven.
            Ok(None) => Next::Go,
            Err(_) => {
                self.status = Status::TimeLimit;
                Next::Go
            }
        }
    }

    /// Any stage but the spread: solved, its optimum held for the next.
    fn stage(&mut self, stages: &[Stage], k: usize) -> Result<Next, SolveError> {
        let (m, policy, stage) = (self.m, self.policy, stages[k]);
        let warm = (!self.x.is_empty()).then_some(self.x.as_slice());
        let stage_start = Instant::now();
        let solved = match stage {
            Stage::Fill if stages.contains(&Stage::Harm) => {
                // With a wall-clock limit, the harm and the fill under it
                // share the MILPs' time (`balance_time_limit_seconds`).
                let harm_seconds = self.harm_seconds;
                let shared = budget(
                    policy,
                    |b| (b - harm_seconds).max(b / 2.0),
                    policy.balance_node_limit,
                );
                fill(m, &shared, &mut self.held, warm, self.basis.take())
            }
            Stage::Fill => fill(m, policy, &mut self.held, warm, self.basis.take()),
            // Its LP is all but never whole: the MILP, from the plan
            // without the CVs.
            Stage::Harm => harm_stage(m, policy, &self.held, warm, &mut self.basis),
            _ => solve_stage(m, policy, stage, &self.held, warm),
        };
        if stage == Stage::Harm {
            self.harm_seconds = stage_start.elapsed().as_secs_f64();
            self.harm = Some(match &solved {
                Ok(solution) => solution.status,
                Err(_) => Status::TimeLimit,
            });
        }
        let solution = match solved {
            Ok(solution) => solution,
            // A later stage that fails keeps the earlier stage's plan,
            // which meets every rule, and says it is not proven optimal.
            Err(_) if !self.x.is_empty() => {
                self.status = Status::TimeLimit;
                return Ok(Next::Stop);
            }
            Err(e) => return Err(e),
        };
        self.status = self.status.max(solution.status);
        self.x = solution.x;
        if k + 1 < stages.len() {
            hold(m, stage, &mut self.held, &self.x, solution.duals);
            if stage == self.counts_held_after {
                hold_counts(m, &mut self.held, &mut self.x);
            }
        }
        Ok(Next::Go)
    }

    /// The whole flows of the plan, with the stages' statuses.
    fn solved(self, start: Instant) -> Solved {
        Solved {
            flows: self.x[..self.m.arcs.len()]
                .iter()
                .map(|v| v.round().max(0.0) as u32)
                .collect(),
            status: self.status,
            harm: self.harm,
            seconds: start.elapsed().as_secs_f64(),
        }
    }
}

/// The model's columns: one per arc, then one per indicator term (the
/// teachers a term counts: arriving up to `missing`, or leaving beyond
/// `spare`), then per CV to keep its excess, then per CV and graded school
/// its count y_i and square q_i (`model::balance`, `cv_columns`).
fn columns(m: &DistrictModel) -> usize {
    let schools: usize = m.cvs.iter().map(|cv| cv.schools.len()).sum();
    m.arcs.len() + m.terms.len() + m.cvs.len() + 2 * schools
}

/// Where each CV's columns are (see `columns`).
fn cv_columns(m: &DistrictModel) -> Vec<Columns> {
    let mut schools = m.arcs.len() + m.terms.len() + m.cvs.len();
    (0..m.cvs.len())
        .map(|j| {
            let at = Columns {
                excess: m.arcs.len() + m.terms.len() + j,
                schools,
            };
            schools += 2 * m.cvs[j].schools.len();
            at
        })
        .collect()
}

/// The rows of every CV to keep (`CvUnit::rows`): from the harm stage on,
/// every plan meets them.
fn balance_rows(m: &DistrictModel) -> Vec<Row> {
    m.cvs
        .iter()
        .zip(cv_columns(m))
        .flat_map(|(cv, at)| cv.rows(at))
        .map(|((terms, upper), equal)| Row {
            terms,
            upper,
            equal,
        })
        .collect()
}

/// Per sending school with eligible teachers and somewhere to send them:
/// E_s, its eligible teachers, and its arcs. In school order.
fn leave_shares(m: &DistrictModel) -> Vec<(u64, Vec<usize>)> {
    let mut by_school: std::collections::BTreeMap<usize, (u64, Vec<usize>)> = Default::default();
    for g in &m.groups {
        by_school.entry(g.school).or_default().0 += g.teachers.len() as u64;
    }
    for (a, arc) in m.arcs.iter().enumerate() {
        if let Some(s) = by_school.get_mut(&m.groups[arc.group].school) {
            s.1.push(a);
        }
    }
    by_school
        .into_values()
        .filter(|(_, arcs)| !arcs.is_empty())
        .collect()
}

/// The spread stage (objectives.md `spread`): with the fill held, the
/// least t such that every sending school s sends at most floor(t x E_s)
/// of its E_s eligible teachers. The optimum is one of the fractions k /
/// E_s below the current plan's share, and feasibility grows with the
/// candidate, so the first feasible candidate is searched for: from the
/// first whose caps add up to the current plan's rotations (with every
/// need weighing the same, the fill fixes the rotations and no candidate
/// below it can hold), galloping up while infeasible or down while
/// feasible, then halving. Each candidate is tried as caps by the LP of
/// the stage `check` (the stage after this one, or `Spread` itself for a
/// plain feasibility check; the caller then skips that stage), on one
/// HiGHS model whose caps change (`CapProbes`), so the last LP tried is
/// also that stage's answer when it is whole. Only then is integrality
/// checked: the first candidate from there with a whole plan (the MILP
/// when its LP is fractional) is the optimum, and its caps are held for
/// the later stages.
///
/// `Ok(None)` when no candidate below the current plan's share was proven
/// feasible: the current plan then stands, and its share is held as the
/// caps, so that the later stages keep it too.
fn spread(
    m: &DistrictModel,
    policy: &Policy,
    held: &mut Held,
    x: &[f64],
    check: Stage,
) -> Result<Option<StageSolution>, SolveError> {
    use crate::policy::Ratio;
    let schools = leave_shares(m);
    // The current plan's shares: no candidate above its largest is needed.
    let sent = |arcs: &[usize]| arcs.iter().map(|&a| x[a].round() as u64).sum::<u64>();
    let current = schools
        .iter()
        .map(|(e, arcs)| Ratio::new(sent(arcs), *e))
        .max()
        .unwrap_or(Ratio::new(0, 1));
    let mut candidates: Vec<Ratio> = schools
        .iter()
        .flat_map(|&(e, _)| (0..=e).map(move |k| Ratio::new(k, e)))
        .filter(|c| *c < current)
        .collect();
    candidates.sort();
    candidates.dedup_by(|a, b| a.cmp(&b).is_eq());
    let caps_of = |c: Ratio| {
        let mut capped = held.clone();
        for (eligible, arcs) in &schools {
            let most = c.floor_of(*eligible) as f64;
            capped
                .rows
                .push(Row::leq(arcs.iter().map(|&a| (a, 1.0)).collect(), most));
        }
        capped
    };
    // The LP of `check` under a candidate's caps, `None` when infeasible:
    // one HiGHS model whose caps change, each solve from the last basis.
    let mut probes = CapProbes::new(m, policy, check, held, &schools);
    let mut probe = |c: Ratio| -> Result<Option<StageSolution>, SolveError> {
        let caps: Vec<u64> = schools.iter().map(|&(e, _)| c.floor_of(e)).collect();
        match &mut probes {
            Some(probes) => probes.solve(&caps),
            None => match run(m, policy, check, &caps_of(c), false, None) {
                Ok(solution) => Ok(Some(solution)),
                Err(SolveError::Infeasible) => Ok(None),
                Err(e) => Err(e),
            },
        }
    };
    // The first candidate whose LP is feasible, with that LP's solution:
    // gallop from the first candidate whose caps add up to the current
    // plan's rotations (up while infeasible, down while feasible), then
    // halve. With every need weighing the same, the candidates below it
    // are already out.
    let rotating: u64 = schools.iter().map(|(_, arcs)| sent(arcs)).sum();
    let guess = candidates
        .partition_point(|c| schools.iter().map(|&(e, _)| c.floor_of(e)).sum::<u64>() < rotating);
    let same_weight = m.needs.windows(2).all(|w| w[0].weight == w[1].weight);
    let (mut lo, mut hi) = (if same_weight { guess } else { 0 }, candidates.len());
    let mut first: Option<(usize, StageSolution)> = None;
    let mut step = 1;
    if guess < hi {
        if let Some(solution) = probe(candidates[guess])? {
            hi = guess;
            first = Some((guess, solution));
            while lo < hi {
                let at = hi.saturating_sub(step).max(lo);
                let Some(solution) = probe(candidates[at])? else {
                    lo = at + 1;
                    break;
                };
                hi = at;
                first = Some((at, solution));
                step *= 2;
            }
        } else {
            lo = guess + 1;
            while lo < hi {
                let at = (lo + step - 1).min(hi - 1);
                if let Some(solution) = probe(candidates[at])? {
                    hi = at;
                    first = Some((at, solution));
                    break;
                }
                lo = at + 1;
                step *= 2;
            }
        }
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if let Some(solution) = probe(candidates[mid])? {
            hi = mid;
            first = Some((mid, solution));
        } else {
            lo = mid + 1;
        }
    }
    let Some((at, lp)) = first else {
        *held = caps_of(current);
        return Ok(None);
    };
    if integral(m, &lp.x) {
        *held = caps_of(candidates[at]);
        return Ok(Some(rounded(m, lp)));
    }
    for &c in &candidates[at..] {
        let capped = caps_of(c);
        match solve_stage(m, policy, check, &capped, Some(x)) {
            Ok(solution) => {
                *held = capped;
                return Ok(Some(solution));
            }
            Err(SolveError::Infeasible) => continue,
            Err(e) => return Err(e),
        }
    }
    *held = caps_of(current);
    Ok(None)
}

/// The LPs of the spread stage's candidates (`spread`): the stage
/// `check`'s LP over the open arcs, with one column per sending school
/// counting its teachers sent, capped at the candidate's floor(c x E_s).
/// Only the caps change from one candidate to the next, so HiGHS starts
/// each solve from the last basis: a few pivots instead of a new solve.
/// Built on the `highs` crate like `Lp`, as it must change a bound
/// of a solved model. The columns and rows are those of `run` (the
/// closed rows checked the same way).
struct CapProbes<'a> {
    held: &'a Held,
    model: Option<highs::Model>,
    /// The HiGHS column of each of the model's columns, `None` when fixed.
    column: Vec<Option<usize>>,
    /// Per school (in `leave_shares` order), its column.
    schools: Vec<highs::Col>,
    /// The rows of `held.rows` in the HiGHS model, in order; the schools'
    /// rows follow them.
    included: Vec<usize>,
}

impl<'a> CapProbes<'a> {
    /// `None` when `check` is not a stage these probes can solve (only
    /// the distance, or no objective at all) or a closed row fails.
    fn new(
        m: &'a DistrictModel,
        policy: &Policy,
        check: Stage,
        held: &'a Held,
        schools: &[(u64, Vec<usize>)],
    ) -> Option<CapProbes<'a>> {
        let cost = |a: usize| match check {
            Stage::Distance => Some(m.arcs[a].distance_km),
            Stage::Spread => Some(0.0),
            _ => None,
        };
        cost(0)?;
        let fixed_value = |c: usize| held.fixed[c].unwrap_or(0.0);
        let mut problem = highs::RowProblem::default();
        let mut column = vec![None; columns(m)];
        let mut cols = Vec::new();
        for (c, slot) in column.iter_mut().enumerate() {
            if held.fixed[c].is_none() {
                let most = upper_bound(m, c).unwrap_or(f64::INFINITY);
                let cost = if c < m.arcs.len() { cost(c)? } else { 0.0 };
                *slot = Some(cols.len());
                cols.push(problem.add_column(cost, 0.0..=most));
            }
        }
        let school_cols: Vec<highs::Col> = schools
            .iter()
            .map(|(e, _)| problem.add_column(0.0, 0.0..=*e as f64))
            .collect();
        // `run` reports a failing closed row infeasible.
        let open = held.open_rows()?;
        let mut included = Vec::with_capacity(open.len());
        for (r, terms, rhs) in open {
            let factors = terms
                .into_iter()
                .filter_map(|(c, v)| Some((cols[column[c]?], v)));
            if held.rows[r].equal {
                problem.add_row(rhs..=rhs, factors);
            } else {
                problem.add_row(..=rhs, factors);
            }
            included.push(r);
        }
        // sent(s) - y_s = 0, over the open arcs (the fixed ones shift it).
        for ((_, arcs), &y) in schools.iter().zip(&school_cols) {
            let mut factors = vec![(y, -1.0)];
            let mut rhs = 0.0;
            for &a in arcs {
                match column[a] {
                    Some(k) => factors.push((cols[k], 1.0)),
                    None => rhs -= fixed_value(a),
                }
            }
            problem.add_row(rhs..=rhs, factors);
        }
        let mut model = problem.optimise(highs::Sense::Minimise);
        model.make_quiet();
        model.set_option("presolve", "off");
        model.set_option("threads", 1);
        if let Some(seconds) = policy.time_limit_seconds {
            model.set_option("time_limit", seconds);
        }
        Some(CapProbes {
            held,
            model: Some(model),
            column,
            schools: school_cols,
            included,
        })
    }

    /// The LP under the caps (one per school): its plan and duals, as
    /// `run` gives them, or `None` when it has no plan.
    fn solve(&mut self, caps: &[u64]) -> Result<Option<StageSolution>, SolveError> {
        let mut model = self
            .model
            .take()
            .ok_or_else(|| SolveError::Failed(msg!("plan-highs-model-lost").to_string()))?;
        for (&y, &cap) in self.schools.iter().zip(caps) {
            model.change_column_bounds(y, 0.0..=cap as f64);
        }
        let solved = model
            .try_solve()
            .map_err(|e| SolveError::highs(format!("{e:?}")))?;
        let status = solved.status();
        let result = match status {
            highs::HighsModelStatus::Optimal => {
                let solution = solved.get_solution();
                let (values, reduced) = (solution.columns(), solution.dual_columns());
                let x = (0..self.column.len())
                    .map(|c| match self.column[c] {
                        Some(k) => values[k],
                        None => self.held.fixed[c].unwrap_or(0.0),
                    })
                    .collect();
                let reduced = (0..self.column.len())
                    .map(|c| self.column[c].map_or(0.0, |k| reduced[k]))
                    .collect();
                // The held rows, then the caps (`caps_of` appends them in
                // school order): a cap's dual is its school row's.
                let held_rows = self.held.rows.len();
                let mut rows = vec![0.0; held_rows + self.schools.len()];
                let duals = solution.dual_rows();
                for (&r, &d) in self.included.iter().zip(duals) {
                    rows[r] = d;
                }
                for (s, &d) in duals[self.included.len()..].iter().enumerate() {
                    rows[held_rows + s] = d;
                }
                Ok(Some(StageSolution {
                    x,
                    status: Status::Optimal,
                    duals: Some((reduced, rows)),
                }))
            }
            highs::HighsModelStatus::Infeasible
            | highs::HighsModelStatus::UnboundedOrInfeasible => Ok(None),
            other => Err(SolveError::highs(format!("{other:?}"))),
        };
        self.model = Some(solved.into());
        result
    }
}

/// A column's upper bound (every column is >= 0); `None` is unbounded.
fn upper_bound(m: &DistrictModel, column: usize) -> Option<f64> {
    match m.arcs.get(column) {
        Some(_) => Some(f64::from(m.capacity(column))),
        None => match m.terms.get(column - m.arcs.len()).map(|t| t.kind) {
            Some(TermKind::Lift { missing }) => Some(missing as f64),
            Some(TermKind::Keep { .. }) | None => None,
        },
    }
}

/// The objective a stage maximises, over the columns, for the stages
/// that are a weighted sum of columns (Fill and Indicators).
fn objective(m: &DistrictModel, stage: Stage) -> Vec<(usize, f64)> {
    match stage {
        Stage::Fill => m
            .arcs
            .iter()
            .enumerate()
            .map(|(a, arc)| (a, m.needs[arc.need].weight))
            .collect(),
        // Each teacher kept at their baseline school is one change fewer,
        // each teacher added one more; a baseline teacher sent elsewhere
        // or dropped is a change either way (the constant left out).
        Stage::Changes => m
            .arcs
            .iter()
            .enumerate()
            .filter_map(|(a, arc)| match m.groups[arc.group].baseline {
                Some(school) if school == m.needs[arc.need].school => Some((a, 1.0)),
                Some(_) => None,
                None => Some((a, -1.0)),
            })
            .collect(),
        Stage::Priority(k) => m
            .arcs
            .iter()
            .enumerate()
            .filter_map(|(a, arc)| {
                let value = m.groups[arc.group].priority_value(usize::from(k));
                (value != 0.0).then_some((a, value))
            })
            .collect(),
        Stage::Indicators => (0..m.terms.len())
            .map(|k| {
                // Pushing a sending school below a threshold costs more
                // than lifting a receiving school gains, so that the plan
                // never moves a school's shortfall to another.
                let sign = match m.terms[k].kind {
                    TermKind::Lift { .. } => 1.0,
                    TermKind::Keep { .. } => -2.0,
                };
                (m.arcs.len() + k, sign)
            })
            .collect(),
        // Minimise the excesses and levels, in CV units.
        Stage::Harm => m
            .cvs
            .iter()
            .zip(cv_columns(m))
            .map(|(cv, at)| (at.excess, -cv.excess_weight()))
            .collect(),
        Stage::Balance => m
            .cvs
            .iter()
            .zip(cv_columns(m))
            .flat_map(|(cv, at)| {
                (0..cv.schools.len()).map(move |i| (at.square(i), -cv.square_weight()))
            })
            .collect(),
        // Its caps are rows (`spread`), tried for feasibility.
        Stage::Spread | Stage::Fix => Vec::new(),
        Stage::Distance | Stage::Preference => Vec::new(),
    }
}

/// The rules as rows: each teacher at most once (exactly once when
/// pinned), each need at most its count, and each unit of each rule
/// (`Policy::rules`): N >= limit or N <= limit over its numerator's arcs,
/// or, when D is the plan's own rotations (`of = "rotating"`),
/// den x N - num x D >= 0 (min) or <= 0 (max), in integers.
fn rules(m: &DistrictModel) -> Vec<Row> {
    rules_of_units(m).into_iter().map(|(row, _)| row).collect()
}

/// `rules`, each row with the index of the unit (in `m.units`) it
/// belongs to, `None` for the teacher and need rows.
fn rules_of_units(m: &DistrictModel) -> Vec<(Row, Tag)> {
    let mut by_group: Vec<Vec<usize>> = vec![Vec::new(); m.groups.len()];
    let mut by_need: Vec<Vec<usize>> = vec![Vec::new(); m.needs.len()];
    for (a, arc) in m.arcs.iter().enumerate() {
        by_group[arc.group].push(a);
        by_need[arc.need].push(a);
    }
    let ones = |arcs: &mut dyn Iterator<Item = usize>| arcs.map(|a| (a, 1.0)).collect::<Vec<_>>();
    let arcs_of = |groups: &[usize]| -> Vec<usize> {
        groups
            .iter()
            .flat_map(|&g| by_group[g].iter().copied())
            .collect()
    };
    let mut rows: Vec<(Row, Tag)> = Vec::new();
    // A single arc's row is its variable bound, unless the group is pinned.
    for (g, arcs) in by_group.iter().enumerate() {
        let size = m.groups[g].teachers.len() as f64;
        if m.groups[g].pin != Pin::Free {
            let terms = ones(&mut arcs.iter().copied());
            rows.push((
                Row {
                    terms,
                    upper: size,
                    equal: true,
                },
                Tag::Base,
            ));
        } else if arcs.len() > 1 {
            rows.push((Row::leq(ones(&mut arcs.iter().copied()), size), Tag::Base));
        }
    }
    for (n, arcs) in by_need.iter().enumerate().filter(|(_, a)| a.len() > 1) {
        let row = Row::leq(ones(&mut arcs.iter().copied()), f64::from(m.needs[n].count));
        rows.push((row, Tag::Base));
    }
    for u in row_order(m) {
        let unit = &m.units[u];
        let rule = m.rule(unit);
        let numerator = arcs_of(&unit.numerator);
        let tag = Tag::Unit(u);
        match (unit.limit, rule.bound) {
            (Some(_), bound) if !unit.elastic.is_empty() => {
                rows.push((
                    elastic_row(m, unit, bound, &numerator, &arcs_of(&unit.elastic)),
                    tag,
                ));
            }
            (Some(least), Bound::Min) => {
                if least > 0 {
                    let terms = numerator.iter().map(|&a| (a, -1.0)).collect();
                    rows.push((Row::leq(terms, -(least as f64)), tag));
                }
            }
            (Some(most), Bound::Max) => {
                if !numerator.is_empty() {
                    rows.push((Row::leq(ones(&mut numerator.into_iter()), most as f64), tag));
                }
            }
            (None, bound) => {
                if let Some(row) = share_of_rotating(m, unit, bound, &arcs_of(&unit.denominator)) {
                    rows.push((row, tag));
                }
                // A valid cut for a min share of all rotating teachers: N
                // >= share x rotating >= share x (the rotations the unit
                // must make), and N is whole. The LP relaxation misses it
                // when a school's minimum binds.
                if bound == Bound::Min && rule.among.is_all() {
                    let least = rule.share.ceil_of(m.required_rotations(unit));
                    if least > 0 {
                        let terms = numerator.iter().map(|&a| (a, -1.0)).collect();
                        rows.push((Row::leq(terms, -(least as f64)), Tag::Cut));
                    }
                }
            }
        }
    }
    rows
}

/// What a row of `rules_of_units` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Each teacher at most once, each need at most its count, the pins.
    Base,
    /// A row of the unit `m.units[u]`.
    Unit(usize),
    /// A valid cut, implied by the unit rows of two rules and the
    /// integrality of the flows: it only helps the LP relaxation.
    Cut,
}

/// A rule of fixed D whose D also grows with the flow of some groups
/// (teachers a fix would make eligible, `model::fixes`): den x N >= num x
/// (D + K) for min, den x N <= num x (D + K) for max, as `<=` rows.
fn elastic_row(
    m: &DistrictModel,
    unit: &RuleUnit,
    bound: Bound,
    numerator: &[usize],
    elastic: &[usize],
) -> Row {
    let share = m.rule(unit).share;
    let (num, den) = (share.num() as f64, share.den() as f64);
    let sign = if bound == Bound::Min { -1.0 } else { 1.0 };
    let mut coefficient: std::collections::BTreeMap<usize, f64> = Default::default();
    for &a in numerator {
        *coefficient.entry(a).or_default() += sign * den;
    }
    for &a in elastic {
        *coefficient.entry(a).or_default() -= sign * num;
    }
    Row::leq(
        coefficient.into_iter().collect(),
        sign * num * unit.d as f64,
    )
}

/// The units in the order their rows join the model: the subject caps,
/// then the built-in ratios unit by unit (rotation ratio, its cap, the
/// backbone share), then every other rule. HiGHS breaks ties between
/// equally good plans by row order, so this order keeps the plans of
/// policies without `[[rules]]` exactly as they were before rules became
/// values.
fn row_order(m: &DistrictModel) -> Vec<usize> {
    let mut units: Vec<usize> = (0..m.units.len()).collect();
    let class = |u: &RuleUnit| match m.rule(u).builtin {
        Some(Builtin::MaxSubjectShare) => (0, 0),
        Some(Builtin::RotationRatio) => (1, 0),
        Some(Builtin::MaxRotationRatio) => (1, 1),
        Some(Builtin::BackboneShare) => (1, 2),
        _ => (2, 0),
    };
    // Stable: within a class, units keep their rule-by-rule order.
    units.sort_by(|&a, &b| {
        let (a, b) = (&m.units[a], &m.units[b]);
        let (ca, cb) = (class(a), class(b));
        let unit_a = (ca.0 == 1).then_some(&a.unit);
        let unit_b = (cb.0 == 1).then_some(&b.unit);
        (ca.0, unit_a, ca.1).cmp(&(cb.0, unit_b, cb.1))
    });
    units
}

/// `den x N - num x D` as a row over the denominator's arcs (`<= 0` for
/// min, after negation; `<= 0` for max), `None` when it is empty or
/// always holds.
fn share_of_rotating(
    m: &DistrictModel,
    unit: &RuleUnit,
    bound: Bound,
    denominator: &[usize],
) -> Option<Row> {
    let share = m.rule(unit).share;
    if denominator.is_empty() || (bound == Bound::Min && share.num() == 0) {
        return None;
    }
    let (num, den) = (share.num() as f64, share.den() as f64);
    let counted: std::collections::HashSet<usize> = unit.numerator.iter().copied().collect();
    // min: num x D - den x N <= 0; max: den x N - num x D <= 0.
    let sign = if bound == Bound::Min { 1.0 } else { -1.0 };
    let terms = denominator
        .iter()
        .map(|&a| {
            let in_n = counted.contains(&m.arcs[a].group);
            (a, sign * (num - if in_n { den } else { 0.0 }))
        })
        .collect();
    Some(Row::leq(terms, 0.0))
}

/// What ties each indicator term's column to its arcs.
fn term_rows(m: &DistrictModel) -> Vec<Row> {
    let mut rows = Vec::with_capacity(m.terms.len());
    for (k, term) in m.terms.iter().enumerate() {
        let column = m.arcs.len() + k;
        let row = match term.kind {
            // lifted <= arriving
            TermKind::Lift { .. } => Row::leq(
                std::iter::once((column, 1.0))
                    .chain(term.arcs.iter().map(|&a| (a, -1.0)))
                    .collect(),
                0.0,
            ),
            // leaving - beyond <= spare
            TermKind::Keep { spare } => Row::leq(
                std::iter::once((column, -1.0))
                    .chain(term.arcs.iter().map(|&a| (a, 1.0)))
                    .collect(),
                spare as f64,
            ),
        };
        rows.push(row);
    }
    rows
}

/// The terms' columns at their best for the arcs' flows in `x`: lifted
/// = min(missing, arriving), beyond = max(0, leaving - spare).
fn set_term_columns(m: &DistrictModel, x: &mut [f64]) {
    let arcs = m.arcs.len();
    if x.len() != columns(m) {
        return; // no earlier stage's plan
    }
    for (k, term) in m.terms.iter().enumerate() {
        let moving: f64 = term.arcs.iter().map(|&a| x[a]).sum();
        x[arcs + k] = match term.kind {
            TermKind::Lift { missing } => moving.min(missing as f64),
            TermKind::Keep { spare } => (moving - spare as f64).max(0.0),
        };
    }
}

/// Holds what `stage` reached for the stages after it: the LP's optimal
/// face when there are duals, else the objective's value as rows; for
/// the harm stage, each CV's excess as it left it.
fn hold(
    m: &DistrictModel,
    stage: Stage,
    held: &mut Held,
    x: &[f64],
    duals: Option<(Vec<f64>, Vec<f64>)>,
) {
    // Fixing more than the optimal face is safe (the plan found stays
    // feasible and optimal); fixing less would not be, so the tolerance is
    // tight.
    const ZERO: f64 = 1e-9;
    if stage == Stage::Harm {
        // Each CV's excess as the harm stage left it, give or take its
        // gap (`HARM_GAP` in CV units): a CV it kept stays kept (within
        // half the margin below its allowed value), none trades harm
        // with another.
        for (cv, at) in m.cvs.iter().zip(cv_columns(m)) {
            let excess = x[at.excess].max(0.0);
            held.rows.push(Row::leq(
                vec![(at.excess, 1.0)],
                excess * (1.0 + 1e-3) + HARM_GAP / cv.excess_weight(),
            ));
        }
        return;
    }
    match duals {
        Some((reduced, row_duals)) => {
            for (a, rc) in reduced.iter().enumerate() {
                if rc.abs() > ZERO {
                    held.fixed[a] = Some(x[a].round());
                }
            }
            for (row, dual) in held.rows.iter_mut().zip(&row_duals) {
                if dual.abs() > ZERO && !row.equal {
                    row.upper = row.activity(x);
                    row.equal = true;
                }
            }
        }
        None if matches!(
            stage,
            Stage::Changes | Stage::Fill | Stage::Balance | Stage::Indicators | Stage::Priority(_)
        ) =>
        {
            // objective >= its optimum, as -objective <= -optimum.
            let terms: Vec<(usize, f64)> = objective(m, stage)
                .into_iter()
                .map(|(c, w)| (c, -w))
                .collect();
            let reached = -Row::leq(terms.clone(), 0.0).activity(x);
            // The CVs' stages stop within their MILP gap (`run`): hold
            // them within it too, or the next stage has no room at all.
            let slack = match stage {
                Stage::Balance => 1e-3 * reached.abs() + 1e-4,
                _ => 1e-7 * reached.abs().max(1.0),
            };
            held.rows.push(Row::leq(terms, -reached + slack));
        }
        None => {
            // The flow between each pair of located schools: sparse rows
            // that keep the total distance exactly.
            let mut pairs: std::collections::BTreeMap<(usize, usize), Vec<(usize, f64)>> =
                Default::default();
            for (a, arc) in m
                .arcs
                .iter()
                .enumerate()
                .filter(|(_, arc)| arc.distance_km > 0.0)
            {
                let key = (m.groups[arc.group].school, m.needs[arc.need].school);
                pairs.entry(key).or_default().push((a, 1.0));
            }
            for terms in pairs.into_values() {
                let flow = terms.iter().map(|&(a, _)| x[a].round()).sum();
                held.rows.push(Row {
                    terms,
                    upper: flow,
                    equal: true,
                });
            }
        }
    }
}

/// The most arcs of a model whose fill under the CVs, when the plans near
/// its LP do not prove it, is settled by the whole MILP with its whole
/// node budget (`fill_near_lp`): a tiny county's (tens of arcs) takes
/// milliseconds, a county's (hard-county: 8,976) seconds.
const SMALL_FILL_ARCS: usize = 1000;

/// The dual simplex iterations the harm's LP may take before the primal
/// solves it instead (`harm_stage`).
const HARM_DUAL_ITERATIONS: i32 = 6000;

/// `policy` with the budget of its MILPs under the CVs changed: the
/// seconds, when a wall-clock limit is set, by `seconds`; the nodes set to
/// `nodes`.
fn budget(policy: &Policy, seconds: impl Fn(f64) -> f64, nodes: u64) -> Policy {
    Policy {
        balance_time_limit_seconds: policy.stage_time_limit(true).map(seconds),
        balance_node_limit: nodes,
        ..policy.clone()
    }
}

/// The harm stage, from `warm` (the plan without the CVs).
///
/// Its LP comes first, then the MILP over the plans near it (the arcs
/// whole in the LP fixed, the others between their floor and ceiling), as
/// in `fill_near_lp`: when that plan's harm is within `HARM_GAP` of the
/// LP's, which bounds every plan's, it is proven the least and the whole
/// MILP is not needed (on the hard county of tests/cases the whole MILP's
/// root heuristics took 2 s to find what the near MILP finds in a
/// fraction of it). Then RINS between the LP's plan and the best so far,
/// then the MILP around the best so far (`wide_rins`), each proven the
/// same way; then the same from the LP's other vertex. Otherwise the whole
/// MILP starts from the best plan found (on the generated hard province
/// `wide_rins` proved 10 of the 13 districts that would have needed it:
/// 25 s of MILPs where the whole MILPs and the second vertices took
/// 100 s). When it stops at its limit without improving on `warm` at
/// all, which would give the plan of `balance = "report"` back under
/// "keep", it is given once more, with three times the budget.
fn harm_stage(
    m: &DistrictModel,
    policy: &Policy,
    held: &Held,
    warm: Option<&[f64]>,
    basis: &mut Option<Basis>,
) -> Result<StageSolution, SolveError> {
    let harm = |x: &[f64]| -Row::leq(objective(m, Stage::Harm), 0.0).activity(x);
    let mut start = warm.map(<[f64]>::to_vec);
    // Two optimal vertices of the LP, each with the plans near it, RINS
    // after the last. The dual simplex's vertex is usually next to a plan
    // of the least harm where the primal's is not (on the hard county of
    // tests/cases the plans near the dual's prove the harm, the primal's
    // need the whole MILP, 1.5 s more), but the dual takes longer, about
    // 1.7 iterations a row there and 1 to 2 s on the districts of the
    // generated hard province, where the primal's vertex proves the harm
    // in most districts at 0.3 s. So the dual comes first on a model of at
    // most HARM_DUAL_ITERATIONS / 2 rows, the primal first on a larger
    // one; the dual stops at HARM_DUAL_ITERATIONS, a deterministic count.
    let rows = held.open_rows().map_or(0, |open| open.len());
    let tenth = (policy.balance_node_limit / 10).max(1);
    let dual = Simplex::DualUpTo(HARM_DUAL_ITERATIONS);
    let vertices = if 2 * rows <= HARM_DUAL_ITERATIONS as usize {
        [dual, Simplex::Default]
    } else {
        [Simplex::Default, dual]
    };
    for simplex in vertices {
        let Ok((lp, solved)) =
            Lp::build(m, policy, Stage::Harm, held, false, simplex).and_then(Lp::solve)
        else {
            continue;
        };
        if lp.status != Status::Optimal {
            continue;
        }
        // The fill's LP starts from its basis (`fill_near_lp`).
        if basis.is_none() {
            *basis = Some(solved);
        }
        // The least harm any plan can have.
        let bound = harm(&lp.x);
        // The plans near the LP's, then those between it and the best so
        // far (RINS), then around the best so far (`wide_rins`): any,
        // within HARM_GAP of the LP's bound, is proven.
        for search in 0..3 {
            let found = match (search, start.as_deref()) {
                (0, _) => near_lp(m, policy, Stage::Harm, held, &lp.x),
                (1, Some(incumbent)) => rins(m, policy, Stage::Harm, held, &lp.x, incumbent, tenth),
                (2, Some(incumbent)) => {
                    wide_rins(m, policy, Stage::Harm, held, &lp.x, incumbent, tenth)
                }
                _ => None,
            };
            let Some(found) = found else {
                continue;
            };
            if harm(&found.x) <= bound + HARM_GAP {
                return Ok(StageSolution {
                    status: Status::Optimal,
                    ..rounded(m, found)
                });
            }
            if start.as_deref().is_none_or(|w| harm(&found.x) < harm(w)) {
                start = Some(found.x);
            }
        }
    }
    let warm = start.as_deref();
    let first = run(m, policy, Stage::Harm, held, true, warm);
    let stuck = match (&first, warm) {
        (Ok(found), Some(warm)) => {
            found.status == Status::TimeLimit && harm(&found.x) >= harm(warm) - 1e-9
        }
        (Err(_), _) => true,
        _ => false,
    };
    if !stuck {
        return first;
    }
    let longer = budget(
        policy,
        |b| 3.0 * b,
        policy.balance_node_limit.saturating_mul(3),
    );
    run(m, &longer, Stage::Harm, held, true, warm).or(first)
}

/// The MILP of `stage` over the plans near an LP plan `x`: the arcs whole
/// in `x` fixed, the others between their floor and ceiling. Small, and
/// solved in a fraction of the whole MILP's time; `None` when it has no
/// plan.
fn near_lp(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    x: &[f64],
) -> Option<StageSolution> {
    let mut near = held.clone();
    for (a, &v) in x[..m.arcs.len()].iter().enumerate() {
        if (v - v.round()).abs() < 1e-6 {
            near.fixed[a] = Some(v.round());
        } else {
            near.rows.push(Row::leq(vec![(a, 1.0)], v.ceil()));
            near.rows.push(Row::leq(vec![(a, -1.0)], -v.floor()));
        }
    }
    settle_counts(m, &mut near);
    run(m, policy, stage, &near, true, None).ok()
}

/// Fixes, in a neighbourhood whose arcs are mostly fixed (`near_lp`,
/// `rins`), each CV's count y_i and square q_i at every school whose arcs
/// are all fixed: the count follows from them and the square is its
/// least, c_i² / P_i, where the school's lines meet. Their link rows and
/// lines then hold by themselves and leave the MILP, which is left with
/// the few schools still open (on one district of the generated hard
/// province: 4,700 rows of which 4,000 such lines, presolve being off).
fn settle_counts(m: &DistrictModel, held: &mut Held) {
    for (cv, at) in m.cvs.iter().zip(cv_columns(m)) {
        for (i, school) in cv.schools.iter().enumerate() {
            let moved = school
                .arcs
                .iter()
                .try_fold(0.0, |sum, &(a, d)| held.fixed[a].map(|v| sum + d * v));
            if let Some(moved) = moved {
                let count = school.before as f64 + moved;
                held.fixed[at.count(i)] = Some(count);
                held.fixed[at.square(i)] = Some(count * count / school.students as f64);
            }
        }
    }
}

/// The MILP of `stage` over the plans that agree with both an LP plan `x`
/// and a whole plan `incumbent` where those two agree (RINS): the arcs
/// where they are the same whole value fixed, the others between the
/// smaller and the larger of the two (rounded out), from `incumbent`,
/// within `nodes`. It has a plan whenever `incumbent` meets the rows, so
/// it only improves.
fn rins(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    x: &[f64],
    incumbent: &[f64],
    nodes: u64,
) -> Option<StageSolution> {
    let mut near = held.clone();
    for (a, (&v, &w)) in x.iter().zip(incumbent).take(m.arcs.len()).enumerate() {
        if (v - w).abs() < 1e-6 && (v - v.round()).abs() < 1e-6 {
            near.fixed[a] = Some(v.round());
        } else {
            near.rows.push(Row::leq(vec![(a, 1.0)], v.max(w).ceil()));
            near.rows.push(Row::leq(vec![(a, -1.0)], -v.min(w).floor()));
        }
    }
    neighbourhood(m, policy, stage, near, incumbent, nodes)
}

/// The MILP of `stage` over a neighbourhood `near` of the whole plan
/// `incumbent` (`rins`, `wide_rins`): the CV counts its fixed arcs decide
/// settled (`settle_counts`), from `incumbent`, within `nodes`.
fn neighbourhood(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    mut near: Held,
    incumbent: &[f64],
    nodes: u64,
) -> Option<StageSolution> {
    settle_counts(m, &mut near);
    let small = Policy {
        balance_node_limit: nodes,
        ..policy.clone()
    };
    run(m, &small, stage, &near, true, Some(incumbent)).ok()
}

/// The MILP of `stage` around a whole plan `incumbent`, wider than RINS:
/// every arc of a group or a need where the LP plan `x` and `incumbent`
/// differ is free (0 to its capacity), the others are fixed at
/// `incumbent`'s flows; from `incumbent`, within `nodes`. It can move a
/// teacher to another need of the group, or a need to another group,
/// which the ranges of RINS cannot.
fn wide_rins(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    x: &[f64],
    incumbent: &[f64],
    nodes: u64,
) -> Option<StageSolution> {
    let mut groups = vec![false; m.groups.len()];
    let mut needs = vec![false; m.needs.len()];
    for (a, arc) in m.arcs.iter().enumerate() {
        if held.fixed[a].is_none() && (x[a] - incumbent[a]).abs() > 1e-6 {
            groups[arc.group] = true;
            needs[arc.need] = true;
        }
    }
    let mut near = held.clone();
    for (a, arc) in m.arcs.iter().enumerate() {
        if near.fixed[a].is_none() && !groups[arc.group] && !needs[arc.need] {
            near.fixed[a] = Some(incumbent[a].round());
        }
    }
    neighbourhood(m, policy, stage, near, incumbent, nodes)
}

/// Holds, for the stages after the last one that moves the CVs (the
/// fill under `balance = "keep"`, the balance stage under "improve"), each
/// graded school's count of each CV's teachers as the plan `x` has it:
/// the CVs' columns are fixed at their values on `x` (its arcs rounded),
/// so each school's link row holds its count, and the rows over those
/// columns alone (the lines, harm rows and excess caps) go. The CVs are
/// then exactly what that stage left, and the later stages (spread,
/// distance, preferences) are LPs over the flows again, not MILPs
/// around a dense quadratic row: they find the best plan with those
/// counts, which may be a little longer than the best with that harm.
fn hold_counts(m: &DistrictModel, held: &mut Held, x: &mut [f64]) {
    for v in &mut x[..m.arcs.len()] {
        *v = v.round();
    }
    for (cv, at) in m.cvs.iter().zip(cv_columns(m)) {
        cv.complete(at, x);
    }
    let first = m.arcs.len() + m.terms.len();
    for (fixed, &value) in held.fixed[first..].iter_mut().zip(&x[first..]) {
        *fixed = Some(value);
    }
    held.rows
        .retain(|row| row.terms.iter().any(|&(c, _)| c < first));
}

/// The fill stage: `solve_stage`, with one more try before the MILP.
///
/// A share of rotating teachers (`backbone_share`: N >= 20% of the
/// rotating) is where the fill's LP turns fractional: with R teachers
/// rotating, the LP sends exactly 0.2 x R backbone teachers, 88.2 of 441
/// say, and the MILP then spends most of the solve proving 89. When every
/// need weighs the same, the fill's value is R itself, so every whole plan
/// of the best fill rotates R = floor(R_lp) teachers, and for a share
/// rule whose D is every rotation, N >= ceil(share x R) (min) or N <=
/// floor(share x R) (max) holds for each of them. With those rows the LP
/// is usually whole; if it is, and reaches R, it is the fill's optimum and
/// its rows, valid for every best plan, are held for the later stages.
/// Otherwise the MILP decides, as before.
fn fill(
    m: &DistrictModel,
    policy: &Policy,
    held: &mut Held,
    warm: Option<&[f64]>,
    basis: Option<Basis>,
) -> Result<StageSolution, SolveError> {
    if !m.cvs.is_empty()
        && let Some(warm) = warm
    {
        return fill_near_lp(m, policy, held, warm, basis);
    }
    let lp = run(m, policy, Stage::Fill, held, false, None)?;
    if integral(m, &lp.x) {
        return Ok(rounded(m, lp));
    }
    if let Some(rows) = whole_share_rows(m, &lp.x) {
        let mut restricted = held.clone();
        restricted.rows.extend(rows);
        if let Ok(mut solution) = run(m, policy, Stage::Fill, &restricted, false, None)
            && integral(m, &solution.x)
        {
            // Reaching the LP's own optimum, every best whole plan is on
            // the first LP's optimal face too: its duals, which fix far
            // more than the restricted LP's, hold the later stages (the
            // extra rows come after the rows those duals are for).
            let value = |x: &[f64]| Row::leq(objective(m, Stage::Fill), 0.0).activity(x);
            if value(&solution.x) >= value(&lp.x) - 1e-7 * value(&lp.x).abs().max(1.0) {
                solution.duals = lp.duals;
            }
            *held = restricted;
            return Ok(rounded(m, solution));
        }
    }
    run(m, policy, Stage::Fill, held, true, warm)
}

/// The fill under the CVs' rows (`balance` "keep" or "improve"). Its LP
/// is all but never whole, and HiGHS, from the harm stage's plan, spends
/// most of its time at the root before its heuristics find the plans near
/// the LP's (on one generated county: 276 places after 1 s, 373 after
/// 2 s, 404 after 3 s, of at most 405). So the LP comes first, then the
/// MILP over the plans near it (`near_lp`: a small MILP, solved in a
/// fraction of the time). When that reaches the LP's bound it is the
/// fill's optimum. Otherwise, without a wall-clock limit, RINS from the
/// better plan so far settles it (below); with one, or when no plan is
/// near the LP's, the whole MILP runs within its limits.
fn fill_near_lp(
    m: &DistrictModel,
    policy: &Policy,
    held: &mut Held,
    warm: &[f64],
    basis: Option<Basis>,
) -> Result<StageSolution, SolveError> {
    let start = Instant::now();
    let left = |share: f64| {
        budget(
            policy,
            |b| (share * b - start.elapsed().as_secs_f64()).max(0.05),
            policy.balance_node_limit,
        )
    };
    // From the harm's LP's basis when there is one: its plan meets the
    // fill's rows (its harm is at most the harm held), so the primal
    // simplex starts feasible (on one district of the generated hard
    // province: 0.67 s from scratch, 0.034 s from the harm's basis; on
    // the hard county of tests/cases 0.29 s and 0.012 s).
    let lp = match basis.and_then(|b| Lp::resume(b, m, &left(1.0), Stage::Fill, held)) {
        Some(lp) => lp.solve().map(|(lp, _)| lp),
        None => run(m, &left(1.0), Stage::Fill, held, false, None),
    };
    let Ok(lp) = lp else {
        return run(m, &left(1.0), Stage::Fill, held, true, Some(warm));
    };
    if integral(m, &lp.x) {
        return Ok(rounded(m, lp));
    }
    let value = |x: &[f64]| -Row::leq(objective(m, Stage::Fill), 0.0).activity(x);
    // The most a whole plan can fill: with whole weights, the LP's value
    // rounded down.
    let whole = m.needs.iter().all(|n| n.weight.fract() == 0.0);
    let bound = if whole {
        (-value(&lp.x) + 1e-6).floor()
    } else {
        -value(&lp.x) - 1e-6
    };
    let mut start_from = warm.to_vec();
    let tenth = (policy.balance_node_limit / 10).max(1);
    let near = near_lp(m, &left(0.5), Stage::Fill, held, &lp.x);
    let near_found = near.is_some();
    if let Some(found) = near {
        // The bound holds only for the LP's optimum (not one stopped at
        // the time limit).
        if lp.status == Status::Optimal && -value(&found.x) >= bound {
            settle_by_reduced_costs(m, held, &lp, &found.x, -value(&lp.x), -value(&found.x));
            return Ok(StageSolution {
                status: Status::Optimal,
                ..rounded(m, found)
            });
        }
        if -value(&found.x) > -value(warm) {
            start_from = found.x;
        }
    }
    if !policy.timed() {
        // Without a wall-clock limit, the whole MILP's root alone takes
        // seconds to minutes under the CVs' dense rows (9 s on the hard
        // county of tests/cases, for 10 nodes as for 500; 50 s on one
        // district of the hard province): the best plan between the LP's
        // and the better one so far (RINS) comes first, proven when it
        // reaches the LP's bound.
        // RINS from the harm's plan alone (no plan near the LP's) gets the
        // whole budget: on that district of the hard province a tenth of
        // it reached 260 places, the whole 265.
        let nodes = if near_found {
            tenth
        } else {
            policy.balance_node_limit
        };
        let found = rins(m, policy, Stage::Fill, held, &lp.x, &start_from, nodes)
            .filter(|found| -value(&found.x) > -value(&start_from))
            .map_or(start_from, |found| found.x);
        let proven = lp.status == Status::Optimal && -value(&found) >= bound;
        // On a small model the whole MILP is cheap, and the plans near
        // the LP's and RINS can miss what it finds (the keep property
        // found a county of 18 teachers where they filled 3 of 4).
        let small = m.arcs.len() <= SMALL_FILL_ARCS;
        if proven || (near_found && !small) {
            settle_by_reduced_costs(m, held, &lp, &found, -value(&lp.x), -value(&found));
            return Ok(rounded(
                m,
                StageSolution {
                    x: found,
                    status: if proven {
                        Status::Optimal
                    } else {
                        Status::TimeLimit
                    },
                    duals: None,
                },
            ));
        }
        // No plan near the LP's: RINS started from the harm's plan alone,
        // and may miss what the whole MILP finds at once (the keep
        // property found a tiny county where it filled 2 of a possible
        // 3). The whole MILP starts from RINS's plan, with a tenth of the
        // nodes (on that district of the hard province RINS reached in
        // 1.1 s the 265 places of 267 the whole MILP reached in 50 s).
        let shorter = budget(
            policy,
            |b| b,
            if small {
                policy.balance_node_limit
            } else {
                tenth
            },
        );
        let solution = run(m, &shorter, Stage::Fill, held, true, Some(&found))?;
        settle_by_reduced_costs(
            m,
            held,
            &lp,
            &solution.x,
            -value(&lp.x),
            -value(&solution.x),
        );
        return Ok(solution);
    }
    run(m, &left(1.0), Stage::Fill, held, true, Some(&start_from))
}

/// After the fill under the CVs (`fill_near_lp`), fixes each open arc at
/// its flow in the fill's LP `lp` (value `bound`, which bounds every
/// plan's) when its reduced cost exceeds the gap to the plan `found`
/// (value `reached`): a plan that moves such an arc off its bound fills
/// less than `found` does, and the later stages hold the fill at
/// `reached` (`hold`, within its slack, allowed for here). So they lose no
/// plan they could choose, and solve over the arcs still open (on one
/// district of the generated hard province 3,301 of 19,495 arcs fixed).
/// An arc `found` has elsewhere (only by the LP's tolerances) stays open;
/// nothing is fixed from an LP not solved to optimality.
fn settle_by_reduced_costs(
    m: &DistrictModel,
    held: &mut Held,
    lp: &StageSolution,
    found: &[f64],
    bound: f64,
    reached: f64,
) {
    let Some((reduced, _)) = lp.duals.as_ref().filter(|_| lp.status == Status::Optimal) else {
        return;
    };
    // `hold`'s slack on the fill, and the LP's own tolerance.
    let gap = (bound - reached).max(0.0) + 1e-7 * reached.abs().max(1.0) + 1e-6;
    for a in 0..m.arcs.len() {
        let at = lp.x[a].round();
        if held.fixed[a].is_none() && reduced[a].abs() > gap && (found[a] - at).abs() < 1e-6 {
            held.fixed[a] = Some(at);
        }
    }
}

/// The rows of `fill` for an LP plan `x`: the rotations held at R =
/// floor(R_lp), and each share-of-rotating rule whose D counts every arc
/// as a whole count of N. `None` when needs weigh differently (the fill
/// then does not fix R) or no rule is of that kind.
fn whole_share_rows(m: &DistrictModel, x: &[f64]) -> Option<Vec<Row>> {
    if !m.needs.windows(2).all(|w| w[0].weight == w[1].weight) {
        return None;
    }
    let arcs = m.arcs.len();
    let rotating = (x[..arcs].iter().sum::<f64>() + 1e-6).floor();
    let mut rows = vec![];
    for unit in m.units.iter().filter(|u| u.limit.is_none()) {
        let counted = |groups: &[usize]| {
            let mut member = vec![false; m.groups.len()];
            for &g in groups {
                member[g] = true;
            }
            member
        };
        let in_d = counted(&unit.denominator);
        if !m.arcs.iter().all(|a| in_d[a.group]) {
            continue;
        }
        let in_n = counted(&unit.numerator);
        let numerator = (0..arcs).filter(|&a| in_n[m.arcs[a].group]);
        let share = m.rule(unit).share;
        rows.push(match m.rule(unit).bound {
            Bound::Min => Row::leq(
                numerator.map(|a| (a, -1.0)).collect(),
                -(share.ceil_of(rotating as u64) as f64),
            ),
            Bound::Max => Row::leq(
                numerator.map(|a| (a, 1.0)).collect(),
                share.floor_of(rotating as u64) as f64,
            ),
        });
    }
    (!rows.is_empty()).then_some(rows)
}

/// Whether every arc's flow in `x` is whole.
fn integral(m: &DistrictModel, x: &[f64]) -> bool {
    x[..m.arcs.len()]
        .iter()
        .all(|v| (v - v.round()).abs() < 1e-6)
}

/// An LP solution whose arcs are whole, with the arcs rounded.
fn rounded(m: &DistrictModel, mut solution: StageSolution) -> StageSolution {
    for v in &mut solution.x[..m.arcs.len()] {
        *v = v.round();
    }
    solution
}

/// One stage: its LP relaxation first; the MILP only when the LP solution
/// is fractional.
fn solve_stage(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    warm: Option<&[f64]>,
) -> Result<StageSolution, SolveError> {
    let lp = run(m, policy, stage, held, false, None)?;
    // Integral arcs make an integer plan (a term's column follows them).
    if integral(m, &lp.x) {
        return Ok(rounded(m, lp));
    }
    if stage == Stage::Distance && !m.cvs.is_empty() && !policy.timed() {
        if let Some(found) = near_stage(m, policy, stage, held, &lp.x, warm) {
            return Ok(found);
        }
    } else if matches!(stage, Stage::Distance | Stage::Preference)
        && let Some(found) = near_lp(m, policy, stage, held, &lp.x)
        && reaches(m, stage, &found.x, &lp.x)
    {
        // A whole plan near the LP's with the LP's value is optimal, and
        // the whole MILP is not needed: without the spread's caps the
        // distance's LP is often fractional with a whole plan of its
        // value next to it (one district of the generated hard province:
        // 0.25 s for the MILP, 0.001 s for the plans near the LP's; the
        // whole province under spread = false 12.3 s -> 5.3 s).
        return Ok(StageSolution {
            status: Status::Optimal,
            duals: None,
            ..rounded(m, found)
        });
    }
    run(m, policy, stage, held, true, warm)
}

/// The value of `stage` on the plan `x`, larger is better: for the
/// preference stage the teachers sent where they asked, Σ min(x, asked)
/// over the arcs (what its y columns reach on `x`).
fn stage_value(m: &DistrictModel, stage: Stage, x: &[f64]) -> f64 {
    match stage {
        Stage::Distance => -m
            .arcs
            .iter()
            .zip(x)
            .map(|(arc, v)| arc.distance_km * v)
            .sum::<f64>(),
        Stage::Preference => m
            .arcs
            .iter()
            .zip(x)
            .map(|(arc, v)| v.min(f64::from(arc.preferred)))
            .sum(),
        _ => Row::leq(objective(m, stage), 0.0).activity(x),
    }
}

/// Whether the whole plan `found` reaches the value of the LP plan `lp`
/// of `stage` (within the MILP's relative gap, `set_options`): then it is
/// optimal.
fn reaches(m: &DistrictModel, stage: Stage, found: &[f64], lp: &[f64]) -> bool {
    let bound = stage_value(m, stage, lp);
    stage_value(m, stage, found) >= bound - 1e-6 * bound.abs().max(1.0)
}

/// The distance stage under the CVs, without a wall-clock limit: its
/// MILP took 11 s on one district of a generated hard city where the
/// plans near its LP's take a fraction of a second. The best of those,
/// and of RINS between the LP's and `warm`, stands; proven when it
/// reaches the LP's value. `None` when neither finds a plan. (Not the
/// balance stage of `improve`: on the hard county of tests/cases the
/// plans near its LP lower no CV, where its MILP lowers sports and arts
/// from 0.497 to 0.382.)
fn near_stage(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    lp: &[f64],
    warm: Option<&[f64]>,
) -> Option<StageSolution> {
    let value = |x: &[f64]| stage_value(m, stage, x);
    let mut best = near_lp(m, policy, stage, held, lp);
    let incumbent = best
        .as_ref()
        .map(|b| b.x.clone())
        .or(warm.map(<[f64]>::to_vec))?;
    let tenth = (policy.balance_node_limit / 10).max(1);
    if let Some(found) = rins(m, policy, stage, held, lp, &incumbent, tenth)
        && best.as_ref().is_none_or(|b| value(&found.x) > value(&b.x))
    {
        best = Some(found);
    }
    let best = best?;
    let proven = reaches(m, stage, &best.x, lp);
    Some(StageSolution {
        status: if proven {
            Status::Optimal
        } else {
            Status::TimeLimit
        },
        duals: None,
        ..rounded(m, best)
    })
}

/// Which simplex solves an LP (`run_with`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Simplex {
    /// The stage's own choice: the primal under the CVs' rows for the
    /// fill and the harm, HiGHS's default otherwise.
    Default,
    /// The dual simplex, stopped (an error) after this many iterations.
    DualUpTo(i32),
}

/// Builds and solves one stage as an LP or (with `integer`) a MILP. Arcs
/// an earlier stage fixed are not variables: their flow moves into the
/// rows' right-hand sides, so a late stage is only as big as what is
/// still open.
fn run(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    integer: bool,
    warm: Option<&[f64]>,
) -> Result<StageSolution, SolveError> {
    run_with(m, policy, stage, held, integer, warm, Simplex::Default)
}

/// `run`, its LP solved by `simplex`.
fn run_with(
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    held: &Held,
    integer: bool,
    warm: Option<&[f64]>,
    simplex: Simplex,
) -> Result<StageSolution, SolveError> {
    let mut lp = Lp::build(m, policy, stage, held, integer, simplex)?;
    if let Some(warm) = warm.filter(|_| integer) {
        lp.start_from(warm);
    }
    lp.solve().map(|(solution, _)| solution)
}

/// One stage's model in HiGHS (built on the `highs` crate directly: good_lp
/// hands back only the solution, and `Lp::resume` needs the solved model,
/// whose basis starts the next stage's LP).
struct Lp<'a> {
    held: &'a Held,
    model: highs::Model,
    integer: bool,
    /// The HiGHS column of each model column; `None` when fixed.
    column: Vec<Option<usize>>,
    cols: Vec<highs::Col>,
    /// The rows of `held.rows` in the HiGHS model, in order (the
    /// preference stage's y <= x rows follow them).
    included: Vec<usize>,
}

/// A solved LP kept to start a later stage's LP from its basis
/// (`Lp::resume`), with what it was built over.
struct Basis {
    model: highs::Model,
    column: Vec<Option<usize>>,
    cols: Vec<highs::Col>,
    included: Vec<usize>,
    /// `held.rows.len()` and `held.fixed` when it was built.
    rows: usize,
    fixed: Vec<Option<f64>>,
}

impl<'a> Lp<'a> {
    fn build(
        m: &'a DistrictModel,
        policy: &Policy,
        stage: Stage,
        held: &'a Held,
        integer: bool,
        simplex: Simplex,
    ) -> Result<Lp<'a>, SolveError> {
        // A rule no free arc can help (0 >= 1 rotations, say) has no plan.
        let open = held.open_rows().ok_or(SolveError::Infeasible)?;
        let arcs = m.arcs.len();
        let costs = costs(m, stage, held);
        let mut problem = highs::RowProblem::default();
        let mut column = vec![None; columns(m)];
        let mut cols = Vec::new();
        for (c, slot) in column.iter_mut().enumerate() {
            if held.fixed[c].is_none() {
                let most = upper_bound(m, c).unwrap_or(f64::INFINITY);
                *slot = Some(cols.len());
                cols.push(problem.add_column_with_integrality(
                    costs[c],
                    0.0..=most,
                    integer && c < arcs,
                ));
            }
        }
        let fixed_value = |a: usize| held.fixed[a].unwrap_or(0.0);
        // y[a] <= min(x[a], teachers of the group who asked for the school).
        let y: Vec<Option<highs::Col>> = m
            .arcs
            .iter()
            .enumerate()
            .map(|(a, arc)| {
                let most = match column[a] {
                    Some(_) => f64::from(arc.preferred),
                    None => f64::from(arc.preferred).min(fixed_value(a)),
                };
                (stage == Stage::Preference && most > 0.0)
                    .then(|| problem.add_column_with_integrality(1.0, 0.0..=most, false))
            })
            .collect();
        // Rows with a free arc, in order; the others hold by themselves.
        let mut included = Vec::with_capacity(open.len());
        for (r, terms, rhs) in open {
            let factors = merged(terms.into_iter().filter_map(|(c, v)| Some((column[c]?, v))));
            let factors = factors.into_iter().map(|(k, v)| (cols[k], v));
            if held.rows[r].equal {
                problem.add_row(rhs..=rhs, factors);
            } else {
                problem.add_row(..=rhs, factors);
            }
            included.push(r);
        }
        for (a, y) in y.iter().enumerate() {
            if let (Some(y), Some(x)) = (*y, column[a]) {
                problem.add_row(..=0.0, [(y, 1.0), (cols[x], -1.0)]);
            }
        }
        let sense = match stage {
            Stage::Distance => highs::Sense::Minimise,
            _ => highs::Sense::Maximise,
        };
        let mut model = problem.optimise(sense);
        set_options(&mut model, m, policy, stage, integer, simplex);
        Ok(Lp {
            held,
            model,
            integer,
            column,
            cols,
            included,
        })
    }

    /// Starts the MILP from the plan `warm` (over every model column).
    fn start_from(&mut self, warm: &[f64]) {
        let start: Vec<f64> = self
            .column
            .iter()
            .zip(warm)
            .filter_map(|(k, &w)| k.map(|_| w))
            .chain(std::iter::repeat(0.0))
            .take(self.model.num_cols())
            .collect();
        self.model.set_solution(Some(&start), None, None, None);
    }

    /// The stage's LP from the basis of an earlier stage's LP over the same
    /// columns and rows: the rows `held` has added since are added, the
    /// costs changed to `stage`'s. `None` when `held` fixed a column since
    /// (the columns differ) or `stage` is not the fill or the harm (the
    /// others' models differ in more than costs and added rows).
    fn resume(
        basis: Basis,
        m: &'a DistrictModel,
        policy: &Policy,
        stage: Stage,
        held: &'a Held,
    ) -> Option<Lp<'a>> {
        if basis.fixed != held.fixed
            || held.rows.len() < basis.rows
            || !matches!(stage, Stage::Fill | Stage::Harm)
        {
            return None;
        }
        let Basis {
            mut model,
            column,
            cols,
            mut included,
            rows,
            ..
        } = basis;
        let costs = costs(m, stage, held);
        for (c, k) in column.iter().enumerate() {
            if let Some(k) = *k {
                model.change_column_cost(cols[k], costs[c]);
            }
        }
        for (r, row) in held.rows.iter().enumerate().skip(rows) {
            let mut rhs = row.upper;
            let mut factors = Vec::with_capacity(row.terms.len());
            for &(c, v) in &row.terms {
                match column[c] {
                    Some(k) => factors.push((k, v)),
                    None => rhs -= v * held.fixed[c].unwrap_or(0.0),
                }
            }
            if factors.is_empty() {
                continue;
            }
            let factors = merged(factors).into_iter().map(|(k, v)| (cols[k], v));
            if row.equal {
                model.add_row(rhs..=rhs, factors);
            } else {
                model.add_row(..=rhs, factors);
            }
            included.push(r);
        }
        set_options(&mut model, m, policy, stage, false, Simplex::Default);
        Some(Lp {
            held,
            model,
            integer: false,
            column,
            cols,
            included,
        })
    }

    /// Solves the model: the plan over every model column (fixed ones at
    /// their values), its status, its duals when an LP, and the solved
    /// model to start a later LP from (`resume`).
    fn solve(self) -> Result<(StageSolution, Basis), SolveError> {
        use highs::HighsModelStatus as H;
        let Lp {
            held,
            model,
            integer,
            column,
            cols,
            included,
        } = self;
        let solved = model
            .try_solve()
            .map_err(|e| SolveError::highs(format!("{e:?}")))?;
        let status = match solved.status() {
            H::Infeasible | H::UnboundedOrInfeasible => return Err(SolveError::Infeasible),
            H::ReachedTimeLimit
            | H::ReachedSolutionLimit
            | H::ReachedInterrupt
            | H::ReachedIterationLimit
            | H::ReachedMemoryLimit => Status::TimeLimit,
            H::Optimal | H::ObjectiveBound | H::ObjectiveTarget => Status::Optimal,
            other => return Err(SolveError::highs(format!("{other:?}"))),
        };
        if solved.primal_solution_status() != highs::HighsSolutionStatus::Feasible {
            return Err(SolveError::highs("NoSolutionFound"));
        }
        let solution = solved.get_solution();
        let values = solution.columns();
        let x = column
            .iter()
            .enumerate()
            .map(|(c, k)| k.map_or(held.fixed[c].unwrap_or(0.0), |k| values[k]))
            .collect();
        let duals = (!integer).then(|| {
            let reduced = solution.dual_columns();
            let reduced = column
                .iter()
                .map(|k| k.map_or(0.0, |k| reduced[k]))
                .collect();
            let mut rows = vec![0.0; held.rows.len()];
            for (&r, &d) in included.iter().zip(solution.dual_rows()) {
                rows[r] = d;
            }
            (reduced, rows)
        });
        let basis = Basis {
            model: solved.into(),
            column,
            cols,
            included,
            rows: held.rows.len(),
            fixed: held.fixed.clone(),
        };
        Ok((StageSolution { x, status, duals }, basis))
    }
}

/// Each model column's cost in `stage` (the sense is `Lp::build`'s).
fn costs(m: &DistrictModel, stage: Stage, held: &Held) -> Vec<f64> {
    let mut costs = vec![0.0; columns(m)];
    let terms = match stage {
        Stage::Fix => held.objective.clone(),
        Stage::Distance => (0..m.arcs.len())
            .map(|a| (a, m.arcs[a].distance_km))
            .collect(),
        Stage::Preference => Vec::new(),
        _ => objective(m, stage),
    };
    for (c, w) in terms {
        costs[c] += w;
    }
    costs
}

/// A row's terms with each column once (HiGHS refuses a repeated one).
fn merged(terms: impl IntoIterator<Item = (usize, f64)>) -> Vec<(usize, f64)> {
    let mut terms: Vec<(usize, f64)> = terms.into_iter().collect();
    terms.sort_by_key(|&(k, _)| k);
    terms.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 += later.1;
        }
        same
    });
    terms
}

/// The HiGHS options of one stage's model.
fn set_options(
    model: &mut highs::Model,
    m: &DistrictModel,
    policy: &Policy,
    stage: Stage,
    integer: bool,
    simplex: Simplex,
) {
    // The preference stage, over the rows the distance left (per pair of
    // schools when it was a MILP), is where presolve pays: the generated
    // hard province under spread = false took 31 s without it, 14 s with
    // it (the easy province the same).
    model.set_option(
        "presolve",
        if stage == Stage::Preference {
            "on"
        } else {
            "off"
        },
    );
    model.set_option("mip_detect_symmetry", false);
    model.set_option("mip_heuristic_run_feasibility_jump", false);
    model.set_option("threads", 1);
    model.set_option(
        "mip_rel_gap",
        match stage {
            Stage::Fill => 0.0,
            // The CVs are objectives in CV units, read to 3 decimals.
            Stage::Harm | Stage::Balance => 1e-3,
            _ => 1e-6,
        },
    );
    model.set_option(
        "mip_abs_gap",
        match stage {
            // The terms' objective is whole, and so is the fill's when
            // every need's weight is: a gap below 1 proves the optimum.
            Stage::Changes | Stage::Indicators => 0.999,
            // Counts and years are whole: a gap below 1 proves the
            // optimum; points may be decimals.
            Stage::Priority(k)
                if m.groups
                    .iter()
                    .all(|g| g.priority_value(usize::from(k)).fract() == 0.0) =>
            {
                0.999
            }
            Stage::Fill if m.needs.iter().all(|n| n.weight.fract() == 0.0) => 0.999,
            Stage::Harm => HARM_GAP,
            Stage::Balance => 1e-4,
            _ => 1e-6,
        },
    );
    if let Some(seconds) = policy.stage_time_limit(!m.cvs.is_empty()) {
        model.set_option("time_limit", seconds);
    }
    if integer && !m.cvs.is_empty() {
        // The deterministic limit of the MILPs under the CVs
        // (objectives.md "Same input, same plan").
        let nodes = i32::try_from(policy.balance_node_limit).unwrap_or(i32::MAX);
        model.set_option("mip_max_nodes", nodes);
    }
    match simplex {
        Simplex::DualUpTo(iterations) if !integer => {
            model.set_option("simplex_strategy", 1);
            model.set_option("simplex_iteration_limit", iterations);
        }
        _ if !integer && matches!(stage, Stage::Fill | Stage::Harm) && !m.cvs.is_empty() => {
            // The fill's and the harm's LPs under the CVs' dense rows: the
            // dual simplex took over 1.2 s for the fill on a generated
            // county, the primal 0.3 s; the harm's on one district of the
            // hard province 5.0 s, the primal 0.37 s.
            model.set_option("simplex_strategy", 4);
            model.set_option("simplex_iteration_limit", i32::MAX);
        }
        _ => {}
    }
}
