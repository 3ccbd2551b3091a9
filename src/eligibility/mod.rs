//! Who may rotate this year, and for everyone at a sending school who may
//! not, why not. The rules are the contract's; the reasons are kept for
//! reports and for `audit`'s `ineligible_teacher` violations.

pub mod returns;
pub mod warnings;

use crate::domain::{DataSet, PastRotation, PostStatus, Sex, Teacher};
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;
use crate::policy::retirement;
use crate::policy::{Cooldown, Policy};
use chrono::NaiveDate;
use std::fmt;

/// Why a teacher does not count towards the rules. The variants after
/// `ExplicitOverride` are in the order of rules.md "Eligibility": the
/// first that holds is the reason reported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Ineligible {
    /// Works at a school that does not send (a receiving school).
    NotAtSendingSchool,
    /// The `eligible` column says no.
    ExplicitOverride,
    /// Already away on rotation: `status` 205, or a stint in `history.csv`
    /// that ends in `plan_year` or later.
    Away {
        detail: String,
    },
    /// Not at post (`status` 201-204, 206-211), or on leave by a word
    /// with no code (产假, 孕期, 哺乳期: `code` 901-903, never shown; the
    /// word is the detail).
    Status {
        code: u16,
        detail: String,
    },
    /// Holds a post planned apart (principals.md "Data"): a 校长 always,
    /// a 副校长 under `principals = true`; `post` is the post's word.
    Principal {
        post: String,
    },
    /// Not on the establishment (编外), under `established_only`.
    NotEstablished,
    /// Exempt for the reason given (illness, pregnancy, ...), until
    /// `exempt_until` when given.
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
    /// Retires (on `retires`, `YYYY-MM-DD`) before `as_of` plus `min`
    /// years.
    NearRetirement {
        retires: String,
        min: u32,
    },
    /// Rotated in `year`, inside the cool-down window.
    CoolDown {
        year: i64,
    },
}

impl fmt::Display for Ineligible {
    /// The reason in a planner's words, from the catalogue.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message())
    }
}

impl Ineligible {
    /// The reason in a planner's words (`Display` renders it).
    pub fn message(&self) -> Message {
        match self {
            Ineligible::NotAtSendingSchool => msg!("elig-not-sending-school"),
            Ineligible::ExplicitOverride => msg!("elig-explicit-override"),
            Ineligible::Away { detail } => msg!("elig-away", detail = detail),
            Ineligible::Status { code, detail } => {
                if PostStatus(*code).leave_word().is_some() {
                    msg!("elig-status-word", detail = detail)
                } else {
                    msg!("elig-status", code = *code, detail = detail)
                }
            }
            Ineligible::Principal { post } => msg!("elig-principal", post = post),
            Ineligible::NotEstablished => msg!("elig-not-established"),
            Ineligible::Exempt { because } => msg!("elig-exempt", because = because),
            Ineligible::TooFewYears { years, min } => {
                msg!("elig-too-few-years", years = *years, min = *min)
            }
            Ineligible::OverAge { age, max } => msg!("elig-over-age", age = *age, max = *max),
            Ineligible::NearRetirement { retires, min } => {
                msg!("elig-near-retirement", retires = retires, min = *min)
            }
            Ineligible::CoolDown { year } => msg!("elig-cool-down", year = *year),
        }
    }

    /// Away on rotation by `status` 205 (交流轮岗); the detail in words.
    pub fn away_by_status() -> Ineligible {
        let status = crate::domain::PostStatus::AWAY;
        Ineligible::Away {
            detail: msg!(
                "elig-away-status",
                code = status.0,
                name = status.name().unwrap_or_default()
            )
            .to_string(),
        }
    }

    /// Away on rotation by a stint in `history.csv` that ends in school
    /// year `end`; the detail in words.
    pub fn away_until(end: i64) -> Ineligible {
        Ineligible::Away {
            detail: msg!("elig-away-history", end = end).to_string(),
        }
    }

    /// The reason codes, in the order they are tried (README's table).
    pub const CODES: [&'static str; 11] = [
        "not_sending_school",
        "explicit_override",
        "away",
        "status",
        "principal",
        "not_established",
        "exempt",
        "too_few_years",
        "over_age",
        "near_retirement",
        "cool_down",
    ];

