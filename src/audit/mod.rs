//! `rotaplan audit`: does a plan, made by rotaplan or by hand in a
//! spreadsheet, meet the rules, and if not, exactly where not.
//!
//! The auditor is deliberately independent of the planner: it reads only
//! the raw data set and the plan file, and recounts eligibility, the
//! ratios and the needs with its own code (it shares the file readers and
//! the policy and the rules' definitions (`rules`: units and filters),
//! never `eligibility`, `model`, `solve` or `plan`). Every rule of
//! `Policy::rules` is recounted here, unit by unit. A bug in the planner's
//! bookkeeping therefore shows up here as a violation.

pub mod principals;

use crate::domain::{DataSet, Levels, Post, PostStatus, Sex, Teacher, key};
use crate::eligibility::Ineligible;
use crate::messages::Message;
use crate::msg;
use crate::policy::retirement;
use crate::policy::rules::{Bound, Builtin, Of, Place, RatioRule, Unit};
use crate::policy::{Cooldown, LevelMatch, Policy};
pub use crate::read::plan::{PlanLine, read_plan};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// A broken rule. Row rules carry the plan line; ratio rules the unit
/// and the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The rule's name: a built-in name, a row rule (`pin`, ...) or a
    /// `[[rules]]` entry's name.
    pub rule: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numerator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub denominator: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortfall: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excess: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need: Option<u64>,
    /// Under `level_mismatch`: the levels the teacher teaches (or is
    /// qualified for, under `level_match = "qualified"`), and those the
    /// need takes (`Levels::key`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher_levels: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need_levels: Option<&'static str>,
    /// What is wrong, in words (in JSON, its text).
    pub message: Message,
}

impl Violation {
    fn new(rule: &str, message: Message) -> Violation {
        Violation {
            rule: rule.to_string(),
            line: None,
            teacher: None,
            school: None,
            group: None,
            district: None,
            subject: None,
            reason: None,
            numerator: None,
            denominator: None,
            required: None,
            shortfall: None,
            limit: None,
            excess: None,
            count: None,
            need: None,
            teacher_levels: None,
            need_levels: None,
            message,
        }
    }

    fn row(rule: &str, line: &PlanLine, message: Message) -> Violation {
        Violation {
            line: Some(line.line),
            teacher: Some(line.teacher.clone()),
            school: Some(line.to_school.clone()),
            ..Violation::new(rule, message)
        }
    }
}

/// One unit of one rule, recounted: N against D and the bound.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCount {
    pub rule: String,
    pub district: String,
    /// The sending school, for a unit of scope "school" (or a school
    /// without a group under scope "group").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    pub numerator: u64,
    pub denominator: u64,
    /// The least N, for a `min` rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<u64>,
    /// The most N, for a `max` rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    pub ok: bool,
}

/// The two binding ratios in one place (a district, or a sending school
/// or group), as the audit table shows them.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeCount {
    pub district: String,
    /// The sending school, with scope "school".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub eligible: u64,
    pub required: u64,
    pub rotating: u64,
    pub backbone: u64,
    pub backbone_required: u64,
    pub ok: bool,
}

/// The audit's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    pub ok: bool,
    pub plan_year: i64,
    pub as_of: String,
    pub eligible: u64,
    /// The sum of the `rotation_ratio` requirements.
    pub required: u64,
    pub rotating: u64,
    pub backbone: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_filled: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_total: Option<u64>,
    pub scopes: Vec<ScopeCount>,
    /// Every unit of every rule (`Policy::rules`), rule by rule.
    pub rules: Vec<UnitCount>,
    pub violations: Vec<Violation>,
    /// The rows that count, as (teacher, receiving school) in the plan's
    /// order: those that break no rule of their own (the others are among
    /// `violations`, with their line). Not in JSON; the report draws its
    /// charts, flows and map from these, so that they count as the audit.
    #[serde(skip)]
    pub counted: Vec<(usize, usize)>,
    /// Per school (`DataSet::schools` order), its teachers the audit finds
    /// eligible. Not in JSON.
    #[serde(skip)]
    pub eligible_at: Vec<u64>,
}

