//! Property (fit.md "Teaching level"): on random small counties whose
//! schools, teachers and needs carry teaching levels, sections and
//! certificates, no plan under `level_match = "same"` or `"qualified"`
//! places a teacher where their levels do not allow (as this file reads
//! the levels, on its own), and the plan fills as many places as the best
//! assignment a brute-force search over every teacher-by-teacher
//! assignment finds.

use proptest::prelude::*;
mod common;

use common::DataDir;
use rotaplan::domain::DataSet;
use rotaplan::policy::{LevelMatch, Policy, Ratio};

/// A school's level as written in schools.csv, and what it teaches
/// (bit 1 小学, bit 2 初中).
const SCHOOL_LEVELS: [(&str, u8); 4] = [("小学", 1), ("初中", 2), ("九年一贯制", 3), ("", 3)];
/// A teacher's 任教学段 and a need's 学段: empty, 小学, 初中.
const SECTIONS: [(&str, u8); 3] = [("", 0), ("小学", 1), ("初中", 2)];
/// A 教师资格种类 and the levels it covers (教师资格条例 §5).
const CERTIFICATES: [(&str, u8); 6] = [
    ("", 0),
    ("幼儿园", 0),
    ("小学教师资格", 1),
    ("初中", 3),
    ("高级中学", 3),
    ("中职", 3),
];
const SUBJECTS: [&str; 2] = ["数学", "语文"];

#[derive(Debug, Clone)]
struct Case {
    /// Per school: (urban?, level index into SCHOOL_LEVELS).
    schools: Vec<(bool, usize)>,
    /// Per teacher: (school, subject, section, certificate).
    teachers: Vec<(usize, usize, usize, usize)>,
    /// Per need: (school, subject, level index into SECTIONS, count).
    needs: Vec<(usize, usize, usize, u32)>,
    qualified: bool,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((any::<bool>(), 0usize..4), 2..5),
        any::<bool>(),
    )
        .prop_flat_map(|(mut schools, qualified)| {
            schools[0].0 = true; // a sending school
            schools[1].0 = false; // and a receiving one
            let n = schools.len();
            (
                Just(schools),
                prop::collection::vec((0..n, 0usize..2, 0usize..3, 0usize..6), 0..7),
                prop::collection::vec((0..n, 0usize..2, 0usize..3, 1u32..3), 0..4),
                Just(qualified),
            )
        })
        .prop_map(|(schools, teachers, needs, qualified)| Case {
            needs: valid_needs(&schools, needs),
            schools,
            teachers,
            qualified,
        })
}

/// Needs at receiving schools, of a level their school teaches, one row
/// per (school, subject, level).
fn valid_needs(
    schools: &[(bool, usize)],
    needs: Vec<(usize, usize, usize, u32)>,
) -> Vec<(usize, usize, usize, u32)> {
    let mut seen = std::collections::HashSet::new();
    needs
        .into_iter()
        .filter(|&(s, subject, level, _)| {
            let teaches = SCHOOL_LEVELS[schools[s].1].1;
            let level_ok = level == 0 || teaches & SECTIONS[level].1 != 0;
            !schools[s].0 && level_ok && seen.insert((s, subject, level))
        })
        .collect()
}

fn load(c: &Case) -> (tempfile::TempDir, DataSet) {
    let mut s = String::from("id,area,district,level,students\n");
    for (i, (urban, level)) in c.schools.iter().enumerate() {
        let area = if *urban { "urban" } else { "rural" };
        s += &format!("S{i},{area},D,{},300\n", SCHOOL_LEVELS[*level].0);
    }
    let mut t = String::from("id,school,subject,backbone,years_at_school,任教学段,教师资格种类\n");
    for (i, (school, subject, section, certificate)) in c.teachers.iter().enumerate() {
        t += &format!(
            "T{i},S{school},{},true,8,{},{}\n",
            SUBJECTS[*subject], SECTIONS[*section].0, CERTIFICATES[*certificate].0
        );
    }
    let mut n = String::from("school,subject,学段,count\n");
    for (school, subject, level, count) in &c.needs {
        n += &format!(
            "S{school},{},{},{count}\n",
            SUBJECTS[*subject], SECTIONS[*level].0
        );
    }
    let dir = DataDir::tables(&s, &t, &n);
    let data = dir.load();
    (dir.dir, data)
}