    /// A short stable code for tables and JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Ineligible::NotAtSendingSchool => "not_sending_school",
            Ineligible::ExplicitOverride => "explicit_override",
            Ineligible::Away { .. } => "away",
            Ineligible::Status { .. } => "status",
            Ineligible::Principal { .. } => "principal",
            Ineligible::NotEstablished => "not_established",
            Ineligible::Exempt { .. } => "exempt",
            Ineligible::TooFewYears { .. } => "too_few_years",
            Ineligible::OverAge { .. } => "over_age",
            Ineligible::NearRetirement { .. } => "near_retirement",
            Ineligible::CoolDown { .. } => "cool_down",
        }
    }
}

/// A teacher's age in completed years (周岁) at `as_of`: from the birth
/// date when known (rosters.md: the date wins), else the `age` column.
pub fn age_at(t: &Teacher, as_of: NaiveDate) -> Option<u32> {
    t.birth_date
        .map(|b| retirement::completed_years(b, as_of))
        .or(t.age)
}

/// Whole years at the current school at `as_of`, the entry day and
/// `as_of` both counted (`retirement::years_served`): from `school_entry`
/// when known, else the `years_at_school` column.
pub fn years_at_school(t: &Teacher, as_of: NaiveDate) -> Option<u32> {
    t.school_entry()
        .map(|e| retirement::years_served(e, as_of))
        .or(t.years_at_school)
}

/// The age limit that applies to a teacher: by sex when the policy sets
/// one for the teacher's (known) sex, else `max_age`.
pub fn age_limit(t: &Teacher, policy: &Policy) -> Option<u32> {
    let by_sex = match t.sex {
        Some(Sex::Male) => policy.max_age_male,
        Some(Sex::Female) => policy.max_age_female,
        None => None,
    };
    by_sex.or(policy.max_age)
}

/// The teacher's retirement date under the policy, when sex and birth
/// date are known.
pub fn retires_on(t: &Teacher, policy: &Policy) -> Option<NaiveDate> {
    Some(retirement::retirement_date(
        policy.retirement,
        t.sex?,
        t.birth_date?,
    ))
}

/// Dates where only the past makes sense (`birth_date`, `school_entry`,
/// `work_start`, `post_start`) must not be after `as_of` (rosters.md "Values"); the
/// first such date is bad input naming `file` (teachers.csv as read), the
/// teacher's line and the column.
pub fn check_dates(data: &DataSet, policy: &Policy, file: &str) -> Result<(), InputError> {
    let as_of = policy.as_of();
    for t in &data.teachers {
        let dates = [
            ("birth_date", t.birth_date),
            ("school_entry", t.school_entry()),
            ("work_start", t.work_start()),
            // principals.md "Data": 任现职时间, a date in the past.
            ("post_start", t.post_start()),
        ];
        if let Some((column, date)) = dates
            .into_iter()
            .find(|(_, d)| d.is_some_and(|d| d > as_of))
        {
            return Err(InputError::new(
                file,
                msg!(
                    "elig-date-after-as-of",
                    teacher = &t.id,
                    column = column,
                    date = date.unwrap_or_default().to_string(),
                    as_of = as_of.to_string(),
                    plan_year = policy.plan_year
                ),
            )
            .at(u64::from(t.line))
            .column(column));
        }
    }
    Ok(())
}

