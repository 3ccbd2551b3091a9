//! Every warning `check` reports about a data set under a policy (fit.md
//! "A rule never switches off in silence", "Conflicts are shown, not
//! settled in silence"): the readers' own (`DataSet::warnings`), then the
//! rules a policy applies that some teachers lack the data for, the
//! default `min_years_at_school` that no teacher can be checked against,
//! totals rows skipped, ages and years that disagree with their dates,
//! schools left out of the quality balance, and needs whose subject no
//! teacher of the district teaches. Every command that reads a data set
//! reports them (`check` lists them; the others give their number and the
//! first five on stderr, or all of them in JSON `warnings[]`).

use crate::domain::{DataSet, Teacher, Warning, mask_id_card};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::policy::{Policy, retirement};
use std::collections::{BTreeMap, BTreeSet};

/// Fields derived from dates at `as_of`, where each age came from, and
/// where the stored values disagree with the dates by more than one year.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Derived {
    /// Where each teacher's age came from, each teacher counted once
    /// (fit.md: "`check` says where each age came from without counting a
    /// teacher twice").
    pub ages_from: crate::domain::AgeSources,
    /// Ages from a birth date (the `birth_date` column, or the ID number):
    /// `ages_from.birth_date + ages_from.id_card`.
    pub ages_from_birth_dates: u64,
    /// Of them, birth dates read from the ID number (`ages_from.id_card`).
    pub birth_dates_from_id_cards: u64,
    /// Years at the school from `school_entry`.
    pub years_from_entry_dates: u64,
    /// Years of service from `work_start`.
    pub service_from_work_start: u64,
    /// Teachers (ids, masked when they are ID numbers) whose `age` and
    /// birth date disagree by more than a year (the date wins).
    pub age_disagreements: Vec<String>,
    /// The same for `years_at_school` and `school_entry`.
    pub years_disagreements: Vec<String>,
}

/// What `check` derives from the dates of `data` at the policy's `as_of`.
pub fn derived(data: &DataSet, policy: &Policy) -> Derived {
    let as_of = policy.as_of();
    let shown = |id: &str| {
        if data.ids_are_id_cards {
            mask_id_card(id)
        } else {
            id.to_string()
        }
    };
    let mut d = Derived {
        ages_from: data.ages_from,
        ages_from_birth_dates: data.ages_from.birth_date + data.ages_from.id_card,
        birth_dates_from_id_cards: data.ages_from.id_card,
        ..Derived::default()
    };
    for t in &data.teachers {
        if let Some(birth) = t.birth_date {
            let age = retirement::completed_years(birth, as_of);
            if t.age.is_some_and(|stored| stored.abs_diff(age) > 1) {
                d.age_disagreements.push(shown(&t.id));
            }
        }
        if let Some(entry) = t.school_entry() {
            d.years_from_entry_dates += 1;
            let years = retirement::years_served(entry, as_of);
            if t.years_at_school
                .is_some_and(|stored| stored.abs_diff(years) > 1)
            {
                d.years_disagreements.push(shown(&t.id));
            }
        }
        if t.work_start().is_some() {
            d.service_from_work_start += 1;
        }
    }
    d
}