/// No ratio binds: the plan is the largest fill the levels allow.
fn policy(c: &Case) -> Policy {
    Policy {
        plan_year: 2026,
        min_rotation_ratio: Ratio::new(0, 1),
        min_backbone_share: Ratio::new(0, 1),
        level_match: if c.qualified {
            LevelMatch::Qualified
        } else {
            LevelMatch::Same
        },
        ..Policy::default()
    }
}

/// The levels a teacher may fill, read here from the case: the section,
/// else the school's levels; under `qualified` the certificate, else those
/// levels and the ones below (初中 adds 小学).
fn reach(c: &Case, t: usize) -> u8 {
    let (school, _, section, certificate) = c.teachers[t];
    let taught = match SECTIONS[section].1 {
        0 => SCHOOL_LEVELS[c.schools[school].1].1,
        level => level,
    };
    if !c.qualified {
        return taught;
    }
    if certificate != 0 {
        return CERTIFICATES[certificate].1;
    }
    if taught & 2 != 0 { 3 } else { taught }
}

/// The levels a need takes: its own, else its school's.
fn need_levels(c: &Case, n: usize) -> u8 {
    let (school, _, level, _) = c.needs[n];
    match SECTIONS[level].1 {
        0 => SCHOOL_LEVELS[c.schools[school].1].1,
        level => level,
    }
}

fn may_fill(c: &Case, t: usize, n: usize) -> bool {
    let (school, subject, _, _) = c.teachers[t];
    c.schools[school].0 && c.needs[n].1 == subject && reach(c, t) & need_levels(c, n) != 0
}

/// The most places any assignment fills, trying every one.
fn brute_force(c: &Case) -> u32 {
    fn go(c: &Case, t: usize, left: &mut Vec<u32>) -> u32 {
        if t == c.teachers.len() {
            return 0;
        }
        let mut best = go(c, t + 1, left);
        for n in 0..c.needs.len() {
            if left[n] > 0 && may_fill(c, t, n) {
                left[n] -= 1;
                best = best.max(1 + go(c, t + 1, left));
                left[n] += 1;
            }
        }
        best
    }
    go(c, 0, &mut c.needs.iter().map(|n| n.3).collect())
}

/// Whether the plan's rows, sent to (school, subject), can each take a
/// place they may fill there: the most rows placed (brute force) is all.
fn rows_placed(c: &Case, rows: &[(usize, usize)]) -> bool {
    fn go(c: &Case, rows: &[(usize, usize)], i: usize, left: &mut Vec<u32>) -> bool {
        let Some(&(t, to)) = rows.get(i) else {
            return true;
        };
        (0..c.needs.len()).any(|n| {
            let ok = c.needs[n].0 == to && left[n] > 0 && may_fill(c, t, n);
            if !ok {
                return false;
            }
            left[n] -= 1;
            let placed = go(c, rows, i + 1, left);
            left[n] += 1;
            placed
        })
    }
    go(c, rows, 0, &mut c.needs.iter().map(|n| n.3).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn plans_stay_within_levels_and_fill_the_most(c in case()) {
        let (_dir, data) = load(&c);
        let plan = rotaplan::plan::plan(&data, &policy(&c)).unwrap();
        prop_assert!(plan.feasible(), "{:?}", plan.infeasibilities());
        let rows: Vec<(usize, usize)> = plan
            .rotations
            .iter()
            .map(|r| (r.teacher, r.to_school))
            .collect();
        // Every row has a place of a level its teacher may fill.
        prop_assert!(rows_placed(&c, &rows), "rows {:?}", rows);
        // And the fill is the best any assignment reaches.
        prop_assert_eq!(rows.len() as u32, brute_force(&c), "rows {:?}", rows);
    }
}
