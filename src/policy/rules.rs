//! The ratio rules as values: one home for every rule a plan must meet.
//!
//! Counties write their rules differently (10% per county beside 15% per
//! school, 30% of graduation-grade teachers, backbone counted among the
//! eligible, ...). `rules.md` writes them all in one form, and so does
//! this module: a `RatioRule` says which teachers of a unit count (the
//! numerator N: rotating teachers matching `among` and `who`), against
//! what (the denominator D: `of` eligible, rotating or staff teachers
//! matching `among`), and the bound (N >= ceil(share x D), or
//! N <= floor(share x D)).
//!
//! The built-in keys of `data-format.md` and `objectives.md`
//! (`min_rotation_ratio`, `min_backbone_share`, `max_rotation_ratio`,
//! `max_subject_share`, `max_leave_share`) are instances of the same type,
//! made by `Policy::rules`, followed by the policy's `[[rules]]`. Every
//! consumer walks that one list: the model builds its rows from it
//! (`model`), the pre-check its bounds (`model::feasibility`), the auditor
//! its own independent count (`audit`), and the reports their lines.
//! Adding a kind of rule is a change here plus its two checks.

use crate::domain::{DataSet, Level, School, Sex, Teacher, Title};
use crate::messages::Message;
use crate::msg;
use crate::policy::{Policy, Ratio};
use std::fmt;

/// Whether a rule sets a floor or a ceiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bound {
    /// N >= ceil(share x D) (不低于).
    Min,
    /// N <= floor(share x D) (不超过); D = 0 requires N = 0.
    Max,
}

/// The denominator of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Of {
    /// Teachers of the unit who are eligible to rotate.
    Eligible,
    /// Teachers of the unit who rotate in the plan.
    Rotating,
    /// Teachers of the unit on the roster, eligible or not.
    Staff,
}

impl Of {
    /// The denominator in a planner's words: `eligible`, `rotating`,
    /// `staff`.
    pub fn word(self) -> Message {
        match self {
            Of::Eligible => msg!("policy-of-eligible"),
            Of::Rotating => msg!("policy-of-rotating"),
            Of::Staff => msg!("policy-of-staff"),
        }
    }
}

/// Over which sending schools a rule is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitScope {
    /// All sending schools of a district together.
    District,
    /// Each sending school on its own.
    School,
    /// The sending schools sharing one `group` (教育集团, 学区); a school
    /// without a group is a group of its own.
    Group,
}

impl UnitScope {
    pub fn parse(text: &str) -> Result<UnitScope, Message> {
        match text {
            "district" => Ok(UnitScope::District),
            "school" => Ok(UnitScope::School),
            "group" => Ok(UnitScope::Group),
            _ => Err(msg!(
                "policy-scope-expected",
                found = crate::read::cell::shown(text)
            )),
        }
    }
}

/// The rules `data-format.md` and `objectives.md` name by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    /// `min_rotation_ratio`: min, of eligible.
    RotationRatio,
    /// `min_backbone_share`: min, backbone among rotating.
    BackboneShare,
    /// `max_rotation_ratio`: max, of eligible.
    MaxRotationRatio,
    /// `max_subject_share`: max, of staff, per school and subject.
    MaxSubjectShare,
    /// `max_leave_share` (objectives.md): max, of eligible, per school.
    MaxLeaveShare,
}

impl Builtin {
    pub const ALL: [Builtin; 5] = [
        Builtin::RotationRatio,
        Builtin::BackboneShare,
        Builtin::MaxRotationRatio,
        Builtin::MaxSubjectShare,
        Builtin::MaxLeaveShare,
    ];

