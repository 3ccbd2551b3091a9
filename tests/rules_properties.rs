//! Properties of the rules of `rules.md` ("Rules", "Pins"): on tiny random
//! data sets with random `[[rules]]` lists (bound, share, of, scope,
//! per_subject, `among`/`who` filters on backbone, title, sex, subject,
//! school level and an extra teachers.csv column), random built-ins
//! (`max_rotation_ratio` and `max_subject_share` too), `backbone_titles`
//! and `within_group`:
//!
//! 1. every feasible plan passes `audit` under the same policy;
//! 2. no assignment meeting every rule (counted here, independently, from
//!    rules.md's definitions of N and D) fills more need than the plan;
//! 3. `plan` is infeasible exactly when no assignment meets every rule.
//!
//! The brute force tries every assignment (each teacher stays or goes to
//! one rural school) and keeps those that meet the row rules (eligible,
//! sending school, need of the subject at most its count, within the
//! group under `within_group`, pins) and every ratio rule. Nothing here
//! calls the planner's or the auditor's counting: eligibility, backbone,
//! filters, units, N, D and the bounds are all recounted below.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rotaplan::audit::{PlanLine, audit};
use rotaplan::domain::DataSet;
use rotaplan::policy::{Policy, Ratio};
use rotaplan::read::{DataPaths, Wanted};
use std::collections::BTreeMap;
use std::fmt::Write as _;

const SUBJECTS: [&str; 2] = ["语文", "数学"];
/// `group` values; "" is no group (a group of its own).
const GROUPS: [&str; 3] = ["", "甲", "乙"];
/// teachers.csv `backbone` cells; 县级 and 市级 are backbone by default,
/// 校级 is below `backbone_min_level = "county"`.
const BACKBONE: [&str; 4] = ["", "县级", "校级", "市级"];
/// teachers.csv `title` cells; index 0 is none. Filters use bits 0..4 for
/// TITLES[1..5].
const TITLES: [&str; 5] = ["", "正高级", "高级", "一级", "二级"];
/// teachers.csv `sex` cells.
const SEXES: [&str; 3] = ["", "男", "女"];
/// The extra column a `column` filter reads.
const GRADE_COLUMN: &str = "年级";
/// Its cells as written (full width and surrounding space included) ...
const GRADE_CELLS: [&str; 6] = ["", "九年级", "6年级", "６年级", " 三年级 ", "三年级"];
/// ... and the value each one is after trimming and NFKC (an index into
/// the values a filter may name; `None`: empty).
const GRADE_OF_CELL: [Option<usize>; 6] = [None, Some(0), Some(1), Some(1), Some(2), Some(2)];
/// The values a `column` filter may name, as the policy writes them (the
/// full-width ６ is 6 after NFKC).
const GRADE_WRITTEN: [&str; 3] = ["九年级", "６年级", "三年级"];

/// Rule shares: exact fractions, and how policy.toml writes them. Thirds
/// have no exact decimal: the file gets 12 decimals and the test sets the
/// parsed rule's share to the exact fraction.
const SHARES: [(u64, u64); 7] = [(0, 1), (1, 4), (1, 3), (1, 2), (2, 3), (3, 4), (1, 1)];
const SHARES_WRITTEN: [&str; 7] = [
    "0.0",
    "0.25",
    "0.333333333333",
    "0.5",
    "0.666666666667",
    "0.75",
    "1.0",
];
const RATIOS: [(u64, u64, &str); 4] =
    [(0, 1, "0.0"), (1, 10, "0.1"), (1, 4, "0.25"), (1, 2, "0.5")];
