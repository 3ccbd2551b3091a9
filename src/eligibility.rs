//! Who may rotate this year, and for everyone at a sending school who may
//! not, why not. The rules are the contract's; the reasons are kept for
//! reports and for `audit`'s `ineligible_teacher` violations.

use crate::data::DataSet;
use crate::policy::Policy;
use std::fmt;

/// Why a teacher does not count towards the rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Ineligible {
    /// Works at a rural non-quality school: receiving schools do not send.
    NotAtSendingSchool,
    /// The `eligible` column says no.
    ExplicitOverride,
    /// Exempt for the reason given (illness, pregnancy, ...).
    Exempt {
        because: String,
    },
    TooFewYears {
        years: u32,
        min: u32,
    },
    OverAge {
        age: u32,
        max: u32,
    },
    /// Rotated in `year`, inside the cool-down window.
    CoolDown {
        year: i64,
    },
}

impl fmt::Display for Ineligible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ineligible::NotAtSendingSchool => {
                write!(
                    f,
                    "not at a sending school (only urban and quality schools send)"
                )
            }
            Ineligible::ExplicitOverride => {
                write!(f, "marked not eligible in the `eligible` column")
            }
            Ineligible::Exempt { because } => write!(f, "exempt: {because}"),
            Ineligible::TooFewYears { years, min } => {
                write!(f, "too few years at the school ({years} < {min})")
            }
            Ineligible::OverAge { age, max } => write!(f, "over age ({age} > {max})"),
            Ineligible::CoolDown { year } => write!(f, "cool-down: rotated in {year}"),
        }
    }
}

impl Ineligible {
    /// A short stable code for tables and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligible::NotAtSendingSchool => "not_sending_school",
            Ineligible::ExplicitOverride => "explicit_override",
            Ineligible::Exempt { .. } => "exempt",
            Ineligible::TooFewYears { .. } => "too_few_years",
            Ineligible::OverAge { .. } => "over_age",
            Ineligible::CoolDown { .. } => "cool_down",
        }
    }
}

/// For each teacher (by index), `Ok(())` when eligible, else the first
/// reason in the contract's order: override, exempt, years, age, cool-down.
pub fn assess(data: &DataSet, policy: &Policy) -> Vec<Result<(), Ineligible>> {
    let mut last_rotation: Vec<Option<i64>> = vec![None; data.teachers.len()];
    for past in &data.history {
        let slot = &mut last_rotation[past.teacher];
        *slot = (*slot).max(Some(past.year));
    }
    let window_start = policy
        .plan_year
        .saturating_sub(i64::from(policy.cooldown_years));
    data.teachers
        .iter()
        .zip(last_rotation)
        .map(|(t, last)| {
            if !data.schools[t.school].is_sending() {
                return Err(Ineligible::NotAtSendingSchool);
            }
            match t.eligible {
                Some(true) => return Ok(()),
                Some(false) => return Err(Ineligible::ExplicitOverride),
                None => {}
            }
            if let Some(because) = &t.exempt {
                return Err(Ineligible::Exempt {
                    because: because.clone(),
                });
            }
            if let Some(years) = t.years_at_school
                && years < policy.min_years_at_school
            {
                return Err(Ineligible::TooFewYears {
                    years,
                    min: policy.min_years_at_school,
                });
            }
            if let (Some(age), Some(max)) = (t.age, policy.max_age)
                && age > max
            {
                return Err(Ineligible::OverAge { age, max });
            }
            match last {
                Some(year) if year > window_start => Err(Ineligible::CoolDown { year }),
                _ => Ok(()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Area, Backbone, PastRotation, School, Teacher};

    fn data() -> DataSet {
        let school = |id: &str, area| School {
            id: id.into(),
            name: id.into(),
            area,
            quality: false,
            level: None,
            students: None,
            district: String::new(),
            location: None,
        };
        let teacher = |id: &str, school| Teacher {
            id: id.into(),
            name: String::new(),
            school,
            subject: "数学".into(),
            backbone: Backbone::None,
            years_at_school: Some(10),
            age: Some(40),
            eligible: None,
            exempt: None,
            education: None,
        };
        let mut d = DataSet {
            schools: vec![school("U", Area::Urban), school("R", Area::Rural)],
            teachers: (0..7).map(|i| teacher(&format!("T{i}"), 0)).collect(),
            ..DataSet::default()
        };
        d.teachers[1].school = 1;
        d.teachers[2].exempt = Some("病假".into());
        d.teachers[3].years_at_school = Some(5);
        d.teachers[4].age = Some(56);
        d.teachers[5].exempt = Some("孕期".into());
        d.teachers[5].eligible = Some(true);
        d.history = vec![
            PastRotation {
                teacher: 6,
                year: 2024,
                school: None,
            },
            PastRotation {
                teacher: 0,
                year: 2023,
                school: None,
            },
        ];
        d
    }

    #[test]
    fn each_rule_and_the_override() {
        let policy = Policy {
            max_age: Some(55),
            plan_year: 2026,
            ..Policy::default()
        };
        let r = assess(&data(), &policy);
        assert_eq!(r[0], Ok(()), "2023 is outside 2026's 3-year window");
        assert_eq!(r[1], Err(Ineligible::NotAtSendingSchool));
        assert_eq!(r[2].as_ref().unwrap_err().code(), "exempt");
        assert_eq!(r[3], Err(Ineligible::TooFewYears { years: 5, min: 6 }));
        assert_eq!(r[4], Err(Ineligible::OverAge { age: 56, max: 55 }));
        assert_eq!(r[5], Ok(()), "explicit eligible overrides exempt");
        assert_eq!(r[6], Err(Ineligible::CoolDown { year: 2024 }));
    }
}