/// Audits a plan file's rows: the teachers' (`audit`) and the
/// principals' (`principals::check`, principals.md "Audit"), as
/// `read::plan::read_plan_parts` splits them.
pub fn audit_plan(
    data: &DataSet,
    policy: &Policy,
    teachers: &[PlanLine],
    principals: &[PlanLine],
) -> AuditReport {
    let mut report = audit(data, policy, teachers);
    let broken = principals::check(data, policy, principals);
    report.ok &= broken.is_empty();
    report.violations.extend(broken);
    report
}

/// Audits `plan` against `data` under `policy`.
pub fn audit(data: &DataSet, policy: &Policy, plan: &[PlanLine]) -> AuditReport {
    let why_not = eligibility(data, policy);
    let mut violations = Vec::new();
    let mut counted: Vec<usize> = Vec::new(); // teacher indices that count
    let mut counted_rows: Vec<(usize, usize)> = Vec::new();
    // Teacher id (as compared, `key`) -> the first line listing it.
    let mut first_line: HashMap<Cow<str>, u64> = HashMap::new();
    // (school, subject) -> its needs' places by the levels they take
    // (`Levels::index`); rows sent there so far that pass the other rules:
    // those placed, by the need levels their teachers reach, and how many.
    let need_of: Option<HashMap<(usize, &str), [u64; 4]>> = data.needs.as_ref().map(|needs| {
        let mut of: HashMap<(usize, &str), [u64; 4]> = HashMap::new();
        for n in needs {
            of.entry((n.school, n.subject.as_str())).or_default()[data.need_levels(n).index()] +=
                u64::from(n.count);
        }
        of
    });
    let mut sent: HashMap<(usize, &str), ([u64; 4], u64)> = HashMap::new();
    let mut filled: u64 = 0;
    for line in plan {
        let listed = key(&line.teacher);
        if let Some(first) = first_line.get(&listed) {
            violations.push(Violation::row(
                "duplicate_teacher",
                line,
                msg!(
                    "audit-duplicate-teacher",
                    teacher = &line.teacher,
                    first = *first
                ),
            ));
            continue;
        }
        first_line.insert(listed, line.line);
        let (teacher, school) = line.resolve(data);
        let Some(t) = teacher else {
            let message = if line.candidates.is_empty() {
                msg!(
                    "audit-unknown-teacher",
                    teacher = &line.teacher,
                    file = data.teachers_file()
                )
            } else {
                msg!(
                    "audit-unknown-teacher-candidates",
                    teacher = &line.teacher,
                    file = data.teachers_file(),
                    candidates = line.candidates.join(", ")
                )
            };
            violations.push(Violation::row("unknown_teacher", line, message));
            continue;
        };
        let Some(to) = school else {
            violations.push(Violation::row(
                "unknown_school",
                line,
                msg!(
                    "audit-unknown-school",
                    school = &line.to_school,
                    file = data.schools_file()
                ),
            ));
            continue;
        };
        let teacher = &data.teachers[t];
        let before = violations.len();
        row_rules(
            data,
            policy,
            line,
            teacher,
            to,
            &why_not[t],
            &mut violations,
        );
        if violations.len() > before {
            continue;
        }
        let key = (to, &*teacher.subject);
        // The places of the school's needs in the subject, by level
        // (none without needs.csv: the school's own levels then).
        let places = need_of
            .as_ref()
            .map(|need_of| need_of.get(&key).copied().unwrap_or_default());
        let reach = policy.level_reach(data, teacher);
        let taken = places.unwrap_or_default();
        if let Some(mismatch) = level_mismatch(data, policy, line, teacher, reach, to, taken) {
            violations.push(mismatch);
            continue;
        }
        if let Some(places) = places {
            let (rows, listed) = sent.entry(key).or_default();
            *listed += 1;
            rows[reach.index()] += 1;
            if !all_placed(rows, &places) {
                rows[reach.index()] -= 1;
                violations.push(over_need(
                    line,
                    &data.schools[to].id,
                    &teacher.subject,
                    *listed,
                    places.iter().sum(),
                ));
                continue;
            }
            filled += 1;
        }
        counted.push(t);
        counted_rows.push((t, to));
    }
    violations.extend(missing_pins(data, &first_line));
    let rules = policy.rules();
    let units: Vec<UnitCount> = rules
        .iter()
        .flat_map(|rule| count_units(data, policy, rule, &why_not, &counted))
        .collect();
    let mut ratio_violations: Vec<Violation> = units
        .iter()
        .filter(|u| !u.ok)
        .map(|u| unit_violation(u, &rules))
        .collect();
    ratio_violations.append(&mut violations);
    let scopes = scopes(&units);
    let mut eligible_at = vec![0; data.schools.len()];
    for (t, why) in why_not.iter().enumerate() {
        if why.is_none() {
            eligible_at[data.teachers[t].school] += 1;
        }
    }
    let needs_total = data
        .needs
        .as_ref()
        .map(|n| n.iter().map(|n| u64::from(n.count)).sum());
    AuditReport {
        ok: ratio_violations.is_empty(),
        plan_year: policy.plan_year,
        as_of: policy.as_of().to_string(),
        eligible: scopes.iter().map(|s| s.eligible).sum(),
        required: scopes.iter().map(|s| s.required).sum(),
        rotating: scopes.iter().map(|s| s.rotating).sum(),
        backbone: scopes.iter().map(|s| s.backbone).sum(),
        needs_filled: needs_total.map(|_| filled),
        needs_total,
        scopes,
        rules: units,
        violations: ratio_violations,
        counted: counted_rows,
        eligible_at,
    }
}

