//! The rotation policy (`policy.toml` plus command-line overrides) and the
//! exact ratio arithmetic the rules are judged by.
//!
//! Ratios arrive as decimal text ("0.14", or a TOML float whose shortest
//! decimal spelling is that text) and are kept as exact fractions, so that
//! "at least 14% of 50" is 7 and never 7.000000000000001 rounded up to 8.

pub mod in_force;
pub mod priority;
pub mod retirement;
pub mod rules;
pub mod year;

use crate::domain::{Area, Backbone, DataSet, Levels, School, Teacher, Title};
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;
use crate::policy::retirement::Retirement;
use crate::policy::rules::{Bound, Builtin, Of, RatioRule, RuleFile, Who};
use chrono::NaiveDate;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

/// An exact fraction `num / den` in [0, 1], parsed from decimal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    pub const fn new(num: u64, den: u64) -> Ratio {
        Ratio { num, den }
    }

    /// Parses `0.1`, `.25`, `1`, `12.5%` or `１０%` exactly; a value outside
    /// [0, 1] or more than 12 decimals is an error.
    pub fn parse(text: &str) -> Result<Ratio, Message> {
        let normal = crate::read::cell::ascii_digits(text.trim());
        let (digits, scale) = match normal.strip_suffix('%') {
            Some(p) => (p.trim(), 100u64),
            None => (&*normal, 1u64),
        };
        let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let valid = !(whole.is_empty() && frac.is_empty())
            && whole.chars().all(|c| c.is_ascii_digit())
            && frac.chars().all(|c| c.is_ascii_digit())
            && frac.len() <= 12
            && whole.len() <= 6;
        if !valid {
            return Err(msg!(
                "policy-ratio-not-decimal",
                found = crate::read::cell::shown(text)
            ));
        }
        let den = 10u64.pow(frac.len() as u32) * scale;
        let num = format!("{whole}{frac}").parse::<u64>().unwrap_or(0);
        let ratio = Ratio { num, den }.reduced();
        if ratio.num > ratio.den {
            return Err(msg!(
                "policy-ratio-out-of-range",
                found = crate::read::cell::shown(text)
            ));
        }
        Ok(ratio)
    }

    /// Exact from a TOML float: its shortest round-trip decimal spelling is
    /// the text the planner wrote.
    pub fn from_f64(value: f64) -> Result<Ratio, Message> {
        if !value.is_finite() {
            return Err(msg!(
                "policy-ratio-out-of-range",
                found = crate::read::cell::shown(&value.to_string())
            ));
        }
        Ratio::parse(&format!("{value}"))
    }

    fn reduced(self) -> Ratio {
        let g = gcd(self.num, self.den).max(1);
        Ratio {
            num: self.num / g,
            den: self.den / g,
        }
    }

    pub fn num(self) -> u64 {
        self.num
    }

    pub fn den(self) -> u64 {
        self.den
    }

    /// ceil(self * n), exactly.
    pub fn ceil_of(self, n: u64) -> u64 {
        let product = self.num as u128 * n as u128;
        product.div_ceil(self.den as u128) as u64
    }

    /// floor(self * n), exactly.
    pub fn floor_of(self, n: u64) -> u64 {
        (self.num as u128 * n as u128 / self.den as u128) as u64
    }

    /// Whether `part / whole >= self`, exactly (true when `whole` is 0).
    pub fn met_by(self, part: u64, whole: u64) -> bool {
        part as u128 * self.den as u128 >= self.num as u128 * whole as u128
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> std::cmp::Ordering {
        (self.num as u128 * other.den as u128).cmp(&(other.num as u128 * self.den as u128))
    }
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl fmt::Display for Ratio {
    /// As a percentage with as many decimals as it needs: `10%`, `12.5%`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundred = self.num as u128 * 100;
        let whole = hundred / self.den as u128;
        let mut rest = hundred % self.den as u128;
        write!(f, "{whole}")?;
        if rest != 0 {
            write!(f, ".")?;
            for _ in 0..6 {
                rest *= 10;
                write!(f, "{}", rest / self.den as u128)?;
                rest %= self.den as u128;
                if rest == 0 {
                    break;
                }
            }
        }
        write!(f, "%")
    }
}

/// Over what the built-in ratios are counted, and the default of a
/// `[[rules]]` entry without a `scope`: "district", "school" or "group".
pub type Scope = crate::policy::rules::UnitScope;

/// The cool-down after a past rotation (policy key `cooldown_years`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cooldown {
    /// A rotation in `history.csv` in a year after `plan_year - n` makes a
    /// teacher ineligible.
    Years(u32),
    /// `"ever"`: any row in `history.csv` does.
    Ever,
}

/// `balance_node_limit`'s default: on the hard county of `tests/cases` the
/// harm stage under it takes about as long as it did under the old two
/// seconds (docs/performance.md).
pub const DEFAULT_BALANCE_NODES: u64 = 500;

/// The shortest solver time limit accepted, in seconds.
const MIN_TIME_LIMIT: f64 = 0.01;

/// An eligibility key a policy file set, where it set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetKey {
    /// `min_years_at_school`, `max_age`, ...
    pub key: &'static str,
    /// The policy file as given.
    pub file: String,
    pub line: Option<u64>,
}

