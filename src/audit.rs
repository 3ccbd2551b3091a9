//! `rotaplan audit`: does a plan, made by rotaplan or by hand in a
//! spreadsheet, meet the rules, and if not, exactly where not.
//!
//! The auditor is deliberately independent of the planner: it reads only
//! the raw data set and the plan file, and recounts eligibility, the
//! ratios and the needs with its own code (it shares the file readers and
//! the policy, never `eligibility`, `model`, `solve` or `plan`). A bug in
//! the planner's bookkeeping therefore shows up here as a violation.

use crate::data::table::{Column, Table, optional, required};
use crate::data::{DataSet, Teacher};
use crate::eligibility::Ineligible;
use crate::error::Error;
use crate::policy::{Policy, Scope};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The plan columns the auditor reads; all others are looked up.
const PLAN_COLUMNS: &[Column] = &[
    required("teacher", &["工号"]),
    required("to_school", &["交流学校"]),
    optional("from_school", &["原学校", "派出学校"]),
];

/// One row of the plan as read.
#[derive(Debug, Clone)]
pub struct PlanLine {
    pub line: u64,
    pub teacher: String,
    pub to_school: String,
}

/// Reads a plan file (UTF-8, BOM or GBK; `teacher`/`工号` and
/// `to_school`/`交流学校` required, other columns ignored).
pub fn read_plan(path: &Path) -> Result<Vec<PlanLine>, Error> {
    let table = Table::read(path, PLAN_COLUMNS, &["plan", "方案", "交流方案"])?;
    let mut lines = Vec::new();
    table.for_each_row(|row| {
        lines.push(PlanLine {
            line: row.line,
            teacher: row.require("teacher")?.to_string(),
            to_school: row.require("to_school")?.to_string(),
        });
        Ok(())
    })?;
    Ok(lines)
}

/// A broken rule. Row rules carry the plan line; ratio rules the scope
/// and the counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    pub rule: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
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
    pub count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub need: Option<u64>,
    pub message: String,
}

impl Violation {
    fn new(rule: &'static str, message: String) -> Violation {
        Violation {
            rule,
            line: None,
            teacher: None,
            school: None,
            district: None,
            subject: None,
            reason: None,
            numerator: None,
            denominator: None,
            required: None,
            shortfall: None,
            count: None,
            need: None,
            message,
        }
    }

    fn row(rule: &'static str, line: &PlanLine, message: String) -> Violation {
        Violation {
            line: Some(line.line),
            teacher: Some(line.teacher.clone()),
            school: Some(line.to_school.clone()),
            ..Violation::new(rule, message)
        }
    }
}

/// One place the ratios were recounted.
#[derive(Debug, Clone, Serialize)]
pub struct ScopeCount {
    pub district: String,
    /// The sending school, with scope "school".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
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
    pub eligible: u64,
    pub required: u64,
    pub rotating: u64,
    pub backbone: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_filled: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub needs_total: Option<u64>,
    pub scopes: Vec<ScopeCount>,
    pub violations: Vec<Violation>,
}

