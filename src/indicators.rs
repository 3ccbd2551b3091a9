//! The quality-balance indicators of 优质均衡 (县域义务教育优质均衡发展督导
//! 评估办法, 2017) that rotation moves: per school, teachers per 100
//! students of three kinds, each against a threshold, and per district and
//! level the students-weighted coefficient of variation (差异系数) of each.
//!
//! | indicator | counts | 小学 | 初中 |
//! |---|---|---|---|
//! | backbone | backbone teachers, county level or above | 1.0 | 1.0 |
//! | sports & arts | teachers of 体育, 音乐, 美术 (and 艺术) | 0.9 | 0.9 |
//! | education | teachers above the required degree: 大专+ / 本科+ | 4.2 | 5.3 |
//!
//! A school is graded when it has a level and students. A nine-year school
//! (九年一贯制) is graded as 初中: the standard splits such schools by
//! section, and a data set has one student number per school. Thresholds
//! are compared exactly in integers; the CV is a real number and is
//! compared as one.

use crate::domain::{DataSet, Education, Level};
use crate::policy::Policy;
use std::collections::BTreeMap;

/// One of the three teacher indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    Backbone,
    SportsArts,
    Education,
}

impl Indicator {
    pub const ALL: [Indicator; 3] = [
        Indicator::Backbone,
        Indicator::SportsArts,
        Indicator::Education,
    ];

    /// The name in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Indicator::Backbone => "backbone",
            Indicator::SportsArts => "sports_arts",
            Indicator::Education => "education",
        }
    }

    /// A short label for tables, in the run's language (`backbone`,
    /// 骨干教师).
    pub fn label(self) -> String {
        crate::msg!("indicator-label", indicator = self.key()).to_string()
    }

    /// The standard's name of the indicator.
    pub fn chinese(self) -> &'static str {
        match self {
            Indicator::Backbone => "每百名学生拥有县级以上骨干教师数",
            Indicator::SportsArts => "每百名学生拥有体育、艺术专任教师数",
            Indicator::Education => "每百名学生拥有高于规定学历教师数",
        }
    }

    /// The position in `Counts`.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The two levels the standard grades separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Graded {
    Primary,
    Junior,
}

impl Graded {
    /// Nine-year schools are graded as junior (see the module text).
    pub fn of(level: Level) -> Graded {
        match level {
            Level::Primary => Graded::Primary,
            Level::Junior | Level::NineYear => Graded::Junior,
        }
    }

    /// The name in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Graded::Primary => "primary",
            Graded::Junior => "junior",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Graded::Primary => "小学",
            Graded::Junior => "初中",
        }
    }

    /// The largest coefficient of variation that passes.
    pub fn cv_limit(self) -> f64 {
        match self {
            Graded::Primary => 0.50,
            Graded::Junior => 0.45,
        }
    }

    /// The threshold, in tenths of a teacher per 100 students.
    pub fn threshold_tenths(self, indicator: Indicator) -> u64 {
        match (indicator, self) {
            (Indicator::Backbone, _) => 10,
            (Indicator::SportsArts, _) => 9,
            (Indicator::Education, Graded::Primary) => 42,
            (Indicator::Education, Graded::Junior) => 53,
        }
    }

    /// Whether a teacher with this degree counts as above the degree the
    /// level requires (小学: 大专 and above; 初中: 本科 and above).
    pub fn above_required(self, education: Option<Education>) -> bool {
        let least = match self {
            Graded::Primary => Education::Associate,
            Graded::Junior => Education::Bachelor,
        };
        education.is_some_and(|e| e >= least)
    }

    /// What decides a teacher's kind in the education indicator at either
    /// level: 0 when above the required degree at neither, 1 at 小学 only
    /// (大专), 2 at both (本科 and above). A teacher counts at a school of
    /// level `g` when `g.counts_class(class)` (fit.md "Balance: the
    /// education indicator counts": a teacher who moves between levels
    /// counts by the level of each school).
    pub fn education_class(education: Option<Education>) -> u8 {
        u8::from(Graded::Primary.above_required(education))
            + u8::from(Graded::Junior.above_required(education))
    }

    /// Whether a teacher of education class `class`
    /// (`Graded::education_class`) is above the degree this level requires.
    pub fn counts_class(self, class: u8) -> bool {
        match self {
            Graded::Primary => class >= 1,
            Graded::Junior => class >= 2,
        }
    }
}

/// Whether a subject is one of 体育 and 艺术 (音乐, 美术): compared as
/// subjects are (`data::key`: `体　育` is `体育`, `fine arts` is `finearts`),
/// Chinese names and common English ones (any case).
pub fn is_sports_arts(subject: &str) -> bool {
    const NAMES: &[&str] = &[
        "体育",
        "体育与健康",
        "音乐",
        "美术",
        "艺术",
        "pe",
        "physicaleducation",
        "sports",
        "music",
        "art",
        "arts",
        "finearts",
    ];
    let s = crate::domain::key(subject);
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(&s))
}

