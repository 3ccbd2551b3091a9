//! `rotaplan check`: what was read, from where, what was derived, what
//! was ignored or skipped, and what a planner should look at before
//! trusting a plan (rosters.md "`rotaplan check DIR`"). Nothing is
//! planned; the data set is read exactly as `plan` reads it.

use crate::domain::info::FileInfo;
use crate::domain::{Certificate, DataSet, Levels, Warning};
use crate::eligibility::{self, Ineligible, warnings};
use crate::messages::{Arg, Message};
use crate::msg;
use crate::policy::Policy;
use std::collections::BTreeMap;

pub use crate::eligibility::warnings::Derived;

/// Teachers per level taught and per qualification, and the needs'
/// places per level they take (fit.md "Teaching level": `check` counts
/// them), keyed by `Levels::key` and `Certificate::key` (`none` without a
/// certificate).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LevelCounts {
    pub teachers: BTreeMap<&'static str, u64>,
    pub certificates: BTreeMap<&'static str, u64>,
    /// `None` without needs.csv.
    pub needs: Option<BTreeMap<&'static str, u64>>,
}

impl LevelCounts {
    fn of(data: &DataSet) -> LevelCounts {
        let mut counts = LevelCounts::default();
        for t in &data.teachers {
            *counts
                .teachers
                .entry(data.teacher_levels(t).key())
                .or_default() += 1;
            let certificate = t.certificate.map_or("none", Certificate::key);
            *counts.certificates.entry(certificate).or_default() += 1;
        }
        counts.needs = data.needs.as_ref().map(|needs| {
            let mut by_level = BTreeMap::new();
            for n in needs {
                *by_level.entry(data.need_levels(n).key()).or_default() += u64::from(n.count);
            }
            by_level
        });
        counts
    }
}

/// What `check` prints.
#[derive(Debug, Clone, serde::Serialize)]
pub struct CheckReport {
    pub plan_year: i64,
    pub as_of: String,
    pub files: Vec<FileInfo>,
    pub schools: usize,
    pub sending_schools: usize,
    pub receiving_schools: usize,
    pub teachers: usize,
    /// Teachers and needs by teaching level (fit.md "Teaching level").
    pub levels: LevelCounts,
    pub derived: Derived,
    /// Eligible teachers at sending schools.
    pub eligible: u64,
    /// Teachers at sending schools who are not eligible, per reason code
    /// (in the order the reasons are tried).
    pub ineligible: BTreeMap<&'static str, u64>,
    /// Every warning (`eligibility::warnings::warnings`), in JSON as
    /// objects `{code, message, file?, line?, column?}`.
    pub warnings: Vec<Warning>,
    /// The places of need, the refills among them.
    pub needs_total: u64,
    /// The places of need `refill_returns` adds for this year's returns
    /// (programme.md), counted in the needs.
    pub refills: Vec<crate::eligibility::returns::Refill>,
}

/// Checks a loaded data set under `policy`.
pub fn check(data: &DataSet, policy: &Policy) -> CheckReport {
    let as_of = policy.as_of();
    let verdicts = eligibility::assess(data, policy);
    let mut ineligible: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut eligible = 0;
    for v in &verdicts {
        match v {
            Ok(()) => eligible += 1,
            Err(Ineligible::NotAtSendingSchool) => {}
            Err(reason) => *ineligible.entry(reason.code()).or_default() += 1,
        }
    }
    let derived = warnings::derived(data, policy);
    let warnings = warnings::warnings(data, policy);
    CheckReport {
        plan_year: policy.plan_year,
        as_of: as_of.to_string(),
        files: data.files.clone(),
        schools: data.schools.len(),
        sending_schools: data.schools.iter().filter(|s| policy.is_sending(s)).count(),
        receiving_schools: data
            .schools
            .iter()
            .filter(|s| policy.is_receiving(s))
            .count(),
        teachers: data.teachers.len(),
        levels: LevelCounts::of(data),
        derived,
        eligible,
        ineligible,
        warnings,
        needs_total: data
            .needs
            .iter()
            .flatten()
            .map(|n| u64::from(n.count))
            .sum(),
        refills: crate::eligibility::returns::refills(data, policy).0,
    }
}

