//! The rotation policy (`policy.toml` plus command-line overrides) and the
//! exact ratio arithmetic the rules are judged by.
//!
//! Ratios arrive as decimal text ("0.14", or a TOML float whose shortest
//! decimal spelling is that text) and are kept as exact fractions, so that
//! "at least 14% of 50" is 7 and never 7.000000000000001 rounded up to 8.

use crate::error::InputError;
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
    pub fn parse(text: &str) -> Result<Ratio, String> {
        let normal = crate::data::cell::ascii_digits(text.trim());
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
            return Err(format!(
                "expected a decimal ratio such as 0.10 or 10%, found {}",
                crate::data::cell::shown(text)
            ));
        }
        let den = 10u64.pow(frac.len() as u32) * scale;
        let num = format!("{whole}{frac}").parse::<u64>().unwrap_or(0);
        let ratio = Ratio { num, den }.reduced();
        if ratio.num > ratio.den {
            return Err(format!(
                "expected a ratio from 0 to 1, found {}",
                crate::data::cell::shown(text)
            ));
        }
        Ok(ratio)
    }

    /// Exact from a TOML float: its shortest round-trip decimal spelling is
    /// the text the planner wrote.
    pub fn from_f64(value: f64) -> Result<Ratio, String> {
        if !value.is_finite() {
            return Err(format!("expected a ratio from 0 to 1, found `{value}`"));
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

/// Over what the two ratios are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// All sending schools of a district together.
    District,
    /// Each sending school on its own.
    School,
}

impl Scope {
    pub fn parse(text: &str) -> Result<Scope, String> {
        match text {
            "district" => Ok(Scope::District),
            "school" => Ok(Scope::School),
            _ => Err(format!(
                "expected scope \"district\" or \"school\", found {}",
                crate::data::cell::shown(text)
            )),
        }
    }
}

/// The shortest solver time limit accepted, in seconds.
const MIN_TIME_LIMIT: f64 = 0.01;

/// The resolved policy every command works from.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub min_rotation_ratio: Ratio,
    pub min_backbone_share: Ratio,
    pub scope: Scope,
    pub min_years_at_school: u32,
    pub max_age: Option<u32>,
    pub plan_year: i64,
    pub cooldown_years: u32,
    /// At most this share of a district's (or school's) eligible teachers
    /// rotate; `None` is no cap.
    pub max_rotation_ratio: Option<Ratio>,
    /// At most this share of a sending school's teachers of one subject may
    /// leave (rounded down); `None` is no cap.
    pub max_subject_share: Option<Ratio>,
    /// Seconds HiGHS may spend on each district's model.
    pub time_limit_seconds: f64,
    /// After filling needs, prefer plans that lift receiving schools to
    /// the backbone and sports-and-arts thresholds and keep sending schools
    /// above them (see `indicators` and the README).
    pub improve_indicators: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            min_rotation_ratio: Ratio::new(1, 10),
            min_backbone_share: Ratio::new(1, 5),
            scope: Scope::District,
            min_years_at_school: 6,
            max_age: None,
            plan_year: current_year(),
            cooldown_years: 3,
            max_rotation_ratio: None,
            max_subject_share: None,
            time_limit_seconds: 60.0,
            improve_indicators: false,
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
    cooldown_years: Option<u32>,
    max_rotation_ratio: Option<RatioText>,
    max_subject_share: Option<RatioText>,
    time_limit_seconds: Option<f64>,
    improve_indicators: Option<bool>,
    /// A scenario's label in `compare`; ignored elsewhere.
    name: Option<String>,
}

/// A ratio in TOML: a number (`0.10`) or text (`"10%"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RatioText {
    Number(f64),
    Text(String),
}

impl RatioText {
    fn ratio(&self) -> Result<Ratio, String> {
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
    /// `--improve-indicators`: on when given, else the file decides.
    pub improve_indicators: bool,
}

impl Policy {
    /// The defaults, overlaid by the policy file (when given), overlaid by
    /// the command line.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Policy, crate::Error> {
        let (mut policy, source) = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
                let source = path.display().to_string();
                (Policy::default().overlay_toml(&source, &text)?.0, source)
            }
            None => (Policy::default(), "the command line".to_string()),
        };
        policy.apply(overrides)?;
        Ok(policy.checked(&source)?)
    }

    /// Parses a policy file's text over the defaults; `file` names it in
    /// errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Policy, InputError> {
        let (policy, _) = Policy::default().overlay_toml(file, text)?;
        policy
            .check()
            .map_err(|(key, m)| InputError::new(file, m).column(key))?;
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
            let mut err = InputError::new(file, e.message().trim_end().to_string());
            err.line = line;
            err
        })?;
        let bad = |key: &str, message: String| InputError::new(file, message).column(key);
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
            p.max_rotation_ratio = Some(ratio("max_rotation_ratio", v)?);
        }
        if let Some(v) = &raw.max_subject_share {
            p.max_subject_share = Some(ratio("max_subject_share", v)?);
        }
        p.min_years_at_school = raw.min_years_at_school.unwrap_or(p.min_years_at_school);
        p.max_age = raw.max_age.or(p.max_age);
        p.plan_year = raw.plan_year.unwrap_or(p.plan_year);
        p.cooldown_years = raw.cooldown_years.unwrap_or(p.cooldown_years);
        p.improve_indicators = raw.improve_indicators.unwrap_or(p.improve_indicators);
        if let Some(t) = raw.time_limit_seconds {
            // Below a hundredth of a second HiGHS stops before any
            // solution, which would read as a solver failure.
            if !(t.is_finite() && t >= MIN_TIME_LIMIT) {
                return Err(bad(
                    "time_limit_seconds",
                    format!("expected seconds >= {MIN_TIME_LIMIT}, found {t}"),
                ));
            }
            p.time_limit_seconds = t;
        }
        Ok((p, raw.name))
    }

    /// `self`, or the first rule between keys it breaks, as an error
    /// naming `source` (a file, or the flags).
    pub fn checked(self, source: &str) -> Result<Policy, InputError> {
        self.check()
            .map_err(|(key, m)| InputError::new(source, m).column(key))?;
        Ok(self)
    }

    fn apply(&mut self, o: &Overrides) -> Result<(), crate::Error> {
        let usage = |flag: &str, m: String| crate::Error::Usage(format!("{flag}: {m}"));
        if let Some(r) = &o.ratio {
            self.min_rotation_ratio = Ratio::parse(r).map_err(|m| usage("--ratio", m))?;
        }
        if let Some(r) = &o.backbone_share {
            self.min_backbone_share = Ratio::parse(r).map_err(|m| usage("--backbone-share", m))?;
        }
        if let Some(s) = &o.scope {
            self.scope = Scope::parse(s).map_err(|m| usage("--scope", m))?;
        }
        self.improve_indicators |= o.improve_indicators;
        Ok(())
    }

    /// Rules between keys, checked after every layer is applied.
    fn check(&self) -> Result<(), (&'static str, String)> {
        if let Some(max) = self.max_rotation_ratio
            && max < self.min_rotation_ratio
        {
            return Err((
                "max_rotation_ratio",
                format!(
                    "max_rotation_ratio {max} is below min_rotation_ratio {}",
                    self.min_rotation_ratio
                ),
            ));
        }
        Ok(())
    }
}

fn current_year() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    // Days to civil year (Howard Hinnant's algorithm), to avoid a date crate.
    let days = secs.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
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

    #[test]
    fn current_year_is_plausible() {
        assert!((2024..2200).contains(&current_year()));
    }
}
