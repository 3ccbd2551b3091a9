//! When a teacher retires, for the `min_years_to_retirement` rule.
//!
//! The statutory age follows the decision of the NPC Standing Committee of
//! 13 September 2024 on gradually raising the statutory retirement age (in
//! force from 1 January 2025), as `rules.md` "Retirement" states it: a
//! base of 60 for men and 55 for women (teachers hold professional posts),
//! raised by one month for each four months of birth counted from January
//! 1965 (men) or January 1970 (women), up to 63 and 58. The retirement
//! date is the first day of the month in which the teacher reaches the age.

use crate::domain::Sex;
use chrono::{Datelike, NaiveDate};

/// How retirement ages are set (policy key `retirement`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retirement {
    /// The 2024 decision's schedule (the default).
    Statutory,
    /// Fixed ages in whole years.
    Fixed { male: u32, female: u32 },
}

/// The retirement age in months for a teacher born in `birth`'s month.
pub fn age_in_months(retirement: Retirement, sex: Sex, birth: NaiveDate) -> u32 {
    match retirement {
        Retirement::Fixed { male, female } => {
            12 * match sex {
                Sex::Male => male,
                Sex::Female => female,
            }
        }
        Retirement::Statutory => {
            let (base_years, first_cohort_year) = match sex {
                Sex::Male => (60, 1965),
                Sex::Female => (55, 1970),
            };
            // Months of birth counted from the first cohort's January.
            let months = (birth.year() - first_cohort_year) * 12 + birth.month0() as i32;
            let raised = if months < 0 {
                0
            } else {
                (months / 4 + 1).min(36) as u32
            };
            base_years * 12 + raised
        }
    }
}

/// The first day of the month in which a teacher born on `birth` reaches
/// the retirement age.
pub fn retirement_date(retirement: Retirement, sex: Sex, birth: NaiveDate) -> NaiveDate {
    let months =
        birth.year() * 12 + birth.month0() as i32 + age_in_months(retirement, sex, birth) as i32;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1)
        .unwrap_or(NaiveDate::MAX)
}

/// Whole years served from `from` (an entry or work-start date) through
/// `at`, both days included: from 2020-09-01 through 2026-08-31 is six
/// full school years.
pub fn years_served(from: NaiveDate, at: NaiveDate) -> u32 {
    completed_years(from, at.succ_opt().unwrap_or(at))
}

/// `date` plus `years` whole years (29 February becomes 28 February).
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    let year = date.year() + years as i32;
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// Completed years from `from` to `at` (周岁: the birthday counts on its
/// day); 0 when `from` is after `at`.
pub fn completed_years(from: NaiveDate, at: NaiveDate) -> u32 {
    let mut years = at.year() - from.year();
    if (at.month(), at.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn statutory(sex: Sex, y: i32, m: u32) -> NaiveDate {
        retirement_date(Retirement::Statutory, sex, d(y, m, 15))
    }

    #[test]
    fn the_four_examples_of_rules_md() {
        assert_eq!(
            statutory(Sex::Male, 1965, 3),
            d(2025, 4, 1),
            "60 years 1 month"
        );
        assert_eq!(statutory(Sex::Male, 1977, 5), d(2040, 5, 1), "63 years");
        assert_eq!(
            statutory(Sex::Female, 1970, 6),
            d(2025, 8, 1),
            "55 years 2 months"
        );
        assert_eq!(statutory(Sex::Female, 1982, 1), d(2040, 1, 1), "58 years");
    }

    #[test]
    fn first_and_last_cohorts_of_each_sex() {
        // Men: born December 1964 retire at 60; January 1965 at 60y1m;
        // the last raised cohort (+36 months) is born September 1976.
        assert_eq!(statutory(Sex::Male, 1964, 12), d(2024, 12, 1));
        assert_eq!(statutory(Sex::Male, 1965, 1), d(2025, 2, 1));
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Male, d(1965, 4, 30)),
            721
        );
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Male, d(1965, 5, 1)),
            722
        );
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Male, d(1976, 8, 1)),
            755
        );
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Male, d(1976, 9, 1)),
            756
        );
        assert_eq!(statutory(Sex::Male, 1976, 9), d(2039, 9, 1));
        assert_eq!(statutory(Sex::Male, 1990, 1), d(2053, 1, 1));
        // Women: December 1969 at 55; January 1970 at 55y1m; September
        // 1981 is the first cohort at 58.
        assert_eq!(statutory(Sex::Female, 1969, 12), d(2024, 12, 1));
        assert_eq!(statutory(Sex::Female, 1970, 1), d(2025, 2, 1));
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Female, d(1981, 8, 1)),
            695
        );
        assert_eq!(
            age_in_months(Retirement::Statutory, Sex::Female, d(1981, 9, 1)),
            696
        );
        assert_eq!(statutory(Sex::Female, 1981, 9), d(2039, 9, 1));
    }

    #[test]
    fn fixed_ages() {
        let fixed = Retirement::Fixed {
            male: 60,
            female: 55,
        };
        assert_eq!(
            retirement_date(fixed, Sex::Male, d(1977, 5, 20)),
            d(2037, 5, 1)
        );
        assert_eq!(
            retirement_date(fixed, Sex::Female, d(1982, 1, 1)),
            d(2037, 1, 1)
        );
    }

    #[test]
    fn completed_years_count_the_birthday_on_its_day() {
        assert_eq!(completed_years(d(1970, 8, 31), d(2026, 8, 31)), 56);
        assert_eq!(completed_years(d(1970, 9, 1), d(2026, 8, 31)), 55);
        assert_eq!(completed_years(d(2030, 1, 1), d(2026, 8, 31)), 0);
        assert_eq!(add_years(d(2024, 2, 29), 1), d(2025, 2, 28));
        assert_eq!(years_served(d(2020, 9, 1), d(2026, 8, 31)), 6);
        assert_eq!(years_served(d(2020, 9, 2), d(2026, 8, 31)), 5);
    }
}
