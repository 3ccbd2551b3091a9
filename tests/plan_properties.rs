//! Property: on random small data sets, every plan the solver returns meets
//! the ratios, the needs and the districts as recounted here, and is the
//! lexicographic optimum (most weighted need filled, then least distance)
//! of a brute-force search over every teacher-by-teacher assignment; and
//! when rotaplan says infeasible, the search finds no assignment either.
//! With `improve_indicators`, the plan is the optimum of the fill, then of
//! the indicator terms as this file counts them.

use proptest::prelude::*;
use rotaplan::audit::{PlanLine, audit};
mod common;

use common::DataDir;
use rotaplan::domain::DataSet;
use rotaplan::geo::great_circle_km;
use rotaplan::policy::{Policy, Ratio, Scope};

#[derive(Debug, Clone)]
struct Case {
    /// Per school: (district 0/1, urban?).
    schools: Vec<(u8, bool)>,
    /// Per teacher: (school, subject 0..3, backbone, years, exempt).
    teachers: Vec<(usize, u8, bool, u32, bool)>,
    /// Per need: (school, subject, count, weight).
    needs: Vec<(usize, u8, u32, u32)>,
    ratio: (u64, u64),
    share: (u64, u64),
    scope_school: bool,
}

const SUBJECTS: [&str; 3] = ["语文", "体育", "英语"];

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((0u8..2, any::<bool>()), 2..5),
        1u64..6,
        0u64..5,
        prop::bool::weighted(0.25),
    )
        .prop_flat_map(|(mut schools, r, s, scope_school)| {
            schools[0].1 = true; // at least one sending school
            schools[1].1 = false; // and one receiving school
            let n = schools.len();
            (
                Just(schools),
                prop::collection::vec(
                    (
                        0..n,
                        0u8..2,
                        prop::bool::weighted(0.3),
                        3u32..12,
                        prop::bool::weighted(0.1),
                    ),
                    0..10,
                ),
                prop::collection::vec((0..n, 0u8..2, 0u32..4, 1u32..4), 0..5),
                Just((r, 10)),
                Just((s, 10)),
                Just(scope_school),
            )
        })
        .prop_map(
            |(schools, teachers, needs, ratio, share, scope_school)| Case {
                needs: dedup_needs(&schools, needs),
                schools,
                teachers,
                ratio,
                share,
                scope_school,
            },
        )
}

/// Needs only at receiving schools, one row per (school, subject).
fn dedup_needs(
    schools: &[(u8, bool)],
    needs: Vec<(usize, u8, u32, u32)>,
) -> Vec<(usize, u8, u32, u32)> {
    let mut seen = std::collections::HashSet::new();
    needs
        .into_iter()
        .filter(|n| !schools[n.0].1 && seen.insert((n.0, n.1)))
        .collect()
}

fn load(c: &Case) -> (tempfile::TempDir, DataSet) {
    let mut s = String::from("id,area,district,level,students,lat,lon\n");
    for (i, (d, urban)) in c.schools.iter().enumerate() {
        let area = if *urban { "urban" } else { "rural" };
        s += &format!(
            "S{i},{area},D{d},primary,{},{},{}\n",
            students(c, i),
            33.0 + i as f64 * 0.05,
            120.0 + (i % 2) as f64 * 0.1
        );
    }
    let mut t = String::from("id,school,subject,backbone,years_at_school,exempt\n");
    for (i, (school, subject, backbone, years, exempt)) in c.teachers.iter().enumerate() {
        let exempt = if *exempt { "病假" } else { "" };
        t += &format!(
            "T{i},S{school},{},{backbone},{years},{exempt}\n",
            SUBJECTS[*subject as usize]
        );
    }
    let mut n = String::from("school,subject,count,weight\n");
    for (school, subject, count, weight) in &c.needs {
        n += &format!(
            "S{school},{},{count},{weight}\n",
            SUBJECTS[*subject as usize]
        );
    }
    let dir = DataDir::tables(&s, &t, &n);
    let data = dir.load();
    (dir.dir, data)
}

