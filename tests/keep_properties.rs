//! Properties of objectives.md `balance = "keep"`, on small random data
//! sets (one district; 1-3 urban sending schools of 1-4 teachers, all
//! eligible; 2-4 rural receiving schools of 1-4 teachers of their own and
//! 1-2 needs of 1-2 places each; each school primary, junior, nine-year or
//! without a level, with 40-150 students per teacher; subjects 数学, 体育
//! and 音乐, 40% of the teachers backbone; with or without locations),
//! against a brute force over every plan:
//!
//! 1. the `keep` plan meets every rule (`rotaplan audit` exits 0);
//! 2. when some plan meeting the rules is harmless (below), the `keep`
//!    plan keeps every CV, as recomputed here from the files and plan.csv
//!    (the JSON's `cv_before` and `cv_after` must agree, and its `kept`
//!    too, see `Property::JsonKept`);
//! 3. then its fill is at least the most any harmless plan fills, and at
//!    most the most any plan fills that keeps every CV within half the
//!    margin (the harm stage's gap, which the later stages may take back);
//!    when the plan without the CVs (the `report` plan) keeps every CV
//!    already, it is the keep plan (docs/performance.md, "How `keep` is
//!    solved"), so the fill is that plan's
//!    (`Property::ReportPlan`, checked whether or not a plan is harmless);
//! 4. its fill is at least the rotations the rules require and at most
//!    the `report` plan's, which is the brute force's most.
//!
//! Harmless (`Harmless`), as the model sees the CVs (`model::cv_units`:
//! those with a value before and a possible move of a teacher of the kind
//! into or out of one of the level's schools; the others cannot change):
//!
//! * `Margin`: every such CV ends at least `MARGIN` = 0.001 below its
//!   allowed value (its limit if it passed before, else its value before),
//!   none of them vanishing (no teacher of the kind left at the level);
//! * `Vanishing`: the same, but only with a CV vanishing, which
//!   objectives.md says has nothing to keep;
//! * `Rows`: the plan meets every harm row of the model with no excess
//!   (`meets_harm_row`), a subset of `Margin`.
//!
//! `keep_keeps_every_cv_its_rows_can_and_fills_the_most_it_can` checks 1
//! and 4, and 2 and 3 under `Rows` (without `ReportPlan`): it passes.
//! `keep_keeps_every_cv_it_can_and_fills_the_most_it_can` checks them
//! under `Margin`, with `ReportPlan` and `JsonKept` (the properties as
//! objectives.md and docs/guide.md state them), and
//! `keep_keeps_every_cv_when_one_can_vanish` checks 2 under `Vanishing`:
//! both fail on the current solver and are ignored until it is fixed
//! (`cargo test --release --test keep_properties -- --ignored`), as are
//! the smallest instances found, written out below:
//!
//! * the harm row bounds C² below by its tangent at C̄, 2 C̄ C - C̄², which
//!   on a few teachers is far below C² as soon as a teacher of the kind
//!   leaves the level's schools or joins them (C̄ = 5, C = 3: 5 for 9), so
//!   plans that keep every CV with room to spare count as harm, and
//!   `keep` fills less than it could, or even lets a CV fail that the
//!   best plan keeps (`keep_keeps_cvs_where_teachers_leave_the_level`);
//! * the harm row needs C > 0, so a CV that vanishes counts as harm
//!   (`keep_keeps_a_cv_that_vanishes`);
//! * the check that the plan without the CVs keeps every CV (then it is
//!   the keep plan) computes the CV otherwise than `indicators` does, and
//!   an unchanged failing CV can come out 1 ulp above its allowed value
//!   (`keep_is_the_report_plan_when_that_keeps_every_cv`);
//! * `kept` compares the CV after with the one before to the last bit,
//!   so a CV that is the same (one school of the level with teachers of
//!   the kind, before and after) can be reported not kept when its second
//!   computation rounds 1e-16 higher (`an_unchanged_cv_is_kept`); here a
//!   CV is kept within `SAME`, and `Property::JsonKept` checks the JSON;
//! * a JSON number with 18 digits after the point is masked as a resident
//!   ID number (`json_numbers_are_not_masked`); the properties read such a
//!   number with its hidden digits as 0, within 1e-4.
//!
//! Where the district's `harm_status` is `time_limit`, properties 2 and 3
//! are skipped (counted; at most 1 case in 20, none seen so far).
//!
//! Nothing here calls rotaplan's counting: eligibility (every teacher of an
//! urban school, with 6 or more years), the rules (R >= ceil(10% of E),
//! backbone >= ceil(20% of R)), the graded schools (a level and students;
//! nine-year graded as 初中), the indicators' counts and the weighted CVs
//! (as objectives.md writes them) are counted below. Teachers of one
//! school, subject and backbone flag are interchangeable for every rule and
//! CV, so the search enumerates how many of each such class go to each
//! need of their subject.
//!
//! 32 cases per test; `PROPTEST_CASES=1000` for more. With `KEEP_SURVEY`
//! set, every case runs whatever it breaks, and `-- --nocapture` prints
//! each broken property with its case and the counts of the whole run.

mod common;

use common::{DataDir, rotaplan_pinned, stderr, stdout};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use std::collections::BTreeMap;
use std::sync::Mutex;

const SUBJECTS: [&str; 3] = ["数学", "体育", "音乐"];

/// Whether a subject counts as sports and arts (体育, 音乐).
fn sports(subject: usize) -> bool {
    subject > 0
}

/// How far below its allowed value the model aims each CV, and the harm
/// stage's gap (`model::balance::MARGIN`, `HARM_GAP`).
const MARGIN: f64 = 1e-3;
const HARM_GAP: f64 = MARGIN / 2.0;
/// Slack on the half-margin bound: the hold is a linear row in P Q, which
/// is HARM_GAP in CV units only to first order (a few 1e-6 at most here).
const HOLD_SLACK: f64 = 1e-5;