const BACKBONE_SHARES: [(u64, u64, &str); 3] = [(0, 1, "0.0"), (1, 5, "0.2"), (1, 2, "0.5")];
const MAX_ROTATION: [(u64, u64, &str); 3] = [(1, 2, "0.5"), (3, 4, "0.75"), (1, 1, "1.0")];
const MAX_SUBJECT: [(u64, u64, &str); 3] = [(1, 4, "0.25"), (1, 2, "0.5"), (1, 1, "1.0")];
/// schools.csv `level` cells (index 3: none) and how a `level` filter
/// writes the three levels.
const LEVEL_CELLS: [&str; 4] = ["primary", "初中", "nine-year", ""];
const LEVELS_WRITTEN: [&str; 3] = ["小学", "junior", "九年一贯制"];
const SCOPES: [&str; 3] = ["district", "school", "group"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pin {
    Free,
    MustRotate,
    /// assign_to the rural school of this index.
    AssignTo(usize),
}

#[derive(Debug, Clone)]
struct Teacher {
    /// Index into the schools: sending schools first, then rural ones.
    school: usize,
    subject: usize,
    backbone: usize,
    title: usize,
    sex: usize,
    grade: usize,
    /// 0-4 plainly eligible (8 years), 5 too few years (3), 6 exempt,
    /// 7 `eligible = true` with 3 years, 8 `eligible = false` with 8.
    kind: u8,
    pin: Pin,
}

/// One filter table: every key given must hold.
#[derive(Debug, Clone, Default)]
struct Filter {
    backbone: Option<bool>,
    /// Bits over TITLES[1..5].
    title: Option<u8>,
    /// true: male.
    male: Option<bool>,
    /// Bits over SUBJECTS.
    subject: Option<u8>,
    /// Bits over GRADE_WRITTEN.
    column: Option<u8>,
    /// Bits over LEVELS_WRITTEN (the teacher's school's level).
    level: Option<u8>,
}

#[derive(Debug, Clone)]
struct Rule {
    name: String,
    max: bool,
    share: (u64, u64),
    /// The file's spelling of the share.
    written: &'static str,
    /// 0 eligible, 1 rotating, 2 staff.
    of: u8,
    /// An index into SCOPES; `None`: the policy's scope.
    scope: Option<usize>,
    per_subject: bool,
    /// `None`: everyone; else any of the filters.
    among: Option<Vec<Filter>>,
    who: Option<Vec<Filter>>,
}

#[derive(Debug, Clone)]
struct Case {
    /// The group of each sending (urban) school.
    sending: Vec<usize>,
    /// The level of each school (an index into LEVEL_CELLS), sending
    /// schools first.
    levels: Vec<usize>,
    /// The group of each rural school.
    rural: Vec<usize>,
    teachers: Vec<Teacher>,
    /// need[rural][subject].
    need: Vec<[u32; 2]>,
    ratio: usize,
    backbone_share: usize,
    scope: usize,
    /// `backbone_titles = ["正高级"]`.
    backbone_titles: bool,
    within_group: bool,
    max_rotation: Option<usize>,
    max_subject: Option<usize>,
    rules: Vec<Rule>,
}

// ---------------------------------------------------------------- strategies

fn filter() -> impl Strategy<Value = Filter> {
    (
        prop::option::weighted(0.3, any::<bool>()),
        prop::option::weighted(0.25, 0u8..16),
        prop::option::weighted(0.25, any::<bool>()),
        prop::option::weighted(0.2, 0u8..4),
        prop::option::weighted(0.3, 0u8..8),
        prop::option::weighted(0.15, 0u8..8),
    )
        .prop_map(|(backbone, title, male, subject, column, level)| Filter {
            backbone,
            title,
            male,
            subject,
            column,
            level,
        })
}

fn who() -> impl Strategy<Value = Option<Vec<Filter>>> {
    prop::option::weighted(0.6, prop::collection::vec(filter(), 1..3))
}

fn rule() -> impl Strategy<Value = Rule> {
    (
        prop::bool::weighted(0.6),
        0usize..SHARES.len(),
        0u8..3,
        prop::option::weighted(0.75, 0usize..3),
        prop::bool::weighted(0.3),
        who(),
        who(),
    )
        .prop_map(|(max, share, of, scope, per_subject, among, who)| Rule {
            name: String::new(),
            max,
            share: SHARES[share],
            written: SHARES_WRITTEN[share],
            of,
            scope,
            per_subject,
            among,
            who,
        })
}

/// A teacher as drawn: (school code, subject, backbone, title, sex,
/// grade, kind, pin code). School codes below 12 are sending schools, the
/// rest rural ones (whose teachers never count); every code shrinks
/// toward the first sending school, a plain eligible teacher, no pin.
type RawTeacher = (u8, usize, usize, usize, usize, usize, u8, u8);

fn raw_teacher(pins: bool) -> impl Strategy<Value = RawTeacher> {
    (
        0u8..14,
        0usize..2,
        0usize..BACKBONE.len(),
        0usize..TITLES.len(),
        0usize..SEXES.len(),
        0usize..GRADE_CELLS.len(),
        0u8..9,
        if pins { 0u8..12 } else { 0u8..1 },
    )
}

/// Tiny cases: 2-3 sending schools (each in group 甲, 乙 or none, of a
/// level or none), 1-2 rural ones, 2-9 teachers (at most 3^9
/// assignments), needs of 0-3 per rural school and subject, 0-3
/// `[[rules]]`.
fn case(pins: bool) -> impl Strategy<Value = Case> {
    (
        (2usize..4, 1usize..3),
        (
            prop::collection::vec(0usize..3, 3),
            prop::collection::vec(0usize..3, 2),
            prop::collection::vec(0usize..LEVEL_CELLS.len(), 5),
        ),
        prop::collection::vec(raw_teacher(pins), 2..10),
        prop::collection::vec(0u32..4, 4),
        (
            0usize..RATIOS.len(),
            0usize..BACKBONE_SHARES.len(),
            0usize..3,
        ),
        (
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.25),
            prop::option::weighted(0.15, 0usize..3),
            prop::option::weighted(0.15, 0usize..3),
        ),
        prop::collection::vec(rule(), 0..4),
    )
        .prop_map(
            |(
                (ns, nr),
                (sending, rural, levels),
                raw,
                need,
                (ratio, backbone_share, scope),
                (backbone_titles, within_group, max_rotation, max_subject),
                mut rules,
            )| {
                let teachers = raw
                    .into_iter()
                    .map(
                        |(school, subject, backbone, title, sex, grade, kind, pin)| Teacher {
                            school: if school < 12 {
                                usize::from(school) % ns
                            } else {
                                ns + usize::from(school) % nr
                            },
                            subject,
                            backbone,
                            title,
                            sex,
                            grade,
                            kind,
                            pin: match pin {
                                3 => Pin::MustRotate,
                                4 => Pin::AssignTo(0),
                                5 => Pin::AssignTo(1 % nr),
                                _ => Pin::Free,
                            },
                        },
                    )
                    .collect();
                for (i, r) in rules.iter_mut().enumerate() {
                    r.name = format!("规则{}", i + 1);
                }
                Case {
                    sending: sending[..ns].to_vec(),
                    levels: levels[..ns + nr].to_vec(),
                    rural: rural[..nr].to_vec(),
                    teachers,
                    need: (0..nr).map(|r| [need[2 * r], need[2 * r + 1]]).collect(),
                    ratio,
                    backbone_share,
                    scope,
                    backbone_titles,
                    within_group,
                    max_rotation,
                    max_subject,
                    rules,
                }
            },
        )
}

