//! Teaching levels (学段) and qualifications (教师资格) of teachers and
//! needs (fit.md "Teaching level"). Which of them a plan must respect is
//! the policy's (`Policy::level_match`); this module only says what the
//! data set states.

use super::{DataSet, Level, RuralNeed, Teacher};

/// A set of the two compulsory teaching levels, 小学 and 初中: the levels
/// a teacher teaches or is qualified for, or that a need takes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Levels(u8);

impl Levels {
    pub const NONE: Levels = Levels(0);
    pub const PRIMARY: Levels = Levels(1);
    pub const JUNIOR: Levels = Levels(2);
    pub const BOTH: Levels = Levels(3);

    /// The levels a school teaches: its `level`, both for a nine-year
    /// school (九年一贯制) or a school without a level.
    pub fn of_school(level: Option<Level>) -> Levels {
        match level {
            Some(Level::Primary) => Levels::PRIMARY,
            Some(Level::Junior) => Levels::JUNIOR,
            Some(Level::NineYear) | None => Levels::BOTH,
        }
    }

    /// One level (a teacher's `section`, a need's `level`); a nine-year
    /// level is both.
    pub fn of(level: Level) -> Levels {
        Levels::of_school(Some(level))
    }

    /// Whether the two sets share a level.
    pub fn meets(self, other: Levels) -> bool {
        self.0 & other.0 != 0
    }

    /// Whether every level of `other` is in this set.
    pub fn covers(self, other: Levels) -> bool {
        self.0 & other.0 == other.0
    }

    /// These levels and those below them (教师资格条例 §5: a certificate
    /// covers its own level and those below): 初中 adds 小学.
    pub fn and_below(self) -> Levels {
        if self.meets(Levels::JUNIOR) {
            Levels::BOTH
        } else {
            self
        }
    }

    /// The levels in either set.
    pub fn or(self, other: Levels) -> Levels {
        Levels(self.0 | other.0)
    }

    /// The levels in both sets.
    pub fn and(self, other: Levels) -> Levels {
        Levels(self.0 & other.0)
    }

    /// The set as an index 0..4 (none, primary, junior, both), for
    /// tables by levels.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The set of an index 0..4 (`index`).
    pub fn from_index(i: usize) -> Levels {
        Levels((i & 3) as u8)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The levels as written in JSON and files: `primary`, `junior`,
    /// `primary+junior`, or `none`.
    pub fn key(self) -> &'static str {
        match self.0 {
            1 => "primary",
            2 => "junior",
            3 => "primary+junior",
            _ => "none",
        }
    }

    /// The levels in Chinese, as bureaus write them: 小学, 初中, 小学、初中
    /// or 无.
    pub fn chinese(self) -> &'static str {
        match self.0 {
            1 => "小学",
            2 => "初中",
            3 => "小学、初中",
            _ => "无",
        }
    }
}

/// 教师资格种类: the kind of teacher's certificate (教师资格条例 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Certificate {
    /// 幼儿园教师资格: covers neither compulsory level.
    Kindergarten,
    /// 小学教师资格.
    Primary,
    /// 初级中学教师资格: covers 初中 and 小学.
    Junior,
    /// 高级中学教师资格: covers 初中 and 小学.
    Senior,
    /// 中等职业学校教师资格: covers 初中 and 小学.
    Vocational,
}

impl Certificate {
    pub const ALL: [Certificate; 5] = [
        Certificate::Kindergarten,
        Certificate::Primary,
        Certificate::Junior,
        Certificate::Senior,
        Certificate::Vocational,
    ];

    /// The compulsory levels the certificate qualifies for.
    pub fn covers(self) -> Levels {
        match self {
            Certificate::Kindergarten => Levels::NONE,
            Certificate::Primary => Levels::PRIMARY,
            Certificate::Junior | Certificate::Senior | Certificate::Vocational => Levels::BOTH,
        }
    }