/// How far apart (relative) two computations of one CV may come out:
/// `weighted_cv` on other counts rounds otherwise (a few 1e-16).
const SAME: f64 = 1e-12;

/// Upper bound on the plans one search enumerates: a larger case (about
/// one in 300) is rejected, and proptest draws another.
const MAX_PLANS: u64 = 20_000;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Level {
    Primary,
    Junior,
    NineYear,
}

impl Level {
    fn text(self) -> &'static str {
        match self {
            Level::Primary => "primary",
            Level::Junior => "junior",
            Level::NineYear => "nine-year",
        }
    }

    /// The graded level: 0 小学, 1 初中 (nine-year schools as 初中).
    fn graded(self) -> usize {
        match self {
            Level::Primary => 0,
            _ => 1,
        }
    }
}

const LEVEL_KEYS: [&str; 2] = ["primary", "junior"];
const LIMITS: [f64; 2] = [0.50, 0.45];
const INDICATOR_KEYS: [&str; 2] = ["backbone", "sports_arts"];

#[derive(Debug, Clone)]
struct School {
    urban: bool,
    level: Option<Level>,
    students: u32,
}

#[derive(Clone)]
struct Case {
    /// Urban schools first, then rural ones; school i is `S{i}`.
    schools: Vec<School>,
    /// Per teacher `T{i}`: (school, subject, backbone).
    teachers: Vec<(usize, usize, bool)>,
    /// Per need: (rural school, subject, count), one per (school, subject).
    needs: Vec<(usize, usize, u32)>,
    /// Whether the schools have locations (then the distance stage runs).
    located: bool,
}

fn level() -> impl Strategy<Value = Option<Level>> {
    prop_oneof![
        4 => Just(Some(Level::Primary)),
        3 => Just(Some(Level::Junior)),
        1 => Just(Some(Level::NineYear)),
        1 => Just(None),
    ]
}

/// An urban school: level, students per teacher, teachers (subject,
/// backbone).
type UrbanSpec = (Option<Level>, u32, Vec<(usize, bool)>);
/// A rural school: level, students per teacher, its own teachers, needs
/// (subject, count).
type RuralSpec = (Option<Level>, u32, Vec<(usize, bool)>, Vec<(usize, u32)>);

fn case() -> impl Strategy<Value = Case> {
    let teacher = (0..SUBJECTS.len(), prop::bool::weighted(0.4));
    let urban = (
        level(),
        40u32..=150,
        prop::collection::vec(teacher.clone(), 1..=4),
    );
    let rural = (
        level(),
        40u32..=150,
        prop::collection::vec(teacher, 1..=4),
        prop::collection::vec((0..SUBJECTS.len(), 1u32..=2), 1..=2),
    );
    (
        prop::collection::vec(urban, 1..=3),
        prop::collection::vec(rural, 2..=4),
        any::<bool>(),
    )
        .prop_map(|(urban, rural, located)| build(&urban, &rural, located))
}

fn build(urban: &[UrbanSpec], rural: &[RuralSpec], located: bool) -> Case {
    let mut c = Case {
        schools: Vec::new(),
        teachers: Vec::new(),
        needs: Vec::new(),
        located,
    };
    let add = |c: &mut Case, urban: bool, level, per: u32, teachers: &[(usize, bool)]| {
        let s = c.schools.len();
        let students = per * (teachers.len().max(1) as u32);
        c.schools.push(School {
            urban,
            level,
            students,
        });
        for &(subject, backbone) in teachers {
            c.teachers.push((s, subject, backbone));
        }
        s
    };
    for (level, per, teachers) in urban {
        add(&mut c, true, *level, *per, teachers);
    }
    for (level, per, teachers, needs) in rural {
        let s = add(&mut c, false, *level, *per, teachers);
        for &(subject, count) in needs {
            if !c.needs.iter().any(|n| n.0 == s && n.1 == subject) {
                c.needs.push((s, subject, count));
            }
        }
    }
    c
}

/// The case's schools.csv, teachers.csv and needs.csv.
fn texts(c: &Case) -> [String; 3] {
    let mut s = String::from("id,area,district,level,students,lat,lon\n");
    for (i, school) in c.schools.iter().enumerate() {
        let area = if school.urban { "urban" } else { "rural" };
        let level = school.level.map_or("", Level::text);
        let (lat, lon) = if c.located {
            (
                format!("{}", 33.0 + i as f64 * 0.03),
                format!("{}", 120.0 + (i % 3) as f64 * 0.05),
            )
        } else {
            (String::new(), String::new())
        };
        s += &format!("S{i},{area},D0,{level},{},{lat},{lon}\n", school.students);
    }
    let mut t = String::from("id,school,subject,backbone,years_at_school\n");
    for (i, &(school, subject, backbone)) in c.teachers.iter().enumerate() {
        let b = if backbone { "county" } else { "none" };
        t += &format!("T{i},S{school},{},{b},{}\n", SUBJECTS[subject], 6 + i % 7);
    }
    let mut n = String::from("school,subject,count\n");
    for &(school, subject, count) in &c.needs {
        n += &format!("S{school},{},{count}\n", SUBJECTS[subject]);
    }
    [s, t, n]
}

/// A failing case is shown as its files.
impl std::fmt::Debug for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [s, t, n] = texts(self);
        write!(
            f,
            "\n--- schools.csv\n{s}--- teachers.csv\n{t}--- needs.csv\n{n}"
        )
    }
}

fn files(c: &Case) -> DataDir {
    let [s, t, n] = texts(c);
    DataDir::new(&[
        ("schools.csv", s.as_bytes()),
        ("teachers.csv", t.as_bytes()),
        ("needs.csv", n.as_bytes()),
        // The brute force matches as data-format.md does, without fit.md's
        // teaching levels (tests/levels_properties.rs has those).
        ("keep.toml", b"balance = \"keep\"\nlevel_match = \"any\"\n"),
    ])
}

