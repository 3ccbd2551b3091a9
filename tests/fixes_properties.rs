//! Properties of the fixes of rules.md "When the rules cannot be met", on
//! small random INFEASIBLE instances (one district, 1-3 urban schools,
//! 1-2 rural ones, at most 8 teachers, 1-2 subjects, a random ratio and
//! backbone share, random needs):
//!
//! * every fix, applied alone, makes the instance feasible (`share`: the
//!   rule's share set to the percent as an exact decimal; `need`: the
//!   places added at a rural school; `eligible`: the first N candidates
//!   made eligible), as counted here and as `plan` finds;
//! * no smaller fix of its kind exists, counted here by brute force:
//!   `share` one 0.1% step beyond the percent is infeasible, and the
//!   fraction is exactly the best share; `need` no distribution of one
//!   place fewer over the subjects is enough; `eligible` no N - 1 of the
//!   ineligible teachers are enough;
//! * a kind that is not offered does not help at all.
//!
//! Nothing here calls the planner's counting: eligibility (at an urban
//! school; the `eligible` column, else not exempt and at least 6 years),
//! backbone, E, R, B and the bounds of data-format.md are counted below.
//! With one district and scope "district", an assignment is, as far as the
//! rules see it, the number of backbone and other teachers of each subject
//! that rotate (each subject's rotations at most its need), so the search
//! enumerates those counts.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rotaplan::domain::DataSet;
use rotaplan::policy::{Policy, Ratio};
use rotaplan::read::DataPaths;

const SUBJECTS: [&str; 2] = ["数学", "语文"];
/// min_rotation_ratio values (exact fractions).
const RATIOS: [(u64, u64); 7] = [(0, 1), (1, 10), (1, 4), (1, 3), (1, 2), (3, 4), (1, 1)];
/// min_backbone_share values.
const SHARES: [(u64, u64); 6] = [(0, 1), (1, 5), (1, 3), (1, 2), (3, 4), (1, 1)];

#[derive(Debug, Clone)]
struct Teacher {
    /// Urban schools first (0..urban), then rural ones.
    school: usize,
    subject: usize,
    backbone: bool,
    years: u32,
    exempt: bool,
}

#[derive(Debug, Clone)]
struct Case {
    urban: usize,
    rural: usize,
    subjects: usize,
    teachers: Vec<Teacher>,
    /// need[rural][subject].
    need: Vec<[u32; 2]>,
    /// Whether needs.csv has a row of count 0 for each empty need.
    zero_rows: bool,
    ratio: (u64, u64),
    share: (u64, u64),
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=3, 1usize..=2, 1usize..=2)
        .prop_flat_map(|(urban, rural, subjects)| {
            let teacher = (
                // Mostly at urban schools; now and then at a rural one
                // (never counted, never a candidate).
                prop_oneof![9 => 0..urban, 1 => urban..urban + rural],
                0..subjects,
                prop::bool::weighted(0.4),
                // 6-10 years: eligible; 2-5: too_few_years.
                prop_oneof![3 => 6u32..11, 2 => 2u32..6],
                prop::bool::weighted(0.12),
            )
                .prop_map(|(school, subject, backbone, years, exempt)| Teacher {
                    school,
                    subject,
                    backbone,
                    years,
                    exempt,
                });
            (
                Just((urban, rural, subjects)),
                prop::collection::vec(teacher, 1..=8),
                prop::collection::vec(prop::array::uniform2(0u32..3), rural),
                any::<bool>(),
                prop::sample::select(RATIOS.to_vec()),
                prop::sample::select(SHARES.to_vec()),
            )
        })
        .prop_map(
            |((urban, rural, subjects), teachers, mut need, zero_rows, ratio, share)| {
                for n in need.iter_mut() {
                    for cell in n.iter_mut().skip(subjects) {
                        *cell = 0;
                    }
                }
                Case {
                    urban,
                    rural,
                    subjects,
                    teachers,
                    need,
                    zero_rows,
                    ratio,
                    share,
                }
            },
        )
}

// ------------------------------------------------------------ the files

fn school_id(c: &Case, s: usize) -> String {
    if s < c.urban {
        format!("U{s}")
    } else {
        format!("R{}", s - c.urban)
    }
}

fn teacher_id(t: usize) -> String {
    format!("T{t}")
}