/// Whether `count` teachers for `students` students reach `tenths / 10`
/// per 100 students, exactly: count / students * 100 >= tenths / 10.
pub fn meets(count: u64, students: u64, tenths: u64) -> bool {
    u128::from(count) * 1000 >= u128::from(tenths) * u128::from(students)
}

/// The fewest teachers that reach `tenths / 10` per 100 students.
pub fn least_count(students: u64, tenths: u64) -> u64 {
    (tenths.saturating_mul(students)).div_ceil(1000)
}

/// Teachers per 100 students.
pub fn per_hundred(count: u64, students: u64) -> f64 {
    count as f64 * 100.0 / students as f64
}

/// The students-weighted coefficient of variation of `(students, value)`
/// points: X̄ = Σ (P_i / P) X_i, S = sqrt(Σ (P_i / P)(X_i - X̄)²), CV =
/// S / X̄. `None` without students or when X̄ is 0.
pub fn weighted_cv(points: &[(u64, f64)]) -> Option<f64> {
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

/// A school's teachers of each indicator's kind, indexed by `Indicator`.
pub type Counts = [u64; 3];

/// One graded school, before and (with a plan) after the rotation.
#[derive(Debug, Clone)]
pub struct SchoolIndicators {
    pub school: usize,
    pub level: Graded,
    pub students: u64,
    pub before: Counts,
    pub after: Option<Counts>,
}

impl SchoolIndicators {
    pub fn meets(&self, indicator: Indicator, counts: &Counts) -> bool {
        meets(
            counts[indicator.index()],
            self.students,
            self.level.threshold_tenths(indicator),
        )
    }

    pub fn value(&self, indicator: Indicator, counts: &Counts) -> f64 {
        per_hundred(counts[indicator.index()], self.students)
    }
}

/// One indicator's coefficient of variation in one district and level.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Balance {
    pub district: String,
    pub level: Graded,
    pub indicator: Indicator,
    pub schools: usize,
    pub cv_before: Option<f64>,
    pub cv_after: Option<f64>,
    pub limit: f64,
}

impl Balance {
    pub fn passes_before(&self) -> bool {
        self.cv_before.is_some_and(|cv| cv <= self.limit)
    }

    pub fn passes_after(&self) -> Option<bool> {
        self.cv_after.map(|cv| cv <= self.limit)
    }

    /// Whether the plan keeps this CV (objectives.md "Balance"): it passes
    /// its limit after the plan if it passed before, and is not higher
    /// after than before if it failed before. A CV that does not exist
    /// (no teacher of the kind) has nothing to keep.
    pub fn kept(&self) -> bool {
        match (self.cv_before, self.cv_after) {
            (Some(before), Some(after)) if before <= self.limit => after <= self.limit,
            (Some(before), Some(after)) => within(after, before),
            _ => true,
        }
    }

    /// The most the CV may be after the plan and still be kept.
    pub fn allowed(&self) -> Option<f64> {
        self.cv_before
            .map(|b| if b <= self.limit { self.limit } else { b })
    }
}

/// Whether a CV `after` the plan is at most `allowed`, give or take the
/// last bits of floating point: a CV computed again over the same counts
/// in another order (the model's, `model::balance::CvUnit::cv`) differs by
/// about 1e-16, and an unchanged CV is not "higher after than before".
pub fn within(after: f64, allowed: f64) -> bool {
    after <= allowed + 1e-12 * allowed.abs().max(1.0)
}

/// The CVs a plan does not keep: of every indicator computed (backbone,
/// sports and arts, and education when the data set gives it: fit.md
/// "Balance: the education indicator counts").
pub fn not_kept(balance: &[Balance]) -> impl Iterator<Item = &Balance> {
    balance.iter().filter(|b| !b.kept())
}

/// The indicators of a data set, and of a plan over it.
#[derive(Debug, Clone)]
pub struct Indicators {
    /// Graded schools, in data order.
    pub schools: Vec<SchoolIndicators>,
    /// Per district (UTF-8 order), level and indicator.
    pub balance: Vec<Balance>,
    /// Whether any teacher has an `education`: without one the education
    /// indicator is not computed.
    pub education_given: bool,
    /// Schools without a level or students, which are not graded.
    pub ungraded: Vec<usize>,
}

impl Indicators {
    /// The indicators that can be computed from the data set.
    pub fn computed(&self) -> impl Iterator<Item = Indicator> + '_ {
        Indicator::ALL
            .into_iter()
            .filter(|&i| i != Indicator::Education || self.education_given)
    }
}

