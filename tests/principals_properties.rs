//! Property (principals.md "The plan"): on random tiny districts (3-5
//! schools), the principals' moves rotaplan plans are, in the objective
//! order, the best of every set of moves a brute-force search finds:
//! overdue principals moving (a plan that cannot move one is infeasible
//! in both), overdue vice principals moving, vacant posts filled,
//! receiving schools'
//! posts taken from sending schools, fewest moves, least distance,
//! smallest ids, then (the tie-break) the smallest schools in id order.
//! Candidates, posts and the allowed moves are worked out
//! here from the raw data, not by the model.

use proptest::prelude::*;
use rotaplan::domain::{Area, DataSet, Details, Post, School, Sex, Teacher};
use rotaplan::policy::Policy;

#[derive(Debug, Clone)]
struct Case {
    /// Per school: rural?, location (None: no location).
    schools: Vec<(bool, Option<(f64, f64)>)>,
    /// Per school: its principal's years in the post (None: no 校长),
    /// whether that principal retires this year, its vice's years.
    posts: Vec<(Option<u32>, bool, Option<u32>)>,
}

fn case() -> impl Strategy<Value = Case> {
    (3usize..6, any::<bool>()).prop_flat_map(|(n, located)| {
        (
            prop::collection::vec(
                (
                    any::<bool>(),
                    (0u32..30, 0u32..30).prop_map(move |(a, b)| {
                        located.then(|| (30.0 + f64::from(a) / 100.0, 120.0 + f64::from(b) / 100.0))
                    }),
                ),
                n,
            ),
            prop::collection::vec(
                (
                    prop::option::weighted(0.8, 2u32..14),
                    prop::bool::weighted(0.1),
                    prop::option::weighted(0.3, 1u32..14),
                ),
                n,
            ),
        )
            .prop_map(|(schools, posts)| Case { schools, posts })
    })
}

fn data(c: &Case) -> DataSet {
    let mut d = DataSet::default();
    for (i, &(rural, location)) in c.schools.iter().enumerate() {
        let id = format!("S{i}");
        d.school_index.insert(id.clone(), i);
        d.schools.push(School {
            name: id.clone(),
            id,
            area: if rural { Area::Rural } else { Area::Urban },
            quality: false,
            level: None,
            students: None,
            district: "D".into(),
            location,
            weak: false,
            group: String::new(),
        });
    }
    let mut add = |id: String, school: usize, post: Option<Post>, years: u32, retiring: bool| {
        let mut t = Teacher {
            id,
            school,
            subject: "数学".into(),
            years_at_school: Some(years),
            ..Teacher::default()
        };
        if retiring {
            // Retires on 2027-06-01 (55, fixed): before 2027-08-31.
            t.sex = Some(Sex::Female);
            t.birth_date = chrono::NaiveDate::from_ymd_opt(1972, 6, 1);
        }
        t.details = Details {
            post,
            post_years: post.map(|_| years),
            ..Details::default()
        }
        .boxed();
        d.teachers.push(t);
    };
    for (s, &(principal, retiring, vice)) in c.posts.iter().enumerate() {
        add(format!("T{s}"), s, None, 3, false);
        if let Some(y) = principal {
            add(format!("P{s}"), s, Some(Post::Principal), y, retiring);
        }
        if let Some(y) = vice {
            add(format!("V{s}"), s, Some(Post::VicePrincipal), y, false);
        }
    }
    d
}

fn policy() -> Policy {
    Policy {
        plan_year: 2026,
        principals: true,
        retirement: rotaplan::policy::retirement::Retirement::Fixed {
            male: 60,
            female: 55,
        },
        ..Policy::default()
    }
}

/// A plan's value in the objective order (larger is better), distance
/// negated; the movers' ids sorted, for the last comparison.
/// The objectives in order; the last is rotaplan's tie-break (the
/// moving candidates' schools, in id order).
/// The first: overdue principals moving, then overdue vice principals
/// moving (rotaplan's reading of objective 1: a 校长 must move, a 副校长
/// moves when a plan lets them).
type Value = (
    (usize, usize),
    usize,
    usize,
    i64,
    f64,
    Vec<String>,
    Vec<String>,
);

fn km(a: Option<(f64, f64)>, b: Option<(f64, f64)>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => rotaplan::geo::great_circle_km(a, b),
        _ => 0.0,
    }
}