/// The rules one row can break once its teacher and school are known.
fn row_rules(
    data: &DataSet,
    policy: &Policy,
    line: &PlanLine,
    teacher: &Teacher,
    to: usize,
    why_not: &Option<Ineligible>,
    violations: &mut Vec<Violation>,
) {
    let from = &data.schools[teacher.school];
    let dest = &data.schools[to];
    mismatches(data, line, teacher, to, violations);
    if let Some(reason) = why_not {
        violations.push(Violation {
            reason: Some(reason.code().to_string()),
            ..Violation::row(
                "ineligible_teacher",
                line,
                msg!(
                    "audit-ineligible",
                    teacher = &teacher.id,
                    reason = reason.to_string()
                ),
            )
        });
    }
    if !policy.is_receiving(dest) {
        let school = &dest.id;
        let message = if dest.quality {
            msg!("audit-not-receiving-quality", school = school)
        } else if dest.weak {
            msg!("audit-not-receiving-weak", school = school)
        } else {
            msg!("audit-not-receiving-urban", school = school)
        };
        violations.push(Violation::row("not_rural", line, message));
    }
    if dest.district != from.district {
        violations.push(Violation {
            district: Some(from.district.clone()),
            ..Violation::row(
                "cross_district",
                line,
                msg!(
                    "audit-cross-district",
                    teacher = &teacher.id,
                    from_district = &from.district,
                    school = &dest.id,
                    to_district = &dest.district
                ),
            )
        });
    }
    if policy.within_group && dest.group != from.group {
        let shown = |g: &str| {
            if g.is_empty() {
                msg!("audit-no-group")
            } else {
                msg!("policy-unit-group", group = g)
            }
        };
        violations.push(Violation {
            group: Some(from.group.clone()),
            ..Violation::row(
                "outside_group",
                line,
                msg!(
                    "audit-outside-group",
                    teacher = &teacher.id,
                    from = &from.id,
                    from_group = shown(&from.group),
                    to = &dest.id,
                    to_group = shown(&dest.group)
                ),
            )
        });
    }
    if let Some(pinned) = teacher.assign_to
        && pinned != to
    {
        violations.push(Violation::row(
            "pin",
            line,
            msg!(
                "audit-pin-elsewhere",
                teacher = &teacher.id,
                pinned = &data.schools[pinned].id,
                school = &dest.id
            ),
        ));
    }
}