/// The resolved policy every command works from.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub min_rotation_ratio: Ratio,
    pub min_backbone_share: Ratio,
    pub scope: Scope,
    pub min_years_at_school: u32,
    pub max_age: Option<u32>,
    /// The calendar year the rotation starts (school year
    /// `plan_year`-`plan_year + 1`).
    pub plan_year: i64,
    /// The day ages, years and exemptions are measured; `None` is 31
    /// August of `plan_year` (see `as_of()`).
    pub as_of: Option<NaiveDate>,
    pub cooldown: Cooldown,
    /// Teachers off the establishment (编外) are not eligible (default true).
    pub established_only: bool,
    /// Age limits by sex, used instead of `max_age` when the sex is known.
    pub max_age_male: Option<u32>,
    pub max_age_female: Option<u32>,
    /// Not eligible when retiring before `as_of` plus this many years.
    pub min_years_to_retirement: Option<u32>,
    pub retirement: Retirement,
    /// The least `backbone` level that counts as backbone (default county).
    pub backbone_min_level: Backbone,
    /// Titles that also make a teacher backbone.
    pub backbone_titles: Vec<Title>,
    /// The eligibility keys a policy file set to a value that applies a
    /// rule, with where: such a rule must find its columns (fit.md "A rule
    /// never switches off in silence").
    pub set_in_file: Vec<SetKey>,
    /// At most this share of a district's (or school's) eligible teachers
    /// rotate; `None` is no cap.
    pub max_rotation_ratio: Option<Ratio>,
    /// `max_rotation_ratio = "required"`: at most the rotations
    /// `min_rotation_ratio` requires, ceil(share x E) (fit.md "The smallest
    /// share and exactly the required number"); `max_rotation_ratio` is
    /// then `None`.
    pub max_rotation_required: bool,
    /// At most this share of a sending school's teachers of one subject may
    /// leave (rounded down); `None` is no cap.
    pub max_subject_share: Option<Ratio>,
    /// At most this share of a sending school's eligible teachers leave
    /// (objectives.md); `None` is no cap.
    pub max_leave_share: Option<Ratio>,
    /// The `[[rules]]` entries, in file order (the built-in rules are
    /// made from the keys above: see `rules()`).
    pub rules: Vec<RatioRule>,
    /// `receivers` has "weak": weak schools that are not quality schools
    /// receive teachers (and send none).
    pub receive_weak: bool,
    /// Teachers go only to receiving schools of their school's group.
    pub within_group: bool,
    /// What town schools (镇区) count as: rural (the default) or urban.
    pub town_area: Area,
    /// After the fill, make the largest share of one sending school's
    /// eligible teachers that leaves as small as the fill allows
    /// (objectives.md; default true).
    pub spread: bool,
    /// What the plan does about the 优质均衡 balance: report the CVs it
    /// does not keep (the default), keep them, or also lower them
    /// (objectives.md `balance`).
    pub balance: BalanceGoal,
    /// Seconds HiGHS may spend on each stage of a district's model; `None`
    /// (the default) is no wall-clock limit (objectives.md "Same input,
    /// same plan"): set, the plan may differ from run to run.
    pub time_limit_seconds: Option<f64>,
    /// Under `balance` "keep" or "improve", seconds each MILP of a
    /// district's stages may take (at most `time_limit_seconds`); `None`
    /// (the default) is none: those MILPs stop at `balance_node_limit`
    /// instead, which gives the same plan on any machine.
    pub balance_time_limit_seconds: Option<f64>,
    /// Under `balance` "keep" or "improve", the branch-and-bound nodes each
    /// MILP of a district's stages may explore (HiGHS `mip_max_nodes`): a
    /// deterministic limit. A stage stopped there is reported "node limit,
    /// not proven optimal".
    pub balance_node_limit: u64,
    /// After filling needs, prefer plans that lift receiving schools to
    /// the backbone and sports-and-arts thresholds and keep sending schools
    /// above them (see `indicators` and the README).
    pub improve_indicators: bool,
    /// Which teachers may fill a need of a level (fit.md "Teaching level";
    /// default `Same`).
    pub level_match: LevelMatch,
    /// `term_years` (programme.md): the school years a rotation of the
    /// plan being made lasts, or a transfer; default one year.
    pub term: crate::domain::Term,
    /// `refill_returns` (programme.md): each teacher returning this year
    /// adds a place of need at the school they leave.
    pub refill_returns: bool,
    /// `priority` (programme.md "Who goes first"), in order.
    pub priority: Vec<priority::Priority>,
    /// `must_rotate_after_years` (programme.md "Must rotate"): an eligible
    /// teacher with at least this many years at the school is pinned
    /// `must_rotate`.
    pub must_rotate_after_years: Option<u32>,
    /// `principals` (principals.md "Policy"): plan principal moves after
    /// the teachers' rotation; 副校长 then leave the teachers' rotation.
    pub principals: bool,
    /// `principal_max_years` (default 10, two terms): a candidate with at
    /// least this many years in the post must move.
    pub principal_max_years: u32,
    /// `principal_min_years` (default 6): a principal may move after this
    /// many years in the post.
    pub principal_min_years: u32,
    /// `vice_min_years` (default 3): a vice principal may take a principal
    /// post after this many years in the post.
    pub vice_min_years: u32,
    /// The keys the policy file and the command line set (`Policy::load`),
    /// for `in_force` (the workbook's sheet 政策); a key not listed has its
    /// default.
    pub set_by: Vec<(&'static str, in_force::Source)>,
}

impl Policy {
    /// The need levels a teacher may fill under `level_match`: the levels
    /// they teach (`same`), those they are qualified for (`qualified`), or
    /// both (`any`).
    pub fn level_reach(&self, data: &DataSet, t: &Teacher) -> Levels {
        match self.level_match {
            LevelMatch::Same => data.teacher_levels(t),
            LevelMatch::Qualified => data.qualification(t),
            LevelMatch::Any => Levels::BOTH,
        }
    }

    /// A teacher's term: teachers.csv's `term_years`, else the policy's
    /// (programme.md "Terms, returns and transfers").
    pub fn term_of(&self, t: &Teacher) -> crate::domain::Term {
        t.term().unwrap_or(self.term)
    }