// ------------------------------------------------------------ files, policy

fn school_id(c: &Case, s: usize) -> String {
    if s < c.sending.len() {
        format!("S{s}")
    } else {
        format!("R{}", s - c.sending.len())
    }
}

fn group_of(c: &Case, s: usize) -> &'static str {
    if s < c.sending.len() {
        GROUPS[c.sending[s]]
    } else {
        GROUPS[c.rural[s - c.sending.len()]]
    }
}

fn is_sending(c: &Case, s: usize) -> bool {
    s < c.sending.len()
}

fn list(bits: u8, names: &[&str]) -> String {
    let items: Vec<String> = names
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, n)| format!("\"{n}\""))
        .collect();
    format!("[{}]", items.join(", "))
}

fn filter_toml(f: &Filter) -> String {
    let mut keys = Vec::new();
    if let Some(b) = f.backbone {
        keys.push(format!("backbone = {b}"));
    }
    if let Some(t) = f.title {
        keys.push(format!("title = {}", list(t, &TITLES[1..])));
    }
    if let Some(m) = f.male {
        keys.push(format!("sex = \"{}\"", if m { "male" } else { "female" }));
    }
    if let Some(s) = f.subject {
        keys.push(format!("subject = {}", list(s, &SUBJECTS)));
    }
    if let Some(l) = f.level {
        keys.push(format!("level = {}", list(l, &LEVELS_WRITTEN)));
    }
    if let Some(v) = f.column {
        keys.push(format!(
            "column = {{ name = \"{GRADE_COLUMN}\", values = {} }}",
            list(v, &GRADE_WRITTEN)
        ));
    }
    if keys.is_empty() {
        "{}".to_string()
    } else {
        format!("{{ {} }}", keys.join(", "))
    }
}

fn who_toml(key: &str, w: &Option<Vec<Filter>>) -> String {
    match w {
        None => String::new(),
        Some(fs) if fs.len() == 1 => format!("{key} = {}\n", filter_toml(&fs[0])),
        Some(fs) => {
            let items: Vec<String> = fs.iter().map(filter_toml).collect();
            format!("{key} = [{}]\n", items.join(", "))
        }
    }
}