/// The row's own words against the data set (fit.md "Conflicts are
/// shown"): its `name` is not the name of the teacher its 工号 or ID
/// number names (`name_mismatch`; names compared as ids are, `key`: white
/// space and full width aside; an empty name is no mismatch), or its
/// `to_school_name` is not the id or name of its `to_school`
/// (`school_mismatch`: another school's, or no school's at all).
fn mismatches(
    data: &DataSet,
    line: &PlanLine,
    teacher: &Teacher,
    to: usize,
    violations: &mut Vec<Violation>,
) {
    if let Some(name) = &line.name
        && key(name) != key(&teacher.name)
    {
        violations.push(Violation::row(
            "name_mismatch",
            line,
            msg!(
                "audit-name-mismatch",
                teacher = &teacher.id,
                name = name,
                known = &teacher.name,
                file = data.teachers_file()
            ),
        ));
    }
    let dest = &data.schools[to];
    if let Some(named) = &line.to_school_name
        && key(named) != key(&dest.name)
        && key(named) != key(&dest.id)
    {
        let message = match data.find_school(named) {
            Some(crate::domain::Found::One(s)) => msg!(
                "audit-school-mismatch",
                teacher = &teacher.id,
                named = named,
                other = &data.schools[s].id,
                school = &dest.id,
                known = &dest.name
            ),
            Some(crate::domain::Found::Many) => msg!(
                "audit-school-mismatch-many",
                teacher = &teacher.id,
                named = named,
                school = &dest.id,
                known = &dest.name
            ),
            None => msg!(
                "audit-school-mismatch-unknown",
                teacher = &teacher.id,
                named = named,
                school = &dest.id,
                known = &dest.name,
                file = data.schools_file()
            ),
        };
        violations.push(Violation::row("school_mismatch", line, message));
    }
}

/// Pinned teachers (`assign_to`, `must_rotate`) the plan does not list
/// (`listed`: ids as compared).
fn missing_pins(data: &DataSet, listed: &HashMap<Cow<str>, u64>) -> Vec<Violation> {
    data.teachers
        .iter()
        .filter(|t| (t.assign_to.is_some() || t.must_rotate) && !listed.contains_key(&key(&t.id)))
        .map(|t| {
            let message = match t.assign_to {
                Some(s) => msg!(
                    "audit-missing-assigned",
                    teacher = &t.id,
                    school = &data.schools[s].id
                ),
                None => msg!("audit-missing-must-rotate", teacher = &t.id),
            };
            Violation {
                teacher: Some(t.id.clone()),
                ..Violation::new("pin", message)
            }
        })
        .collect()
}

/// `level_mismatch` (fit.md "Teaching level"): the row's teacher reaches
/// (`Policy::level_reach`) none of the levels its place takes, which are
/// those of the school's needs in the subject (`places`, by
/// `Levels::index`), or the school's own levels when it has none there.
fn level_mismatch(
    data: &DataSet,
    policy: &Policy,
    line: &PlanLine,
    teacher: &Teacher,
    reach: Levels,
    to: usize,
    places: [u64; 4],
) -> Option<Violation> {
    let mut taken = (0..4)
        .filter(|&k| places[k] > 0)
        .fold(Levels::NONE, |all, k| all.or(Levels::from_index(k)));
    if taken.is_empty() {
        taken = Levels::of_school(data.schools[to].level);
    }
    if reach.meets(taken) {
        return None;
    }
    Some(Violation {
        teacher_levels: Some(reach.key()),
        need_levels: Some(taken.key()),
        ..Violation::row(
            "level_mismatch",
            line,
            msg!(
                "audit-level-mismatch",
                teacher = &teacher.id,
                qualified = if policy.level_match == LevelMatch::Qualified {
                    "yes"
                } else {
                    "no"
                },
                teacher_levels = reach.chinese(),
                school = &data.schools[to].id,
                need_levels = taken.chinese()
            ),
        )
    })
}

