//! The principals' moves of one district (principals.md "The plan"), a
//! model of its own beside the teachers': a binary per possible move,
//! each candidate moving at most once, each post taken at most once, and
//! the post of a principal who moves taken by exactly one other (so moves
//! form chains from vacant posts, ending with a vice principal, and
//! cycles). Lexicographic, each stage exact and held by an equality row
//! for the later ones:
//!
//! 1. the most overdue candidates moving;
//! 2. the most vacant posts filled;
//! 3. the most posts of receiving schools taken from sending schools;
//! 4. the fewest moves;
//! 5. the least total distance (in whole metres);
//! 6. the smallest principal ids moving (by UTF-8 bytes): the sorted list
//!    of the moving candidates' ids as small as can be, first id first.
//!    Exact by chunks of 20 candidates in id order: a chunk's objective
//!    gives the i-th of them 2^(19-i), more than all after it together,
//!    a whole number HiGHS proves exactly; each chunk is held for the next.

use super::SolveError;
use crate::model::principals::PrincipalModel;
use highs::{HighsModelStatus as H, RowProblem, Sense};

/// What the district's solve found.
#[derive(Debug, Clone, Default)]
pub struct Chosen {
    /// The moves made, indices into `PrincipalModel::moves`, in order.
    pub moves: Vec<usize>,
    /// Overdue candidates (indices into `candidates`) who cannot move with
    /// the others: the district is infeasible (principals.md objective 1).
    pub overdue_unmoved: Vec<usize>,
}

/// A row over the moves: `lower <= sum coefficient * x <= upper`.
struct Row {
    terms: Vec<(usize, f64)>,
    lower: f64,
    upper: f64,
}

/// The rows every plan keeps (principals.md "The plan").
fn structure(m: &PrincipalModel) -> Vec<Row> {
    let mut out: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m.candidates.len()];
    let mut into: Vec<Vec<(usize, f64)>> = vec![Vec::new(); m.posts.len()];
    for (k, mv) in m.moves.iter().enumerate() {
        out[mv.candidate].push((k, 1.0));
        into[mv.post].push((k, 1.0));
    }
    let mut rows = Vec::new();
    for (c, cand) in m.candidates.iter().enumerate() {
        rows.push(Row {
            terms: out[c].clone(),
            lower: 0.0,
            upper: 1.0,
        });
        // The post of a principal who moves is taken by exactly one
        // other; one who stays keeps it.
        if let Some(p) = cand.holds {
            let mut terms = into[p].clone();
            terms.extend(out[c].iter().map(|&(k, _)| (k, -1.0)));
            rows.push(Row {
                terms,
                lower: 0.0,
                upper: 0.0,
            });
        }
    }
    for terms in into {
        rows.push(Row {
            terms,
            lower: 0.0,
            upper: 1.0,
        });
    }
    rows
}

/// The best `objective` (maximised) over the moves under `rows`, and a
/// plan reaching it; `None` when no plan keeps the rows.
///
/// The moves are a network flow (vice principals are sources, a post's
/// way in and out an arc of capacity 1, a vacant post a sink): its
/// polytope is integral, and so is each stage's optimal face, so the LP's
/// vertex is the plan. A vertex that is not whole (the rows holding the
/// earlier stages within their tolerance can cut a face) is solved again
/// as a MILP.
fn best(rows: &[Row], objective: &[f64]) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    let Some((lp, x)) = solve_as(rows, objective, false)? else {
        return Ok(None);
    };
    // The LP's vertex rounded: the plan when it keeps every row and
    // reaches the LP's optimum (every objective is whole on every plan).
    let x: Vec<f64> = x.iter().map(|v| v.round()).collect();
    let value: f64 = x.iter().zip(objective).map(|(x, c)| x * c).sum();
    let keeps = rows.iter().all(|r| {
        let sum: f64 = r.terms.iter().map(|&(k, v)| v * x[k]).sum();
        sum >= r.lower - 1e-6 && sum <= r.upper + 1e-6
    });
    if keeps && value >= lp - 0.5 {
        Ok(Some((value, x)))
    } else {
        solve_as(rows, objective, true)
    }
}