/// A school's graded level, when it is graded (a level and students).
fn graded(c: &Case, s: usize) -> Option<usize> {
    let school = &c.schools[s];
    school
        .level
        .filter(|_| school.students > 0)
        .map(Level::graded)
}

/// Per school, its teachers of each indicator's kind (backbone, sports
/// and arts), each teacher counted at `at[t]`.
fn counts(c: &Case, at: &[usize]) -> Vec<[u64; 2]> {
    let mut n = vec![[0u64; 2]; c.schools.len()];
    for (t, &(_, subject, backbone)) in c.teachers.iter().enumerate() {
        n[at[t]][0] += u64::from(backbone);
        n[at[t]][1] += u64::from(sports(subject));
    }
    n
}

/// objectives.md's CV of `(students, value)` points (as
/// `indicators::weighted_cv` computes it, so that the JSON matches to
/// rounding): `None` when X̄ is 0.
fn weighted_cv(points: &[(u64, f64)]) -> Option<f64> {
    let total: f64 = points.iter().map(|&(p, _)| p as f64).sum();
    if total <= 0.0 {
        return None;
    }
    let mean: f64 = points.iter().map(|&(p, x)| p as f64 / total * x).sum();
    if mean <= 0.0 {
        return None;
    }
    let variance: f64 = points
        .iter()
        .map(|&(p, x)| p as f64 / total * (x - mean).powi(2))
        .sum();
    Some(variance.sqrt() / mean)
}

/// One CV: a graded level with at least one school, and an indicator.
#[derive(Debug, Clone, Copy)]
struct Unit {
    level: usize,
    indicator: usize,
    before: Option<f64>,
    /// Whether the model keeps it: a value before and a possible move of a
    /// teacher of the kind into or out of one of its schools.
    modelled: bool,
}

impl Unit {
    fn limit(&self) -> f64 {
        LIMITS[self.level]
    }

    /// The most it may be after and be kept: its limit if it passed
    /// before, else its value before.
    fn allowed(&self) -> Option<f64> {
        self.before
            .map(|b| if b <= self.limit() { self.limit() } else { b })
    }

    /// objectives.md: kept when it passes after if it passed before, and
    /// is not higher after than before if it failed before; no CV before
    /// or after, nothing to keep. Two CVs within `SAME` are the same CV
    /// computed from other counts (one school of the level with teachers
    /// of the kind, or every count doubled): equal, not higher.
    fn kept(&self, after: Option<f64>) -> bool {
        match (self.before, after) {
            (Some(b), Some(a)) if b <= self.limit() => a <= self.limit() + SAME,
            (Some(b), Some(a)) => a <= b + SAME * b,
            _ => true,
        }
    }

    /// `kept` without `SAME`, as `indicators::Balance::kept` compares.
    fn kept_to_the_bit(&self, after: Option<f64>) -> bool {
        match (self.before, after) {
            (Some(b), Some(a)) if b <= self.limit() => a <= self.limit(),
            (Some(b), Some(a)) => a <= b,
            _ => true,
        }
    }

    /// Whether the CV ends at least `margin` below its allowed value, for
    /// a CV the model keeps (the others cannot change). A CV that vanishes
    /// (no teacher of the kind left at the level's schools) has nothing to
    /// keep (objectives.md), but the model counts it as harm (its harm row
    /// needs C > 0): it counts as kept only with `vanishing`.
    fn kept_with(&self, after: Option<f64>, margin: f64, vanishing: bool) -> bool {
        match (self.allowed(), after) {
            (Some(allowed), Some(a)) if self.modelled => a <= allowed - margin,
            (Some(_), None) if self.modelled => vanishing,
            _ => true,
        }
    }
}

/// Whether the per-school `counts` meet the model's harm row of `u` with
/// no excess (`model::balance::CvUnit::rows`): with P_i students and c_i
/// teachers of the kind at its schools, P = Σ P_i, Q = Σ c_i² / P_i, C =
/// Σ c_i, C̄ that sum before the plan and A its allowed value less the
/// margin, P Q <= (1 + A²)(2 C̄ C - C̄²). That is CV <= A while C = C̄;
/// when C moves it is stricter (C² >= 2 C̄ C - C̄²), much so on counts
/// this small.
fn meets_harm_row(c: &Case, u: &Unit, before: &[[u64; 2]], after: &[[u64; 2]]) -> bool {
    let Some(allowed) = u.allowed().filter(|_| u.modelled) else {
        return true;
    };
    let a = (allowed - MARGIN).max(0.0);
    let (mut p, mut q, mut c0, mut c1) = (0.0, 0.0, 0.0, 0.0);
    for s in (0..c.schools.len()).filter(|&s| graded(c, s) == Some(u.level)) {
        let students = f64::from(c.schools[s].students);
        let n = after[s][u.indicator] as f64;
        p += students;
        q += n * n / students;
        c0 += before[s][u.indicator] as f64;
        c1 += n;
    }
    p * q <= (1.0 + a * a) * (2.0 * c0 * c1 - c0 * c0) + 1e-9
}

/// The value of `unit`'s CV with the per-school `counts`.
fn cv(c: &Case, level: usize, indicator: usize, counts: &[[u64; 2]]) -> Option<f64> {
    let points: Vec<(u64, f64)> = (0..c.schools.len())
        .filter(|&s| graded(c, s) == Some(level))
        .map(|s| {
            let students = u64::from(c.schools[s].students);
            (
                students,
                counts[s][indicator] as f64 * 100.0 / students as f64,
            )
        })
        .collect();
    weighted_cv(&points)
}

/// Every arc: (teacher class, need) of the same subject.
struct Classes {
    /// (school, subject, backbone) and its teachers.
    classes: Vec<((usize, usize, bool), u64)>,
    pairs: Vec<(usize, usize)>,
}

