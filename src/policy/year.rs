//! The policy file of one year of a horizon (programme.md "Looking
//! ahead": each `data-Y/` folder holds `policy.toml`, "the policy with
//! `plan_year` = Y and that year's `as_of`"), so that `plan` and `audit`
//! on that folder work under the policy the horizon planned that year by.

use super::{Overrides, Policy, retirement};
use chrono::NaiveDate;

impl Policy {
    /// The `as_of` of the horizon's year `k` (0 the plan year): the
    /// policy's `as_of` moved `k` years (29 February to the 28th), so 31
    /// August of `plan_year + k` by default.
    pub fn as_of_after(&self, k: u32) -> NaiveDate {
        retirement::add_years(self.as_of(), k)
    }
}

/// The text of a policy file: the keys of `file` (the policy file as
/// given, `None` without one) with the command line's `overrides` laid
/// over them, `plan_year` = `year` and `as_of` = `as_of`. Read by
/// `Policy::load` it gives the policy in force, with that year and day.
/// Comments of `file` are not kept.
///
/// `file` has been read by `Policy::load` already: text that is not a
/// TOML table counts as empty.
pub fn file_for_year(
    file: Option<&str>,
    overrides: &Overrides,
    year: i64,
    as_of: NaiveDate,
) -> String {
    let mut table: toml::Table = file.and_then(|t| t.parse().ok()).unwrap_or_default();
    let text = |s: &str| toml::Value::String(s.to_string());
    let flags = [
        ("min_rotation_ratio", overrides.ratio.as_deref().map(text)),
        (
            "min_backbone_share",
            overrides.backbone_share.as_deref().map(text),
        ),
        ("scope", overrides.scope.as_deref().map(text)),
        ("level_match", overrides.level_match.as_deref().map(text)),
        (
            "improve_indicators",
            overrides
                .improve_indicators
                .then_some(toml::Value::Boolean(true)),
        ),
    ];
    for (key, value) in flags {
        if let Some(value) = value {
            table.insert(key.to_string(), value);
        }
    }
    table.insert("plan_year".to_string(), toml::Value::Integer(year));
    let day = as_of
        .to_string()
        .parse::<toml::value::Datetime>()
        .map(toml::Value::Datetime)
        .unwrap_or_else(|_| text(&as_of.to_string()));
    table.insert("as_of".to_string(), day);
    toml::to_string(&table).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_and_its_day_over_the_file_and_the_flags() {
        let file = "# a comment\nmax_age = 50\nmin_rotation_ratio = 0.12\n\n[[rules]]\nname = \"music\"\nbound = \"min\"\nshare = 0.1\nof = \"eligible\"\namong = { subject = [\"音乐\"] }\n";
        let overrides = Overrides {
            ratio: Some("15%".into()),
            plan_year: Some(2026),
            ..Overrides::default()
        };
        let day = NaiveDate::from_ymd_opt(2028, 8, 31).unwrap();
        let text = file_for_year(Some(file), &overrides, 2028, day);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("policy.toml");
        std::fs::write(&path, &text).unwrap();
        let p = Policy::load(Some(&path), &Overrides::default()).unwrap();
        assert_eq!(p.plan_year, 2028);
        assert_eq!(p.as_of(), day);
        assert_eq!(p.max_age, Some(50));
        assert_eq!(p.min_rotation_ratio.to_string(), "15%");
        assert_eq!(p.rules.len(), 1);
    }

    #[test]
    fn as_of_moves_with_the_years() {
        let p = Policy {
            plan_year: 2026,
            ..Policy::default()
        };
        assert_eq!(p.as_of_after(2).to_string(), "2028-08-31");
        let leap = Policy {
            as_of: NaiveDate::from_ymd_opt(2028, 2, 29),
            ..Policy::default()
        };
        assert_eq!(leap.as_of_after(1).to_string(), "2029-02-28");
    }
}