/// The data set's files, with `extra_need[subject]` more places at R0 and
/// `eligible = yes` for the teachers of `extra_eligible`.
fn files(c: &Case, extra_need: [u32; 2], extra_eligible: &[bool]) -> Vec<(&'static str, String)> {
    let mut s = String::from("id,area,district\n");
    for i in 0..c.urban + c.rural {
        let area = if i < c.urban { "urban" } else { "rural" };
        s += &format!("{},{area},甲\n", school_id(c, i));
    }
    let mut t = String::from("id,school,subject,backbone,years_at_school,exempt,eligible\n");
    for (i, x) in c.teachers.iter().enumerate() {
        t += &format!(
            "{},{},{},{},{},{},{}\n",
            teacher_id(i),
            school_id(c, x.school),
            SUBJECTS[x.subject],
            if x.backbone { "县级" } else { "" },
            x.years,
            if x.exempt { "病假" } else { "" },
            if extra_eligible[i] { "yes" } else { "" }
        );
    }
    let mut n = String::from("school,subject,count\n");
    for r in 0..c.rural {
        for subject in 0..c.subjects {
            let extra = if r == 0 { extra_need[subject] } else { 0 };
            let count = c.need[r][subject] + extra;
            if count > 0 || c.zero_rows {
                n += &format!(
                    "{},{},{count}\n",
                    school_id(c, c.urban + r),
                    SUBJECTS[subject]
                );
            }
        }
    }
    vec![("schools.csv", s), ("teachers.csv", t), ("needs.csv", n)]
}

fn shown(c: &Case) -> String {
    files(c, [0, 0], &vec![false; c.teachers.len()])
        .into_iter()
        .map(|(name, text)| format!("--- {name}\n{text}"))
        .collect::<Vec<_>>()
        .join("")
        + &format!(
            "--- ratio {}/{}, backbone share {}/{}\n",
            c.ratio.0, c.ratio.1, c.share.0, c.share.1
        )
}

fn policy(ratio: (u64, u64), share: (u64, u64)) -> Policy {
    Policy {
        plan_year: 2026,
        min_rotation_ratio: Ratio::new(ratio.0, ratio.1),
        min_backbone_share: Ratio::new(share.0, share.1),
        ..Policy::default()
    }
}

/// rotaplan's plan of the case changed as given: whether it is feasible,
/// and the plan.
fn rotaplan_plan(
    c: &Case,
    ratio: (u64, u64),
    share: (u64, u64),
    extra_need: [u32; 2],
    extra_eligible: &[bool],
) -> rotaplan::plan::RotationPlan {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files(c, extra_need, extra_eligible) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let paths = DataPaths::resolve(Some(dir.path()), None, None, None, None, None).unwrap();
    let data = DataSet::load(&paths).unwrap_or_else(|e| panic!("bad input: {e}\n{}", shown(c)));
    rotaplan::plan::plan(&data, &policy(ratio, share))
        .unwrap_or_else(|e| panic!("plan failed: {e}\n{}", shown(c)))
}

// ------------------------------------------------ the rules, counted here

/// Eligible: at an urban (sending) school; `eligible = yes` when given,
/// else not exempt and at least 6 years.
fn eligible(c: &Case, t: usize, extra_eligible: &[bool]) -> bool {
    let x = &c.teachers[t];
    x.school < c.urban && (extra_eligible[t] || (!x.exempt && x.years >= 6))
}

/// The ineligible teachers of the sending schools.
fn ineligible(c: &Case) -> Vec<usize> {
    let none = vec![false; c.teachers.len()];
    (0..c.teachers.len())
        .filter(|&t| c.teachers[t].school < c.urban && !eligible(c, t, &none))
        .collect()
}

/// E and every (R, B) an assignment can reach: per subject, up to the
/// backbone and other eligible teachers of it, at most its need in all.
fn reachable(c: &Case, extra_need: [u32; 2], extra_eligible: &[bool]) -> (u64, Vec<(u64, u64)>) {
    let mut e = 0u64;
    let mut supply = [[0u64; 2]; 2]; // [subject][backbone]
    for t in 0..c.teachers.len() {
        if eligible(c, t, extra_eligible) {
            e += 1;
            supply[c.teachers[t].subject][usize::from(c.teachers[t].backbone)] += 1;
        }
    }
    let need: Vec<u64> = (0..2)
        .map(|s| u64::from((0..c.rural).map(|r| c.need[r][s]).sum::<u32>() + extra_need[s]))
        .collect();
    // Per subject, the (rotating, backbone) pairs it can give.
    let per_subject: Vec<Vec<(u64, u64)>> = (0..2)
        .map(|s| {
            let mut pairs = Vec::new();
            for b in 0..=supply[s][1].min(need[s]) {
                for o in 0..=supply[s][0].min(need[s] - b) {
                    pairs.push((b + o, b));
                }
            }
            pairs
        })
        .collect();
    let mut all = Vec::new();
    for &(r0, b0) in &per_subject[0] {
        for &(r1, b1) in &per_subject[1] {
            all.push((r0 + r1, b0 + b1));
        }
    }
    (e, all)
}