    /// The policy key that sets the rule (`min_rotation_ratio`), for a
    /// message a planner can paste into the policy file (fit.md).
    pub fn key(self) -> &'static str {
        match self {
            Builtin::RotationRatio => "min_rotation_ratio",
            Builtin::BackboneShare => "min_backbone_share",
            other => other.name(),
        }
    }

    /// The policy key that sets the rule named `name`: a built-in rule's
    /// key, else the name itself (a `[[rules]]` entry is set by its name).
    pub fn key_of(name: &str) -> &str {
        Builtin::ALL
            .iter()
            .find(|b| b.name() == name)
            .map_or(name, |b| b.key())
    }

    /// The rule's name in every output (the policy key that sets it is
    /// `min_` + the name for the two binding ratios, the name otherwise).
    pub fn name(self) -> &'static str {
        match self {
            Builtin::RotationRatio => "rotation_ratio",
            Builtin::BackboneShare => "backbone_share",
            Builtin::MaxRotationRatio => "max_rotation_ratio",
            Builtin::MaxSubjectShare => "max_subject_share",
            Builtin::MaxLeaveShare => "max_leave_share",
        }
    }
}

/// Conditions on a teacher, all of which must hold (rules.md "Rules").
/// An empty filter matches everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Backbone as the policy defines it (`Policy::is_backbone`).
    pub backbone: Option<bool>,
    pub title: Option<Vec<Title>>,
    pub sex: Option<Sex>,
    /// Subjects as compared keys (`subject_key`).
    pub subject: Option<Vec<String>>,
    /// Levels of the teacher's school.
    pub level: Option<Vec<Level>>,
    /// A teachers.csv column (its name as written in the rule) and the
    /// values that match, trimmed and NFKC-normalised.
    pub column: Option<(String, Vec<String>)>,
}

/// Any of several filters; no filter at all matches everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who(pub Vec<Filter>);

impl Who {
    /// Everyone.
    pub fn all() -> Who {
        Who(Vec::new())
    }

    pub fn is_all(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `teacher` matches (any filter holds).
    pub fn matches(&self, data: &DataSet, policy: &Policy, teacher: &Teacher) -> bool {
        self.is_all() || self.0.iter().any(|f| f.matches(data, policy, teacher))
    }

    /// The extra teachers.csv columns the filters read.
    pub fn columns(&self) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter_map(|f| f.column.as_ref().map(|(c, _)| c.as_str()))
    }
}

impl Filter {
    /// The short form `{ column = "NAME", values = [...] }` (programme.md
    /// "Who goes first"): the teachers whose column holds one of `values`.
    pub fn of_column(name: &str, values: &[String]) -> Filter {
        Filter {
            column: Some((
                name.trim().to_string(),
                values.iter().map(|v| value_key(v)).collect(),
            )),
            ..Filter::default()
        }
    }

    /// Whether every condition of the filter holds for `teacher`. A
    /// condition on a value the teacher lacks (no sex, no title) does not
    /// hold.
    pub fn matches(&self, data: &DataSet, policy: &Policy, teacher: &Teacher) -> bool {
        let school = &data.schools[teacher.school];
        self.backbone
            .is_none_or(|b| policy.is_backbone(teacher) == b)
            && self
                .title
                .as_ref()
                .is_none_or(|ts| teacher.title.is_some_and(|t| ts.contains(&t)))
            && self.sex.is_none_or(|s| teacher.sex == Some(s))
            && self
                .subject
                .as_ref()
                .is_none_or(|ss| ss.contains(&subject_key(&teacher.subject)))
            && self
                .level
                .as_ref()
                .is_none_or(|ls| school.level.is_some_and(|l| ls.contains(&l)))
            && self.column.as_ref().is_none_or(|(name, values)| {
                data.extra_columns
                    .iter()
                    .position(|c| c == name)
                    .is_some_and(|i| values.iter().any(|v| v == teacher.extra(i)))
            })
    }
}

/// A subject as rules compare it: NFKC, without white space (rosters.md
/// "Values": `语　文`, `语 文` and `语文` are one subject).
pub fn subject_key(subject: &str) -> String {
    crate::domain::key(subject).into_owned()
}

/// A cell value as a `column` filter compares it: trimmed and NFKC.
pub fn value_key(value: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    value.trim().nfkc().collect::<String>().trim().to_string()
}