fn policy_toml(c: &Case) -> String {
    // The brute force matches as data-format.md does, without fit.md's
    // teaching levels (tests/levels_properties.rs has those).
    let mut p = String::from("plan_year = 2026\nlevel_match = \"any\"\n");
    writeln!(p, "min_rotation_ratio = {}", RATIOS[c.ratio].2).unwrap();
    writeln!(
        p,
        "min_backbone_share = {}",
        BACKBONE_SHARES[c.backbone_share].2
    )
    .unwrap();
    writeln!(p, "scope = \"{}\"", SCOPES[c.scope]).unwrap();
    if c.backbone_titles {
        p += "backbone_titles = [\"正高级\"]\n";
    }
    if c.within_group {
        p += "within_group = true\n";
    }
    if let Some(m) = c.max_rotation {
        writeln!(p, "max_rotation_ratio = {}", MAX_ROTATION[m].2).unwrap();
    }
    if let Some(m) = c.max_subject {
        writeln!(p, "max_subject_share = {}", MAX_SUBJECT[m].2).unwrap();
    }
    for r in &c.rules {
        p += "\n[[rules]]\n";
        writeln!(p, "name = \"{}\"", r.name).unwrap();
        writeln!(p, "bound = \"{}\"", if r.max { "max" } else { "min" }).unwrap();
        write!(p, "share = {}", r.written).unwrap();
        if r.share.1 == 3 {
            write!(
                p,
                "   # exactly {}/{} (set by the test)",
                r.share.0, r.share.1
            )
            .unwrap();
        }
        p += "\n";
        writeln!(
            p,
            "of = \"{}\"",
            ["eligible", "rotating", "staff"][r.of as usize]
        )
        .unwrap();
        p += &who_toml("among", &r.among);
        p += &who_toml("who", &r.who);
        if let Some(s) = r.scope {
            writeln!(p, "scope = \"{}\"", SCOPES[s]).unwrap();
        }
        if r.per_subject {
            p += "per_subject = true\n";
        }
    }
    p
}

fn files(c: &Case) -> Vec<(&'static str, String)> {
    let mut s = String::from("id,area,district,group,level,lat,lon\n");
    for i in 0..c.sending.len() + c.rural.len() {
        let area = if is_sending(c, i) { "urban" } else { "rural" };
        writeln!(
            s,
            "{},{area},D1,{},{},{},{}",
            school_id(c, i),
            group_of(c, i),
            LEVEL_CELLS[c.levels[i]],
            33.0 + i as f64 * 0.05,
            120.0 + (i % 2) as f64 * 0.1
        )
        .unwrap();
    }
    let mut t = format!(
        "id,school,subject,backbone,title,sex,{GRADE_COLUMN},years_at_school,exempt,eligible,must_rotate,assign_to\n"
    );
    for (i, x) in c.teachers.iter().enumerate() {
        let (years, exempt, eligible) = match x.kind {
            5 => (3, "", ""),
            6 => (8, "病假", ""),
            7 => (3, "", "true"),
            8 => (8, "", "false"),
            _ => (8, "", ""),
        };
        let (must, to) = match x.pin {
            Pin::Free => ("", String::new()),
            Pin::MustRotate => ("true", String::new()),
            Pin::AssignTo(r) => ("", school_id(c, c.sending.len() + r)),
        };
        writeln!(
            t,
            "T{i},{},{},{},{},{},\"{}\",{years},{exempt},{eligible},{must},{to}",
            school_id(c, x.school),
            SUBJECTS[x.subject],
            BACKBONE[x.backbone],
            TITLES[x.title],
            SEXES[x.sex],
            GRADE_CELLS[x.grade],
        )
        .unwrap();
    }
    let mut n = String::from("school,subject,count,weight\n");
    for (r, counts) in c.need.iter().enumerate() {
        for (subject, count) in counts.iter().enumerate() {
            writeln!(
                n,
                "{},{},{count},1",
                school_id(c, c.sending.len() + r),
                SUBJECTS[subject]
            )
            .unwrap();
        }
    }
    vec![
        ("schools.csv", s),
        ("teachers.csv", t),
        ("needs.csv", n),
        ("policy.toml", policy_toml(c)),
    ]
}

/// Every input file, to read in a failure message.
fn shown(c: &Case) -> String {
    files(c)
        .iter()
        .map(|(name, text)| format!("--- {name}\n{text}"))
        .collect()
}