/// Whether rows sent to one school and subject, counted by the need
/// levels their teachers reach, can all take a place of a level they
/// reach: Hall's condition over every set of reaches (the places of the
/// levels some reach in the set meets hold the rows of the set).
fn all_placed(rows: &[u64; 4], places: &[u64; 4]) -> bool {
    (1..16u8).all(|set| {
        let in_set = |r: usize| set & (1 << r) != 0;
        let wanting: u64 = (0..4).filter(|&r| in_set(r)).map(|r| rows[r]).sum();
        let open: u64 = (0..4)
            .filter(|&k| {
                (0..4).any(|r| in_set(r) && Levels::from_index(r).meets(Levels::from_index(k)))
            })
            .map(|k| places[k])
            .sum();
        wanting <= open
    })
}

fn over_need(line: &PlanLine, school: &str, subject: &str, count: u64, need: u64) -> Violation {
    Violation {
        subject: Some(subject.to_string()),
        need: Some(need),
        count: Some(count),
        ..Violation::row(
            "over_need",
            line,
            if need == 0 {
                msg!("audit-no-need", school = school, subject = subject)
            } else {
                msg!(
                    "audit-over-need",
                    school = school,
                    need = need,
                    subject = subject,
                    count = count
                )
            },
        )
    }
}

/// The auditor's own reading of the eligibility rules (rules.md
/// "Eligibility", in its order): `None` when the teacher may rotate, else
/// why not.
fn eligibility(data: &DataSet, policy: &Policy) -> Vec<Option<Ineligible>> {
    reasons(data, policy, false)
}

/// Each teacher's first reason not to rotate: as a teacher (`eligibility`),
/// or, with `candidate`, as a principal or vice principal may not move
/// (principals.md "Candidates": the school's kind, the post and the years
/// at the school do not count).
fn reasons(data: &DataSet, policy: &Policy, candidate: bool) -> Vec<Option<Ineligible>> {
    let as_of = policy.as_of();
    let mut recent: HashMap<usize, i64> = HashMap::new();
    let mut away: HashMap<usize, i64> = HashMap::new();
    // programme.md: the end of the latest rotation (not a transfer) that
    // ended before the plan year; the years at the school count from it.
    let mut back: HashMap<usize, i64> = HashMap::new();
    for h in &data.history {
        // A transfer is never away and never returns; its cool-down
        // counts from its year.
        let end = if h.transfer { None } else { h.end_year };
        let ended = end.unwrap_or(h.year);
        let cooling = match policy.cooldown {
            Cooldown::Ever => true,
            Cooldown::Years(n) => ended > policy.plan_year - i64::from(n),
        };
        if cooling {
            let y = recent.entry(h.teacher).or_insert(h.year);
            *y = (*y).max(h.year);
        }
        match end {
            Some(end) if end >= policy.plan_year => {
                let y = away.entry(h.teacher).or_insert(end);
                *y = (*y).max(end);
            }
            Some(end) => {
                let y = back.entry(h.teacher).or_insert(end);
                *y = (*y).max(end);
            }
            None => {}
        }
    }
    data.teachers
        .iter()
        .enumerate()
        .map(|(t, teacher)| {
            if !candidate && !policy.is_sending(&data.schools[teacher.school]) {
                return Some(Ineligible::NotAtSendingSchool);
            }
            // principals.md "Data": a 校长 (and under `principals` a 副校长)
            // is never a teacher of the rotation, whatever `eligible` says.
            let post = teacher
                .post()
                .filter(|&p| !candidate && (p == Post::Principal || policy.principals))
                .map(|p| Ineligible::Principal {
                    post: p.chinese().to_string(),
                });
            match teacher.eligible {
                Some(true) => return post,
                Some(false) => return Some(Ineligible::ExplicitOverride),
                None => {}
            }
            let age = teacher
                .birth_date
                .map(|b| retirement::completed_years(b, as_of))
                .or(teacher.age);
            let roster_years = teacher
                .school_entry()
                .map(|e| retirement::years_served(e, as_of))
                .or(teacher.years_at_school);
            // Back from a rotation that ended in `end`: the school years
            // since, at most (the years away do not count).
            let years = match back.get(&t) {
                Some(&end) => {
                    let since = u32::try_from((policy.plan_year - end - 1).max(0)).unwrap_or(0);
                    Some(roster_years.map_or(since, |y| y.min(since)))
                }
                None => roster_years,
            };
            let age_limit = match teacher.sex {
                Some(Sex::Male) => policy.max_age_male.or(policy.max_age),
                Some(Sex::Female) => policy.max_age_female.or(policy.max_age),
                None => policy.max_age,
            };
            let retires = teacher
                .sex
                .zip(teacher.birth_date)
                .map(|(sex, birth)| retirement::retirement_date(policy.retirement, sex, birth));
            let checks = [
                (teacher.status == Some(PostStatus::AWAY)).then(Ineligible::away_by_status),
                away.get(&t).map(|&end| Ineligible::away_until(end)),
                teacher
                    .status
                    .filter(|s| s.not_at_post())
                    .map(|s| Ineligible::Status {
                        code: s.0,
                        detail: s.detail().to_string(),
                    }),
                post,
                (policy.established_only && teacher.established == Some(false))
                    .then_some(Ineligible::NotEstablished),
                teacher
                    .exempt()
                    .filter(|_| teacher.exempt_until().is_none_or(|u| u >= as_of))
                    .map(|because| Ineligible::Exempt {
                        because: because.to_string(),
                    }),
                years
                    .filter(|&y| !candidate && y < policy.min_years_at_school)
                    .map(|years| Ineligible::TooFewYears {
                        years,
                        min: policy.min_years_at_school,
                    }),
                age.zip(age_limit)
                    .filter(|(age, max)| age > max)
                    .map(|(age, max)| Ineligible::OverAge { age, max }),
                policy
                    .min_years_to_retirement
                    .zip(retires)
                    .filter(|&(n, date)| date < retirement::add_years(as_of, n))
                    .map(|(min, date)| Ineligible::NearRetirement {
                        retires: date.to_string(),
                        min,
                    }),
                recent.get(&t).map(|&year| Ineligible::CoolDown { year }),
            ];
            checks.into_iter().flatten().next()
        })
        .collect()
}