    /// The name in JSON: `kindergarten`, `primary`, `junior`, `senior`,
    /// `vocational`.
    pub fn key(self) -> &'static str {
        match self {
            Certificate::Kindergarten => "kindergarten",
            Certificate::Primary => "primary",
            Certificate::Junior => "junior",
            Certificate::Senior => "senior",
            Certificate::Vocational => "vocational",
        }
    }

    /// The words a roster writes for it (fit.md), without the suffix
    /// `教师资格`: the first is the national name.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Certificate::Kindergarten => &["幼儿园", "kindergarten"],
            Certificate::Primary => &["小学", "primary"],
            Certificate::Junior => &["初中", "初级中学", "junior"],
            Certificate::Senior => &["高中", "高级中学", "senior"],
            Certificate::Vocational => &["中职", "中等职业学校", "vocational"],
        }
    }

    /// A certificate cell: one of `words`, alone or followed by `教师资格`
    /// (and `证`); English words in any case.
    pub fn parse(cell: &str) -> Option<Certificate> {
        let word = cell.trim();
        let word = word.strip_suffix('证').unwrap_or(word);
        let word = word.strip_suffix("教师资格").unwrap_or(word).trim();
        Certificate::ALL
            .into_iter()
            .find(|c| c.words().iter().any(|w| w.eq_ignore_ascii_case(word)))
    }
}

impl DataSet {
    /// The levels a teacher teaches: `section` when given, else their
    /// school's (both at a nine-year school or one without a level).
    pub fn teacher_levels(&self, t: &Teacher) -> Levels {
        match t.section {
            Some(level) => Levels::of(level),
            None => Levels::of_school(self.schools[t.school].level),
        }
    }

    /// The levels a teacher is qualified for: their certificate's, else
    /// the levels they teach and those below.
    pub fn qualification(&self, t: &Teacher) -> Levels {
        match t.certificate {
            Some(c) => c.covers(),
            None => self.teacher_levels(t).and_below(),
        }
    }

    /// The levels a need takes: its `level`, else its school's (either at
    /// a nine-year school or one without a level).
    pub fn need_levels(&self, need: &RuralNeed) -> Levels {
        match need.level {
            Some(level) => Levels::of(level),
            None => Levels::of_school(self.schools[need.school].level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificates_cover_their_level_and_those_below() {
        assert_eq!(Certificate::Kindergarten.covers(), Levels::NONE);
        assert_eq!(Certificate::Primary.covers(), Levels::PRIMARY);
        for c in [
            Certificate::Junior,
            Certificate::Senior,
            Certificate::Vocational,
        ] {
            assert_eq!(c.covers(), Levels::BOTH);
        }
        assert_eq!(Levels::JUNIOR.and_below(), Levels::BOTH);
        assert_eq!(Levels::PRIMARY.and_below(), Levels::PRIMARY);
    }

    #[test]
    fn certificate_words_with_and_without_the_suffix() {
        for (cell, c) in [
            ("小学", Certificate::Primary),
            ("小学教师资格", Certificate::Primary),
            ("初级中学教师资格证", Certificate::Junior),
            ("高中", Certificate::Senior),
            ("高级中学教师资格", Certificate::Senior),
            ("中等职业学校教师资格", Certificate::Vocational),
            ("中职", Certificate::Vocational),
            ("幼儿园教师资格", Certificate::Kindergarten),
            ("Senior", Certificate::Senior),
        ] {
            assert_eq!(Certificate::parse(cell), Some(c), "{cell}");
        }
        assert_eq!(Certificate::parse("大学"), None);
        assert_eq!(Certificate::parse("教师资格"), None);
    }

    #[test]
    fn level_sets_meet_and_cover() {
        assert!(Levels::BOTH.meets(Levels::PRIMARY));
        assert!(!Levels::PRIMARY.meets(Levels::JUNIOR));
        assert!(Levels::BOTH.covers(Levels::JUNIOR));
        assert!(!Levels::JUNIOR.covers(Levels::BOTH));
        assert_eq!(Levels::of_school(None), Levels::BOTH);
        assert_eq!(Levels::of(Level::NineYear), Levels::BOTH);
    }
}