/// Every warning about `data` under `policy`, in this order: the readers'
/// (`DataSet::warnings`), the rules not applied to some teachers
/// (`missing_values`, or `min_years_not_checked` when the default
/// `min_years_at_school` reaches no teacher), totals rows skipped
/// (`totals_skipped`), ages and years that disagree with their dates
/// (`age_disagrees`, `years_disagree`), schools without `students` in a
/// graded data set (`students_missing`), needs whose subject no teacher
/// of the district teaches (`need_subject_not_taught`).
pub fn warnings(data: &DataSet, policy: &Policy) -> Vec<Warning> {
    let derived = derived(data, policy);
    // A rule that is not applied comes first: it is among the five shown.
    let mut out = missing_values(data, policy);
    out.extend(data.warnings.iter().cloned());
    for f in &data.files {
        if f.skipped.totals > 0 {
            out.push(
                Warning::new(
                    "totals_skipped",
                    msg!(
                        "report-check-totals-skipped",
                        file = &f.file,
                        count = f.skipped.totals
                    ),
                )
                .file(f.file.as_str()),
            );
        }
    }
    if !derived.age_disagreements.is_empty() {
        out.push(Warning::new(
            "age_disagrees",
            msg!(
                "report-check-age-disagrees",
                count = derived.age_disagreements.len(),
                teachers = first_ten(&derived.age_disagreements)
            ),
        ));
    }
    if !derived.years_disagreements.is_empty() {
        out.push(Warning::new(
            "years_disagree",
            msg!(
                "report-check-years-disagree",
                count = derived.years_disagreements.len(),
                teachers = first_ten(&derived.years_disagreements)
            ),
        ));
    }
    out.extend(students_missing(data));
    out.extend(needs_not_taught(data));
    out.extend(super::returns::transfers_on_roster(data, policy));
    out.extend(super::returns::refills(data, policy).1);
    out
}

/// Rules the policy sets that some teachers at sending schools lack the
/// data for: the rule is not applied to them (rules.md "Eligibility").
/// When `min_years_at_school` applies by default (the policy file does not
/// set it) and no teacher at a sending school has years at the school or
/// an entry date, that is said as `min_years_not_checked` (fit.md "A rule
/// never switches off in silence").
fn missing_values(data: &DataSet, policy: &Policy) -> Vec<Warning> {
    let sending: Vec<&Teacher> = data
        .teachers
        .iter()
        .filter(|t| policy.is_sending(&data.schools[t.school]) && t.eligible.is_none())
        .collect();
    let count = |lacks: &dyn Fn(&Teacher) -> bool| sending.iter().filter(|t| lacks(t)).count();
    let mut out = Vec::new();
    let mut say = |n: usize, what: Message, rule: Arg| {
        if n > 0 {
            out.push(Warning::new(
                "missing_values",
                msg!("report-check-missing", count = n, what = what, rule = rule),
            ));
        }
    };
    let no_age = |t: &Teacher| t.birth_date.is_none() && t.age.is_none();
    if policy.max_age.is_some() || policy.max_age_male.is_some() || policy.max_age_female.is_some()
    {
        say(
            count(&no_age),
            msg!("report-check-no-age"),
            msg!("report-check-age-limit").into(),
        );
    }
    if policy.max_age_male.is_some() || policy.max_age_female.is_some() {
        say(
            count(&|t| t.sex.is_none()),
            msg!("report-check-no-sex"),
            msg!("report-check-age-limit-by-sex").into(),
        );
    }
    if policy.min_years_to_retirement.is_some() {
        say(
            count(&|t| t.sex.is_none() || t.birth_date.is_none()),
            msg!("report-check-no-sex-birth"),
            "min_years_to_retirement".into(),
        );
    }
    let no_years = |t: &Teacher| t.school_entry().is_none() && t.years_at_school.is_none();
    let by_default = !policy
        .set_in_file
        .iter()
        .any(|s| s.key == "min_years_at_school");
    let all_senders_lack = data
        .teachers
        .iter()
        .filter(|t| policy.is_sending(&data.schools[t.school]))
        .all(no_years);
    if by_default && policy.min_years_at_school > 0 && !sending.is_empty() && all_senders_lack {
        out.push(
            Warning::new(
                "min_years_not_checked",
                msg!(
                    "elig-min-years-not-checked",
                    years = policy.min_years_at_school,
                    file = data.teachers_file()
                ),
            )
            .file(read_file(data, 1)),
        );
    } else {
        say(
            count(&no_years),
            msg!("report-check-no-years"),
            "min_years_at_school".into(),
        );
    }
    out
}

/// The `i`th file read (schools, teachers, needs, ...) as given, for a
/// warning's `file`.
fn read_file(data: &DataSet, i: usize) -> String {
    data.files
        .get(i)
        .map(|f| f.file.clone())
        .unwrap_or_default()
}