    /// The seconds each stage of a district may take, when a wall-clock
    /// limit is set: with CVs to keep (`balance` "keep" or "improve"),
    /// `balance_time_limit_seconds` when lower. `None` by default.
    pub fn stage_time_limit(&self, keeps_cvs: bool) -> Option<f64> {
        let balance = self.balance_time_limit_seconds.filter(|_| keeps_cvs);
        match (self.time_limit_seconds, balance) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether a wall-clock limit is set, so that the plan may differ from
    /// run to run (objectives.md "Same input, same plan").
    pub fn timed(&self) -> bool {
        self.time_limit_seconds.is_some()
            || (self.balance != BalanceGoal::Report && self.balance_time_limit_seconds.is_some())
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_rotation_ratio: Ratio::new(1, 10),
            min_backbone_share: Ratio::new(1, 5),
            scope: Scope::District,
            min_years_at_school: 6,
            max_age: None,
            plan_year: default_plan_year(),
            as_of: None,
            cooldown: Cooldown::Years(3),
            established_only: true,
            max_age_male: None,
            max_age_female: None,
            min_years_to_retirement: None,
            retirement: Retirement::Statutory,
            backbone_min_level: Backbone::County,
            backbone_titles: Vec::new(),
            set_in_file: Vec::new(),
            max_rotation_ratio: None,
            max_rotation_required: false,
            max_subject_share: None,
            max_leave_share: None,
            rules: Vec::new(),
            receive_weak: false,
            within_group: false,
            town_area: Area::Rural,
            spread: true,
            balance: BalanceGoal::Report,
            time_limit_seconds: None,
            balance_time_limit_seconds: None,
            balance_node_limit: DEFAULT_BALANCE_NODES,
            improve_indicators: false,
            level_match: LevelMatch::Same,
            term: crate::domain::Term::Years(1),
            refill_returns: false,
            priority: Vec::new(),
            must_rotate_after_years: None,
            principals: false,
            principal_max_years: 10,
            principal_min_years: 6,
            vice_min_years: 3,
            set_by: Vec::new(),
        }
    }
}

/// Policy key `level_match` (fit.md "Teaching level"): which teachers may
/// fill a need of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelMatch {
    /// The teacher's levels and the need's share one (the default).
    #[default]
    Same,
    /// The teacher's qualification (certificate, else the levels taught
    /// and those below) covers the need's level.
    Qualified,
    /// No condition (data-format.md).
    Any,
}

impl LevelMatch {
    pub const ALL: [LevelMatch; 3] = [LevelMatch::Same, LevelMatch::Qualified, LevelMatch::Any];

    /// The value of the policy key.
    pub fn name(self) -> &'static str {
        match self {
            LevelMatch::Same => "same",
            LevelMatch::Qualified => "qualified",
            LevelMatch::Any => "any",
        }
    }

    /// A value of the key, `None` for another word.
    pub fn parse(text: &str) -> Option<LevelMatch> {
        LevelMatch::ALL
            .into_iter()
            .find(|m| m.name() == text.trim())
    }
}

/// What the plan does about the 优质均衡 balance (objectives.md `balance`):
/// the CVs of backbone and sports-and-arts teachers per 100 students, per
/// district and school level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BalanceGoal {
    /// The objective is unchanged; every CV not kept is reported.
    #[default]
    Report,
    /// First the least harm to the CVs, then the usual stages.
    Keep,
    /// As `Keep`, and after the fill (and spread) the CVs as low as the
    /// earlier stages allow, before the distance.
    Improve,
}

impl BalanceGoal {
    /// The value of the policy key `balance`.
    pub fn name(self) -> &'static str {
        match self {
            BalanceGoal::Report => "report",
            BalanceGoal::Keep => "keep",
            BalanceGoal::Improve => "improve",
        }
    }
}

/// The policy file as written: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    min_rotation_ratio: Option<RatioText>,
    min_backbone_share: Option<RatioText>,
    scope: Option<String>,
    min_years_at_school: Option<u32>,
    max_age: Option<u32>,
    plan_year: Option<i64>,
    as_of: Option<DateText>,
    cooldown_years: Option<CooldownText>,
    established_only: Option<bool>,
    max_age_male: Option<u32>,
    max_age_female: Option<u32>,
    min_years_to_retirement: Option<u32>,
    retirement: Option<RetirementText>,
    backbone_min_level: Option<String>,
    backbone_titles: Option<Vec<String>>,
    max_rotation_ratio: Option<RatioText>,
    max_subject_share: Option<RatioText>,
    max_leave_share: Option<RatioText>,
    rules: Option<Vec<RuleFile>>,
    receivers: Option<Vec<String>>,
    within_group: Option<bool>,
    town_area: Option<String>,
    spread: Option<bool>,
    balance: Option<String>,
    time_limit_seconds: Option<f64>,
    balance_time_limit_seconds: Option<f64>,
    balance_node_limit: Option<u64>,
    improve_indicators: Option<bool>,
    level_match: Option<String>,
    term_years: Option<CooldownText>,
    refill_returns: Option<bool>,
    priority: Option<Vec<priority::PriorityFile>>,
    must_rotate_after_years: Option<u32>,
    principals: Option<bool>,
    principal_max_years: Option<u32>,
    principal_min_years: Option<u32>,
    vice_min_years: Option<u32>,
    /// A scenario's label in `compare`; ignored elsewhere.
    name: Option<String>,
}

/// A ratio in TOML: a number (`0.10`) or text (`"10%"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RatioText {
    Number(f64),
    Text(String),
}

/// `as_of` in TOML: a date (`2027-08-31`) or text (`"2027-08-31"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum DateText {
    Date(toml::value::Datetime),
    Text(String),
}

