//! Every policy key in force, with its value and where it came from
//! (papers.md "The workbook": the sheet 政策 lists them): the defaults of
//! data-format.md and rules.md, overlaid by the policy file, overlaid by
//! the command line (`Policy::load`).

use super::{BalanceGoal, Cooldown, Policy, Scope, retirement::Retirement};

/// Where a key's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Default,
    /// The policy file (`--policy`).
    File,
    /// A flag (`--ratio`, `--plan-year`, ...).
    CommandLine,
}

/// One key in force: its name as the policy file writes it, its value in
/// the file's words, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub key: &'static str,
    pub value: String,
    pub source: Source,
}

/// The policy file's keys, in the order data-format.md and rules.md
/// introduce them.
pub const KEYS: &[&str] = &[
    "min_rotation_ratio",
    "min_backbone_share",
    "scope",
    "plan_year",
    "as_of",
    "min_years_at_school",
    "must_rotate_after_years",
    "max_age",
    "max_age_male",
    "max_age_female",
    "min_years_to_retirement",
    "retirement",
    "cooldown_years",
    "term_years",
    "refill_returns",
    "established_only",
    "backbone_min_level",
    "backbone_titles",
    "max_rotation_ratio",
    "max_subject_share",
    "max_leave_share",
    "rules",
    "receivers",
    "within_group",
    "town_area",
    "level_match",
    "priority",
    "principals",
    "principal_max_years",
    "principal_min_years",
    "vice_min_years",
    "spread",
    "balance",
    "improve_indicators",
    "time_limit_seconds",
    "balance_time_limit_seconds",
    "balance_node_limit",
];

/// The policy key a command-line flag sets (`Overrides`).
pub fn key_of_flag(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "ratio" => "min_rotation_ratio",
        "backbone_share" => "min_backbone_share",
        "scope" => "scope",
        "plan_year" => "plan_year",
        "improve_indicators" => "improve_indicators",
        "level_match" => "level_match",
        _ => return None,
    })
}

impl Policy {
    /// Every key of `KEYS` with its value in force (a value the file
    /// would accept; empty for a key that is off, such as `max_age`
    /// unset) and its source.
    pub fn in_force(&self) -> Vec<InForce> {
        KEYS.iter()
            .map(|&key| InForce {
                key,
                value: self.value_of(key),
                source: self.source(key),
            })
            .collect()
    }

    /// Where `key`'s value came from.
    pub fn source(&self, key: &str) -> Source {
        self.set_by
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|&(_, s)| s)
            .max()
            .unwrap_or(Source::Default)
    }

    fn value_of(&self, key: &str) -> String {
        let number = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        let ratio = |v: Option<super::Ratio>| v.map(|r| r.to_string()).unwrap_or_default();
        let seconds = |v: Option<f64>| v.map(|s| s.to_string()).unwrap_or_default();
        match key {
            "min_rotation_ratio" => self.min_rotation_ratio.to_string(),
            "min_backbone_share" => self.min_backbone_share.to_string(),
            "scope" => match self.scope {
                Scope::District => "district",
                Scope::School => "school",
                Scope::Group => "group",
            }
            .to_string(),
            "plan_year" => self.plan_year.to_string(),
            "as_of" => self.as_of().to_string(),
            "min_years_at_school" => self.min_years_at_school.to_string(),
            "max_age" => number(self.max_age),
            "must_rotate_after_years" => number(self.must_rotate_after_years),
            "max_age_male" => number(self.max_age_male),
            "max_age_female" => number(self.max_age_female),
            "min_years_to_retirement" => number(self.min_years_to_retirement),
            "retirement" => match self.retirement {
                Retirement::Statutory => "statutory".to_string(),
                Retirement::Fixed { male, female } => {
                    format!("{{ male = {male}, female = {female} }}")
                }
            },
            "cooldown_years" => match self.cooldown {
                Cooldown::Years(n) => n.to_string(),
                Cooldown::Ever => "ever".to_string(),
            },
            "term_years" => self.term.key(),
            "refill_returns" => self.refill_returns.to_string(),
            "established_only" => self.established_only.to_string(),
            "backbone_min_level" => self.backbone_min_level.name().to_string(),
            "backbone_titles" => self
                .backbone_titles
                .iter()
                .map(|t| t.chinese())
                .collect::<Vec<_>>()
                .join(", "),
            "max_rotation_ratio" if self.max_rotation_required => "required".to_string(),
            "max_rotation_ratio" => ratio(self.max_rotation_ratio),
            "max_subject_share" => ratio(self.max_subject_share),
            "max_leave_share" => ratio(self.max_leave_share),
            "rules" => self
                .rules
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            "receivers" => if self.receive_weak {
                "rural, weak"
            } else {
                "rural"
            }
            .to_string(),
            "within_group" => self.within_group.to_string(),
            "town_area" => match self.town_area {
                crate::domain::Area::Urban => "urban",
                _ => "rural",
            }
            .to_string(),
            "level_match" => self.level_match.name().to_string(),
            "priority" => self
                .priority
                .iter()
                .map(super::priority::Priority::name)
                .collect::<Vec<_>>()
                .join(", "),
            "principals" => self.principals.to_string(),
            "principal_max_years" => self.principal_max_years.to_string(),
            "principal_min_years" => self.principal_min_years.to_string(),
            "vice_min_years" => self.vice_min_years.to_string(),
            "spread" => self.spread.to_string(),
            "balance" => match self.balance {
                BalanceGoal::Report => "report",
                BalanceGoal::Keep => "keep",
                BalanceGoal::Improve => "improve",
            }
            .to_string(),
            "improve_indicators" => self.improve_indicators.to_string(),
            "time_limit_seconds" => seconds(self.time_limit_seconds),
            "balance_time_limit_seconds" => seconds(self.balance_time_limit_seconds),
            "balance_node_limit" => self.balance_node_limit.to_string(),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_policy_file_is_listed_once() {
        let policy = Policy::default();
        let listed = policy.in_force();
        assert_eq!(listed.len(), KEYS.len());
        let mut keys: Vec<&str> = KEYS.to_vec();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), KEYS.len());
        let value = |k: &str| listed.iter().find(|e| e.key == k).unwrap().value.clone();
        assert_eq!(
            value("min_rotation_ratio"),
            policy.min_rotation_ratio.to_string()
        );
        assert_eq!(value("cooldown_years"), "3");
        assert_eq!(value("max_age"), "");
        assert!(listed.iter().all(|e| e.source == Source::Default));
    }

    #[test]
    fn the_file_and_the_flags_are_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("p.toml");
        std::fs::write(&file, "max_age = 50\nmin_rotation_ratio = 0.12\n").unwrap();
        let overrides = super::super::Overrides {
            ratio: Some("0.15".into()),
            ..Default::default()
        };
        let p = Policy::load(Some(&file), &overrides).unwrap();
        assert_eq!(p.source("max_age"), Source::File);
        assert_eq!(p.source("min_rotation_ratio"), Source::CommandLine);
        assert_eq!(p.source("scope"), Source::Default);
        assert_eq!(p.min_rotation_ratio.to_string(), "15%");
    }
}