/// The policy as the planner reads it, with exact thirds.
fn policy(c: &Case) -> Policy {
    let mut p = Policy::from_toml("policy.toml", &policy_toml(c))
        .unwrap_or_else(|e| panic!("policy.toml: {e}\n{}", policy_toml(c)));
    assert_eq!(p.rules.len(), c.rules.len());
    for (rule, spec) in p.rules.iter_mut().zip(&c.rules) {
        assert_eq!(rule.name, spec.name);
        rule.share = Ratio::new(spec.share.0, spec.share.1);
    }
    p
}

fn load(c: &Case, policy: &Policy) -> (tempfile::TempDir, DataSet) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files(c) {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let paths = DataPaths::resolve(Some(dir.path()), None, None, None, None, None).unwrap();
    let wanted: Vec<Wanted> = policy
        .wanted_columns()
        .into_iter()
        .map(|(column, rule)| Wanted { column, rule })
        .collect();
    let data = DataSet::load_with(&paths, &wanted)
        .unwrap_or_else(|e| panic!("bad input: {e}\n{}", shown(c)));
    (dir, data)
}

// ----------------------------------------------- the rules, counted here

/// rules.md "Eligibility", for the columns these files have: a teacher at
/// a sending school; the `eligible` column decides when given; else not
/// exempt and at least 6 (`min_years_at_school`) years.
fn eligible(c: &Case, t: usize) -> bool {
    let x = &c.teachers[t];
    is_sending(c, x.school)
        && match x.kind {
            7 => true,
            5 | 6 | 8 => false,
            _ => true,
        }
}

/// rules.md "Who is a backbone teacher": a level of at least county, or a
/// title in `backbone_titles`.
fn backbone(c: &Case, t: usize) -> bool {
    let x = &c.teachers[t];
    matches!(BACKBONE[x.backbone], "县级" | "市级")
        || (c.backbone_titles && TITLES[x.title] == "正高级")
}

fn filter_holds(c: &Case, f: &Filter, t: usize) -> bool {
    let x = &c.teachers[t];
    let bit = |bits: u8, i: usize| bits & (1 << i) != 0;
    f.backbone.is_none_or(|b| backbone(c, t) == b)
        && f.title
            .is_none_or(|bits| x.title > 0 && bit(bits, x.title - 1))
        && f.male.is_none_or(|m| x.sex == if m { 1 } else { 2 })
        && f.subject.is_none_or(|bits| bit(bits, x.subject))
        && f.column
            .is_none_or(|bits| GRADE_OF_CELL[x.grade].is_some_and(|g| bit(bits, g)))
        && f.level
            .is_none_or(|bits| c.levels[x.school] < 3 && bit(bits, c.levels[x.school]))
}

fn matches(c: &Case, w: &Option<Vec<Filter>>, t: usize) -> bool {
    match w {
        None => true,
        Some(fs) => fs.iter().any(|f| filter_holds(c, f, t)),
    }
}

/// Every rule the plan must meet, built-ins first, as the test reads
/// rules.md.
fn all_rules(c: &Case) -> Vec<Rule> {
    let builtin = |name: &str, max: bool, share: (u64, u64), of: u8| Rule {
        name: name.to_string(),
        max,
        share,
        written: "",
        of,
        scope: Some(c.scope),
        per_subject: false,
        among: None,
        who: None,
    };
    let (r, b) = (RATIOS[c.ratio], BACKBONE_SHARES[c.backbone_share]);
    let mut all = vec![
        builtin("rotation_ratio", false, (r.0, r.1), 0),
        Rule {
            who: Some(vec![Filter {
                backbone: Some(true),
                ..Filter::default()
            }]),
            ..builtin("backbone_share", false, (b.0, b.1), 1)
        },
    ];
    if let Some(m) = c.max_rotation {
        let m = MAX_ROTATION[m];
        all.push(builtin("max_rotation_ratio", true, (m.0, m.1), 0));
    }
    if let Some(m) = c.max_subject {
        let m = MAX_SUBJECT[m];
        all.push(Rule {
            scope: Some(1),
            per_subject: true,
            ..builtin("max_subject_share", true, (m.0, m.1), 2)
        });
    }
    for rule in &c.rules {
        all.push(Rule {
            scope: Some(rule.scope.unwrap_or(c.scope)),
            ..rule.clone()
        });
    }
    all
}