impl DateText {
    fn date(&self) -> Result<NaiveDate, Message> {
        let text = match self {
            DateText::Date(d) => d.to_string(),
            DateText::Text(t) => t.trim().to_string(),
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map_err(|_| msg!("policy-date-expected", found = text))
    }
}

/// `cooldown_years`: whole years, or `"ever"`; also `term_years`: whole
/// years, or `"transfer"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum CooldownText {
    Years(u32),
    Text(String),
}

/// `retirement`: `"statutory"`, or `{ male = 60, female = 55 }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RetirementText {
    Text(String),
    Fixed { male: u32, female: u32 },
}

impl RatioText {
    /// The exact ratio, or what is wrong with it.
    pub fn ratio(&self) -> Result<Ratio, Message> {
        match self {
            RatioText::Number(v) => Ratio::from_f64(*v),
            RatioText::Text(t) => Ratio::parse(t),
        }
    }
}

/// Command-line values that win over the policy file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub ratio: Option<String>,
    pub backbone_share: Option<String>,
    pub scope: Option<String>,
    /// `--plan-year`: the year the rotation starts.
    pub plan_year: Option<i64>,
    /// `--improve-indicators`: on when given, else the file decides.
    pub improve_indicators: bool,
    /// `--level-match`.
    pub level_match: Option<String>,
}