/// One ratio rule (rules.md "Rules"): in each unit of `scope` (split by
/// subject when `per_subject`), N rotating teachers matching `among` and
/// `who` against D teachers matching `among` that are `of`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatioRule {
    /// The rule's name in every output: a built-in's name, or the
    /// `[[rules]]` entry's.
    pub name: String,
    /// Which built-in this is, `None` for a `[[rules]]` entry.
    pub builtin: Option<Builtin>,
    pub bound: Bound,
    pub share: Ratio,
    pub of: Of,
    pub among: Who,
    pub who: Who,
    pub scope: UnitScope,
    /// The `[[rules]]` entry gave no `scope`: it follows the policy's
    /// (after command-line overrides).
    pub scope_from_policy: bool,
    pub per_subject: bool,
    /// A `max` rule that allows ceil(share x d), not floor: exactly the
    /// required number (`max_rotation_ratio = "required"`, fit.md).
    pub rounds_up: bool,
}

impl RatioRule {
    /// What the bound allows for a denominator of `d`: the least N of a
    /// `min` rule, ceil(share x d); the most of a `max` rule, floor(share
    /// x d), or ceil(share x d) when it `rounds_up`.
    pub fn bound_of(&self, d: u64) -> u64 {
        match self.bound {
            Bound::Min => self.share.ceil_of(d),
            Bound::Max if self.rounds_up => self.share.ceil_of(d),
            Bound::Max => self.share.floor_of(d),
        }
    }

    /// Whether N against D meets the rule, exactly.
    pub fn met(&self, n: u64, d: u64) -> bool {
        match self.bound {
            Bound::Min => n >= self.bound_of(d),
            Bound::Max => n <= self.bound_of(d),
        }
    }

    /// Whether a teacher counts in D (matches `among`).
    pub fn in_denominator(&self, data: &DataSet, policy: &Policy, t: &Teacher) -> bool {
        self.among.matches(data, policy, t)
    }

    /// Whether a rotating teacher counts in N (matches `among` and `who`).
    pub fn in_numerator(&self, data: &DataSet, policy: &Policy, t: &Teacher) -> bool {
        self.among.matches(data, policy, t) && self.who.matches(data, policy, t)
    }

    /// Whether some filter of the rule depends on more than the teacher's
    /// school, subject and backbone flag (which every model group shares).
    pub fn filters_within_groups(&self) -> bool {
        let fine = |f: &Filter| f.title.is_some() || f.sex.is_some() || f.column.is_some();
        self.among.0.iter().chain(&self.who.0).any(fine)
    }

    /// The unit a teacher of `school` teaching `subject` is counted in.
    pub fn unit_of(&self, school: &School, subject: &str) -> Unit {
        let place = match self.scope {
            UnitScope::District => Place::District,
            UnitScope::School => Place::School(school.id.clone()),
            UnitScope::Group if school.group.is_empty() => Place::School(school.id.clone()),
            UnitScope::Group => Place::Group(school.group.clone()),
        };
        Unit {
            district: school.district.clone(),
            place,
            subject: self.per_subject.then(|| subject_key(subject)),
        }
    }

    /// The rule in a planner's words: `rotation_ratio (>= 10% of eligible)`.
    pub fn describe(&self) -> Message {
        let sign = match self.bound {
            Bound::Min => ">=",
            Bound::Max => "<=",
        };
        msg!(
            "policy-rule-describe",
            name = self.name.as_str(),
            sign = sign,
            share = self.share.to_string(),
            of = self.of.word()
        )
    }
}

/// Where in the unit's district a unit is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    District,
    /// A sending school, by id.
    School(String),
    /// An education group, by its `group` value.
    Group(String),
}

/// One place a rule is counted: a district, a school or a group, and the
/// subject with `per_subject`. Ordered by district, place, subject.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Unit {
    pub district: String,
    pub place: Place,
    pub subject: Option<String>,
}

impl fmt::Display for Unit {
    /// `district 大丰`, `school S01`, `group 一集团 (district 大丰)`, with
    /// `, subject 数学` when split by subject.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let district = self.district.as_str();
        let place = match &self.place {
            Place::District if district.is_empty() => msg!("policy-unit-data-set"),
            Place::District => msg!("policy-unit-district", district = district),
            Place::School(id) => msg!("policy-unit-school", school = id),
            Place::Group(g) if district.is_empty() => msg!("policy-unit-group", group = g),
            Place::Group(g) => {
                msg!(
                    "policy-unit-group-in-district",
                    group = g,
                    district = district
                )
            }
        };
        write!(f, "{place}")?;
        if let Some(s) = &self.subject {
            write!(f, "{}", msg!("policy-unit-subject", subject = s))?;
        }
        Ok(())
    }
}

