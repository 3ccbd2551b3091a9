//! The principals' plan (principals.md "The plan"): each district's moves
//! (`model::principals`, `solve::principals`), as the chains and cycles a
//! planner reads. Planned after the teachers' rotation and apart from it.

use crate::domain::{DataSet, Post};
use crate::error::{Error, Infeasibility};
use crate::model::principals::{self as model, PrincipalModel};
use crate::msg;
use crate::policy::Policy;
use rayon::prelude::*;

/// One move: a principal or vice principal takes the principal post of
/// `to_school`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PrincipalMove {
    /// Index into `DataSet::teachers`.
    #[serde(skip)]
    pub teacher: usize,
    pub post: Post,
    /// Indices into `DataSet::schools`.
    #[serde(skip)]
    pub from_school: usize,
    #[serde(skip)]
    pub to_school: usize,
    /// `None` when either school has no location.
    pub distance_km: Option<f64>,
}

impl PrincipalMove {
    /// Teacher `teacher` (holding `post`) takes the principal post of
    /// school `to`, from the teacher's school.
    fn new(data: &DataSet, teacher: usize, post: Post, to: usize) -> PrincipalMove {
        let from = data.teachers[teacher].school;
        PrincipalMove {
            teacher,
            post,
            from_school: from,
            to_school: to,
            distance_km: data.schools[from]
                .location
                .zip(data.schools[to].location)
                .map(|(a, b)| crate::geo::great_circle_km(a, b)),
        }
    }
}

/// A chain (from a vice principal, or a principal whose post is filled
/// otherwise, to a vacant post) or a cycle (principals only; a swap is a
/// cycle of two). Each move after the first starts at the school the one
/// before it goes to: 丁校副校长 → 丙校, 丙校校长 → 乙校, ...
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Chain,
    Cycle,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sequence {
    pub kind: Kind,
    pub moves: Vec<PrincipalMove>,
}

/// An overdue principal who may not move, and why (listed; the plan goes
/// on).
#[derive(Debug, Clone, PartialEq)]
pub struct Stuck {
    pub teacher: usize,
    pub reason: String,
}

/// The principals' plan of every district.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PrincipalPlan {
    /// By district, then by the id of the first mover's school.
    pub sequences: Vec<Sequence>,
    pub stuck: Vec<Stuck>,
    /// Overdue candidates whose post no candidate can take (rule
    /// `principal_max_years`): the plan is infeasible.
    pub infeasible: Vec<Infeasibility>,
}

impl PrincipalPlan {
    /// Every move, chain by chain.
    pub fn moves(&self) -> impl Iterator<Item = &PrincipalMove> {
        self.sequences.iter().flat_map(|s| &s.moves)
    }
}

/// The principals' plan under `policy` (empty unless `principals`).
///
/// Errors: a HiGHS failure (exit 4).
pub fn plan(data: &DataSet, policy: &Policy) -> Result<PrincipalPlan, Error> {
    if !policy.principals {
        return Ok(PrincipalPlan::default());
    }
    let models = model::build(data, policy);
    let solved: Vec<Result<PrincipalPlan, Error>> =
        models.par_iter().map(|m| district(data, m)).collect();
    let mut plan = PrincipalPlan::default();
    for part in solved {
        let part = part?;
        plan.sequences.extend(part.sequences);
        plan.stuck.extend(part.stuck);
        plan.infeasible.extend(part.infeasible);
    }
    Ok(plan)
}