/// Audits `plan` against `data` under `policy`.
pub fn audit(data: &DataSet, policy: &Policy, plan: &[PlanLine]) -> AuditReport {
    let why_not = eligibility(data, policy);
    let mut violations = Vec::new();
    let mut counted: Vec<usize> = Vec::new(); // teacher indices that count
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    // (school, subject) -> need; rows sent there so far that pass the other rules.
    let need_of: Option<HashMap<(usize, &str), u64>> = data.needs.as_ref().map(|needs| {
        needs
            .iter()
            .map(|n| ((n.school, n.subject.as_str()), u64::from(n.count)))
            .collect()
    });
    let mut sent: HashMap<(usize, &str), u64> = HashMap::new();
    let mut filled: u64 = 0;
    for line in plan {
        if let Some(first) = first_line.get(line.teacher.as_str()) {
            violations.push(Violation::row(
                "duplicate_teacher",
                line,
                format!(
                    "teacher {} is listed again (first on line {first})",
                    line.teacher
                ),
            ));
            continue;
        }
        first_line.insert(&line.teacher, line.line);
        let Some(&t) = data.teacher_index.get(&line.teacher) else {
            violations.push(Violation::row(
                "unknown_teacher",
                line,
                format!("teacher {} is not in teachers.csv", line.teacher),
            ));
            continue;
        };
        let Some(&to) = data.school_index.get(&line.to_school) else {
            violations.push(Violation::row(
                "unknown_school",
                line,
                format!("school {} is not in schools.csv", line.to_school),
            ));
            continue;
        };
        let teacher = &data.teachers[t];
        let before = violations.len();
        row_rules(data, line, teacher, to, &why_not[t], &mut violations);
        if violations.len() > before {
            continue;
        }
        if let Some(need_of) = &need_of {
            let key = (to, &*teacher.subject);
            let need = need_of.get(&key).copied().unwrap_or(0);
            let count = sent.entry(key).or_default();
            *count += 1;
            if *count > need {
                violations.push(over_need(
                    line,
                    &data.schools[to].id,
                    &teacher.subject,
                    *count,
                    need,
                ));
                continue;
            }
            filled += 1;
        }
        counted.push(t);
    }
    let scopes = count_scopes(data, policy, &why_not, &counted);
    violations.splice(0..0, ratio_violations(policy, &scopes));
    let needs_total = data
        .needs
        .as_ref()
        .map(|n| n.iter().map(|n| u64::from(n.count)).sum());
    AuditReport {
        ok: violations.is_empty(),
        eligible: scopes.iter().map(|s| s.eligible).sum(),
        required: scopes.iter().map(|s| s.required).sum(),
        rotating: scopes.iter().map(|s| s.rotating).sum(),
        backbone: scopes.iter().map(|s| s.backbone).sum(),
        needs_filled: needs_total.map(|_| filled),
        needs_total,
        scopes,
        violations,
    }
}

/// The rules one row can break once its teacher and school are known.
fn row_rules(
    data: &DataSet,
    line: &PlanLine,
    teacher: &Teacher,
    to: usize,
    why_not: &Option<Ineligible>,
    violations: &mut Vec<Violation>,
) {
    let from = &data.schools[teacher.school];
    let dest = &data.schools[to];
    if let Some(reason) = why_not {
        violations.push(Violation {
            reason: Some(reason.code().to_string()),
            ..Violation::row(
                "ineligible_teacher",
                line,
                format!("teacher {} may not rotate: {reason}", teacher.id),
            )
        });
    }
    if dest.area != crate::data::Area::Rural || dest.quality {
        let what = if dest.quality {
            "a quality school"
        } else {
            "urban"
        };
        violations.push(Violation::row(
            "not_rural",
            line,
            format!("school {} is {what}, not a receiving school", dest.id),
        ));
    }
    if dest.district != from.district {
        violations.push(Violation {
            district: Some(from.district.clone()),
            ..Violation::row(
                "cross_district",
                line,
                format!(
                    "teacher {} works in district {} but school {} is in district {}",
                    teacher.id, from.district, dest.id, dest.district
                ),
            )
        });
    }
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
                format!("school {school} has no need in {subject}")
            } else {
                format!(
                    "school {school} needs {need} in {subject}; this is teacher number {count} sent there"
                )
            },
        )
    }
}

/// The auditor's own reading of the eligibility rules: `None` when the
/// teacher may rotate, else why not.
fn eligibility(data: &DataSet, policy: &Policy) -> Vec<Option<Ineligible>> {
    let cutoff = policy
        .plan_year
        .saturating_sub(i64::from(policy.cooldown_years));
    let mut recent: HashMap<usize, i64> = HashMap::new();
    for h in data.history.iter().filter(|h| h.year > cutoff) {
        let y = recent.entry(h.teacher).or_insert(h.year);
        *y = (*y).max(h.year);
    }
    data.teachers
        .iter()
        .enumerate()
        .map(|(t, teacher)| {
            let school = &data.schools[teacher.school];
            let sending = school.area == crate::data::Area::Urban || school.quality;
            let checks = [
                (!sending).then_some(Ineligible::NotAtSendingSchool),
                (teacher.eligible == Some(false)).then_some(Ineligible::ExplicitOverride),
                teacher
                    .exempt
                    .clone()
                    .map(|because| Ineligible::Exempt { because }),
                teacher
                    .years_at_school
                    .filter(|&y| y < policy.min_years_at_school)
                    .map(|years| Ineligible::TooFewYears {
                        years,
                        min: policy.min_years_at_school,
                    }),
                teacher
                    .age
                    .zip(policy.max_age)
                    .filter(|(age, max)| age > max)
                    .map(|(age, max)| Ineligible::OverAge { age, max }),
                recent.get(&t).map(|&year| Ineligible::CoolDown { year }),
            ];
            let mut reasons = checks.into_iter().flatten();
            match (reasons.next(), teacher.eligible) {
                (Some(Ineligible::NotAtSendingSchool), _) => Some(Ineligible::NotAtSendingSchool),
                (_, Some(true)) => None,
                (first, _) => first,
            }
        })
        .collect()
}