fn classes(c: &Case) -> Classes {
    let mut by: BTreeMap<(usize, usize, bool), u64> = BTreeMap::new();
    for &(school, subject, backbone) in &c.teachers {
        if c.schools[school].urban {
            *by.entry((school, subject, backbone)).or_default() += 1;
        }
    }
    let classes: Vec<_> = by.into_iter().collect();
    let pairs = (0..classes.len())
        .flat_map(|k| (0..c.needs.len()).map(move |n| (k, n)))
        .filter(|&(k, n)| classes[k].0.1 == c.needs[n].1)
        .collect();
    Classes { classes, pairs }
}

/// The district's CVs, in the JSON's order (level, then indicator).
fn units(c: &Case, cl: &Classes) -> Vec<Unit> {
    let home: Vec<usize> = c.teachers.iter().map(|t| t.0).collect();
    let before = counts(c, &home);
    let mut units = Vec::new();
    for level in 0..2 {
        if !(0..c.schools.len()).any(|s| graded(c, s) == Some(level)) {
            continue;
        }
        for indicator in 0..2 {
            let value = cv(c, level, indicator, &before);
            let modelled = value.is_some()
                && cl.pairs.iter().any(|&(k, n)| {
                    let (school, subject, backbone) = cl.classes[k].0;
                    let carries = if indicator == 0 {
                        backbone
                    } else {
                        sports(subject)
                    };
                    carries
                        && (graded(c, school) == Some(level)
                            || graded(c, c.needs[n].0) == Some(level))
                });
            units.push(Unit {
                level,
                indicator,
                before: value,
                modelled,
            });
        }
    }
    units
}

/// What the brute force found: the most need filled over the plans
/// meeting the rules, and over those that also keep every CV (exactly, as
/// objectives.md says), are harmless (`Harmless`), or keep every CV within
/// half the margin (vanishing ones too: the upper bound of property 3).
#[derive(Debug, Default)]
struct Brute {
    plans: u64,
    rules: Option<u64>,
    kept: Option<u64>,
    /// `Harmless::Margin`: no CV the model keeps vanishing.
    margin: Option<u64>,
    /// The same with CVs vanishing too.
    margin_vanishing: Option<u64>,
    /// `Harmless::Rows`.
    harm_rows: Option<u64>,
    half_margin: Option<u64>,
}

fn better(best: &mut Option<u64>, fill: u64) {
    if best.is_none_or(|b| fill > b) {
        *best = Some(fill);
    }
}

struct Search<'c> {
    c: &'c Case,
    cl: &'c Classes,
    units: &'c [Unit],
    before: Vec<[u64; 2]>,
    eligible: u64,
    sent: Vec<u64>,
    class_left: Vec<u64>,
    need_left: Vec<u64>,
    brute: Brute,
}

impl Search<'_> {
    fn go(&mut self, i: usize) {
        if self.brute.plans > MAX_PLANS {
            return;
        }
        if i == self.cl.pairs.len() {
            self.visit();
            return;
        }
        let (k, n) = self.cl.pairs[i];
        for x in 0..=self.class_left[k].min(self.need_left[n]) {
            self.sent[i] = x;
            self.class_left[k] -= x;
            self.need_left[n] -= x;
            self.go(i + 1);
            self.class_left[k] += x;
            self.need_left[n] += x;
        }
        self.sent[i] = 0;
    }

    fn visit(&mut self) {
        let c = self.c;
        self.brute.plans += 1;
        let (mut rotating, mut backbone) = (0, 0);
        let mut after = self.before.clone();
        for (p, &(k, n)) in self.cl.pairs.iter().enumerate() {
            let x = self.sent[p];
            if x == 0 {
                continue;
            }
            let (school, subject, is_backbone) = self.cl.classes[k].0;
            rotating += x;
            if is_backbone {
                backbone += x;
                after[school][0] -= x;
                after[c.needs[n].0][0] += x;
            }
            if sports(subject) {
                after[school][1] -= x;
                after[c.needs[n].0][1] += x;
            }
        }
        // R >= ceil(E / 10) and B >= ceil(R / 5), exactly.
        if 10 * rotating < self.eligible || 5 * backbone < rotating {
            return;
        }
        let fill = rotating;
        better(&mut self.brute.rules, fill);
        let (mut kept, mut margin, mut vanishing, mut half) = (true, true, true, true);
        let rows = self
            .units
            .iter()
            .all(|u| meets_harm_row(c, u, &self.before, &after));
        if rows {
            better(&mut self.brute.harm_rows, fill);
        }
        for u in self.units {
            let a = cv(c, u.level, u.indicator, &after);
            kept &= u.kept(a);
            margin &= u.kept_with(a, MARGIN, false);
            vanishing &= u.kept_with(a, MARGIN, true);
            half &= u.kept_with(a, HARM_GAP - HOLD_SLACK, true);
        }
        if kept {
            better(&mut self.brute.kept, fill);
        }
        if margin {
            better(&mut self.brute.margin, fill);
        }
        if vanishing {
            better(&mut self.brute.margin_vanishing, fill);
        }
        if half {
            better(&mut self.brute.half_margin, fill);
        }
    }
}

fn brute_force(c: &Case, cl: &Classes, units: &[Unit]) -> Brute {
    let home: Vec<usize> = c.teachers.iter().map(|t| t.0).collect();
    let mut search = Search {
        c,
        cl,
        units,
        before: counts(c, &home),
        eligible: c.teachers.iter().filter(|t| c.schools[t.0].urban).count() as u64,
        sent: vec![0; cl.pairs.len()],
        class_left: cl.classes.iter().map(|k| k.1).collect(),
        need_left: c.needs.iter().map(|n| u64::from(n.2)).collect(),
        brute: Brute::default(),
    };
    search.go(0);
    search.brute
}