fn district(data: &DataSet, m: &PrincipalModel) -> Result<PrincipalPlan, Error> {
    let ids: Vec<&str> = m
        .candidates
        .iter()
        .map(|c| data.teachers[c.teacher].id.as_str())
        .collect();
    let post_ids: Vec<&str> = m
        .posts
        .iter()
        .map(|p| data.schools[p.school].id.as_str())
        .collect();
    let chosen = crate::solve::principals::solve(m, &ids, &post_ids).map_err(|e| {
        Error::Solver(msg!(
            "plan-district-failed",
            district = crate::model::district_label(&m.district),
            message = format!("{e:?}")
        ))
    })?;
    // The overdue who may not move, and the overdue vice principals no
    // plan moves (no vacant post at the end of a chain for them).
    let stuck = m
        .stuck
        .iter()
        .map(|s| Stuck {
            teacher: s.teacher,
            reason: s.reason.clone(),
        })
        .chain(chosen.overdue_vices_staying.iter().map(|&c| Stuck {
            teacher: m.candidates[c].teacher,
            reason: "no_post_to_take".into(),
        }))
        .collect();
    let infeasible = chosen
        .overdue_unmoved
        .iter()
        .map(|&c| {
            let t = m.candidates[c].teacher;
            let teacher = &data.teachers[t];
            let school = &data.schools[teacher.school];
            let mut i = Infeasibility::new(
                crate::model::district_label(&m.district).to_string(),
                "principal_max_years",
                msg!(
                    "plan-principal-overdue",
                    teacher = teacher.id.as_str(),
                    name = teacher.name.as_str(),
                    school = school.name.as_str(),
                    years = m.candidates[c].years
                ),
            );
            i.teacher = Some(teacher.id.clone());
            i.school = Some(school.id.clone());
            i
        })
        .collect();
    let moves: Vec<PrincipalMove> = chosen
        .moves
        .iter()
        .map(|&k| {
            let mv = &m.moves[k];
            let cand = &m.candidates[mv.candidate];
            PrincipalMove::new(data, cand.teacher, cand.post, m.posts[mv.post].school)
        })
        .collect();
    Ok(PrincipalPlan {
        sequences: sequences(data, moves),
        stuck,
        infeasible,
    })
}

/// The chains and cycles of a plan file's principal rows (teacher,
/// receiving school), as `plan` makes them: each move from the teacher's
/// school, with the teacher's post (校长 when none).
pub fn sequences_of(data: &DataSet, rows: &[(usize, usize)]) -> Vec<Sequence> {
    let moves = rows
        .iter()
        .map(|&(t, to)| {
            let post = data.teachers[t].post().unwrap_or(Post::Principal);
            PrincipalMove::new(data, t, post, to)
        })
        .collect();
    sequences(data, moves)
}

/// The moves as chains and cycles. A move's successor starts at the school
/// it goes to (made by that school's principal); a chain starts at a move
/// nobody's move leads to, a cycle at its smallest school id.
fn sequences(data: &DataSet, moves: Vec<PrincipalMove>) -> Vec<Sequence> {
    let principal_from = |school: usize| {
        moves
            .iter()
            .position(|m| m.post == Post::Principal && m.from_school == school)
    };
    let next: Vec<Option<usize>> = moves.iter().map(|m| principal_from(m.to_school)).collect();
    let mut led_to = vec![false; moves.len()];
    for n in next.iter().flatten() {
        led_to[*n] = true;
    }
    let mut used = vec![false; moves.len()];
    let mut out = Vec::new();
    let school_id = |k: usize| data.schools[moves[k].from_school].id.as_str();
    let mut starts: Vec<usize> = (0..moves.len()).filter(|&k| !led_to[k]).collect();
    starts.sort_by(|&a, &b| school_id(a).cmp(school_id(b)));
    let mut follow = |start: usize, kind: Kind, used: &mut Vec<bool>| {
        let mut seq = Vec::new();
        let mut k = Some(start);
        while let Some(i) = k.filter(|&i| !used[i]) {
            used[i] = true;
            seq.push(moves[i].clone());
            k = next[i];
        }
        out.push(Sequence { kind, moves: seq });
    };
    for s in starts {
        follow(s, Kind::Chain, &mut used);
    }
    let mut rest: Vec<usize> = (0..moves.len()).filter(|&k| !used[k]).collect();
    rest.sort_by(|&a, &b| school_id(a).cmp(school_id(b)));
    for s in rest {
        if !used[s] {
            follow(s, Kind::Cycle, &mut used);
        }
    }
    out.sort_by(|a, b| {
        let key = |s: &Sequence| {
            let first = &data.schools[s.moves[0].from_school];
            (first.district.clone(), first.id.clone())
        };
        key(a).cmp(&key(b))
    });
    out
}