impl Policy {
    /// The defaults, overlaid by the policy file (when given), overlaid by
    /// the command line.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Policy, crate::Error> {
        let (mut policy, source, text) = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
                let source = path.display().to_string();
                let policy = Policy::default().overlay_toml(&source, &text)?.0;
                (policy, source, Some(text))
            }
            None => (
                Policy::default(),
                msg!("policy-source-command-line").to_string(),
                None,
            ),
        };
        if let Some(table) = text.as_deref().and_then(|t| t.parse::<toml::Table>().ok()) {
            for key in in_force::KEYS.iter().filter(|k| table.contains_key(**k)) {
                policy.set_by.push((key, in_force::Source::File));
            }
        }
        let flags = [
            ("ratio", overrides.ratio.is_some()),
            ("backbone_share", overrides.backbone_share.is_some()),
            ("scope", overrides.scope.is_some()),
            ("plan_year", overrides.plan_year.is_some()),
            ("improve_indicators", overrides.improve_indicators),
            ("level_match", overrides.level_match.is_some()),
        ];
        for (flag, _) in flags.iter().filter(|(_, given)| *given) {
            if let Some(key) = in_force::key_of_flag(flag) {
                policy.set_by.push((key, in_force::Source::CommandLine));
            }
        }
        policy.apply(overrides)?;
        policy.checked(&source, text.as_deref()).map_err(|mut e| {
            // A value from the command line is part of the conflict.
            if let Some(r) = overrides
                .ratio
                .as_deref()
                .filter(|_| e.message.to_string().contains("min_rotation_ratio"))
            {
                e.message = msg!(
                    "policy-from-ratio-flag",
                    message = e.message.clone(),
                    ratio = r
                );
            }
            e.into()
        })
    }

    /// Parses a policy file's text over the defaults; `file` names it in
    /// errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Policy, InputError> {
        let (policy, _) = Policy::default().overlay_toml(file, text)?;
        policy
            .check()
            .map_err(|(key, m)| InputError::new(file, m).key(key))?;
        Ok(policy)
    }

    /// The keys of a policy file (or scenario) laid over `self`, and the
    /// file's `name` when it has one. Rules between keys are not checked
    /// here: call `checked` once every layer is on.
    pub fn overlay_toml(
        &self,
        file: &str,
        text: &str,
    ) -> Result<(Policy, Option<String>), InputError> {
        let raw: PolicyFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| {
                let before = &text.as_bytes()[..s.start.min(text.len())];
                before.iter().filter(|&&b| b == b'\n').count() as u64 + 1
            });
            let typed = line.and_then(|n| text.lines().nth(n as usize - 1));
            let message = typed.and_then(plain_mistake).unwrap_or_else(|| {
                msg!(
                    "policy-parser-says",
                    message =
                        crate::messages::quoted_value(&plain_type_names(e.message().trim_end()))
                            .as_str()
                )
            });
            let mut err = InputError::new(file, message);
            // A value of the wrong type: its line reads `key = value`.
            let key = line
                .and_then(|n| text.lines().nth(n as usize - 1))
                .and_then(|l| l.split_once('='))
                .map(|(k, _)| k.trim())
                .filter(|k| {
                    // A key, not a pasted page (the message quotes the
                    // parser's words, cut, papers.md "What a message may
                    // hold").
                    (1..=64).contains(&k.len())
                        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                });
            if let Some(key) = key {
                err = err.key(key);
            }
            err.line = line;
            err
        })?;
        let bad = |key: &str, message: Message| {
            let mut err = InputError::new(file, message).key(key);
            err.line = key_line(text, key);
            err
        };
        let ratio = |key: &str, value: &RatioText| value.ratio().map_err(|m| bad(key, m));
        let mut p = self.clone();
        if let Some(v) = &raw.min_rotation_ratio {
            p.min_rotation_ratio = ratio("min_rotation_ratio", v)?;
        }
        if let Some(v) = &raw.min_backbone_share {
            p.min_backbone_share = ratio("min_backbone_share", v)?;
        }
        if let Some(v) = &raw.scope {
            p.scope = Scope::parse(v).map_err(|m| bad("scope", m))?;
        }
        if let Some(v) = &raw.max_rotation_ratio {
            let required = matches!(v, RatioText::Text(t) if t.trim() == "required");
            p.max_rotation_required = required;
            p.max_rotation_ratio = if required {
                None
            } else {
                // A word that is no ratio: "required" is the other value.
                Some(v.ratio().map_err(|m| {
                    bad(
                        "max_rotation_ratio",
                        match v {
                            RatioText::Text(t) if !t.contains(|c: char| c.is_ascii_digit()) => {
                                msg!("policy-max-ratio-expected", found = t.as_str())
                            }
                            _ => m,
                        },
                    )
                })?)
            };
        }
        if let Some(v) = &raw.max_subject_share {
            p.max_subject_share = Some(ratio("max_subject_share", v)?);
        }
        if let Some(v) = &raw.max_leave_share {
            p.max_leave_share = Some(ratio("max_leave_share", v)?);
        }
        if let Some(v) = &raw.as_of {
            p.as_of = Some(v.date().map_err(|m| bad("as_of", m))?);
        }
        match &raw.cooldown_years {
            None => {}
            Some(CooldownText::Years(n)) => p.cooldown = Cooldown::Years(*n),
            Some(CooldownText::Text(t)) if t == "ever" => p.cooldown = Cooldown::Ever,
            Some(CooldownText::Text(t)) => {
                return Err(bad(
                    "cooldown_years",
                    msg!("policy-cooldown-expected", found = t),
                ));
            }
        }
        match &raw.term_years {
            None => {}
            Some(CooldownText::Years(n)) if *n >= 1 => p.term = crate::domain::Term::Years(*n),
            Some(CooldownText::Text(t)) if t == "transfer" => {
                p.term = crate::domain::Term::Transfer;
            }
            Some(other) => {
                let found = match other {
                    CooldownText::Years(n) => n.to_string(),
                    CooldownText::Text(t) => t.clone(),
                };
                return Err(bad(
                    "term_years",
                    msg!("policy-term-expected", found = found),
                ));
            }
        }
        if let Some(v) = raw.refill_returns {
            p.refill_returns = v;
        }
        if let Some(n) = raw.must_rotate_after_years {
            p.must_rotate_after_years = Some(n);
        }
        if let Some(v) = raw.principals {
            p.principals = v;
        }
        if let Some(n) = raw.principal_max_years {
            p.principal_max_years = n;
        }
        if let Some(n) = raw.principal_min_years {
            p.principal_min_years = n;
        }
        if let Some(n) = raw.vice_min_years {
            p.vice_min_years = n;
        }
        if let Some(stages) = &raw.priority {
            p.priority = stages
                .iter()
                .map(priority::PriorityFile::resolve)
                .collect::<Result<_, _>>()
                .map_err(|m| bad("priority", m))?;
        }
        match &raw.retirement {
            None => {}
            Some(RetirementText::Text(t)) if t == "statutory" => {
                p.retirement = Retirement::Statutory;
            }
            Some(RetirementText::Text(t)) => {
                return Err(bad(
                    "retirement",
                    msg!("policy-retirement-expected", found = t),
                ));
            }
            Some(RetirementText::Fixed { male, female }) => {
                p.retirement = Retirement::Fixed {
                    male: *male,
                    female: *female,
                };
            }
        }
        if let Some(level) = &raw.backbone_min_level {
            p.backbone_min_level = Backbone::from_name(level)
                .filter(|&b| b != Backbone::None)
                .ok_or_else(|| {
                    bad(
                        "backbone_min_level",
                        msg!("policy-backbone-level-expected", found = level),
                    )
                })?;
        }
        if let Some(titles) = &raw.backbone_titles {
            p.backbone_titles = titles
                .iter()
                .map(|t| crate::policy::rules::title_named(t))
                .collect::<Result<_, _>>()
                .map_err(|m| bad("backbone_titles", m))?;
        }
        if let Some(receivers) = &raw.receivers {
            p.receive_weak = false;
            for r in receivers {
                match r.as_str() {
                    "rural" => {}
                    "weak" => p.receive_weak = true,
                    other => {
                        return Err(bad(
                            "receivers",
                            msg!("policy-receivers-expected", found = other),
                        ));
                    }
                }
            }
            if !receivers.iter().any(|r| r == "rural") {
                return Err(bad("receivers", msg!("policy-receivers-need-rural")));
            }
        }
        p.min_years_at_school = raw.min_years_at_school.unwrap_or(p.min_years_at_school);
        p.max_age = raw.max_age.or(p.max_age);
        p.max_age_male = raw.max_age_male.or(p.max_age_male);
        p.max_age_female = raw.max_age_female.or(p.max_age_female);
        p.min_years_to_retirement = raw.min_years_to_retirement.or(p.min_years_to_retirement);
        p.established_only = raw.established_only.unwrap_or(p.established_only);
        // The keys set here to a value that applies a rule (a value that
        // applies none needs no column: 0 years, false, no titles).
        // (key, set in this file, to a value that applies a rule)
        let set = [
            (
                "min_years_at_school",
                raw.min_years_at_school.is_some(),
                raw.min_years_at_school.is_some_and(|y| y > 0),
            ),
            ("max_age", raw.max_age.is_some(), true),
            ("max_age_male", raw.max_age_male.is_some(), true),
            ("max_age_female", raw.max_age_female.is_some(), true),
            (
                "min_years_to_retirement",
                raw.min_years_to_retirement.is_some(),
                true,
            ),
            (
                "established_only",
                raw.established_only.is_some(),
                raw.established_only == Some(true),
            ),
            (
                "backbone_titles",
                raw.backbone_titles.is_some(),
                !p.backbone_titles.is_empty(),
            ),
            (
                "must_rotate_after_years",
                raw.must_rotate_after_years.is_some(),
                true,
            ),
            (
                "principals",
                raw.principals.is_some(),
                raw.principals == Some(true),
            ),
        ];
        for (key, present, applies) in set {
            if !present {
                continue;
            }
            p.set_in_file.retain(|s| s.key != key);
            if applies {
                p.set_in_file.push(SetKey {
                    key,
                    file: file.to_string(),
                    line: key_line(text, key),
                });
            }
        }
        p.within_group = raw.within_group.unwrap_or(p.within_group);
        p.spread = raw.spread.unwrap_or(p.spread);
        if let Some(goal) = &raw.balance {
            let goals = [BalanceGoal::Report, BalanceGoal::Keep, BalanceGoal::Improve];
            p.balance = goals
                .into_iter()
                .find(|g| g.name() == goal)
                .ok_or_else(|| bad("balance", msg!("policy-balance-expected", found = goal)))?;
        }
        match raw.town_area.as_deref() {
            None => {}
            Some("rural") => p.town_area = Area::Rural,
            Some("urban") => p.town_area = Area::Urban,
            Some(other) => {
                return Err(bad(
                    "town_area",
                    msg!("policy-town-area-expected", found = other),
                ));
            }
        }
        if let Some(year) = raw.plan_year {
            // fit.md "The plan year": the command line's range, in the file too.
            if !(1900..=9999).contains(&year) {
                return Err(bad(
                    "plan_year",
                    msg!("policy-plan-year-range", found = year),
                ));
            }
            p.plan_year = year;
        }
        if let Some(entries) = &raw.rules {
            // The entries' own scope defaults to the policy's, as laid so far.
            p.rules = entries
                .iter()
                .enumerate()
                .map(|(i, e)| e.resolve(i, p.scope).map_err(|m| (i, m)))
                .collect::<Result<_, _>>()
                .map_err(|(i, m)| {
                    let mut err = bad("rules", m);
                    err.line = entry_line(text, i);
                    err
                })?;
        }
        p.improve_indicators = raw.improve_indicators.unwrap_or(p.improve_indicators);
        if let Some(word) = &raw.level_match {
            p.level_match = LevelMatch::parse(word).ok_or_else(|| {
                bad(
                    "level_match",
                    msg!("policy-level-match-expected", found = word.as_str()),
                )
            })?;
        }
        for (key, value, field) in [
            (
                "time_limit_seconds",
                raw.time_limit_seconds,
                &mut p.time_limit_seconds,
            ),
            (
                "balance_time_limit_seconds",
                raw.balance_time_limit_seconds,
                &mut p.balance_time_limit_seconds,
            ),
        ] {
            let Some(t) = value else { continue };
            // Below a hundredth of a second HiGHS stops before any
            // solution, which would read as a solver failure.
            if !(t.is_finite() && t >= MIN_TIME_LIMIT) {
                return Err(bad(
                    key,
                    msg!("policy-seconds-expected", min = MIN_TIME_LIMIT, found = t),
                ));
            }
            *field = Some(t);
        }
        if let Some(nodes) = raw.balance_node_limit {
            if nodes == 0 {
                return Err(bad(
                    "balance_node_limit",
                    msg!("policy-nodes-expected", found = nodes),
                ));
            }
            p.balance_node_limit = nodes;
        }
        Ok((p, raw.name))
    }

    /// `self`, or the first rule between keys it breaks, as an error
    /// naming `source` (a file, or the flags) and, given the file's `text`,
    /// the line that sets the key.
    pub fn checked(self, source: &str, text: Option<&str>) -> Result<Policy, InputError> {
        self.check().map_err(|(key, m)| {
            let mut err = InputError::new(source, m).key(key);
            err.line = text.and_then(|t| key_line(t, key));
            err
        })?;
        Ok(self)
    }

    fn apply(&mut self, o: &Overrides) -> Result<(), crate::Error> {
        let usage = |flag: &str, m: Message| {
            crate::Error::Usage(msg!("policy-flag-error", flag = flag, message = m))
        };
        if let Some(r) = &o.ratio {
            self.min_rotation_ratio = Ratio::parse(r).map_err(|m| usage("--ratio", m))?;
        }
        if let Some(r) = &o.backbone_share {
            self.min_backbone_share = Ratio::parse(r).map_err(|m| usage("--backbone-share", m))?;
        }
        if let Some(s) = &o.scope {
            self.scope = Scope::parse(s).map_err(|m| usage("--scope", m))?;
        }
        if let Some(year) = o.plan_year {
            self.plan_year = year;
        }
        self.improve_indicators |= o.improve_indicators;
        if let Some(word) = &o.level_match {
            self.level_match = LevelMatch::parse(word).ok_or_else(|| {
                usage(
                    "--level-match",
                    msg!("policy-level-match-expected", found = word.as_str()),
                )
            })?;
        }
        Ok(())
    }

    /// Rules between keys, checked after every layer is applied.
    fn check(&self) -> Result<(), (&'static str, Message)> {
        if self.principal_min_years > self.principal_max_years {
            return Err((
                "principal_min_years",
                msg!(
                    "policy-principal-years",
                    min = self.principal_min_years,
                    max = self.principal_max_years
                ),
            ));
        }
        if let Some(max) = self.max_leave_share
            && max < self.min_rotation_ratio
        {
            return Err((
                "max_leave_share",
                msg!(
                    "policy-max-below-min",
                    key = "max_leave_share",
                    max = max.to_string(),
                    min = self.min_rotation_ratio.to_string()
                ),
            ));
        }
        let mut names: Vec<&str> = Vec::new();
        for r in &self.rules {
            if crate::policy::rules::Builtin::ALL
                .iter()
                .any(|b| b.name() == r.name)
            {
                return Err((
                    "rules",
                    msg!(
                        "policy-rule-named",
                        name = &r.name,
                        message = msg!("policy-rule-builtin-name")
                    ),
                ));
            }
            if names.contains(&r.name.as_str()) {
                return Err((
                    "rules",
                    msg!(
                        "policy-rule-named",
                        name = &r.name,
                        message = msg!("policy-rule-name-twice")
                    ),
                ));
            }
            names.push(&r.name);
        }
        if let Some(max) = self.max_rotation_ratio
            && max < self.min_rotation_ratio
        {
            return Err((
                "max_rotation_ratio",
                msg!(
                    "policy-max-below-min",
                    key = "max_rotation_ratio",
                    max = max.to_string(),
                    min = self.min_rotation_ratio.to_string()
                ),
            ));
        }
        Ok(())
    }
}