/// The case's policy, for the plan year 2026 (the default would be the
/// year of the clock).
fn policy(c: &Case) -> Policy {
    Policy {
        plan_year: 2026,
        // The brute force ranks plans by fill, then distance: the order
        // of data-format.md, without objectives.md's spread stage.
        spread: false,
        min_rotation_ratio: Ratio::new(c.ratio.0, c.ratio.1),
        min_backbone_share: Ratio::new(c.share.0, c.share.1),
        scope: if c.scope_school {
            Scope::School
        } else {
            Scope::District
        },
        ..Policy::default()
    }
}

/// The test's own reading of eligibility: at an urban school, not exempt,
/// at least 6 years.
fn eligible(c: &Case, t: usize) -> bool {
    let (school, _, _, years, exempt) = c.teachers[t];
    c.schools[school].1 && !exempt && years >= 6
}

/// The rule scope of a sending school: its district, or itself.
fn scope_of(c: &Case, school: usize) -> usize {
    if c.scope_school {
        school
    } else {
        c.schools[school].0 as usize + 1000
    }
}

/// Whether an assignment (teacher -> need index) meets every rule.
fn meets_rules(c: &Case, assignment: &[Option<usize>]) -> bool {
    let mut scopes: std::collections::HashMap<usize, (u64, u64, u64)> = Default::default();
    for (s, (_, urban)) in c.schools.iter().enumerate() {
        if *urban {
            scopes.entry(scope_of(c, s)).or_default();
        }
    }
    let mut filled = vec![0u32; c.needs.len()];
    for (t, a) in assignment.iter().enumerate() {
        let (school, subject, backbone, _, _) = c.teachers[t];
        if eligible(c, t) {
            scopes.get_mut(&scope_of(c, school)).unwrap().0 += 1;
        }
        if let Some(n) = *a {
            let (to, need_subject, _, _) = c.needs[n];
            if !eligible(c, t) || need_subject != subject || c.schools[to].0 != c.schools[school].0
            {
                return false;
            }
            filled[n] += 1;
            let e = scopes.get_mut(&scope_of(c, school)).unwrap();
            e.1 += 1;
            e.2 += u64::from(backbone);
        }
    }
    let needs_ok = filled.iter().zip(&c.needs).all(|(f, n)| *f <= n.2);
    let ratios_ok = scopes
        .values()
        .all(|&(e, r, b)| r * c.ratio.1 >= c.ratio.0 * e && b * c.share.1 >= c.share.0 * r);
    needs_ok && ratios_ok
}

fn weighted_fill(c: &Case, assignment: &[Option<usize>]) -> u64 {
    assignment
        .iter()
        .flatten()
        .map(|&n| u64::from(c.needs[n].3))
        .sum()
}

fn location(school: usize) -> (f64, f64) {
    (
        33.0 + school as f64 * 0.05,
        120.0 + (school % 2) as f64 * 0.1,
    )
}

fn distance(c: &Case, assignment: &[Option<usize>]) -> f64 {
    assignment
        .iter()
        .enumerate()
        .filter_map(|(t, a)| {
            Some(great_circle_km(
                location(c.teachers[t].0),
                location(c.needs[(*a)?].0),
            ))
        })
        .sum()
}

/// Calls `visit` with every assignment that meets the rules.
fn every_valid_assignment(c: &Case, visit: &mut dyn FnMut(&[Option<usize>])) {
    fn go(c: &Case, t: usize, a: &mut Vec<Option<usize>>, visit: &mut dyn FnMut(&[Option<usize>])) {
        if t == c.teachers.len() {
            if meets_rules(c, a) {
                visit(a);
            }
            return;
        }
        a.push(None);
        go(c, t + 1, a, visit);
        a.pop();
        if eligible(c, t) {
            for n in 0..c.needs.len() {
                let taken = a.iter().filter(|&&x| x == Some(n)).count() as u32;
                if c.needs[n].1 == c.teachers[t].1 && taken < c.needs[n].2 {
                    a.push(Some(n));
                    go(c, t + 1, a, visit);
                    a.pop();
                }
            }
        }
    }
    go(c, 0, &mut Vec::new(), visit);
}

/// The lexicographic optimum over every assignment (the most weighted
/// fill, then the least distance), or `None` if none meets the rules.
fn brute_force(c: &Case) -> Option<(u64, f64)> {
    let mut best: Option<(u64, f64)> = None;
    every_valid_assignment(c, &mut |a| {
        let (v, d) = (weighted_fill(c, a), distance(c, a));
        let better = match best {
            None => true,
            Some((bv, bd)) => v > bv || (v == bv && d < bd - 1e-9),
        };
        if better {
            best = Some((v, d));
        }
    });
    best
}