/// The brute force: every assignment of candidates to posts (or none),
/// checked here, the best by the objective order; `None` for the overdue
/// count when no plan moves every overdue candidate.
fn brute(c: &Case) -> (usize, Option<Value>) {
    // Candidates: (id, school, is_vice, overdue); posts: schools whose 校长
    // is a candidate, or which are vacant (no 校长, or one retiring).
    struct Cand {
        id: String,
        school: usize,
        vice: bool,
        overdue: bool,
    }
    let mut cands = Vec::new();
    for (s, &(principal, retiring, vice)) in c.posts.iter().enumerate() {
        if let Some(y) = principal
            && !retiring
            && y >= 6
        {
            cands.push(Cand {
                id: format!("P{s}"),
                school: s,
                vice: false,
                overdue: y >= 10,
            });
        }
        if let Some(y) = vice
            && y >= 3
        {
            cands.push(Cand {
                id: format!("V{s}"),
                school: s,
                vice: true,
                overdue: y >= 10,
            });
        }
    }
    let holder = |s: usize| cands.iter().position(|k| !k.vice && k.school == s);
    let vacant = |s: usize| c.posts[s].0.is_none() || c.posts[s].1;
    let posts: Vec<usize> = (0..c.schools.len())
        .filter(|&s| vacant(s) || holder(s).is_some())
        .collect();
    let overdue = cands.iter().filter(|k| k.overdue && !k.vice).count();
    let mut best: Option<Value> = None;
    let mut choice: Vec<Option<usize>> = vec![None; cands.len()];
    fn search(
        i: usize,
        choice: &mut Vec<Option<usize>>,
        visit: &mut dyn FnMut(&[Option<usize>]),
        options: &dyn Fn(usize) -> Vec<usize>,
    ) {
        if i == choice.len() {
            visit(choice);
            return;
        }
        choice[i] = None;
        search(i + 1, choice, visit, options);
        for s in options(i) {
            if choice[..i].contains(&Some(s)) {
                continue;
            }
            choice[i] = Some(s);
            search(i + 1, choice, visit, options);
        }
        choice[i] = None;
    }
    let options = |i: usize| -> Vec<usize> {
        posts
            .iter()
            .copied()
            .filter(|&s| s != cands[i].school && (!cands[i].vice || c.schools[s].0))
            .collect()
    };
    let mut visit = |choice: &[Option<usize>]| {
        // A candidate principal's post is taken iff they leave.
        for (k, cand) in cands.iter().enumerate() {
            if cand.vice {
                continue;
            }
            let taken = choice.contains(&Some(cand.school));
            if taken != choice[k].is_some() {
                return;
            }
        }
        let moving: Vec<usize> = (0..cands.len()).filter(|&k| choice[k].is_some()).collect();
        let mut by_id: Vec<(String, String)> = moving
            .iter()
            .map(|&k| (cands[k].id.clone(), format!("S{}", choice[k].unwrap())))
            .collect();
        by_id.sort();
        let (ids, to): (Vec<String>, Vec<String>) = by_id.into_iter().unzip();
        let value: Value = (
            (
                moving
                    .iter()
                    .filter(|&&k| cands[k].overdue && !cands[k].vice)
                    .count(),
                moving
                    .iter()
                    .filter(|&&k| cands[k].overdue && cands[k].vice)
                    .count(),
            ),
            moving
                .iter()
                .filter(|&&k| vacant(choice[k].unwrap()))
                .count(),
            moving
                .iter()
                .filter(|&&k| c.schools[choice[k].unwrap()].0 && !c.schools[cands[k].school].0)
                .count(),
            -(moving.len() as i64),
            -moving
                .iter()
                .map(|&k| {
                    km(
                        c.schools[cands[k].school].1,
                        c.schools[choice[k].unwrap()].1,
                    )
                })
                .sum::<f64>(),
            ids,
            to,
        );
        if better(&value, best.as_ref()) {
            best = Some(value);
        }
    };
    search(0, &mut choice, &mut visit, &options);
    (overdue, best)
}

/// Whether `a` beats `b` in the objective order (distances within a
/// metre are equal; then the smaller sorted id list).
fn better(a: &Value, b: Option<&Value>) -> bool {
    let Some(b) = b else { return true };
    let head = |v: &Value| (v.0, v.1, v.2, v.3);
    if head(a) != head(b) {
        return head(a) > head(b);
    }
    if (a.4 - b.4).abs() > 1e-3 {
        return a.4 > b.4;
    }
    // Smaller ids first: the list compared element by element; then the
    // smaller schools, in id order.
    (&a.5, &a.6) < (&b.5, &b.6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_moves_are_the_best_in_the_objective_order(c in case()) {
        let d = data(&c);
        let p = policy();
        let plan = rotaplan::plan::principals::plan(&d, &p).unwrap();
        let (overdue, best) = brute(&c);
        let best = best.unwrap();
        if best.0.0 < overdue {
            prop_assert!(!plan.infeasible.is_empty(), "brute force: {overdue} overdue, {} can move", best.0.0);
            return Ok(());
        }
        prop_assert!(plan.infeasible.is_empty(), "{:?}", plan.infeasible);
        let moves: Vec<_> = plan.moves().collect();
        let school_rural = |s: usize| c.schools[s].0;
        let is_vacant = |s: usize| c.posts[s].0.is_none() || c.posts[s].1;
        let overdue_of = |m: &&rotaplan::plan::principals::PrincipalMove, principal: bool| {
            let id = &d.teachers[m.teacher].id;
            let s: usize = id[1..].parse().unwrap();
            let years = if id.starts_with('P') { c.posts[s].0 } else { c.posts[s].2 };
            id.starts_with('P') == principal && years.unwrap() >= 10
        };
        let mut by_id: Vec<(String, String)> = moves
            .iter()
            .map(|m| (d.teachers[m.teacher].id.clone(), d.schools[m.to_school].id.clone()))
            .collect();
        by_id.sort();
        let (ids, to): (Vec<String>, Vec<String>) = by_id.into_iter().unzip();
        let mine: Value = (
            (
                moves.iter().filter(|m| overdue_of(m, true)).count(),
                moves.iter().filter(|m| overdue_of(m, false)).count(),
            ),
            moves.iter().filter(|m| is_vacant(m.to_school)).count(),
            moves.iter().filter(|m| school_rural(m.to_school) && !school_rural(m.from_school)).count(),
            -(moves.len() as i64),
            -moves.iter().map(|m| km(c.schools[m.from_school].1, c.schools[m.to_school].1)).sum::<f64>(),
            ids,
            to,
        );
        prop_assert!(
            !better(&best, Some(&mine)),
            "brute force {:?} beats rotaplan {:?}", best, mine
        );
        // The order with the tie-break decides the plan: no other is as good.
        prop_assert!(
            !better(&mine, Some(&best)),
            "rotaplan {:?} beats the brute force {:?}", mine, best
        );
    }
}