impl Policy {
    /// The day ages, years at the school, the distance to retirement and
    /// exemptions are measured (rules.md): `as_of`, else 31 August of
    /// `plan_year`.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(self.plan_year.clamp(1, 9999) as i32, 8, 31)
                .unwrap_or(NaiveDate::MAX)
        })
    }

    /// Whether a teacher is backbone (rules.md "Who is a backbone
    /// teacher"): the `backbone` level at least `backbone_min_level`, or a
    /// title in `backbone_titles`.
    pub fn is_backbone(&self, t: &Teacher) -> bool {
        (t.backbone != Backbone::None && t.backbone >= self.backbone_min_level)
            || t.title
                .is_some_and(|title| self.backbone_titles.contains(&title))
    }

    /// A school's area with town schools resolved by `town_area`: urban
    /// or rural.
    pub fn area_of(&self, s: &School) -> Area {
        match s.area {
            Area::Town => self.town_area,
            other => other,
        }
    }

    /// Whether a school receives teachers: rural (town included) and not a
    /// quality school, or weak and not a quality school when `receivers`
    /// has "weak" (rules.md "Where teachers may go").
    pub fn is_receiving(&self, s: &School) -> bool {
        !s.quality && (self.area_of(s) == Area::Rural || (self.receive_weak && s.weak))
    }

    /// Whether a school sends teachers: urban and quality schools, but not
    /// a school that receives.
    pub fn is_sending(&self, s: &School) -> bool {
        (self.area_of(s) == Area::Urban || s.quality) && !self.is_receiving(s)
    }

    /// Every rule a plan must meet, as values: the built-ins set by the
    /// keys (`rotation_ratio` and `backbone_share` always), then the
    /// `[[rules]]` entries. Model, pre-check, auditor and reports all walk
    /// this one list.
    pub fn rules(&self) -> Vec<RatioRule> {
        let builtin = |b: Builtin, bound, share, of, who, scope, per_subject| RatioRule {
            name: b.name().to_string(),
            builtin: Some(b),
            bound,
            share,
            of,
            among: Who::all(),
            who,
            scope,
            scope_from_policy: false,
            per_subject,
            rounds_up: false,
        };
        let backbone = Who(vec![crate::policy::rules::Filter {
            backbone: Some(true),
            ..Default::default()
        }]);
        let mut all = vec![
            builtin(
                Builtin::RotationRatio,
                Bound::Min,
                self.min_rotation_ratio,
                Of::Eligible,
                Who::all(),
                self.scope,
                false,
            ),
            builtin(
                Builtin::BackboneShare,
                Bound::Min,
                self.min_backbone_share,
                Of::Rotating,
                backbone,
                self.scope,
                false,
            ),
        ];
        if let Some(r) = self.max_rotation_ratio {
            all.push(builtin(
                Builtin::MaxRotationRatio,
                Bound::Max,
                r,
                Of::Eligible,
                Who::all(),
                self.scope,
                false,
            ));
        } else if self.max_rotation_required {
            // Exactly ceil(min share x E) rotate in each unit (fit.md).
            all.push(RatioRule {
                rounds_up: true,
                ..builtin(
                    Builtin::MaxRotationRatio,
                    Bound::Max,
                    self.min_rotation_ratio,
                    Of::Eligible,
                    Who::all(),
                    self.scope,
                    false,
                )
            });
        }
        if let Some(r) = self.max_subject_share {
            all.push(builtin(
                Builtin::MaxSubjectShare,
                Bound::Max,
                r,
                Of::Staff,
                Who::all(),
                Scope::School,
                true,
            ));
        }
        if let Some(r) = self.max_leave_share {
            all.push(builtin(
                Builtin::MaxLeaveShare,
                Bound::Max,
                r,
                Of::Eligible,
                Who::all(),
                Scope::School,
                false,
            ));
        }
        all.extend(self.rules.iter().map(|r| RatioRule {
            scope: if r.scope_from_policy {
                self.scope
            } else {
                r.scope
            },
            ..r.clone()
        }));
        all
    }

    /// The extra teachers.csv columns the rules filter on, each with the
    /// first rule that names it (for `DataSet::load_with`).
    pub fn wanted_columns(&self) -> Vec<(String, String)> {
        let mut wanted: Vec<(String, String)> = Vec::new();
        for r in &self.rules {
            for c in r.among.columns().chain(r.who.columns()) {
                if !wanted.iter().any(|(w, _)| w == c) {
                    wanted.push((c.to_string(), r.name.clone()));
                }
            }
        }
        // A priority filter's column (programme.md "Who goes first").
        for p in &self.priority {
            if let priority::Priority::Filter(f) = p
                && let Some((c, _)) = &f.column
                && !wanted.iter().any(|(w, _)| w == c)
            {
                wanted.push((c.clone(), format!("priority {c}")));
            }
        }
        wanted
    }
}