/// The unit a sending school's teacher of `subject` is counted in.
fn unit(c: &Case, rule: &Rule, school: usize, subject: usize) -> (String, Option<usize>) {
    let place = match SCOPES[rule.scope.unwrap()] {
        "district" => "district D1".to_string(),
        "school" => format!("school {}", school_id(c, school)),
        _ if group_of(c, school).is_empty() => format!("school {}", school_id(c, school)),
        _ => format!("group {}", group_of(c, school)),
    };
    (place, rule.per_subject.then_some(subject))
}

/// Each unit's (N, D) under `rule` for the assignment.
fn counts(
    c: &Case,
    rule: &Rule,
    a: &[Option<usize>],
) -> BTreeMap<(String, Option<usize>), (u64, u64)> {
    let mut units: BTreeMap<(String, Option<usize>), (u64, u64)> = BTreeMap::new();
    for (t, x) in c.teachers.iter().enumerate() {
        if !is_sending(c, x.school) {
            continue;
        }
        let e = units.entry(unit(c, rule, x.school, x.subject)).or_default();
        if !matches(c, &rule.among, t) {
            continue;
        }
        let rotating = a[t].is_some();
        let in_d = match rule.of {
            0 => eligible(c, t),
            1 => rotating,
            _ => true,
        };
        e.1 += u64::from(in_d);
        e.0 += u64::from(rotating && matches(c, &rule.who, t));
    }
    units
}

/// ceil or floor of share x d, exactly; whether n meets it.
fn met(rule: &Rule, n: u64, d: u64) -> bool {
    let (p, q) = rule.share;
    if rule.max {
        n <= p * d / q
    } else {
        n >= (p * d).div_ceil(q)
    }
}

/// Why the assignment (teacher -> rural school index) breaks a rule, or
/// `Ok` when it meets every rule.
fn valid(c: &Case, rules: &[Rule], a: &[Option<usize>]) -> Result<(), String> {
    let mut filled = vec![[0u32; 2]; c.rural.len()];
    for (t, x) in c.teachers.iter().enumerate() {
        match (x.pin, a[t]) {
            (Pin::MustRotate, None) => return Err(format!("T{t} must rotate")),
            (Pin::AssignTo(r), to) if to != Some(r) => {
                return Err(format!("T{t} is pinned to R{r}"));
            }
            _ => {}
        }
        let Some(r) = a[t] else { continue };
        if !eligible(c, t) {
            return Err(format!("T{t} is not eligible"));
        }
        if c.within_group && GROUPS[c.rural[r]] != group_of(c, x.school) {
            return Err(format!("T{t} leaves its group"));
        }
        filled[r][x.subject] += 1;
        if filled[r][x.subject] > c.need[r][x.subject] {
            return Err(format!("R{r} {} over its need", SUBJECTS[x.subject]));
        }
    }
    for rule in rules {
        for (u, (n, d)) in counts(c, rule, a) {
            if !met(rule, n, d) {
                return Err(format!("{} in {u:?}: N = {n}, D = {d}", rule.name));
            }
        }
    }
    Ok(())
}

/// The most need any valid assignment fills (head count: every move fills
/// one place of weight 1) and one such assignment; `None` when no
/// assignment is valid.
fn brute_force(c: &Case) -> Option<(u64, Vec<Option<usize>>)> {
    fn go(
        c: &Case,
        rules: &[Rule],
        a: &mut Vec<Option<usize>>,
        best: &mut Option<(u64, Vec<Option<usize>>)>,
    ) {
        let t = a.len();
        if t == c.teachers.len() {
            if valid(c, rules, a).is_ok() {
                let fill = a.iter().flatten().count() as u64;
                if best.as_ref().is_none_or(|(b, _)| fill > *b) {
                    *best = Some((fill, a.clone()));
                }
            }
            return;
        }
        for option in std::iter::once(None).chain((0..c.rural.len()).map(Some)) {
            a.push(option);
            go(c, rules, a, best);
            a.pop();
        }
    }
    let rules = all_rules(c);
    let mut best = None;
    go(c, &rules, &mut Vec::new(), &mut best);
    best
}

// ------------------------------------------------------------ the check

fn plan_lines(data: &DataSet, plan: &rotaplan::plan::RotationPlan) -> Vec<PlanLine> {
    rotaplan::read::plan::lines_of(
        data,
        plan.rotations.iter().map(|r| (r.teacher, r.to_school)),
    )
}

fn shown_assignment(a: &[Option<usize>]) -> String {
    let moves: Vec<String> = a
        .iter()
        .enumerate()
        .filter_map(|(t, r)| Some(format!("T{t}->R{}", (*r)?)))
        .collect();
    format!("[{}]", moves.join(", "))
}

