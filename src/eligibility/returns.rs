//! Returns and transfers (programme.md "Terms, returns and transfers"):
//! the teachers whose term ended last school year come back this year
//! (期满返回); with `refill_returns`, each return adds a place of need at
//! the school they leave, so that its rural post does not silently empty.
//! A transfer (调动) is for good: the teacher belongs to the receiving
//! school, and a roster that still has them at the sending school is a
//! warning.

use crate::domain::{DataSet, Level, RuralNeed, Warning, key};
use crate::msg;
use crate::policy::Policy;
use serde::Serialize;

/// One place of need a return adds (`refill_returns`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refill {
    /// The returning teacher's id.
    pub teacher: String,
    /// The school they leave (the history's `school`), by id.
    pub school: String,
    pub subject: String,
    /// The level they taught there: the school's when it teaches one,
    /// else the teacher's `section`; `None` when neither says.
    pub level: Option<Level>,
    #[serde(skip)]
    school_index: usize,
}

/// The history rows (indices into `DataSet::history`) of the teachers
/// returning in the plan year Y: rotations, not transfers, with
/// `end_year = Y - 1`.
pub fn returning(data: &DataSet, policy: &Policy) -> Vec<usize> {
    data.history
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.transfer && p.end_year == Some(policy.plan_year - 1))
        .map(|(i, _)| i)
        .collect()
}

/// The places `refill_returns` adds (none when it is off), and a warning
/// for each return that adds nothing: without a school, or at a school
/// that no longer receives.
pub fn refills(data: &DataSet, policy: &Policy) -> (Vec<Refill>, Vec<Warning>) {
    let mut places = Vec::new();
    let mut warnings = Vec::new();
    if !policy.refill_returns {
        return (places, warnings);
    }
    for i in returning(data, policy) {
        let past = &data.history[i];
        let teacher = &data.teachers[past.teacher];
        let Some(school) = past
            .school
            .filter(|&s| policy.is_receiving(&data.schools[s]))
        else {
            warnings.push(Warning::new(
                "refill_not_added",
                msg!(
                    "elig-refill-not-added",
                    teacher = teacher.id.as_str(),
                    school = past
                        .school
                        .map_or(String::new(), |s| data.schools[s].id.clone()),
                    named = if past.school.is_some() { "yes" } else { "no" }
                ),
            ));
            continue;
        };
        let level = match data.schools[school].level {
            Some(level @ (Level::Primary | Level::Junior)) => Some(level),
            _ => teacher.section,
        };
        places.push(Refill {
            teacher: teacher.id.clone(),
            school: data.schools[school].id.clone(),
            subject: teacher.subject.to_string(),
            level,
            school_index: school,
        });
    }
    (places, warnings)
}

/// `data`'s needs with the `refills` added: each to the needs.csv row of
/// its school and subject (keeping that row's weight), else as a row of
/// its own of weight 1.
pub fn add_refills(data: &mut DataSet, refills: &[Refill]) {
    if refills.is_empty() {
        // Without needs.csv the needs stay absent (audit skips over_need).
        return;
    }
    let needs = data.needs.get_or_insert_with(Vec::new);
    for r in refills {
        let row = needs
            .iter_mut()
            .find(|n| n.school == r.school_index && key(&n.subject) == key(&r.subject));
        match row {
            Some(need) => need.count += 1,
            None => needs.push(RuralNeed {
                school: r.school_index,
                subject: r.subject.clone(),
                count: 1,
                weight: 1.0,
                level: r.level,
                line: 0,
                year: None,
            }),
        }
    }
}

/// A warning `transfer_on_roster` for each teacher transferred in an
/// earlier year whom the roster still has at another school than the
/// one they moved to (the roster wins).
pub fn transfers_on_roster(data: &DataSet, policy: &Policy) -> Vec<Warning> {
    data.history
        .iter()
        .filter(|p| p.transfer && p.year < policy.plan_year)
        .filter_map(|p| {
            let to = p.school?;
            let teacher = &data.teachers[p.teacher];
            (teacher.school != to).then(|| {
                Warning::new(
                    "transfer_on_roster",
                    msg!(
                        "elig-transfer-on-roster",
                        teacher = teacher.id.as_str(),
                        year = p.year,
                        to = data.schools[to].id.as_str(),
                        school = data.schools[teacher.school].id.as_str()
                    ),
                )
                .file(data.teachers_file())
                .line(u64::from(teacher.line))
                .column("school")
            })
        })
        .collect()
}