/// fit.md "A rule never switches off in silence": a key the policy file
/// set (to a value that applies a rule) whose columns no teacher at a
/// sending school has a value in is bad input naming the key, its line,
/// the columns it reads and the headers of the teachers' file that were
/// not read. (Without any value the rule would apply to no one.)
pub fn check_rule_columns(data: &DataSet, policy: &Policy) -> Result<(), InputError> {
    let senders: Vec<&Teacher> = data
        .teachers
        .iter()
        .filter(|t| policy.is_sending(&data.schools[t.school]))
        .collect();
    if senders.is_empty() {
        return Ok(());
    }
    let aged = |t: &Teacher| t.age.is_some() || t.birth_date.is_some();
    for set in &policy.set_in_file {
        // The columns the key's rule reads, and whether a teacher has them.
        let (columns, has): (&str, &dyn Fn(&Teacher) -> bool) = match set.key {
            "min_years_at_school" | "must_rotate_after_years" => {
                ("years_at_school, school_entry", &|t| {
                    t.years_at_school.is_some() || t.school_entry().is_some()
                })
            }
            "max_age" => ("age, birth_date, id_card", &aged),
            "max_age_male" | "max_age_female" => ("age, birth_date, id_card; sex", &|t| {
                aged(t) && t.sex.is_some()
            }),
            "min_years_to_retirement" => ("birth_date, id_card; sex", &|t| {
                t.birth_date.is_some() && t.sex.is_some()
            }),
            "established_only" => ("established", &|t| t.established.is_some()),
            "backbone_titles" => ("title", &|t| t.title.is_some()),
            "principals" => ("post", &|t| t.post().is_some()),
            _ => continue,
        };
        // A post may be at any school (principals.md "Policy"); the other
        // keys' rules apply at the sending schools.
        let found = if set.key == "principals" {
            data.teachers.iter().any(has)
        } else {
            senders.iter().any(|t| has(t))
        };
        if found {
            continue;
        }
        // Where ages or birth dates are there and only the sex is not,
        // the sex is the column missing.
        let columns = match set.key {
            "max_age_male" | "max_age_female" if senders.iter().any(|t| aged(t)) => "sex",
            "min_years_to_retirement" if senders.iter().any(|t| t.birth_date.is_some()) => "sex",
            "min_years_to_retirement" if senders.iter().any(|t| t.sex.is_some()) => {
                "birth_date, id_card"
            }
            _ => columns,
        };
        let unread: Vec<&str> = data
            .files
            .iter()
            .find(|f| f.file.ends_with(data.teachers_file()))
            .map(|f| f.ignored.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let message = msg!(
            "elig-rule-without-column",
            columns = columns,
            file = data.teachers_file(),
            unread = if unread.is_empty() {
                msg!("elig-no-header-unread")
            } else {
                msg!("elig-headers-unread", headers = unread.join(", "))
            }
        );
        let mut err = InputError::new(&set.file, message).key(set.key);
        err.line = set.line;
        return Err(err);
    }
    Ok(())
}

/// For each teacher (by index), `Ok(())` when eligible, else the first
/// reason in rules.md's order.
pub fn assess(data: &DataSet, policy: &Policy) -> Vec<Result<(), Ineligible>> {
    let as_of = policy.as_of();
    // Per teacher: what the history says of them in the plan year.
    let mut marks: Vec<Marks> = vec![Marks::default(); data.teachers.len()];
    for past in &data.history {
        marks[past.teacher].add(policy, past);
    }
    data.teachers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if !policy.is_sending(&data.schools[t.school]) {
                return Err(Ineligible::NotAtSendingSchool);
            }
            match t.eligible {
                Some(false) => Err(Ineligible::ExplicitOverride),
                // Never planned as a teacher, whatever the column says.
                Some(true) => match planned_apart(t, policy) {
                    Some(reason) => Err(reason),
                    None => Ok(()),
                },
                None => first_reason(t, policy, as_of, marks[i]),
            }
        })
        .collect()
}

fn first_reason(
    t: &Teacher,
    policy: &Policy,
    as_of: NaiveDate,
    marks: Marks,
) -> Result<(), Ineligible> {
    match reasons(t, policy, as_of, marks, false).into_iter().next() {
        Some(reason) => Err(reason),
        None => Ok(()),
    }
}

/// The reasons in rules.md's order that teacher `t` may not rotate
/// (at a sending school, without an `eligible` override): all of them
/// (`all`), or only the first.
fn reasons(
    t: &Teacher,
    policy: &Policy,
    as_of: NaiveDate,
    marks: Marks,
    all: bool,
) -> Vec<Ineligible> {
    let Marks {
        away_until,
        cooled,
        returned,
    } = marks;
    let mut found = Vec::new();
    let mut add = |reason: Ineligible| {
        found.push(reason);
        !all
    };
    if t.status == Some(PostStatus::AWAY) && add(Ineligible::away_by_status()) {
        return found;
    }
    if let Some(end) = away_until
        && add(Ineligible::away_until(end))
    {
        return found;
    }
    if let Some(status) = t.status.filter(|s| s.not_at_post())
        && add(Ineligible::Status {
            code: status.0,
            detail: status.detail().to_string(),
        })
    {
        return found;
    }
    if let Some(reason) = planned_apart(t, policy)
        && add(reason)
    {
        return found;
    }
    if policy.established_only && t.established == Some(false) && add(Ineligible::NotEstablished) {
        return found;
    }
    if let Some(because) = t.exempt()
        && t.exempt_until().is_none_or(|until| until >= as_of)
        && add(Ineligible::Exempt {
            because: because.to_string(),
        })
    {
        return found;
    }
    if let Some(years) = years_since_return(years_at_school(t, as_of), returned, policy.plan_year)
        && years < policy.min_years_at_school
        && add(Ineligible::TooFewYears {
            years,
            min: policy.min_years_at_school,
        })
    {
        return found;
    }
    if let (Some(age), Some(max)) = (age_at(t, as_of), age_limit(t, policy))
        && age > max
        && add(Ineligible::OverAge { age, max })
    {
        return found;
    }
    if let (Some(min), Some(retires)) = (policy.min_years_to_retirement, retires_on(t, policy))
        && retires < retirement::add_years(as_of, min)
        && add(Ineligible::NearRetirement {
            retires: retires.to_string(),
            min,
        })
    {
        return found;
    }
    if let Some(year) = cooled {
        add(Ineligible::CoolDown { year });
    }
    found
}