/// Computes every school's indicators, and with `moves` (teacher index,
/// receiving school index) the same after the rotation, with each rotating
/// teacher counted at the receiving school. Backbone teachers are those
/// the policy counts (`Policy::is_backbone`).
pub fn assess(data: &DataSet, policy: &Policy, moves: Option<&[(usize, usize)]>) -> Indicators {
    let graded: Vec<Option<(Graded, u64)>> = data
        .schools
        .iter()
        .map(|s| match (s.level, s.students) {
            (Some(level), Some(students)) if students > 0 => {
                Some((Graded::of(level), u64::from(students)))
            }
            _ => None,
        })
        .collect();
    let mut destination: Vec<usize> = data.teachers.iter().map(|t| t.school).collect();
    for &(t, to) in moves.unwrap_or_default() {
        if let Some(d) = destination.get_mut(t)
            && to < data.schools.len()
        {
            *d = to;
        }
    }
    let count = |at: &dyn Fn(usize) -> usize| {
        let mut counts = vec![[0u64; 3]; data.schools.len()];
        for (t, teacher) in data.teachers.iter().enumerate() {
            let school = at(t);
            let Some((level, _)) = graded[school] else {
                continue;
            };
            let c = &mut counts[school];
            c[0] += u64::from(policy.is_backbone(teacher));
            c[1] += u64::from(is_sports_arts(&teacher.subject));
            c[2] += u64::from(level.above_required(teacher.education));
        }
        counts
    };
    let before = count(&|t| data.teachers[t].school);
    let after = moves.map(|_| count(&|t| destination[t]));
    let schools: Vec<SchoolIndicators> = graded
        .iter()
        .enumerate()
        .filter_map(|(s, g)| {
            let (level, students) = (*g)?;
            Some(SchoolIndicators {
                school: s,
                level,
                students,
                before: before[s],
                after: after.as_ref().map(|a| a[s]),
            })
        })
        .collect();
    let education_given = data.teachers.iter().any(|t| t.education.is_some());
    let balance = balance(data, &schools, education_given);
    Indicators {
        schools,
        balance,
        education_given,
        ungraded: (0..data.schools.len())
            .filter(|&s| graded[s].is_none())
            .collect(),
    }
}

/// Whether the quality balance is not computed: no school with a level
/// has students (fit.md "A rule never switches off in silence"; `plan`,
/// `compare` and `report` say so in one line).
pub fn balance_not_computed(data: &DataSet) -> bool {
    !data
        .schools
        .iter()
        .any(|s| s.level.is_some() && s.students.is_some_and(|n| n > 0))
}

/// An indicator's largest CV over the districts of one level.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Worst {
    pub level: Graded,
    pub indicator: Indicator,
    pub cv_before: Option<f64>,
    pub cv_after: Option<f64>,
    pub limit: f64,
}

/// Per level and indicator (in that order), the largest CV over the
/// districts, before and after: one line for a whole county or province.
pub fn worst(balance: &[Balance]) -> Vec<Worst> {
    let mut by_key: BTreeMap<(Graded, Indicator), Worst> = BTreeMap::new();
    let max = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    for b in balance {
        let w = by_key.entry((b.level, b.indicator)).or_insert(Worst {
            level: b.level,
            indicator: b.indicator,
            cv_before: None,
            cv_after: None,
            limit: b.limit,
        });
        w.cv_before = max(w.cv_before, b.cv_before);
        w.cv_after = max(w.cv_after, b.cv_after);
    }
    by_key.into_values().collect()
}