/// The three properties on one case.
fn check(c: &Case) -> Result<(), TestCaseError> {
    let policy = policy(c);
    let (_dir, data) = load(c, &policy);
    let plan = match rotaplan::plan::plan(&data, &policy) {
        Ok(plan) => plan,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "plan failed: {e}\n{}",
                shown(c)
            )));
        }
    };
    let best = brute_force(c);
    if !plan.feasible() {
        // Property 3: infeasible only when nothing meets the rules.
        prop_assert!(
            best.is_none(),
            "plan says infeasible: {:?}\nbut {} meets every rule (fills {})\n{}",
            plan.infeasibilities(),
            shown_assignment(&best.as_ref().unwrap().1),
            best.as_ref().unwrap().0,
            shown(c)
        );
        return Ok(());
    }
    // The plan, recounted here.
    let mut a = vec![None; c.teachers.len()];
    for r in &plan.rotations {
        prop_assert!(a[r.teacher].is_none(), "T{} twice\n{}", r.teacher, shown(c));
        prop_assert!(
            r.to_school >= c.sending.len(),
            "T{} sent to {}\n{}",
            r.teacher,
            school_id(c, r.to_school),
            shown(c)
        );
        a[r.teacher] = Some(r.to_school - c.sending.len());
    }
    // Property 1: the auditor agrees.
    let report = audit(&data, &policy, &plan_lines(&data, &plan));
    prop_assert!(
        report.ok && report.violations.is_empty(),
        "plan {} fails audit: {:?}\n{}",
        shown_assignment(&a),
        report.violations,
        shown(c)
    );
    let own = valid(c, &all_rules(c), &a);
    prop_assert!(
        own.is_ok(),
        "plan {} passes audit but breaks a rule as rules.md counts it: {}\n{}",
        shown_assignment(&a),
        own.unwrap_err(),
        shown(c)
    );
    // Property 3, the other way, and property 2.
    let Some((fill, witness)) = best else {
        return Err(TestCaseError::fail(format!(
            "plan {} is feasible but the brute force finds no valid assignment\n{}",
            shown_assignment(&a),
            shown(c)
        )));
    };
    let filled = plan.figures().needs_filled;
    prop_assert_eq!(
        filled,
        plan.rotations.len() as u64,
        "needs_filled is a head count"
    );
    prop_assert!(
        filled >= fill,
        "plan {} fills {} but {} fills {}\n{}",
        shown_assignment(&a),
        filled,
        shown_assignment(&witness),
        fill,
        shown(c)
    );
    prop_assert_eq!(
        filled,
        fill,
        "the plan is valid, so it cannot fill more than the best"
    );
    Ok(())
}

/// `cases`, or `RULES_PROPERTIES_CASES` for a longer search.
fn config(cases: u32) -> Config {
    let cases = std::env::var("RULES_PROPERTIES_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        // This file is the only one the test owns: no regression file.
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(100))]

    /// Random `[[rules]]`, no pins.
    #[test]
    fn random_rules_plan_audit_and_brute_force_agree(c in case(false)) {
        check(&c)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Random `[[rules]]` with `must_rotate` and `assign_to` pins on about
    /// a quarter of the teachers (ineligible ones and rural schools' teachers
    /// included: rules.md "Pins" makes those infeasible).
    #[test]
    fn random_rules_with_pins_plan_audit_and_brute_force_agree(c in case(true)) {
        check(&c)?;
    }
}

// ------------------------------------------------------ fixed pin cases

fn teacher(school: usize, subject: usize, backbone: usize, kind: u8, pin: Pin) -> Teacher {
    Teacher {
        school,
        subject,
        backbone,
        title: 0,
        sex: 0,
        grade: 0,
        kind,
        pin,
    }
}

fn fixed(teachers: Vec<Teacher>, need: Vec<[u32; 2]>, rules: Vec<Rule>) -> Case {
    Case {
        sending: vec![0, 0],
        levels: vec![0; 2 + need.len()],
        rural: vec![0; need.len()],
        teachers,
        need,
        ratio: 1,
        backbone_share: 1,
        scope: 0,
        backbone_titles: false,
        within_group: false,
        max_rotation: None,
        max_subject: None,
        rules,
    }
}

fn run(c: &Case) {
    if let Err(e) = check(c) {
        panic!("{e}");
    }
}