/// `best` as an LP, or as a MILP when `integer`.
fn solve_as(
    rows: &[Row],
    objective: &[f64],
    integer: bool,
) -> Result<Option<(f64, Vec<f64>)>, SolveError> {
    if objective.is_empty() {
        // No possible move: the empty plan, when every row allows it.
        let empty_ok = rows.iter().all(|r| r.lower <= 0.0);
        return Ok(empty_ok.then(|| (0.0, Vec::new())));
    }
    let mut problem = RowProblem::default();
    let cols: Vec<highs::Col> = objective
        .iter()
        .map(|&c| problem.add_column_with_integrality(c, 0.0..=1.0, integer))
        .collect();
    for row in rows {
        if row.terms.is_empty() {
            if row.lower > 0.0 {
                return Ok(None);
            }
            continue;
        }
        problem.add_row(
            row.lower..=row.upper,
            row.terms.iter().map(|&(k, v)| (cols[k], v)),
        );
    }
    let mut model = problem.optimise(Sense::Maximise);
    model.set_option("threads", 1);
    model.set_option("mip_heuristic_run_feasibility_jump", false);
    model.set_option("mip_detect_symmetry", false);
    model.set_option("mip_rel_gap", 0.0);
    model.set_option("mip_abs_gap", 1e-9);
    // Small models, many of them: presolve costs more than it saves.
    model.set_option("presolve", if integer { "on" } else { "off" });
    let solved = model
        .try_solve()
        .map_err(|e| SolveError::highs(format!("{e:?}")))?;
    match solved.status() {
        H::Optimal => {}
        H::Infeasible | H::UnboundedOrInfeasible => return Ok(None),
        other => return Err(SolveError::highs(format!("{other:?}"))),
    }
    let x: Vec<f64> = solved
        .get_solution()
        .columns()
        .iter()
        .map(|&v| if integer { v.round() } else { v })
        .collect();
    let value = x.iter().zip(objective).map(|(x, c)| x * c).sum();
    Ok(Some((value, x)))
}

/// The district's moves (see the module's order).
///
/// Errors: a HiGHS failure.
pub fn solve(m: &PrincipalModel, ids: &[&str]) -> Result<Chosen, SolveError> {
    let mut rows = structure(m);
    let n = m.moves.len();
    let by = |f: &dyn Fn(usize) -> f64| (0..n).map(f).collect::<Vec<f64>>();
    let cand = |k: usize| &m.candidates[m.moves[k].candidate];
    let post = |k: usize| &m.posts[m.moves[k].post];
    let stages: [Vec<f64>; 5] = [
        by(&|k| if cand(k).overdue { 1.0 } else { 0.0 }),
        by(&|k| if post(k).vacant { 1.0 } else { 0.0 }),
        by(&|k| {
            if post(k).receiving && cand(k).from_sending {
                1.0
            } else {
                0.0
            }
        }),
        by(&|_| -1.0),
        // Whole metres: every stage's objective is then whole on every
        // plan, and the rows holding them keep the optimal faces exactly.
        by(&|k| -(m.moves[k].distance_km * 1000.0).round()),
    ];
    let mut x = vec![0.0; n];
    for (s, objective) in stages.iter().enumerate() {
        let Some((value, found)) = best(&rows, objective)? else {
            return Err(SolveError::Infeasible);
        };
        x = found;
        if s == 0 {
            let overdue = m.candidates.iter().filter(|c| c.overdue).count();
            if (value.round() as usize) < overdue {
                let moving: Vec<bool> = (0..m.candidates.len())
                    .map(|c| (0..n).any(|k| m.moves[k].candidate == c && x[k] > 0.5))
                    .collect();
                return Ok(Chosen {
                    moves: Vec::new(),
                    overdue_unmoved: (0..m.candidates.len())
                        .filter(|&c| m.candidates[c].overdue && !moving[c])
                        .collect(),
                });
            }
        }
        // Hold the stage's optimum (a whole number) for the later ones.
        rows.push(Row {
            terms: objective
                .iter()
                .copied()
                .enumerate()
                .filter(|&(_, c)| c != 0.0)
                .collect(),
            lower: value - 1e-6,
            upper: f64::INFINITY,
        });
    }
    // 6: the candidates by id, in chunks of 20.
    let mut order: Vec<usize> = (0..m.candidates.len()).collect();
    order.sort_by(|&a, &b| ids[a].as_bytes().cmp(ids[b].as_bytes()));
    for chunk in order.chunks(20) {
        let weight = |c: usize| {
            chunk
                .iter()
                .position(|&d| d == c)
                .map_or(0.0, |i| f64::from(1u32 << (19 - i)))
        };
        let objective = by(&|k| weight(m.moves[k].candidate));
        if objective.iter().all(|&c| c == 0.0) {
            continue;
        }
        let Some((value, found)) = best(&rows, &objective)? else {
            return Err(SolveError::Infeasible);
        };
        x = found;
        rows.push(Row {
            terms: objective
                .iter()
                .copied()
                .enumerate()
                .filter(|&(_, c)| c != 0.0)
                .collect(),
            lower: value - 0.5,
            upper: f64::INFINITY,
        });
    }
    Ok(Chosen {
        moves: (0..n).filter(|&k| x[k] > 0.5).collect(),
        overdue_unmoved: Vec::new(),
    })
}