/// Why a principal or vice principal may not move (principals.md
/// "Candidates"), the first that holds: the eligibility reasons `away`,
/// `status`, `not_established`, `exempt`, `over_age`, `near_retirement`
/// and `cool_down` (the `eligible` column overrides them as for
/// teachers), `None` when none does. The years at the school and the
/// sending school do not matter here: the post's years do
/// (`plan::principals`). `history` is the teacher's past rotations.
pub fn candidate_reason<'a>(
    teacher: &Teacher,
    policy: &Policy,
    history: impl IntoIterator<Item = &'a PastRotation>,
) -> Option<Ineligible> {
    match teacher.eligible {
        Some(true) => return None,
        Some(false) => return Some(Ineligible::ExplicitOverride),
        None => {}
    }
    let mut marks = Marks::default();
    for past in history {
        marks.add(policy, past);
    }
    reasons(teacher, policy, policy.as_of(), marks, true)
        .into_iter()
        .find(|r| {
            !matches!(
                r,
                Ineligible::Principal { .. } | Ineligible::TooFewYears { .. }
            )
        })
}

/// `principal` (principals.md "Data"): a 校长 is never planned as a
/// teacher, nor a 副校长 under `principals = true`; `None` for anyone else.
pub fn planned_apart(t: &Teacher, policy: &Policy) -> Option<Ineligible> {
    let post = t
        .post()
        .filter(|&p| p == crate::domain::Post::Principal || policy.principals)?;
    Some(Ineligible::Principal {
        post: post.chinese().to_string(),
    })
}

/// Every reason in rules.md's order that teacher `t` may not rotate, not
/// only the first (`rotaplan explain`); empty when eligible. A school
/// that sends no one, or an `eligible` column's `false`, is the only
/// reason when it holds; its `true` makes the teacher eligible whatever
/// else holds.
pub fn all_reasons(data: &DataSet, policy: &Policy, t: usize) -> Vec<Ineligible> {
    let teacher = &data.teachers[t];
    if !policy.is_sending(&data.schools[teacher.school]) {
        return vec![Ineligible::NotAtSendingSchool];
    }
    match teacher.eligible {
        Some(true) => return planned_apart(teacher, policy).into_iter().collect(),
        Some(false) => return vec![Ineligible::ExplicitOverride],
        None => {}
    }
    let mut marks = Marks::default();
    for past in data.history.iter().filter(|p| p.teacher == t) {
        marks.add(policy, past);
    }
    reasons(teacher, policy, policy.as_of(), marks, true)
}

/// Each teacher's years at the school as eligibility counts them, by
/// teacher index: from the roster (or `school_entry`) at `as_of`, counted
/// from a return (programme.md "Years after a return"); `None` unknown.
pub fn years_counted(data: &DataSet, policy: &Policy) -> Vec<Option<u32>> {
    let mut marks: Vec<Marks> = vec![Marks::default(); data.teachers.len()];
    for past in &data.history {
        marks[past.teacher].add(policy, past);
    }
    let as_of = policy.as_of();
    data.teachers
        .iter()
        .zip(&marks)
        .map(|(t, m)| years_since_return(years_at_school(t, as_of), m.returned, policy.plan_year))
        .collect()
}