/// Eligible, rotating and backbone per district (or sending school).
fn count_scopes(
    data: &DataSet,
    policy: &Policy,
    why_not: &[Option<Ineligible>],
    counted: &[usize],
) -> Vec<ScopeCount> {
    let scope_of = |school: &crate::data::School| -> (String, Option<String>) {
        let school_id = (policy.scope == Scope::School).then(|| school.id.clone());
        (school.district.clone(), school_id)
    };
    let key = |t: &Teacher| scope_of(&data.schools[t.school]);
    let mut scopes: BTreeMap<(String, Option<String>), ScopeCount> = BTreeMap::new();
    for school in data
        .schools
        .iter()
        .filter(|s| s.area == crate::data::Area::Urban || s.quality)
    {
        let (district, school) = scope_of(school);
        scopes
            .entry((district.clone(), school.clone()))
            .or_insert_with(|| ScopeCount {
                district,
                school,
                eligible: 0,
                required: 0,
                rotating: 0,
                backbone: 0,
                backbone_required: 0,
                ok: true,
            });
    }
    for (t, teacher) in data.teachers.iter().enumerate() {
        if why_not[t].is_none()
            && let Some(s) = scopes.get_mut(&key(teacher))
        {
            s.eligible += 1;
        }
    }
    for &t in counted {
        let teacher = &data.teachers[t];
        if let Some(s) = scopes.get_mut(&key(teacher)) {
            s.rotating += 1;
            s.backbone += u64::from(teacher.backbone.is_backbone());
        }
    }
    let (p, q) = (policy.min_rotation_ratio, policy.min_backbone_share);
    scopes
        .into_values()
        .map(|mut s| {
            // ceil(num * n / den) in integers.
            s.required =
                (u128::from(p.num()) * u128::from(s.eligible)).div_ceil(u128::from(p.den())) as u64;
            s.backbone_required =
                (u128::from(q.num()) * u128::from(s.rotating)).div_ceil(u128::from(q.den())) as u64;
            s.ok = s.rotating >= s.required && s.backbone >= s.backbone_required;
            s
        })
        .collect()
}

fn ratio_violations(policy: &Policy, scopes: &[ScopeCount]) -> Vec<Violation> {
    let mut found = Vec::new();
    for s in scopes {
        let place = match &s.school {
            Some(school) => format!("school {school}"),
            None if s.district.is_empty() => "the data set".to_string(),
            None => format!("district {}", s.district),
        };
        let scoped = |v: Violation| Violation {
            district: Some(s.district.clone()),
            school: s.school.clone(),
            ..v
        };
        if s.rotating < s.required {
            found.push(scoped(Violation {
                numerator: Some(s.rotating),
                denominator: Some(s.eligible),
                required: Some(s.required),
                shortfall: Some(s.required - s.rotating),
                ..Violation::new(
                    "rotation_ratio",
                    format!(
                        "{place}: {} of {} eligible teachers rotate; {} requires {}, {} short",
                        s.rotating,
                        s.eligible,
                        policy.min_rotation_ratio,
                        s.required,
                        s.required - s.rotating
                    ),
                )
            }));
        }
        if s.backbone < s.backbone_required {
            found.push(scoped(Violation {
                numerator: Some(s.backbone),
                denominator: Some(s.rotating),
                required: Some(s.backbone_required),
                shortfall: Some(s.backbone_required - s.backbone),
                ..Violation::new(
                    "backbone_share",
                    format!(
                        "{place}: {} of {} rotating teachers are backbone; {} requires {}, {} short",
                        s.backbone,
                        s.rotating,
                        policy.min_backbone_share,
                        s.backbone_required,
                        s.backbone_required - s.backbone
                    ),
                )
            }));
        }
    }
    found
}