/// A plan as rotaplan wrote it, recounted here: its fill, and whether it
/// keeps each CV (checked against the JSON's `balance` on the way).
struct Recount {
    fill: u64,
    kept: Vec<bool>,
    /// The CVs whose JSON `kept` is false only because the CV after came
    /// out a few 1e-16 above the same CV before (`Unit::kept`).
    misreported: Vec<String>,
}

/// Reads `plan_csv` (teacher, to_school), checks each move (an urban
/// teacher to a need of the subject, each need at most its count), and
/// recomputes every CV; the JSON's `cv_before`, `cv_after` and `kept`
/// must agree.
fn recount(
    c: &Case,
    units: &[Unit],
    dir: &DataDir,
    plan_csv: &str,
    out: &std::process::Output,
) -> Result<Recount, TestCaseError> {
    // A masked number is off by less than 1e-4 (`unmasked_json`).
    let tolerance = if stdout(out).contains("**********") {
        1e-4
    } else {
        1e-9
    };
    let out = &unmasked_json(out);
    let rows = common::read_csv_rows(&dir.file(plan_csv));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (tc, sc) = (col("teacher"), col("to_school"));
    let mut at: Vec<usize> = c.teachers.iter().map(|t| t.0).collect();
    let mut filled = vec![0u32; c.needs.len()];
    for row in &rows[1..] {
        let t: usize = row[tc][1..].parse().unwrap();
        let to: usize = row[sc][1..].parse().unwrap();
        let (school, subject, _) = c.teachers[t];
        prop_assert!(c.schools[school].urban, "T{} is not at a sending school", t);
        prop_assert_eq!(at[t], school, "T{} listed twice", t);
        let need = c.needs.iter().position(|n| n.0 == to && n.1 == subject);
        prop_assert!(need.is_some(), "T{} to S{}: no need of its subject", t, to);
        let need = need.unwrap();
        filled[need] += 1;
        prop_assert!(filled[need] <= c.needs[need].2, "need {} overfilled", need);
        at[t] = to;
    }
    let fill = (rows.len() - 1) as u64;
    prop_assert_eq!(out["needs_filled"].as_u64(), Some(fill), "needs_filled");
    let after = counts(c, &at);
    let balance = out["balance"].as_array().unwrap();
    prop_assert_eq!(
        balance.len(),
        units.len(),
        "balance entries: {:?}",
        out["balance"]
    );
    let (mut kept, mut misreported) = (Vec::new(), Vec::new());
    for u in units {
        let entry = balance.iter().find(|b| {
            b["level"] == LEVEL_KEYS[u.level] && b["indicator"] == INDICATOR_KEYS[u.indicator]
        });
        prop_assert!(entry.is_some(), "no balance entry for {:?}", u);
        let entry = entry.unwrap();
        let a = cv(c, u.level, u.indicator, &after);
        let close = |json: &serde_json::Value, ours: Option<f64>| match (json.as_f64(), ours) {
            (Some(j), Some(o)) => (j - o).abs() <= tolerance,
            (None, None) => json.is_null(),
            _ => false,
        };
        prop_assert!(
            close(&entry["cv_before"], u.before),
            "{:?}: cv_before {} but {:?} recomputed",
            u,
            entry["cv_before"],
            u.before
        );
        prop_assert!(
            close(&entry["cv_after"], a),
            "{:?}: cv_after {} but {:?} recomputed",
            u,
            entry["cv_after"],
            a
        );
        prop_assert_eq!(entry["limit"].as_f64(), Some(u.limit()));
        let json_kept = entry["kept"].as_bool();
        prop_assert!(
            json_kept == Some(u.kept(a)) || json_kept == Some(u.kept_to_the_bit(a)),
            "{:?}: kept {:?} in the JSON, but after {:?}",
            u,
            json_kept,
            a
        );
        if json_kept != Some(u.kept(a)) {
            misreported.push(format!(
                "{} {}: {:?} -> {:?}",
                LEVEL_KEYS[u.level], INDICATOR_KEYS[u.indicator], u.before, a
            ));
        }
        kept.push(u.kept(a));
    }
    Ok(Recount {
        fill,
        kept,
        misreported,
    })
}

/// Which plans the brute force found that make the harm 0 (and so
/// properties 2 and 3 apply).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Harmless {
    /// A plan meeting the rules keeps every CV the model keeps at least
    /// `MARGIN` below its allowed value, none of them vanishing (the
    /// properties as the module comment states them).
    Margin,
    /// Only with a CV vanishing (`Unit::kept_with`).
    Vanishing,
    /// A plan meets every harm row of the model with no excess
    /// (`meets_harm_row`): what the model, as it is, can promise.
    Rows,
}

/// The properties of the module comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Property {
    /// 1: the keep plan audits clean.
    Rules,
    /// 4: the fill between the rules' rotations and the report plan's.
    FillBetween,
    /// 2: every CV kept.
    Kept(Harmless),
    /// 3: the fill at least the most among those plans.
    FillAtLeast(Harmless),
    /// 3: the fill at most the most within half the margin (when the
    /// report plan does not keep every CV).
    FillAtMost(Harmless),
    /// 3: when the report plan keeps every CV, the keep plan fills as much
    /// (docs/performance.md: the plan without the CVs is then the keep plan).
    ReportPlan,
    /// The JSON's `kept` (of the keep or report plan) is what is recounted
    /// here, not false for a CV that is the same before and after.
    JsonKept,
}