/// What a planner typed wrong on a policy line the TOML parser refused,
/// in plain words (issue #23): a full-width sign (`＝`, `“`, `：`), a
/// percentage without quotes (`10%`), or a word without quotes
/// (`balance = keep`). `None` when it is none of these (the parser's own
/// message is shown then).
fn plain_mistake(line: &str) -> Option<Message> {
    const FULL_WIDTH: [(char, &str); 5] = [
        ('＝', "="),
        ('“', "\""),
        ('”', "\""),
        ('：', "="),
        ('，', ","),
    ];
    if let Some(&(sign, plain)) = FULL_WIDTH.iter().find(|(c, _)| line.contains(*c)) {
        return Some(msg!(
            "policy-full-width-sign",
            sign = sign.to_string(),
            plain = plain
        ));
    }
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.split('#').next()?.trim());
    let number = value.trim_end_matches('%').trim();
    if value.ends_with('%') && !number.is_empty() && number.parse::<f64>().is_ok() {
        return Some(msg!(
            "policy-percent-unquoted",
            key = key,
            value = value,
            share = format!("{:.2}", number.parse::<f64>().ok()? / 100.0)
        ));
    }
    let word = !value.is_empty()
        && !matches!(value, "true" | "false")
        && value.parse::<f64>().is_err()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !value.starts_with(|c: char| c.is_ascii_digit());
    word.then(|| msg!("policy-word-unquoted", key = key, value = value))
}