/// What programme.md adds to a data set under `policy`, in one place for
/// every command: the places `refill_returns` adds for this year's
/// returns, then the pins of `must_rotate_after_years`.
pub fn add_programme(data: &mut DataSet, policy: &Policy) {
    let (refills, _) = returns::refills(data, policy);
    returns::add_refills(data, &refills);
    pin_after_years(data, policy);
}

/// Whether `add_programme` may change a data set under `policy`.
pub fn changes_data(policy: &Policy) -> bool {
    policy.refill_returns || policy.must_rotate_after_years.is_some()
}

/// `must_rotate_after_years` (programme.md "Must rotate"): each eligible
/// teacher with at least that many years at the school (as eligibility
/// counts them) and no pin of their own is pinned `must_rotate`, marked
/// so that plan.csv's `pin` says which rule pinned them.
pub fn pin_after_years(data: &mut DataSet, policy: &Policy) {
    let Some(n) = policy.must_rotate_after_years else {
        return;
    };
    let verdicts = assess(data, policy);
    let years = years_counted(data, policy);
    for (t, teacher) in data.teachers.iter_mut().enumerate() {
        if verdicts[t].is_ok()
            && years[t].is_some_and(|y| y >= n)
            && teacher.assign_to.is_none()
            && !teacher.must_rotate
        {
            teacher.must_rotate = true;
            teacher.details_mut().pinned_after_years = true;
        }
    }
}

/// What a teacher's history rows mean in the plan year Y.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    /// The end of a stint still in progress (`end_year >= Y`): away.
    away_until: Option<i64>,
    /// The latest row's year in the cool-down window (rules.md
    /// `cool_down`).
    cooled: Option<i64>,
    /// The end of the latest rotation, not a transfer, that ended before
    /// Y: the years at the school count from the return (programme.md
    /// "Years after a return").
    returned: Option<i64>,
}

impl Marks {
    /// Adds one history row. Its cool-down counts from its `end_year`
    /// (its `year` when it has none, and for a transfer), programme.md
    /// "Cool-down".
    fn add(&mut self, policy: &Policy, past: &crate::domain::PastRotation) {
        let end = past.end_year.filter(|_| !past.transfer);
        let last = end.unwrap_or(past.year);
        let in_window = match policy.cooldown {
            Cooldown::Ever => true,
            Cooldown::Years(n) => last > policy.plan_year.saturating_sub(i64::from(n)),
        };
        if in_window {
            self.cooled = self.cooled.max(Some(past.year));
        }
        match end {
            Some(end) if end >= policy.plan_year => {
                self.away_until = self.away_until.max(Some(end));
            }
            Some(end) => self.returned = self.returned.max(Some(end)),
            None => {}
        }
    }
}

/// The years at the school after a return (programme.md "Years after a
/// return"): the smaller of the roster's (when given) and `Y - end - 1`
/// for a rotation that ended in school year `end` before the plan year Y;
/// the years spent away do not count.
pub fn years_since_return(
    roster: Option<u32>,
    returned: Option<i64>,
    plan_year: i64,
) -> Option<u32> {
    let Some(end) = returned else {
        return roster;
    };
    let since = u32::try_from((plan_year - end - 1).max(0)).unwrap_or(u32::MAX);
    Some(roster.map_or(since, |years| years.min(since)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Area, Backbone, PastRotation, School, Teacher};

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
            weak: false,
            group: String::new(),
        };
        let teacher = |id: &str, school| Teacher {
            id: id.into(),
            school,
            subject: "数学".into(),
            backbone: Backbone::None,
            years_at_school: Some(10),
            age: Some(40),
            ..Teacher::default()
        };
        let mut d = DataSet {
            schools: vec![school("U", Area::Urban), school("R", Area::Rural)],
            teachers: (0..7).map(|i| teacher(&format!("T{i}"), 0)).collect(),
            ..DataSet::default()
        };
        d.teachers[1].school = 1;
        d.teachers[2].details_mut().exempt = Some("病假".into());
        d.teachers[3].years_at_school = Some(5);
        d.teachers[4].age = Some(56);
        d.teachers[5].details_mut().exempt = Some("孕期".into());
        d.teachers[5].eligible = Some(true);
        d.history = vec![
            PastRotation {
                teacher: 6,
                year: 2024,
                school: None,
                end_year: None,
                form: None,
                transfer: false,
            },
            PastRotation {
                teacher: 0,
                year: 2023,
                school: None,
                end_year: None,
                form: None,
                transfer: false,
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
