//! `priority` (programme.md "Who goes first"): stages after the fill and
//! the spread and before the distance, each choosing among the plans
//! equally good so far the one that sends the most volunteers, the most
//! teachers who never rotated, the most years at the school, the most
//! points, or the most teachers a filter matches.

use super::rules::{Filter, FilterFile};
use crate::domain::{DataSet, Teacher};
use crate::messages::Message;
use crate::msg;

/// One stage of `priority`.
#[derive(Debug, Clone, PartialEq)]
pub enum Priority {
    /// The most rotating teachers with `volunteer` true.
    Volunteer,
    /// The most rotating teachers with no rotation in history.
    NeverRotated,
    /// The largest sum of the rotating teachers' years at the school, as
    /// eligibility counts them (0 when unknown).
    YearsAtSchool,
    /// The largest sum of the rotating teachers' `points`.
    Points,
    /// The most rotating teachers the filter matches (rules.md filters).
    Filter(Filter),
}

/// A `priority` entry as the policy file writes it.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(untagged)]
pub enum PriorityFile {
    Name(String),
    /// `{ column = "NAME", values = [...] }`.
    Short {
        column: String,
        values: Vec<String>,
    },
    /// A rules.md filter, `{ column = { name = "NAME", values = [...] } }`.
    Filter(FilterFile),
}

impl PriorityFile {
    /// The stage, or what is wrong with it (the message names the stage).
    pub fn resolve(&self) -> Result<Priority, Message> {
        match self {
            PriorityFile::Name(name) => match name.trim() {
                "volunteer" => Ok(Priority::Volunteer),
                "never_rotated" => Ok(Priority::NeverRotated),
                "years_at_school" => Ok(Priority::YearsAtSchool),
                "points" => Ok(Priority::Points),
                other => Err(msg!("policy-priority-unknown", stage = other)),
            },
            PriorityFile::Short { column, values } => {
                Ok(Priority::Filter(Filter::of_column(column, values)))
            }
            PriorityFile::Filter(f) => f.resolve().map(Priority::Filter),
        }
    }
}

impl Priority {
    /// The stage as the policy names it (a filter by its column, else
    /// `filter`).
    pub fn name(&self) -> String {
        match self {
            Priority::Volunteer => "volunteer".into(),
            Priority::NeverRotated => "never_rotated".into(),
            Priority::YearsAtSchool => "years_at_school".into(),
            Priority::Points => "points".into(),
            Priority::Filter(f) => f
                .column
                .as_ref()
                .map_or_else(|| "filter".to_string(), |(c, _)| c.clone()),
        }
    }

    /// The teachers.csv column the stage needs (fit.md "A rule never
    /// switches off in silence"): `volunteer`, `points`, or the filter's.
    pub fn column(&self) -> Option<String> {
        match self {
            Priority::Volunteer => Some("volunteer".into()),
            Priority::Points => Some("points".into()),
            Priority::Filter(f) => f.column.as_ref().map(|(c, _)| c.clone()),
            Priority::NeverRotated | Priority::YearsAtSchool => None,
        }
    }

    /// The value teacher `t` adds to the stage when rotating: 1 or 0 for
    /// the counting stages, the years (`years`, eligibility's count) or
    /// the points.
    pub fn value(
        &self,
        data: &DataSet,
        policy: &super::Policy,
        t: &Teacher,
        rotated_before: bool,
        years: Option<u32>,
    ) -> f64 {
        let one = |b: bool| if b { 1.0 } else { 0.0 };
        match self {
            Priority::Volunteer => one(t.volunteer()),
            Priority::NeverRotated => one(!rotated_before),
            Priority::YearsAtSchool => f64::from(years.unwrap_or(0)),
            Priority::Points => t.points(),
            Priority::Filter(f) => one(f.matches(data, policy, t)),
        }
    }
}