/// Students of school `s`: 60 at urban schools (one teacher of a kind
/// reaches the threshold, so most have some to spare), 100, 250, 400, ...
/// at rural ones (which fall short).
fn students(c: &Case, s: usize) -> u64 {
    if c.schools[s].1 {
        60
    } else {
        100 + 150 * s as u64
    }
}

/// The indicator terms' value of an assignment, counted here: per school
/// and kind (backbone; 体育), +1 per teacher arriving at a rural school up
/// to its shortfall below 1.0 (backbone) or 0.9 (体育) per 100 students,
/// and -2 per teacher leaving an urban school beyond what it has above.
fn indicator_score(c: &Case, assignment: &[Option<usize>]) -> i64 {
    let kinds: [(&dyn Fn(usize) -> bool, u64); 2] = [
        (&|t: usize| c.teachers[t].2, 10),
        (&|t: usize| SUBJECTS[c.teachers[t].1 as usize] == "体育", 9),
    ];
    let mut score = 0i64;
    for (of_kind, tenths) in kinds {
        for s in 0..c.schools.len() {
            let least = (tenths * students(c, s)).div_ceil(1000) as i64;
            let have = (0..c.teachers.len())
                .filter(|&t| c.teachers[t].0 == s && of_kind(t))
                .count() as i64;
            let moved = assignment
                .iter()
                .enumerate()
                .filter(|&(t, a)| of_kind(t) && a.is_some())
                .map(|(t, a)| (c.teachers[t].0, c.needs[a.unwrap()].0));
            if c.schools[s].1 {
                let leaving = moved.filter(|&(from, _)| from == s).count() as i64;
                score -= 2 * (leaving - (have - least).max(0)).max(0);
            } else {
                let arriving = moved.filter(|&(_, to)| to == s).count() as i64;
                score += arriving.min((least - have).max(0));
            }
        }
    }
    score
}

/// The optimum of fill, then indicator score, over every assignment.
fn brute_force_indicators(c: &Case) -> Option<(u64, i64)> {
    let mut best: Option<(u64, i64)> = None;
    every_valid_assignment(c, &mut |a| {
        let key = (weighted_fill(c, a), indicator_score(c, a));
        if best.is_none_or(|b| key > b) {
            best = Some(key);
        }
    });
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn solver_plans_meet_the_rules_and_are_optimal(c in case()) {
        let (_dir, data) = load(&c);
        let plan = rotaplan::plan::plan(&data, &policy(&c)).unwrap();
        let best = brute_force(&c);
        if !plan.feasible() {
            prop_assert_eq!(best, None, "rotaplan says infeasible: {:?}", plan.infeasibilities());
            return Ok(());
        }
        let assignment = assignment_of(&c, &plan)?;
        prop_assert!(meets_rules(&c, &assignment), "plan breaks a rule: {:?}", assignment);
        let (fill, km) = best.unwrap();
        prop_assert_eq!(weighted_fill(&c, &assignment), fill);
        let plan_km = distance(&c, &assignment);
        prop_assert!((plan_km - km).abs() < 1e-6, "distance {} but {} is possible", plan_km, km);
    }
}

/// The plan as an assignment (teacher -> need index), recounted here.
fn assignment_of(
    c: &Case,
    plan: &rotaplan::plan::RotationPlan,
) -> Result<Vec<Option<usize>>, TestCaseError> {
    let mut assignment = vec![None; c.teachers.len()];
    for r in &plan.rotations {
        let t = r.teacher;
        prop_assert!(assignment[t].is_none(), "teacher {} twice", t);
        let subject = c.teachers[t].1;
        let need = c
            .needs
            .iter()
            .position(|n| n.0 == r.to_school && n.1 == subject);
        prop_assert!(
            need.is_some(),
            "teacher {} sent where no need in the subject",
            t
        );
        assignment[t] = need;
    }
    Ok(assignment)
}