/// A school is graded with a level and students (`crate::indicators`).
/// In a data set with a graded school, the schools without `students`
/// are left out of the quality balance: one warning naming them (fit.md
/// "A rule never switches off in silence").
fn students_missing(data: &DataSet) -> Option<Warning> {
    let graded = data
        .schools
        .iter()
        .any(|s| s.level.is_some() && s.students.is_some_and(|n| n > 0));
    if !graded {
        return None;
    }
    let lacking: Vec<String> = data
        .schools
        .iter()
        .filter(|s| s.students.is_none_or(|n| n == 0))
        .map(|s| s.id.clone())
        .collect();
    if lacking.is_empty() {
        return None;
    }
    Some(
        Warning::new(
            "students_missing",
            msg!(
                "elig-students-missing",
                file = data.schools_file.as_str(),
                count = lacking.len(),
                schools = first_ten(&lacking)
            ),
        )
        .file(read_file(data, 0))
        .column("students"),
    )
}

/// A warning per need whose subject no teacher of its school's district
/// teaches, naming the subject taught in the district that shares the
/// most characters with it (`closest_subject`), if any (fit.md "A rule
/// never switches off in silence": `道法` and `道德与法治`).
fn needs_not_taught(data: &DataSet) -> Vec<Warning> {
    let Some(needs) = &data.needs else {
        return Vec::new();
    };
    let file = read_file(data, 2);
    // District -> the subjects its teachers teach, once for all needs.
    let mut by_district: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for t in &data.teachers {
        by_district
            .entry(data.schools[t.school].district.as_str())
            .or_default()
            .insert(&t.subject);
    }
    let none = BTreeSet::new();
    let mut out = Vec::new();
    for need in needs {
        let district = &data.schools[need.school].district;
        let taught = by_district.get(district.as_str()).unwrap_or(&none);
        if taught.contains(need.subject.as_str()) {
            continue;
        }
        let school = data.schools[need.school].id.as_str();
        let message = match closest_subject(&need.subject, taught.iter().copied()) {
            Some(closest) => msg!(
                "elig-need-subject-closest",
                file = file.as_str(),
                school = school,
                subject = need.subject.as_str(),
                district = district.as_str(),
                closest = closest
            ),
            None => msg!(
                "elig-need-subject-untaught",
                file = file.as_str(),
                school = school,
                subject = need.subject.as_str(),
                district = district.as_str()
            ),
        };
        out.push(
            Warning::new("need_subject_not_taught", message)
                .file(file.as_str())
                .line(u64::from(need.line))
                .column("subject"),
        );
    }
    out
}

/// Of `taught`, the subject that shares the most characters with
/// `subject` (each character of `subject` counted as often as both hold
/// it); the first in `taught`'s order on a tie; `None` when none shares
/// one.
pub fn closest_subject<'a>(
    subject: &str,
    taught: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for t in taught {
        let mut left: Vec<char> = t.chars().collect();
        let mut shared = 0;
        for c in subject.chars() {
            if let Some(at) = left.iter().position(|&x| x == c) {
                left.swap_remove(at);
                shared += 1;
            }
        }
        if shared > 0 && best.is_none_or(|(n, _)| shared > n) {
            best = Some((shared, t));
        }
    }
    best.map(|(_, t)| t)
}

fn first_ten(ids: &[String]) -> String {
    let mut shown = ids.iter().take(10).cloned().collect::<Vec<_>>().join(", ");
    if ids.len() > 10 {
        shown.push_str(", ...");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_subject_shares_the_most_characters() {
        let taught = ["数学", "道德与法治", "语文"];
        assert_eq!(
            closest_subject("道法", taught.iter().copied()),
            Some("道德与法治")
        );
        assert_eq!(closest_subject("体育", taught.iter().copied()), None);
        // A tie: the first.
        assert_eq!(
            closest_subject("数语", taught.iter().copied()),
            Some("数学")
        );
    }
}