/// One rule recounted over its units: every unit a sending school belongs
/// to, with N from the counted rows and D from the roster or the rows.
fn count_units(
    data: &DataSet,
    policy: &Policy,
    rule: &RatioRule,
    why_not: &[Option<Ineligible>],
    counted: &[usize],
) -> Vec<UnitCount> {
    // unit -> (N, D)
    let mut units: BTreeMap<Unit, (u64, u64)> = BTreeMap::new();
    if !rule.per_subject {
        for school in data.schools.iter().filter(|s| policy.is_sending(s)) {
            units.entry(rule.unit_of(school, "")).or_default();
        }
    }
    // Counted per (school, subject) first: a province has 600,000
    // teachers and a few thousand such pairs.
    let mut by_pair: HashMap<(usize, &str), (u64, u64)> = HashMap::new();
    for (t, teacher) in data.teachers.iter().enumerate() {
        let school = &data.schools[teacher.school];
        let counts_in_d = match rule.of {
            Of::Eligible => why_not[t].is_none(),
            Of::Staff => policy.is_sending(school),
            Of::Rotating => false,
        };
        if counts_in_d && rule.among.matches(data, policy, teacher) {
            by_pair
                .entry((teacher.school, &teacher.subject))
                .or_default()
                .1 += 1;
        }
    }
    for &t in counted {
        let teacher = &data.teachers[t];
        if !rule.among.matches(data, policy, teacher) {
            continue;
        }
        let pair = by_pair
            .entry((teacher.school, &teacher.subject))
            .or_default();
        if rule.of == Of::Rotating {
            pair.1 += 1;
        }
        if rule.who.matches(data, policy, teacher) {
            pair.0 += 1;
        }
    }
    for ((school, subject), (n, d)) in by_pair {
        let u = units
            .entry(rule.unit_of(&data.schools[school], subject))
            .or_default();
        u.0 += n;
        u.1 += d;
    }
    units
        .into_iter()
        .map(|(unit, (n, d))| {
            let bound = rule.bound_of(d);
            let (school, group) = match unit.place {
                Place::District => (None, None),
                Place::School(id) => (Some(id), None),
                Place::Group(g) => (None, Some(g)),
            };
            UnitCount {
                rule: rule.name.clone(),
                district: unit.district,
                school,
                group,
                subject: unit.subject,
                numerator: n,
                denominator: d,
                required: (rule.bound == Bound::Min).then_some(bound),
                limit: (rule.bound == Bound::Max).then_some(bound),
                ok: rule.met(n, d),
            }
        })
        .collect()
}