/// A TOML type error in the planner's words: "expected f64" says "a
/// number", "expected u32" "a whole number".
fn plain_type_names(message: &str) -> String {
    let number = msg!("policy-type-number").to_string();
    let whole = msg!("policy-type-whole-number").to_string();
    message
        .replace("expected f64", &number)
        .replace("expected f32", &number)
        .replace("expected u64", &whole)
        .replace("expected u32", &whole)
        .replace("expected i64", &whole)
        .replace("expected i32", &whole)
}

/// The line of a policy file where `key` is set (`key = ...` at the top
/// level), for messages.
fn key_line(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|n| n as u64 + 1)
}

/// The line of the `index`-th `[[rules]]` header of a policy file (0 is
/// the first), to point an error at its entry.
fn entry_line(text: &str, index: usize) -> Option<u64> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[rules]]"))
        .nth(index)
        .map(|(n, _)| n as u64 + 1)
}

/// `plan_year` by default: the plan being prepared today (see
/// `plan_year_at`).
fn default_plan_year() -> i64 {
    plan_year_at(chrono::Utc::now())
}

/// The plan year being prepared at `instant` (fit.md "The plan year"): the
/// year of the first 1 September on or after that day in China Standard
/// Time (UTC+8). In December 2026 the rotation being prepared starts in
/// September 2027; on 1 September 2027 it is still 2027's, from the 2nd
/// 2028's.
fn plan_year_at(instant: chrono::DateTime<chrono::Utc>) -> i64 {
    use chrono::Datelike;
    let day = (instant + chrono::Duration::hours(8)).date_naive();
    let year = i64::from(day.year());
    if (day.month(), day.day()) <= (9, 1) {
        year
    } else {
        year + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_percent_of_fifty_is_seven() {
        let p = Ratio::parse("0.14").unwrap();
        assert_eq!(p.ceil_of(50), 7);
        assert_eq!(Ratio::from_f64(0.14).unwrap().ceil_of(50), 7);
        assert_eq!(p.ceil_of(51), 8);
    }

    #[test]
    fn parse_forms() {
        assert_eq!(Ratio::parse("10%").unwrap(), Ratio::new(1, 10));
        assert_eq!(Ratio::parse(".2").unwrap(), Ratio::new(1, 5));
        assert_eq!(Ratio::parse("１").unwrap(), Ratio::new(1, 1));
        assert_eq!(Ratio::parse("0").unwrap(), Ratio::new(0, 1));
        assert!(Ratio::parse("1.01").is_err());
        assert!(Ratio::parse("-0.1").is_err());
        assert!(Ratio::parse("abc").is_err());
        assert!(Ratio::parse(".").is_err());
    }

    #[test]
    fn met_by_is_exact_at_the_boundary() {
        let q = Ratio::new(1, 5);
        assert!(q.met_by(2, 10));
        assert!(!q.met_by(1, 10));
        assert!(q.met_by(0, 0));
        assert_eq!(format!("{q}"), "20%");
        assert_eq!(format!("{}", Ratio::parse("0.125").unwrap()), "12.5%");
    }

    #[test]
    fn policy_file_keys() {
        let p = Policy::from_toml(
            "p.toml",
            "min_rotation_ratio = 0.14\nscope = \"school\"\nmax_age = 55\n",
        )
        .unwrap();
        assert_eq!(p.min_rotation_ratio, Ratio::new(7, 50));
        assert_eq!(p.scope, Scope::School);
        assert_eq!(p.max_age, Some(55));
        assert!(!p.improve_indicators);
        assert!(
            Policy::from_toml("p.toml", "improve_indicators = true")
                .unwrap()
                .improve_indicators
        );
        let e = Policy::from_toml("p.toml", "min_rotation_ratio = 0.1\nbogus = 1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(Policy::from_toml("p.toml", "min_backbone_share = 1.5").is_err());
        assert!(Policy::from_toml("p.toml", "scope = \"District\"").is_err());
    }

    /// fit.md "The plan year", at the four days it names, with the clock
    /// given (no test reads the real one).
    #[test]
    fn the_plan_year_is_that_of_the_next_first_of_september() {
        let at = |text: &str| text.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
        assert_eq!(plan_year_at(at("2026-12-06T04:00:00Z")), 2027);
        assert_eq!(plan_year_at(at("2027-03-01T04:00:00Z")), 2027);
        assert_eq!(plan_year_at(at("2027-09-01T04:00:00Z")), 2027);
        assert_eq!(plan_year_at(at("2027-09-02T04:00:00Z")), 2028);
        // The day turns at midnight in China (UTC+8).
        assert_eq!(plan_year_at(at("2027-09-01T15:59:59Z")), 2027);
        assert_eq!(plan_year_at(at("2027-09-01T16:00:00Z")), 2028);
        assert_eq!(plan_year_at(at("2026-12-31T16:00:00Z")), 2027);
    }
}