/// Two teachers pinned to R0 语文, which needs one: infeasible.
#[test]
fn pins_beyond_the_need_are_infeasible() {
    let c = fixed(
        vec![
            teacher(0, 0, 0, 0, Pin::AssignTo(0)),
            teacher(1, 0, 1, 0, Pin::AssignTo(0)),
            teacher(1, 0, 1, 0, Pin::Free),
        ],
        vec![[1, 1]],
        vec![],
    );
    assert!(brute_force(&c).is_none());
    run(&c);
}

/// A pinned teacher with too few years: infeasible (rules.md "Pins").
#[test]
fn a_pin_on_an_ineligible_teacher_is_infeasible() {
    let c = fixed(
        vec![
            teacher(0, 0, 1, 5, Pin::MustRotate),
            teacher(1, 0, 1, 0, Pin::Free),
        ],
        vec![[2, 0]],
        vec![],
    );
    assert!(brute_force(&c).is_none());
    run(&c);
    // The `eligible` column overrides: the same pin with eligible = true
    // is honoured.
    let mut c = c;
    c.teachers[0].kind = 7;
    assert!(brute_force(&c).is_some());
    run(&c);
}

/// Pinned teachers count in every rule: two pinned non-backbone teachers
/// under a 50% backbone share need two backbone teachers beside them, and
/// a `max` rule of one non-backbone 语文 teacher cannot hold with two
/// pinned.
#[test]
fn pinned_teachers_count_in_the_rules() {
    let mut c = fixed(
        vec![
            teacher(0, 0, 0, 0, Pin::MustRotate),
            teacher(0, 0, 0, 0, Pin::AssignTo(1)),
            teacher(1, 0, 1, 0, Pin::Free),
            teacher(1, 0, 3, 0, Pin::Free),
            teacher(1, 1, 1, 0, Pin::Free),
            teacher(0, 0, 0, 0, Pin::Free),
        ],
        vec![[2, 1], [2, 0]],
        vec![],
    );
    c.backbone_share = 2; // 1/2
    let best = brute_force(&c).unwrap();
    assert_eq!(best.0, 5, "{}", shown_assignment(&best.1));
    run(&c);
    c.rules.push(Rule {
        name: "非骨干至多一人".into(),
        max: true,
        share: (1, 1),
        written: "1.0",
        of: 2,
        scope: None,
        per_subject: false,
        among: Some(vec![Filter {
            backbone: Some(false),
            subject: Some(0b01),
            ..Filter::default()
        }]),
        who: None,
    });
    // D = 3 non-backbone 语文 staff, share 1: at most 3, still feasible;
    // share 1/3: at most 1, but two are pinned.
    run(&c);
    c.rules[0].share = (1, 3);
    c.rules[0].written = "0.333333333333";
    assert!(brute_force(&c).is_none());
    run(&c);
}

// ------------------------------------------- within_group, found failing

/// The minimal cases the properties found: under `within_group`, teachers
/// whose school's group has no receiving school with a need of their
/// subject cannot rotate, so `rotation_ratio` (at least 1 of their
/// unit's eligible teachers) cannot be met and `plan` must say infeasible
/// (rules.md "Rules": `plan` meets every rule; a contradiction only the
/// data reveal exits 3).
fn within_group_case(scope: usize) -> Case {
    Case {
        sending: vec![0; 2],
        levels: vec![3; 4],
        rural: vec![0, 1],
        teachers: Vec::new(),
        need: Vec::new(),
        ratio: 1,
        backbone_share: 0,
        scope,
        backbone_titles: false,
        within_group: true,
        max_rotation: None,
        max_subject: None,
        rules: Vec::new(),
    }
}

/// S0 (no group) teaches 语文; the only 语文 need is at R1 (group 甲). No
/// move is possible at all.
#[test]
fn within_group_with_no_possible_move_is_infeasible() {
    let mut c = within_group_case(0);
    c.teachers = vec![teacher(0, 0, 0, 0, Pin::Free)];
    c.need = vec![[0, 0], [1, 0]];
    assert!(brute_force(&c).is_none());
    run(&c);
}

/// As above with scope "school", and S1 able to send a 数学 teacher to
/// R0: S0 still cannot meet its own 10%.
#[test]
fn within_group_school_without_a_reachable_need_is_infeasible() {
    let mut c = within_group_case(1);
    c.teachers = vec![
        teacher(1, 1, 0, 0, Pin::Free),
        teacher(0, 0, 0, 0, Pin::Free),
    ];
    c.need = vec![[0, 1], [1, 0]];
    assert!(brute_force(&c).is_none());
    run(&c);
}