/// R >= ceil(p E), exactly: R q >= p' E for p = p'/q (R is whole).
fn ratio_met(ratio: (u64, u64), r: u64, e: u64) -> bool {
    r * ratio.1 >= ratio.0 * e
}

fn feasible(
    c: &Case,
    ratio: (u64, u64),
    share: (u64, u64),
    extra_need: [u32; 2],
    extra_eligible: &[bool],
) -> bool {
    let (e, pairs) = reachable(c, extra_need, extra_eligible);
    pairs
        .iter()
        .any(|&(r, b)| ratio_met(ratio, r, e) && ratio_met(share, b, r))
}

/// The largest rotation_ratio with which the backbone share can be met:
/// the most rotations so that it holds, over E. `None` when E = 0.
fn best_rotation_ratio(c: &Case) -> Option<(u64, u64)> {
    let none = vec![false; c.teachers.len()];
    let (e, pairs) = reachable(c, [0, 0], &none);
    let most = pairs
        .iter()
        .filter(|&&(r, b)| ratio_met(c.share, b, r))
        .map(|&(r, _)| r)
        .max()?;
    (e > 0).then_some((most, e))
}

/// The largest backbone share with which the rotation ratio can be met:
/// the best B / R among assignments meeting it (1 when none rotates).
fn best_backbone_share(c: &Case) -> Option<(u64, u64)> {
    let none = vec![false; c.teachers.len()];
    let (e, pairs) = reachable(c, [0, 0], &none);
    let mut best: Option<(u64, u64)> = None;
    for &(r, b) in &pairs {
        if !ratio_met(c.ratio, r, e) {
            continue;
        }
        let this = if r == 0 { (1, 1) } else { (b, r) };
        if best.is_none_or(|(bn, bd)| this.0 * bd > bn * this.1) {
            best = Some(this);
        }
    }
    best
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// "8.2%" as tenths of a percent (82).
fn tenths(percent: &str) -> Option<u64> {
    let p = percent.strip_suffix('%')?;
    let (whole, frac) = p.split_once('.')?;
    (frac.len() == 1).then_some(())?;
    Some(whole.parse::<u64>().ok()? * 10 + frac.parse::<u64>().ok()?)
}

// ------------------------------------------------------------- the check

fn check(c: &Case) -> Result<(), TestCaseError> {
    let n = c.teachers.len();
    let none = vec![false; n];
    let plan = rotaplan_plan(c, c.ratio, c.share, [0, 0], &none);
    let mine = feasible(c, c.ratio, c.share, [0, 0], &none);
    prop_assert_eq!(
        plan.feasible(),
        mine,
        "rotaplan and the count here disagree on feasibility: {:?}\n{}",
        plan.infeasibilities(),
        shown(c)
    );
    // Only infeasible instances are of interest here.
    prop_assume!(!mine);
    let found = plan.infeasibilities();
    prop_assert!(!found.is_empty());
    let ctx = || format!("{:#?}\n{}", found, shown(c));
    let json = serde_json::to_value(&found).unwrap();
    let mut any_need = false;
    let mut any_eligible = false;
    for inf in json.as_array().unwrap() {
        // The unit's own rule: a share fix whenever its share alone can
        // restore feasibility. Lowering rotation_ratio always can (with
        // none rotating, ceil(s x 0) = 0 backbone are required); lowering
        // backbone_share can when an assignment meets the ratio.
        let rule = inf["rule"].as_str().unwrap();
        let can = match rule {
            "rotation_ratio" => true,
            "backbone_share" => best_backbone_share(c).is_some(),
            _ => false,
        };
        if can {
            prop_assert!(
                inf["fixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["kind"] == "share" && f["rule"] == rule),
                "no share fix of {} for its own infeasibility: {}",
                rule,
                ctx()
            );
        }
        // The unit's own rule: a share fix whenever its share alone can
        // restore feasibility. Lowering rotation_ratio always can (with
        // none rotating, ceil(s x 0) = 0 backbone are required); lowering
        // backbone_share can when an assignment meets the ratio.
        let rule = inf["rule"].as_str().unwrap();
        let can = match rule {
            "rotation_ratio" => true,
            "backbone_share" => best_backbone_share(c).is_some(),
            _ => false,
        };
        if can {
            prop_assert!(
                inf["fixes"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["kind"] == "share" && f["rule"] == rule),
                "no share fix of {} for its own infeasibility: {}",
                rule,
                ctx()
            );
        }
        for fix in inf["fixes"].as_array().unwrap() {
            match fix["kind"].as_str().unwrap() {
                "share" => check_share(c, fix, &ctx)?,
                "need" => {
                    any_need = true;
                    check_need(c, fix, &ctx)?;
                }
                "eligible" => {
                    any_eligible = true;
                    check_eligible(c, fix, &ctx)?;
                }
                other => prop_assert!(false, "unknown kind {}: {}", other, ctx()),
            }
        }
    }
    // A kind not offered does not help at all.
    if !any_need {
        let lots = [8, if c.subjects == 2 { 8 } else { 0 }];
        prop_assert!(
            !feasible(c, c.ratio, c.share, lots, &none),
            "no need fix, but 8 more places in each subject make it feasible: {}",
            ctx()
        );
    }
    if !any_eligible {
        let pool = ineligible(c);
        for mask in 0u32..(1 << pool.len()) {
            let mut extra = none.clone();
            for (k, &t) in pool.iter().enumerate() {
                extra[t] = mask & (1 << k) != 0;
            }
            prop_assert!(
                !feasible(c, c.ratio, c.share, [0, 0], &extra),
                "no eligible fix, but making {:?} eligible makes it feasible: {}",
                pool.iter()
                    .filter(|&&t| extra[t])
                    .map(|&t| teacher_id(t))
                    .collect::<Vec<_>>(),
                ctx()
            );
        }
    }
    Ok(())
}

fn check_share(
    c: &Case,
    fix: &serde_json::Value,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let rule = fix["rule"].as_str().unwrap();
    let (num, den) = (
        fix["numerator"].as_u64().unwrap(),
        fix["denominator"].as_u64().unwrap(),
    );
    let percent = fix["percent"].as_str().unwrap();
    prop_assert!(den > 0 && num <= den, "share {}/{}: {}", num, den, ctx());
    prop_assert_eq!(gcd(num, den), 1, "not in lowest terms: {}", ctx());
    let t = tenths(percent);
    prop_assert!(t.is_some(), "percent {:?}: {}", percent, ctx());
    let t = t.unwrap();
    // Both built-ins are min rules: rounded down to 0.1%.
    prop_assert_eq!(
        t,
        num * 1000 / den,
        "{} is not {}/{} rounded down: {}",
        percent,
        num,
        den,
        ctx()
    );
    type SetShare<'a> = &'a dyn Fn((u64, u64)) -> ((u64, u64), (u64, u64));
    let (best, set): (Option<(u64, u64)>, SetShare) = match rule {
        "rotation_ratio" => (best_rotation_ratio(c), &|s| (s, c.share)),
        "backbone_share" => (best_backbone_share(c), &|s| (c.ratio, s)),
        _ => {
            prop_assert!(false, "share fix of an unknown rule {}: {}", rule, ctx());
            unreachable!()
        }
    };
    let best = best.unwrap_or((1, 1));
    prop_assert_eq!(
        num * best.1,
        best.0 * den,
        "{} fix {}/{}, but the best share counted here is {}/{}: {}",
        rule,
        num,
        den,
        best.0,
        best.1,
        ctx()
    );
    let none = vec![false; c.teachers.len()];
    // The percent applied, as an exact decimal: feasible.
    let (ratio, share) = set((t, 1000));
    prop_assert!(
        feasible(c, ratio, share, [0, 0], &none),
        "{} = {} counted here infeasible: {}",
        rule,
        percent,
        ctx()
    );
    prop_assert!(
        rotaplan_plan(c, ratio, share, [0, 0], &none).feasible(),
        "{} = {}: rotaplan still infeasible: {}",
        rule,
        percent,
        ctx()
    );
    // One 0.1% step beyond: infeasible.
    if t < 1000 {
        let (ratio, share) = set((t + 1, 1000));
        prop_assert!(
            !feasible(c, ratio, share, [0, 0], &none),
            "{} = {} + 0.1% is feasible too: {}",
            rule,
            percent,
            ctx()
        );
        prop_assert!(
            !rotaplan_plan(c, ratio, share, [0, 0], &none).feasible(),
            "{} = {} + 0.1%: rotaplan feasible: {}",
            rule,
            percent,
            ctx()
        );
    }
    Ok(())
}

fn check_need(
    c: &Case,
    fix: &serde_json::Value,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let places = fix["places"].as_u64().unwrap();
    let mut extra = [0u32; 2];
    for s in fix["subjects"].as_array().unwrap() {
        let name = s["subject"].as_str().unwrap();
        let k = SUBJECTS[..c.subjects].iter().position(|x| *x == name);
        prop_assert!(k.is_some(), "need fix in subject {}: {}", name, ctx());
        let p = s["places"].as_u64().unwrap();
        prop_assert!(p > 0, "a subject with 0 places: {}", ctx());
        extra[k.unwrap()] += p as u32;
    }
    prop_assert!(places > 0, "{}", ctx());
    prop_assert_eq!(
        u64::from(extra[0] + extra[1]),
        places,
        "places is not the sum over subjects: {}",
        ctx()
    );
    let none = vec![false; c.teachers.len()];
    prop_assert!(
        feasible(c, c.ratio, c.share, extra, &none),
        "need fix {:?} counted here infeasible: {}",
        extra,
        ctx()
    );
    prop_assert!(
        rotaplan_plan(c, c.ratio, c.share, extra, &none).feasible(),
        "need fix {:?}: rotaplan still infeasible: {}",
        extra,
        ctx()
    );
    // No distribution of one place fewer is enough.
    let fewer = places as u32 - 1;
    for first in 0..=fewer {
        if c.subjects == 1 && first != fewer {
            continue;
        }
        let other = [first, fewer - first];
        prop_assert!(
            !feasible(c, c.ratio, c.share, other, &none),
            "need fix of {} places, but {:?} is enough: {}",
            places,
            other,
            ctx()
        );
    }
    Ok(())
}

fn check_eligible(
    c: &Case,
    fix: &serde_json::Value,
    ctx: &dyn Fn() -> String,
) -> Result<(), TestCaseError> {
    let teachers = fix["teachers"].as_u64().unwrap() as usize;
    let of = fix["of"].as_str().unwrap();
    // One kind (backbone, a subject), or, when the fewest teachers are of
    // several subjects, those subjects joined by ", " (docs/guide.md "When
    // the rules cannot be met").
    prop_assert!(
        of == "backbone" || of.split(", ").all(|s| SUBJECTS[..c.subjects].contains(&s)),
        "of {:?}: {}",
        of,
        ctx()
    );
    let pool = ineligible(c);
    let candidates: Vec<usize> = fix["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let id = v.as_str().unwrap();
            id.strip_prefix('T')
                .and_then(|k| k.parse().ok())
                .unwrap_or(usize::MAX)
        })
        .collect();
    prop_assert!(teachers > 0, "{}", ctx());
    prop_assert!(
        candidates.len() >= teachers,
        "fewer candidates than teachers: {}",
        ctx()
    );
    for &t in &candidates {
        prop_assert!(
            pool.contains(&t),
            "candidate T{} is not an ineligible teacher of a sending school: {}",
            t,
            ctx()
        );
        let x = &c.teachers[t];
        prop_assert!(
            if of == "backbone" {
                x.backbone
            } else {
                // One of the subjects named.
                of.split(", ").any(|s| s == SUBJECTS[x.subject])
            },
            "candidate T{} is not of kind {}: {}",
            t,
            of,
            ctx()
        );
    }
    let none = vec![false; c.teachers.len()];
    let mut extra = none.clone();
    for &t in &candidates[..teachers] {
        extra[t] = true;
    }
    prop_assert!(
        feasible(c, c.ratio, c.share, [0, 0], &extra),
        "the first {} candidates eligible, counted here still infeasible: {}",
        teachers,
        ctx()
    );
    prop_assert!(
        rotaplan_plan(c, c.ratio, c.share, [0, 0], &extra).feasible(),
        "the first {} candidates eligible: rotaplan still infeasible: {}",
        teachers,
        ctx()
    );
    // No N - 1 of all the ineligible teachers are enough.
    for mask in 0u32..(1 << pool.len()) {
        if mask.count_ones() as usize != teachers - 1 {
            continue;
        }
        let mut extra = none.clone();
        for (k, &t) in pool.iter().enumerate() {
            extra[t] = mask & (1 << k) != 0;
        }
        prop_assert!(
            !feasible(c, c.ratio, c.share, [0, 0], &extra),
            "eligible fix of {}, but {:?} are enough: {}",
            teachers,
            pool.iter()
                .filter(|&&t| extra[t])
                .map(|&t| teacher_id(t))
                .collect::<Vec<_>>(),
            ctx()
        );
    }
    Ok(())
}

/// `cases`, or `FIXES_PROPERTIES_CASES` for a longer search.
fn config(cases: u32) -> Config {
    let cases = std::env::var("FIXES_PROPERTIES_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        max_global_rejects: 100 * cases.max(64),
        // This file is the only one the test owns: no regression file.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_fix_restores_feasibility_and_none_smaller_does(c in case()) {
        check(&c)?;
    }
}