/// The policy file's `[[rules]]` entry as written.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub name: Option<String>,
    pub bound: Option<String>,
    pub share: Option<crate::policy::RatioText>,
    pub of: Option<String>,
    pub among: Option<WhoFile>,
    pub who: Option<WhoFile>,
    pub scope: Option<String>,
    pub per_subject: Option<bool>,
}

/// A filter table, or a list of them.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(untagged)]
pub enum WhoFile {
    One(FilterFile),
    Any(Vec<FilterFile>),
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterFile {
    backbone: Option<bool>,
    title: Option<Vec<String>>,
    sex: Option<String>,
    subject: Option<Vec<String>>,
    level: Option<Vec<String>>,
    column: Option<ColumnFile>,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFile {
    name: String,
    values: Vec<String>,
}

impl RuleFile {
    /// The rule, or what is wrong with it (the message names the rule).
    /// `scope` is the policy's, the default of an entry without one.
    pub fn resolve(&self, index: usize, scope: UnitScope) -> Result<RatioRule, Message> {
        let name = match self.name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            _ => return Err(msg!("policy-rule-needs-name", entry = index + 1)),
        };
        let bad = |what: Message| msg!("policy-rule-named", name = name.as_str(), message = what);
        let bound = match self.bound.as_deref() {
            Some("min") => Bound::Min,
            Some("max") => Bound::Max,
            Some(other) => {
                return Err(bad(msg!("policy-rule-bound-expected", found = other)));
            }
            None => return Err(bad(msg!("policy-rule-needs-bound"))),
        };
        let share = self
            .share
            .as_ref()
            .ok_or_else(|| bad(msg!("policy-rule-needs-share")))?
            .ratio()
            .map_err(&bad)?;
        let of = match self.of.as_deref() {
            Some("eligible") => Of::Eligible,
            Some("rotating") => Of::Rotating,
            Some("staff") => Of::Staff,
            Some(other) => {
                return Err(bad(msg!("policy-rule-of-expected", found = other)));
            }
            None => {
                return Err(bad(msg!("policy-rule-needs-of")));
            }
        };
        let scope_from_policy = self.scope.is_none();
        let scope = match &self.scope {
            Some(s) => UnitScope::parse(s).map_err(&bad)?,
            None => scope,
        };
        let who = |w: &Option<WhoFile>| match w {
            None => Ok(Who::all()),
            Some(WhoFile::One(f)) => Ok(Who(vec![f.resolve().map_err(&bad)?])),
            Some(WhoFile::Any(fs)) if fs.is_empty() => Err(bad(msg!("policy-rule-empty-filters"))),
            Some(WhoFile::Any(fs)) => fs
                .iter()
                .map(|f| f.resolve().map_err(&bad))
                .collect::<Result<Vec<_>, _>>()
                .map(Who),
        };
        Ok(RatioRule {
            builtin: None,
            bound,
            share,
            of,
            among: who(&self.among)?,
            who: who(&self.who)?,
            scope,
            scope_from_policy,
            per_subject: self.per_subject.unwrap_or(false),
            rounds_up: false,
            name,
        })
    }
}

impl FilterFile {
    /// The filter, or what is wrong with it.
    pub fn resolve(&self) -> Result<Filter, Message> {
        let title = self
            .title
            .as_ref()
            .map(|ts| ts.iter().map(|t| title_named(t)).collect::<Result<_, _>>())
            .transpose()?;
        let sex = match self.sex.as_deref() {
            None => None,
            Some("male") => Some(Sex::Male),
            Some("female") => Some(Sex::Female),
            Some(other) => {
                return Err(msg!("policy-sex-expected", found = other));
            }
        };
        let level = self
            .level
            .as_ref()
            .map(|ls| ls.iter().map(|l| level_named(l)).collect::<Result<_, _>>())
            .transpose()?;
        Ok(Filter {
            backbone: self.backbone,
            title,
            sex,
            subject: self
                .subject
                .as_ref()
                .map(|ss| ss.iter().map(|s| subject_key(s)).collect()),
            level,
            column: self.column.as_ref().map(|c| {
                (
                    c.name.trim().to_string(),
                    c.values.iter().map(|v| value_key(v)).collect(),
                )
            }),
        })
    }
}

/// A title as a policy names it: the 2015 names in Chinese or English.
pub fn title_named(text: &str) -> Result<Title, Message> {
    const TITLES: &[(&[&str], Title)] = &[
        (&["正高级", "senior_plus"], Title::SeniorPlus),
        (&["高级", "senior"], Title::Senior),
        (&["一级", "first"], Title::First),
        (&["二级", "second"], Title::Second),
        (&["三级", "third"], Title::Third),
        (&["未定级", "无", "none"], Title::None),
    ];
    let t = text.trim();
    TITLES
        .iter()
        .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(t)))
        .map(|&(_, title)| title)
        .ok_or_else(|| {
            msg!(
                "policy-title-expected",
                found = crate::read::cell::shown(text)
            )
        })
}