/// What the cases ran into, over the whole run.
#[derive(Debug, Default)]
struct Stats {
    cases: u64,
    /// Rejected: more than `MAX_PLANS` plans.
    too_large: u64,
    /// No plan meets the rules (keep and report both exit 3).
    infeasible: u64,
    /// harm_status time_limit: properties 2 and 3 skipped.
    time_limit: u64,
    /// Per kind of harmless plan, the cases that have one.
    harmless: BTreeMap<Harmless, u64>,
    /// Of the cases with a harmless plan (`Harmless::Margin`), those
    /// where the report plan keeps every CV already.
    report_keeps: u64,
    /// keep fills less than report.
    keep_fills_less: u64,
    /// Some plan meeting the rules keeps every CV exactly (objectives.md's
    /// harm 0, which the margin lets the model miss).
    kept_possible: u64,
    /// Of those, keep's plan does not keep every CV.
    kept_possible_not_kept: u64,
    most_plans: u64,
    /// A JSON number came out masked as an ID number.
    masked: u64,
    /// Per property, the cases that broke it.
    broken: BTreeMap<Property, u64>,
}

/// The CVs of `units` that `kept` says are not kept, named.
fn not_kept(units: &[Unit], kept: &[bool]) -> Vec<String> {
    units
        .iter()
        .zip(kept)
        .filter(|(_, kept)| !**kept)
        .map(|(u, _)| format!("{} {}", LEVEL_KEYS[u.level], INDICATOR_KEYS[u.indicator]))
        .collect()
}

/// Runs one case, checks what must hold of every plan (exit statuses,
/// the plan's moves, the JSON against the recount) as errors, and returns
/// the properties the keep plan breaks, each with what differed.
fn check(c: &Case, stats: &Mutex<Stats>) -> Result<Vec<(Property, String)>, TestCaseError> {
    let cl = classes(c);
    let units = units(c, &cl);
    let brute = brute_force(c, &cl, &units);
    // A case too large to search is rejected (proptest draws another).
    if brute.plans > MAX_PLANS {
        stats.lock().unwrap_or_else(|e| e.into_inner()).too_large += 1;
    }
    prop_assume!(brute.plans <= MAX_PLANS, "more than {} plans", MAX_PLANS);
    let dir = files(c);
    let keep = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            ".",
            "--policy",
            "keep.toml",
            "--format",
            "json",
            "--out",
            "keep.csv",
        ],
    );
    let report = rotaplan_pinned(
        dir.path(),
        &[
            "plan",
            ".",
            "--level-match",
            "any",
            "--format",
            "json",
            "--out",
            "report.csv",
        ],
    );
    let mut st = stats.lock().unwrap_or_else(|e| e.into_inner());
    st.cases += 1;
    st.most_plans = st.most_plans.max(brute.plans);
    let Some(most) = brute.rules else {
        st.infeasible += 1;
        prop_assert_eq!(keep.status.code(), Some(3), "keep: {}", stderr(&keep));
        prop_assert_eq!(report.status.code(), Some(3), "report: {}", stderr(&report));
        return Ok(Vec::new());
    };
    prop_assert_eq!(
        keep.status.code(),
        Some(0),
        "keep: {}{}",
        stdout(&keep),
        stderr(&keep)
    );
    prop_assert_eq!(report.status.code(), Some(0), "report: {}", stderr(&report));
    if [&keep, &report]
        .iter()
        .any(|o| stdout(o).contains("**********"))
    {
        st.masked += 1;
    }
    let mut broken = Vec::new();
    // 1. Every rule.
    let audit = rotaplan_pinned(
        dir.path(),
        &["audit", ".", "--plan", "keep.csv", "--policy", "keep.toml"],
    );
    if audit.status.code() != Some(0) {
        broken.push((
            Property::Rules,
            format!("audit: {}{}", stdout(&audit), stderr(&audit)),
        ));
    }
    let k = recount(c, &units, &dir, "keep.csv", &keep)?;
    let r = recount(c, &units, &dir, "report.csv", &report)?;
    let kj = unmasked_json(&keep);
    for (plan, recount) in [("keep", &k), ("report", &r)] {
        if !recount.misreported.is_empty() {
            broken.push((
                Property::JsonKept,
                format!(
                    "the {plan} plan's JSON says not kept: {:?}",
                    recount.misreported
                ),
            ));
        }
    }
    let eligible = c.teachers.iter().filter(|t| c.schools[t.0].urban).count() as u64;
    let required = eligible.div_ceil(10);
    prop_assert_eq!(kj["required"].as_u64(), Some(required), "required");
    prop_assert_eq!(r.fill, most, "report's fill against the brute force's");
    // 4. Between the rules' rotations and the report plan's fill, which
    // is the most any plan fills.
    if k.fill < required || k.fill > r.fill {
        broken.push((
            Property::FillBetween,
            format!(
                "keep fills {}: not between {} required and report's {}",
                k.fill, required, r.fill
            ),
        ));
    }
    if k.fill < r.fill {
        st.keep_fills_less += 1;
    }
    let district = &kj["districts"][0];
    prop_assert_eq!(district["district"].as_str(), Some("D0"));
    if district["harm_status"] == "time_limit" {
        st.time_limit += 1;
        return Ok(broken);
    }
    let report_keeps = r.kept.iter().all(|&kept| kept);
    if brute.kept.is_some() {
        st.kept_possible += 1;
        st.kept_possible_not_kept += u64::from(!k.kept.iter().all(|&kept| kept));
    }
    let kinds = [
        (Harmless::Margin, brute.margin),
        (
            Harmless::Vanishing,
            brute.margin.xor(brute.margin_vanishing),
        ),
        (Harmless::Rows, brute.harm_rows),
    ];
    for (kind, best) in kinds {
        let Some(best) = best else {
            continue;
        };
        *st.harmless.entry(kind).or_default() += 1;
        if kind == Harmless::Margin {
            st.report_keeps += u64::from(report_keeps);
        }
        let status = &district["harm_status"];
        // 2. Every CV kept.
        if !k.kept.iter().all(|&kept| kept) {
            broken.push((
                Property::Kept(kind),
                format!(
                    "a plan of fill {best} is harmless ({kind:?}), but keep's plan (fill {}) \
                     does not keep {:?}; harm_status {status}",
                    k.fill,
                    not_kept(&units, &k.kept),
                ),
            ));
        }
        // 3. The fill: at least the best harmless; at most the best within
        // half the margin, unless the report plan keeps every CV (then it
        // is the keep plan).
        if k.fill < best {
            broken.push((
                Property::FillAtLeast(kind),
                format!(
                    "keep fills {} but a plan of fill {best} is harmless ({kind:?}); \
                     harm_status {status}",
                    k.fill
                ),
            ));
        }
        // (When the report plan keeps every CV, `ReportPlan` below.)
        let at_most = brute.half_margin.unwrap();
        if !report_keeps && k.fill > at_most {
            broken.push((
                Property::FillAtMost(kind),
                format!(
                    "keep fills {}, but at most {at_most} keep every CV within half the \
                     margin (report fills {}; the most keeping every CV exactly: {:?}); \
                     a plan of fill {best} is harmless ({kind:?}); harm_status {status}",
                    k.fill, r.fill, brute.kept
                ),
            ));
        }
    }
    if report_keeps && k.fill != r.fill {
        broken.push((
            Property::ReportPlan,
            format!(
                "the report plan keeps every CV and fills {}, keep's fills {}",
                r.fill, k.fill
            ),
        ));
    }
    Ok(broken)
}