/// One district where rotation always happens: 1-2 urban schools, 1-2
/// rural ones with needs, up to 7 teachers, 40% backbone, half of them
/// teaching 体育.
fn indicator_case() -> impl Strategy<Value = Case> {
    (1usize..3, 1usize..3, 0u64..4)
        .prop_flat_map(|(urban, rural, share)| {
            let n = urban + rural;
            let mut schools = vec![(0u8, true); urban];
            schools.extend(vec![(0u8, false); rural]);
            (
                Just(schools),
                prop::collection::vec(
                    (
                        0..n,
                        0u8..2,
                        prop::bool::weighted(0.4),
                        6u32..12,
                        Just(false),
                    ),
                    2..8,
                ),
                prop::collection::vec((urban..n, 0u8..2, 1u32..3, 1u32..3), 1..4),
                Just(share),
            )
        })
        .prop_map(|(schools, teachers, needs, share)| Case {
            needs: dedup_needs(&schools, needs),
            schools,
            teachers,
            ratio: (1, 10),
            share: (share, 10),
            scope_school: false,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    /// With improve_indicators the fill stays the optimum and, among the
    /// plans filling that much, the indicator terms are the best any
    /// assignment reaches; the plan still passes the audit.
    #[test]
    fn indicator_plans_fill_first_then_maximise_the_terms(c in indicator_case()) {
        let (_dir, data) = load(&c);
        let policy = Policy { improve_indicators: true, ..policy(&c) };
        let plan = rotaplan::plan::plan(&data, &policy).unwrap();
        let best = brute_force_indicators(&c);
        if !plan.feasible() {
            prop_assert_eq!(best, None, "rotaplan says infeasible: {:?}", plan.infeasibilities());
            return Ok(());
        }
        let assignment = assignment_of(&c, &plan)?;
        prop_assert!(meets_rules(&c, &assignment), "plan breaks a rule: {:?}", assignment);
        prop_assert_eq!(
            Some((weighted_fill(&c, &assignment), indicator_score(&c, &assignment))),
            best
        );
        let report = audit(&data, &policy, &plan_lines(&data, &plan));
        prop_assert!(report.ok, "{:?}", report.violations);
    }
}

fn plan_lines(data: &DataSet, plan: &rotaplan::plan::RotationPlan) -> Vec<PlanLine> {
    rotaplan::read::plan::lines_of(
        data,
        plan.rotations.iter().map(|r| (r.teacher, r.to_school)),
    )
}

/// A district where the rules force the backbone share to exactly q:
/// `places` rural places (a multiple of 5), exactly places/5 eligible
/// backbone teachers, plenty of others, spread over `schools` sending
/// schools.
fn boundary_case() -> impl Strategy<Value = Case> {
    (1u32..5, 1usize..4, 0usize..6).prop_map(|(k, schools, extra)| {
        let places = 5 * k;
        let mut case_schools: Vec<(u8, bool)> = vec![(0, true); schools];
        case_schools.push((0, false));
        let rural = schools;
        let mut teachers = Vec::new();
        for i in 0..(places / 5) as usize {
            teachers.push((i % schools, 0u8, true, 8, false));
        }
        for i in 0..(places as usize * 4 + extra) {
            teachers.push((i % schools, 0u8, false, 8, false));
        }
        Case {
            schools: case_schools,
            teachers,
            needs: vec![(rural, 0, places, 1)],
            ratio: (1, 10),
            share: (2, 10),
            scope_school: false,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn every_solver_plan_passes_audit(c in case()) {
        let (_dir, data) = load(&c);
        let policy = policy(&c);
        let plan = rotaplan::plan::plan(&data, &policy).unwrap();
        prop_assume!(plan.feasible());
        let report = audit(&data, &policy, &plan_lines(&data, &plan));
        prop_assert!(report.ok, "{:?}", report.violations);
        prop_assert_eq!(report.rotating, plan.rotations.len() as u64);
    }

    #[test]
    fn one_backbone_fewer_at_the_boundary_fails_backbone_share(c in boundary_case()) {
        let (_dir, data) = load(&c);
        let policy = policy(&c);
        let plan = rotaplan::plan::plan(&data, &policy).unwrap();
        prop_assert!(plan.feasible());
        let mut lines = plan_lines(&data, &plan);
        let report = audit(&data, &policy, &lines);
        prop_assert!(report.ok, "{:?}", report.violations);
        prop_assert_eq!(report.backbone * 5, report.rotating, "exactly 20%");
        let backbone = plan.rotations.iter().position(|r| policy.is_backbone(&data.teachers[r.teacher])).unwrap();
        lines.remove(backbone);
        let report = audit(&data, &policy, &lines);
        prop_assert!(!report.ok);
        prop_assert!(report.violations.iter().any(|v| v.rule == "backbone_share"), "{:?}", report.violations);
    }
}

/// The number of teachers whose receiving school differs between the
/// baseline (teacher -> school) and an assignment (teacher -> need).
fn changes(c: &Case, baseline: &[Option<usize>], assignment: &[Option<usize>]) -> u64 {
    baseline
        .iter()
        .zip(assignment)
        .filter(|(b, a)| **b != a.map(|n| c.needs[n].0))
        .count() as u64
}

/// The lexicographic optimum against a baseline (papers.md "Objections
/// and changes"): the fewest changes, then the most weighted fill, then
/// the least distance; `None` if no assignment meets the rules.
fn brute_force_baseline(c: &Case, baseline: &[Option<usize>]) -> Option<(u64, u64, f64)> {
    let mut best: Option<(u64, u64, f64)> = None;
    every_valid_assignment(c, &mut |a| {
        let (k, v, d) = (changes(c, baseline, a), weighted_fill(c, a), distance(c, a));
        let better = match best {
            None => true,
            Some((bk, bv, bd)) => k < bk || (k == bk && (v > bv || (v == bv && d < bd - 1e-9))),
        };
        if better {
            best = Some((k, v, d));
        }
    });
    best
}

/// A case and a baseline for it: each teacher, with probability 0.6, sent
/// to the school of a need of their subject, or, with probability 0.1, to
/// any school (rural or not, a need there or not, the teacher eligible or
/// not: a baseline row may no longer stand).
fn baseline_case() -> impl Strategy<Value = (Case, Vec<Option<usize>>)> {
    case().prop_flat_map(|c| {
        let n = c.schools.len();
        let picks = prop::collection::vec((0u8..10, 0usize..16, 0..n), c.teachers.len());
        (Just(c), picks).prop_map(|(c, picks)| {
            let baseline = picks
                .iter()
                .enumerate()
                .map(|(t, &(roll, k, any))| {
                    let fitting: Vec<usize> = c
                        .needs
                        .iter()
                        .filter(|need| need.1 == c.teachers[t].1)
                        .map(|need| need.0)
                        .collect();
                    match roll {
                        0..6 if !fitting.is_empty() => Some(fitting[k % fitting.len()]),
                        6 => Some(any),
                        _ => None,
                    }
                })
                .collect();
            (c, baseline)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// `plan --baseline`: the plan is the optimum of the fewest changes,
    /// then the fill, then the distance, over every assignment; the
    /// changes it lists are exactly the teachers whose destination
    /// differs; rotaplan says infeasible only when no assignment meets the
    /// rules.
    #[test]
    fn a_plan_against_a_baseline_changes_the_fewest_rows(
        (c, baseline) in baseline_case()
    ) {
        let (_dir, mut data) = load(&c);
        let moves: Vec<(usize, usize)> = baseline
            .iter()
            .enumerate()
            .filter_map(|(t, s)| Some((t, (*s)?)))
            .collect();
        let lines = rotaplan::read::plan::lines_of(&data, moves);
        data.baseline = Some(rotaplan::plan::changes::baseline_of(&data, &lines));
        let policy = policy(&c);
        let plan = rotaplan::plan::plan(&data, &policy).unwrap();
        let best = brute_force_baseline(&c, &baseline);
        if !plan.feasible() {
            prop_assert_eq!(best, None, "rotaplan says infeasible: {:?}", plan.infeasibilities());
            return Ok(());
        }
        let assignment = assignment_of(&c, &plan)?;
        prop_assert!(meets_rules(&c, &assignment), "plan breaks a rule: {:?}", assignment);
        let (k, fill, km) = best.unwrap();
        prop_assert_eq!(changes(&c, &baseline, &assignment), k, "not the fewest changes");
        prop_assert_eq!(weighted_fill(&c, &assignment), fill);
        let plan_km = distance(&c, &assignment);
        prop_assert!((plan_km - km).abs() < 1e-6, "distance {} but {} is possible", plan_km, km);
        let listed = rotaplan::plan::changes::changes(&data, &policy, &plan, &lines);
        prop_assert_eq!(listed.len() as u64, k);
        for change in &listed {
            let t = data.teacher_by_id(&change.teacher).unwrap();
            prop_assert_eq!(change.before.clone(), baseline[t].map(|s| format!("S{s}")));
            prop_assert_eq!(change.after.clone(), assignment[t].map(|n| format!("S{}", c.needs[n].0)));
            if !eligible(&c, t) {
                prop_assert!(change.before.is_some());
                prop_assert!(change.reason != "rules", "{:?}", change);
            }
        }
    }
}

/// A case with each teacher's `volunteer`, `points` (0-4) and whether
/// history has a rotation of theirs (in 2010, long past any cool-down),
/// and the priority stage to test.
fn priority_case() -> impl Strategy<Value = (Case, Vec<(bool, u32, bool)>, usize)> {
    case().prop_flat_map(|c| {
        let n = c.teachers.len();
        (
            Just(c),
            prop::collection::vec((any::<bool>(), 0u32..5, prop::bool::weighted(0.3)), n),
            0usize..4,
        )
    })
}

const STAGES: [&str; 4] = ["volunteer", "never_rotated", "years_at_school", "points"];

/// The stage's value of an assignment, counted here.
fn priority_value(c: &Case, extra: &[(bool, u32, bool)], stage: usize, a: &[Option<usize>]) -> f64 {
    a.iter()
        .enumerate()
        .filter(|(_, x)| x.is_some())
        .map(|(t, _)| {
            let (volunteer, points, rotated) = extra[t];
            match stage {
                0 => f64::from(u8::from(volunteer)),
                1 => f64::from(u8::from(!rotated)),
                2 => f64::from(c.teachers[t].3),
                _ => f64::from(points),
            }
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// programme.md "Who goes first": with `priority = [stage]`, the plan
    /// is the optimum of the fill, then the stage, then the distance,
    /// over every assignment.
    #[test]
    fn a_priority_stage_chooses_among_the_equally_good_plans(
        (c, extra, stage) in priority_case()
    ) {
        let (dir, _) = load(&c);
        // The roster again, with volunteer and points; the history.
        let mut t = String::from("id,school,subject,backbone,years_at_school,exempt,volunteer,points\n");
        let mut h = String::from("teacher,year\n");
        for (i, ((school, subject, backbone, years, exempt), (volunteer, points, rotated))) in
            c.teachers.iter().zip(&extra).enumerate()
        {
            let exempt = if *exempt { "病假" } else { "" };
            t += &format!(
                "T{i},S{school},{},{backbone},{years},{exempt},{volunteer},{points}\n",
                SUBJECTS[*subject as usize]
            );
            if *rotated {
                h += &format!("T{i},2010\n");
            }
        }
        std::fs::write(dir.path().join("teachers.csv"), t).unwrap();
        std::fs::write(dir.path().join("history.csv"), h).unwrap();
        let paths = rotaplan::read::DataPaths::resolve(Some(dir.path()), None, None, None, None, None).unwrap();
        let data = DataSet::load(&paths).unwrap();
        let mut p = policy(&c);
        p.priority = vec![rotaplan::policy::priority::PriorityFile::Name(STAGES[stage].into()).resolve().unwrap()];
        let plan = rotaplan::plan::plan(&data, &p).unwrap();
        let mut best: Option<(u64, f64, f64)> = None;
        every_valid_assignment(&c, &mut |a| {
            let key = (weighted_fill(&c, a), priority_value(&c, &extra, stage, a), distance(&c, a));
            let better = match best {
                None => true,
                Some((bv, bp, bd)) => {
                    key.0 > bv || (key.0 == bv && (key.1 > bp + 1e-9 || (key.1 > bp - 1e-9 && key.2 < bd - 1e-9)))
                }
            };
            if better {
                best = Some(key);
            }
        });
        if !plan.feasible() {
            prop_assert_eq!(best, None);
            return Ok(());
        }
        let assignment = assignment_of(&c, &plan)?;
        let (fill, value, km) = best.unwrap();
        prop_assert_eq!(weighted_fill(&c, &assignment), fill);
        let got = priority_value(&c, &extra, stage, &assignment);
        prop_assert!((got - value).abs() < 1e-9, "{}: {} but {} is possible", STAGES[stage], got, value);
        let plan_km = distance(&c, &assignment);
        prop_assert!((plan_km - km).abs() < 1e-6, "distance {} but {} is possible", plan_km, km);
    }
}