/// The violation of a unit that fails its rule, with its counts.
fn unit_violation(u: &UnitCount, rules: &[RatioRule]) -> Violation {
    let place = match (&u.school, &u.group) {
        (Some(school), _) => msg!("policy-unit-school", school = school),
        (None, Some(group)) => msg!("policy-unit-group", group = group),
        (None, None) if u.district.is_empty() => msg!("policy-unit-data-set"),
        (None, None) => msg!("policy-unit-district", district = &u.district),
    };
    let place = match &u.subject {
        Some(s) => msg!("audit-place-subject", place = place, subject = s),
        None => place,
    };
    let rule = rules.iter().find(|r| r.name == u.rule);
    let share = rule.map(|r| r.share.to_string()).unwrap_or_default();
    let counts = match rule.map(|r| (r.builtin, r.of)) {
        Some((Some(Builtin::BackboneShare), _)) => msg!("audit-counts-backbone"),
        Some((Some(Builtin::RotationRatio), _)) => msg!("audit-counts-rotation"),
        Some((_, Of::Eligible)) => msg!("audit-counts-eligible"),
        Some((_, Of::Rotating)) => msg!("audit-counts-rotating"),
        _ => msg!("audit-counts-staff"),
    };
    let (n, d) = (u.numerator, u.denominator);
    let (required, limit, shortfall, excess, message) = match (u.required, u.limit) {
        (Some(required), _) => (
            Some(required),
            None,
            Some(required - n),
            None,
            msg!(
                "audit-unit-short",
                place = place,
                n = n,
                d = d,
                counts = counts,
                rule = &u.rule,
                required = required,
                share = share,
                short = required - n
            ),
        ),
        (None, limit) => {
            let limit = limit.unwrap_or(0);
            (
                None,
                Some(limit),
                None,
                Some(n - limit),
                msg!(
                    "audit-unit-excess",
                    place = place,
                    n = n,
                    d = d,
                    counts = counts,
                    rule = &u.rule,
                    limit = limit,
                    share = share,
                    excess = n - limit
                ),
            )
        }
    };
    Violation {
        district: Some(u.district.clone()),
        school: u.school.clone(),
        group: u.group.clone(),
        subject: u.subject.clone(),
        numerator: Some(n),
        denominator: Some(d),
        required,
        shortfall,
        limit,
        excess,
        ..Violation::new(&u.rule, message)
    }
}

/// The rotation ratio and backbone share side by side per unit, from the
/// recounted units of the two rules.
fn scopes(units: &[UnitCount]) -> Vec<ScopeCount> {
    let of = |name: &'static str| units.iter().filter(move |u| u.rule == name);
    of(Builtin::RotationRatio.name())
        .map(|r| {
            let b = of(Builtin::BackboneShare.name())
                .find(|b| (&b.district, &b.school, &b.group) == (&r.district, &r.school, &r.group));
            ScopeCount {
                district: r.district.clone(),
                school: r.school.clone(),
                group: r.group.clone(),
                eligible: r.denominator,
                required: r.required.unwrap_or(0),
                rotating: r.numerator,
                backbone: b.map_or(0, |b| b.numerator),
                backbone_required: b.and_then(|b| b.required).unwrap_or(0),
                ok: r.ok && b.is_none_or(|b| b.ok),
            }
        })
        .collect()
}