/// The report as text for a planner.
pub fn table(r: &CheckReport) -> String {
    let dates = msg!("report-year-as-of", year = r.plan_year, as_of = &r.as_of);
    let mut out = format!("{}\n", msg!("report-check-title", dates = dates));
    for f in &r.files {
        let how = match (&f.sheet, f.separator) {
            (Some(sheet), _) if f.sheet_hidden => {
                Arg::from(msg!("report-check-sheet-hidden", sheet = sheet))
            }
            (Some(sheet), _) => Arg::from(msg!("report-check-sheet", sheet = sheet)),
            (None, Some(sep)) => Arg::from(msg!(
                "report-check-separated",
                encoding = f.encoding.to_string(),
                separator = sep.to_string()
            )),
            (None, None) => Arg::from(f.encoding.to_string()),
        };
        let read = if f.sheet.is_some() {
            msg!(
                "report-check-file-row",
                file = &f.file,
                how = how.clone(),
                header = f.header_row,
                rows = f.rows
            )
        } else {
            msg!(
                "report-check-file-line",
                file = &f.file,
                how = how,
                header = f.header_row,
                rows = f.rows
            )
        };
        out.push_str(&format!("\n{read}"));
        let s = f.skipped;
        if s.title + s.blank + s.totals > 0 {
            out.push_str(&format!(
                "{}",
                msg!(
                    "report-check-skipped",
                    title = s.title,
                    blank = s.blank,
                    totals = s.totals
                )
            ));
        }
        out.push('\n');
        let columns: Vec<String> = f
            .columns
            .iter()
            .map(|c| {
                if c.header == c.field {
                    c.field.clone()
                } else {
                    format!("{} -> {}", one_line(&c.header), c.field)
                }
            })
            .collect();
        out.push_str(&format!(
            "  {}\n",
            msg!("report-check-columns", columns = columns.join(", "))
        ));
        if !f.sheets.is_empty() {
            let list = |read: bool| -> String {
                f.sheets
                    .iter()
                    .filter(|u| u.read == read)
                    .map(|u| {
                        let why = serde_json::to_value(u.why).unwrap_or_default();
                        msg!(
                            "report-check-sheet-use",
                            sheet = one_line(&u.name),
                            read = read.to_string(),
                            header = u.header_row.unwrap_or(0),
                            rows = u.rows,
                            why = why.as_str().unwrap_or("")
                        )
                        .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "  {}\n",
                msg!("report-check-sheets-read", sheets = list(true))
            ));
            let not_read = list(false);
            if !not_read.is_empty() {
                out.push_str(&format!(
                    "  {}\n",
                    msg!("report-check-sheets-not-read", sheets = not_read)
                ));
            }
        }
        if let Some(really) = f.really {
            let content = serde_json::to_value(really).unwrap_or_default();
            out.push_str(&format!(
                "  {}\n",
                msg!(
                    "report-check-really",
                    content = content.as_str().unwrap_or("")
                )
            ));
        }
        if !f.merged.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                msg!("report-check-merged", ranges = f.merged.join(", "))
            ));
        }
        if !f.ignored.is_empty() {
            out.push_str(&format!(
                "  {}\n",
                msg!(
                    "report-check-ignored",
                    columns = f
                        .ignored
                        .iter()
                        .map(|h| one_line(h))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            ));
        }
    }
    out.push_str(&format!(
        "\n{}\n",
        msg!(
            "report-check-counts",
            schools = r.schools,
            sending = r.sending_schools,
            receiving = r.receiving_schools,
            teachers = r.teachers
        )
    ));
    out.push_str(&format!("{}\n", levels_line(&r.levels)));
    let d = &r.derived;
    out.push_str(&format!(
        "{}\n",
        msg!(
            "report-check-derived",
            as_of = &r.as_of,
            age = d.ages_from.age,
            birth = d.ages_from.birth_date,
            from_id = d.ages_from.id_card,
            years = d.years_from_entry_dates,
            service = d.service_from_work_start
        )
    ));
    let reasons: Vec<String> = Ineligible::CODES
        .iter()
        .filter_map(|code| r.ineligible.get(code).map(|n| format!("{code} {n}")))
        .collect();
    out.push_str(&format!(
        "{}\n",
        msg!(
            "report-check-eligible",
            eligible = r.eligible,
            ineligible = r.ineligible.values().sum::<u64>(),
            reasons = if reasons.is_empty() {
                String::new()
            } else {
                format!(" ({})", reasons.join(", "))
            }
        )
    ));
    if r.warnings.is_empty() {
        out.push_str(&format!("\n{}\n", msg!("report-check-no-warnings")));
    } else {
        out.push_str(&format!(
            "\n{}\n",
            msg!("report-check-warnings", count = r.warnings.len())
        ));
        for w in &r.warnings {
            out.push_str(&format!("  - {}\n", w.message));
        }
    }
    out
}

/// A header as one line of the table: a line break typed in the cell
/// (Alt+Enter) shown as ⏎.
fn one_line(header: &str) -> String {
    header.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎")
}

/// The line of teachers and needs by teaching level: each count after
/// its level's or certificate's Chinese name.
fn levels_line(c: &LevelCounts) -> Message {
    let levels = [Levels::PRIMARY, Levels::JUNIOR, Levels::BOTH, Levels::NONE];
    let by_level = |counts: &BTreeMap<&'static str, u64>| -> String {
        levels
            .iter()
            .filter_map(|l| counts.get(l.key()).map(|n| format!("{} {n}", l.chinese())))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut certificates: Vec<String> = Certificate::ALL
        .iter()
        .filter_map(|cert| {
            let n = c.certificates.get(cert.key())?;
            Some(format!("{} {n}", cert.words()[0]))
        })
        .collect();
    if let Some(n) = c.certificates.get("none") {
        certificates.push(msg!("report-check-no-certificate", count = *n).to_string());
    }
    msg!(
        "report-check-levels",
        teachers = by_level(&c.teachers),
        certificates = certificates.join(", "),
        needs = c.needs.as_ref().map(by_level).unwrap_or_default(),
        with_needs = if c.needs.is_some() { "yes" } else { "no" }
    )
}

/// The report as one JSON object (keys of rosters.md, plus extras).
pub fn json(r: &CheckReport) -> String {
    serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