fn balance(data: &DataSet, schools: &[SchoolIndicators], education_given: bool) -> Vec<Balance> {
    let mut by_key: BTreeMap<(&str, Graded), Vec<&SchoolIndicators>> = BTreeMap::new();
    for s in schools {
        by_key
            .entry((data.district_of(s.school), s.level))
            .or_default()
            .push(s);
    }
    let mut out = Vec::new();
    for ((district, level), members) in by_key {
        for indicator in Indicator::ALL {
            if indicator == Indicator::Education && !education_given {
                continue;
            }
            let cv = |counts: &dyn Fn(&SchoolIndicators) -> Option<Counts>| {
                let points: Option<Vec<(u64, f64)>> = members
                    .iter()
                    .map(|s| Some((s.students, s.value(indicator, &counts(s)?))))
                    .collect();
                weighted_cv(&points?)
            };
            out.push(Balance {
                district: district.to_string(),
                level,
                indicator,
                schools: members.len(),
                cv_before: cv(&|s| Some(s.before)),
                cv_after: cv(&|s| s.after),
                limit: level.cv_limit(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighted_cv_matches_a_hand_computed_example() {
        // Four schools of 100, 200, 300 and 400 students (P = 1000) with
        // 2, 1, 1.5 and 0.5 teachers per 100 students.
        // X̄ = 0.1*2 + 0.2*1 + 0.3*1.5 + 0.4*0.5 = 0.2 + 0.2 + 0.45 + 0.2 = 1.05
        // deviations: 0.95, -0.05, 0.45, -0.55
        // S² = 0.1*0.9025 + 0.2*0.0025 + 0.3*0.2025 + 0.4*0.3025
        //    = 0.09025 + 0.0005 + 0.06075 + 0.121 = 0.2725
        // CV = sqrt(0.2725) / 1.05 = 0.522015... / 1.05 = 0.497157...
        let cv = weighted_cv(&[(100, 2.0), (200, 1.0), (300, 1.5), (400, 0.5)]).unwrap();
        assert!((cv - 0.2725f64.sqrt() / 1.05).abs() < 1e-12, "{cv}");
        assert!((cv - 0.497_157).abs() < 1e-6, "{cv}");
        // Weighted, not per school: the same values with the sizes swapped
        // give another CV. X̄ = 0.4*2 + 0.3*1 + 0.2*1.5 + 0.1*0.5 = 1.45,
        // S² = 0.4*0.3025 + 0.3*0.2025 + 0.2*0.0025 + 0.1*0.9025 = 0.2725.
        let swapped = weighted_cv(&[(400, 2.0), (300, 1.0), (200, 1.5), (100, 0.5)]).unwrap();
        assert!((swapped - 0.2725f64.sqrt() / 1.45).abs() < 1e-12);
    }

    #[test]
    fn weighted_cv_of_equal_values_is_zero_and_of_nothing_is_none() {
        let equal = weighted_cv(&[(300, 1.2), (50, 1.2), (700, 1.2)]).unwrap();
        assert!(equal.abs() < 1e-12, "{equal}");
        assert_eq!(weighted_cv(&[]), None);
        assert_eq!(weighted_cv(&[(100, 0.0), (200, 0.0)]), None);
    }

    #[test]
    fn thresholds_per_level() {
        use Indicator::*;
        assert_eq!(Graded::Primary.threshold_tenths(Backbone), 10);
        assert_eq!(Graded::Junior.threshold_tenths(Backbone), 10);
        assert_eq!(Graded::Primary.threshold_tenths(SportsArts), 9);
        assert_eq!(Graded::Junior.threshold_tenths(SportsArts), 9);
        assert_eq!(Graded::Primary.threshold_tenths(Education), 42);
        assert_eq!(Graded::Junior.threshold_tenths(Education), 53);
        assert_eq!(Graded::Primary.cv_limit(), 0.50);
        assert_eq!(Graded::Junior.cv_limit(), 0.45);
        assert_eq!(Graded::of(Level::NineYear), Graded::Junior);
        // 4.2 per 100 at 500 students is exactly 21 teachers.
        assert!(meets(21, 500, 42));
        assert!(!meets(20, 500, 42));
        assert_eq!(least_count(500, 42), 21);
        // 5.3 per 100 at 500 students is 26.5: 27 teachers.
        assert!(!meets(26, 500, 53));
        assert!(meets(27, 500, 53));
        assert_eq!(least_count(500, 53), 27);
        // 0.9 per 100 at 1000 students is 9; 1.0 per 100 at 250 is 2.5.
        assert!(meets(9, 1000, 9) && !meets(8, 1000, 9));
        assert_eq!(least_count(250, 10), 3);
    }

    #[test]
    fn required_degree_per_level() {
        use Education::*;
        assert!(!Graded::Primary.above_required(Some(Secondary)));
        assert!(Graded::Primary.above_required(Some(Associate)));
        assert!(!Graded::Junior.above_required(Some(Associate)));
        assert!(Graded::Junior.above_required(Some(Bachelor)));
        assert!(Graded::Junior.above_required(Some(Doctor)));
        assert!(!Graded::Primary.above_required(None));
    }

    #[test]
    fn education_classes_count_by_the_level_of_the_school() {
        use Education::*;
        for e in [
            None,
            Some(BelowSecondary),
            Some(Secondary),
            Some(Associate),
            Some(Bachelor),
            Some(Master),
            Some(Doctor),
        ] {
            let class = Graded::education_class(e);
            for g in [Graded::Primary, Graded::Junior] {
                assert_eq!(g.counts_class(class), g.above_required(e), "{e:?} {g:?}");
            }
        }
        assert_eq!(Graded::education_class(Some(Associate)), 1);
        assert_eq!(Graded::education_class(Some(Bachelor)), 2);
    }

    #[test]
    fn sports_and_arts_subjects() {
        for s in [
            "体育",
            " 音乐 ",
            "美术",
            "Music",
            "PE",
            "艺术",
            "体\u{3000}育",
            "Fine Arts",
        ] {
            assert!(is_sports_arts(s), "{s}");
        }
        for s in ["语文", "数学", "科学", "信息技术"] {
            assert!(!is_sports_arts(s), "{s}");
        }
    }
}