fn level_named(text: &str) -> Result<Level, Message> {
    match text.trim() {
        "primary" | "小学" => Ok(Level::Primary),
        "junior" | "初中" => Ok(Level::Junior),
        "nine-year" | "九年一贯制" => Ok(Level::NineYear),
        other => Err(msg!("policy-level-expected", found = other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(text: &str) -> Result<RatioRule, String> {
        let f: RuleFile = toml::from_str(text).map_err(|e| e.to_string())?;
        f.resolve(0, UnitScope::District).map_err(|m| m.to_string())
    }

    #[test]
    fn a_rules_entry_resolves() {
        let r = rule(
            "name = \"毕业年级 30%\"\nbound = \"min\"\nshare = 0.30\nof = \"eligible\"\n\
             among = { column = { name = \"任教年级\", values = [\"九年级\", \"六 年级\"] } }\n\
             who = [{ backbone = true }, { title = [\"高级\"] }]\nscope = \"group\"\n",
        )
        .unwrap();
        assert_eq!(r.share, Ratio::new(3, 10));
        assert_eq!(r.scope, UnitScope::Group);
        assert_eq!(r.who.0.len(), 2);
        assert_eq!(r.who.0[1].title, Some(vec![Title::Senior]));
        assert_eq!(r.bound_of(97), 30, "ceil(0.3 x 97) = ceil(29.1)");
        assert!(r.filters_within_groups());
    }

    #[test]
    fn bounds_are_exact() {
        let mut r = rule("name = \"x\"\nbound = \"max\"\nshare = 0.14\nof = \"staff\"\n").unwrap();
        assert_eq!(r.bound_of(50), 7);
        assert!(r.met(7, 50) && !r.met(8, 50));
        assert!(r.met(0, 0) && !r.met(1, 0), "D = 0 allows N = 0 under max");
        r.bound = Bound::Min;
        assert_eq!(r.bound_of(51), 8);
        assert!(r.met(0, 0), "D = 0 requires nothing under min");
    }

    #[test]
    fn bad_entries_name_the_rule() {
        assert!(
            rule("bound = \"min\"")
                .unwrap_err()
                .contains("needs a `name`")
        );
        let e = rule("name = \"r\"\nbound = \"least\"\nshare = 0.1\nof = \"eligible\"\n");
        assert!(e.unwrap_err().contains("rule `r`"));
        let e = rule("name = \"r\"\nbound = \"min\"\nshare = 0.1\nof = \"all\"\n");
        assert!(e.unwrap_err().contains("of \"eligible\""));
        let e = rule("name = \"r\"\nbound = \"min\"\nshare = 1.2\nof = \"staff\"\n");
        assert!(e.unwrap_err().contains("rule `r`"));
    }

    #[test]
    fn subjects_compare_without_white_space() {
        assert_eq!(subject_key("语\u{3000}文"), "语文");
        assert_eq!(subject_key(" 语 文 "), "语文");
        assert_eq!(value_key(" ＳＣ０１ "), "SC01");
    }
}