/// The JSON a command printed, with any number that was masked as a
/// resident ID number (`data::mask_id_cards`: 18 digits in a row, as in
/// `0.030000000000000002`) read with its 10 hidden digits as 0: off by
/// less than 1e-4 (see `json_numbers_are_not_masked`).
fn unmasked_json(o: &std::process::Output) -> serde_json::Value {
    let text = stdout(o).replace("**********", "0000000000");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

/// Runs `cases()` cases, failing on the first that breaks one of
/// `enforced`. With `KEEP_SURVEY` set, runs them all and counts the cases
/// that break each property instead (printed with `--nocapture`).
fn run(enforced: &[Property]) -> Stats {
    let config = Config {
        cases: cases(),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    };
    let survey = std::env::var_os("KEEP_SURVEY").is_some();
    let stats = Mutex::new(Stats::default());
    let mut runner = TestRunner::new(config);
    let result = runner.run(&case(), |c| {
        let broken = check(&c, &stats)?;
        {
            let mut st = stats.lock().unwrap_or_else(|e| e.into_inner());
            let mut seen: Vec<Property> = broken.iter().map(|b| b.0).collect();
            seen.dedup();
            for p in seen {
                *st.broken.entry(p).or_default() += 1;
            }
        }
        if survey {
            for (p, why) in &broken {
                eprintln!("{p:?}: {why}{c:?}");
            }
            return Ok(());
        }
        for (p, why) in broken {
            prop_assert!(!enforced.contains(&p), "property {:?}: {}", p, why);
        }
        Ok(())
    });
    let stats = stats.into_inner().unwrap_or_else(|e| e.into_inner());
    eprintln!("{stats:#?}");
    if let Err(e) = result {
        panic!("{e}");
    }
    // Time limits should not happen on instances this small.
    assert!(
        stats.time_limit * 20 <= stats.cases,
        "{} of {} cases stopped the harm stage at its time limit",
        stats.time_limit,
        stats.cases
    );
    stats
}

/// Properties 1 and 4, and 2 and 3 where a plan meets the model's own
/// harm rows with no excess.
#[test]
fn keep_keeps_every_cv_its_rows_can_and_fills_the_most_it_can() {
    run(&[
        Property::Rules,
        Property::FillBetween,
        Property::Kept(Harmless::Rows),
        Property::FillAtLeast(Harmless::Rows),
        Property::FillAtMost(Harmless::Rows),
    ]);
}

/// Properties 2 and 3 as the module comment states them: wherever a plan
/// keeps every CV with the margin.
#[test]
#[ignore = "fails: the harm row is far stricter than the CV when a teacher of the kind leaves or joins the level"]
fn keep_keeps_every_cv_it_can_and_fills_the_most_it_can() {
    run(&[
        Property::Rules,
        Property::FillBetween,
        Property::Kept(Harmless::Margin),
        Property::FillAtLeast(Harmless::Margin),
        Property::FillAtMost(Harmless::Margin),
        Property::ReportPlan,
        Property::JsonKept,
    ]);
}

/// Property 2 where only a plan that empties a level of the indicator's
/// teachers keeps every CV: objectives.md says a CV that vanishes has
/// nothing to keep; the model counts it as harm.
#[test]
#[ignore = "fails: the model counts a vanishing CV as harm, objectives.md as kept"]
fn keep_keeps_every_cv_when_one_can_vanish() {
    run(&[Property::Kept(Harmless::Vanishing)]);
}

/// The properties' verdict on one case (`check`), which must run.
fn broken(c: &Case) -> Vec<(Property, String)> {
    check(c, &Mutex::new(Stats::default())).expect("the case runs")
}

/// Found by `keep_keeps_every_cv_it_can_and_fills_the_most_it_can`
/// (shrunk, then trimmed by hand). The urban 初中 S0 has T0 (体育), T1
/// (音乐, backbone) and T2 (体育, backbone); the rural 小学 S1 needs one
/// 音乐 teacher, the rural 初中 S2 (with T3, 数学, backbone) one 体育
/// teacher. Sending T1 to S1 and T0 to S2 meets the rules, fills both
/// places and keeps every CV: 初中 backbone 0.173 -> 0.165, 初中 sports
/// and arts 0.848 -> 0.165 (no 小学 CV before). `keep` sends T2 alone to
/// S2 (fill 1, harm_status optimal) and 初中 backbone, which passed, fails:
/// 0.173 -> 0.503. T1 leaving the 初中 schools takes their backbone C
/// from 3 to 2, and the harm row, with 2 C̄ C - C̄² = 3 for C² = 4, sees
/// more harm there (0.504 in P Q) than in T2's move (0.464), which keeps
/// C and truly fails.
#[test]
#[ignore = "fails: the harm row is far stricter than the CV when a teacher of the kind leaves or joins the level"]
fn keep_keeps_cvs_where_teachers_leave_the_level() {
    let school = |urban, level, students| School {
        urban,
        level: Some(level),
        students,
    };
    let c = Case {
        schools: vec![
            school(true, Level::Junior, 264),
            school(false, Level::Primary, 40),
            school(false, Level::Junior, 190),
        ],
        teachers: vec![(0, 1, false), (0, 2, true), (0, 1, true), (2, 0, true)],
        needs: vec![(1, 2, 1), (2, 1, 1)],
        located: false,
    };
    assert_eq!(broken(&c), Vec::new());
}

/// Found by the survey (`KEEP_SURVEY`), then made by hand. The 初中
/// schools S1 (186 students) and S2 (596) have one 体育 teacher each
/// (sports and arts CV 0.6157072380972893, failing); the urban S0, without
/// a level, has two backbone 体育 teachers, and S1 and S2 need one each.
/// The report plan sends both, doubling each count: the CV is the same to
/// the last bit (`"kept": true`), every CV is kept, and docs/performance.md
/// says the plan without the CVs is then the keep plan. `keep` fills 1: its
/// check (`solve`, `keeps_all`) computes the CV as sqrt(P Q / C² - 1)
/// (`CvUnit::cv`), 0.6157072380972896, 3e-16 above the allowed value
/// `indicators` computed, so the harm stage runs, and its margin wants
/// the CV 0.001 lower than before.
#[test]
fn keep_is_the_report_plan_when_that_keeps_every_cv() {
    let c = Case {
        schools: vec![
            School {
                urban: true,
                level: None,
                students: 100,
            },
            School {
                urban: false,
                level: Some(Level::Junior),
                students: 186,
            },
            School {
                urban: false,
                level: Some(Level::Junior),
                students: 596,
            },
        ],
        teachers: vec![(0, 1, true), (0, 1, true), (1, 1, false), (2, 1, false)],
        needs: vec![(1, 1, 1), (2, 1, 1)],
        located: false,
    };
    assert_eq!(broken(&c), Vec::new());
}

/// Found by the survey, then made by hand. The urban 初中 S0 (102
/// students) has three backbone teachers, the rural 初中 S1 (100) none, and
/// the rules send one of them to the rural 小学 S2. S0 is the only 初中
/// school with backbone teachers before and after, so the 初中 backbone CV
/// is sqrt(100 / 102) both times; computed from 2 teachers instead of 3
/// it comes out 1e-16 higher (0.9901475429766742 -> 0.9901475429766743),
/// and the JSON says `"kept": false`, the table "NOT KEPT: 初中 backbone:
/// 0.990 -> 0.990" (under `report` and `keep` alike).
#[test]
fn an_unchanged_cv_is_kept() {
    let school = |urban, level, students| School {
        urban,
        level: Some(level),
        students,
    };
    let c = Case {
        schools: vec![
            school(true, Level::Junior, 102),
            school(false, Level::Junior, 100),
            school(false, Level::Primary, 100),
        ],
        teachers: vec![(0, 0, true), (0, 0, true), (0, 0, true)],
        needs: vec![(2, 0, 1)],
        located: false,
    };
    assert_eq!(broken(&c), Vec::new());
}

/// The urban 小学 S0 has one teacher, a backbone 音乐 teacher, and the
/// rules send them: to the rural 小学 S2 (both 小学 CVs 0.713 -> 1.403,
/// failing before and worse after) or to the rural 初中 S1 (no 小学 CV
/// left: nothing to keep, objectives.md; no 初中 CV before). `keep`
/// chooses S2: its harm row counts C = 0 as harm.
#[test]
#[ignore = "fails: the model counts a vanishing CV as harm, objectives.md as kept"]
fn keep_keeps_a_cv_that_vanishes() {
    let school = |urban, level, students| School {
        urban,
        level: Some(level),
        students,
    };
    let c = Case {
        schools: vec![
            school(true, Level::Primary, 256),
            school(false, Level::Junior, 40),
            school(false, Level::Primary, 130),
        ],
        teachers: vec![(0, 2, true)],
        needs: vec![(1, 2, 1), (2, 2, 1)],
        located: false,
    };
    assert_eq!(broken(&c), Vec::new());
}

/// Two 小学 schools, 300 students with 2 backbone teachers and 400 with 3:
/// the backbone CV is 0.057735026918962616, 18 digits after the point,
/// which every output masks as a resident ID number
/// (`data::mask_id_cards`): `"cv_before": 0.0577**********2616`, and the
/// JSON of `plan` (and `indicators`) does not parse. About 1 case in 20
/// above prints such a number.
#[test]
fn json_numbers_are_not_masked() {
    let dir = DataDir::new(&[
        (
            "schools.csv",
            "id,area,level,students\nU1,urban,primary,300\nR1,rural,primary,400\n".as_bytes(),
        ),
        (
            "teachers.csv",
            "id,school,subject,backbone,years_at_school\n\
             T1,U1,数学,county,8\nT2,U1,数学,county,8\n\
             T3,R1,数学,county,8\nT4,R1,数学,county,8\nT5,R1,数学,county,8\n"
                .as_bytes(),
        ),
        ("needs.csv", "school,subject,count\nR1,数学,0\n".as_bytes()),
    ]);
    let out = rotaplan_pinned(
        dir.path(),
        &["plan", ".", "--ratio", "0", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let json: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
    let before = json["balance"][0]["cv_before"].as_f64();
    assert_eq!(before, Some(0.057735026918962616), "{}", json["balance"]);
}
