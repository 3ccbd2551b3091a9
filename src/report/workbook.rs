//! `plan --out plan.xlsx`: the plan as a workbook for principals and the
//! city bureau. Four sheets: `plan` (the rows of plan.csv, which `audit`
//! reads back), `summary` (per district the figures and each rule's pass
//! or fail), `balance` (each CV of 优质均衡 before and after, whether the
//! plan keeps it, and for one it does not, how to keep it or that it is
//! the least the rules allow) and `not eligible` (each teacher at a
//! sending school who may not rotate, with the reason).
//!
//! Every text cell is written as text, never as a formula: a name such as
//! `=1+1` stays the text `=1+1`. The `plan` sheet is a plan file and
//! carries each teacher's id whole, an ID number too (a roster without
//! `id`); the other sheets show ID numbers masked (rosters.md "Personal
//! data").

use super::plan::{COLUMNS, PlanRow};
use crate::domain::{DataSet, mask_id_cards};
use crate::messages::{Message, render};
use crate::msg;
use crate::plan::RotationPlan;
use crate::policy::Policy;
use crate::report::indicators::not_kept_note;
use crate::solve::Status;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// One cell to write.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Bool(bool),
    Empty,
}

/// Writes `rows` under a bold, frozen header with a filter.
fn sheet(
    book: &mut Workbook,
    name: &str,
    header: &[impl AsRef<str>],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h.as_ref(), &bold)?;
    }
    for (r, cells) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(t) => {
                    ws.write_string(row, col, *t)?;
                }
                Cell::Number(n) => {
                    ws.write_number(row, col, *n)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(row, col, *b)?;
                }
                Cell::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let last_col = header.len().saturating_sub(1) as u16;
    ws.autofilter(0, 0, rows.len() as u32, last_col)?;
    ws.autofit();
    // autofit counts every character as one Latin width: a column holding
    // Chinese text (骨干教师, 交流前差异系数) is widened to its display
    // width, wide characters counting two, so that no text is clipped.
    for (c, h) in header.iter().enumerate() {
        let shown: Vec<String> = std::iter::once(h.as_ref().to_string())
            .chain(rows.iter().filter_map(|r| match r.get(c)? {
                Cell::Text(t) => Some(t.to_string()),
                Cell::Number(n) => Some(n.to_string()),
                Cell::Bool(_) | Cell::Empty => None,
            }))
            .collect();
        if shown.iter().all(|t| t.is_ascii()) {
            continue; // autofit's width is right
        }
        let widest = shown
            .iter()
            .map(|t| unicode_width::UnicodeWidthStr::width(t.as_str()))
            .max()
            .unwrap_or(0);
        // Room for the filter button beside the header.
        ws.set_column_width(c as u16, (widest + 4).min(80) as f64)?;
    }
    Ok(())
}

/// A sheet's headings, in words.
fn headings(messages: &[Message]) -> Vec<String> {
    messages.iter().map(render).collect()
}

/// The workbook's bytes.
pub fn plan_workbook(
    data: &DataSet,
    policy: &Policy,
    plan: &RotationPlan,
    rows: &[PlanRow],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let plan_rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.teacher),
                Cell::Text(r.name),
                Cell::Text(r.subject),
                // catalogue: not a message (plan.csv's boolean, which audit reads back)
                Cell::Text(if r.backbone { "true" } else { "false" }),
                Cell::Text(r.from_school),
                Cell::Text(r.to_school),
                r.distance_km
                    .map_or(Cell::Empty, |d| Cell::Number((d * 1000.0).round() / 1000.0)),
                Cell::Text(r.district),
                Cell::Text(r.backbone_level.name()),
                Cell::Text(r.from_school_name),
                Cell::Text(r.to_school_name),
                r.preference_rank
                    .map_or(Cell::Empty, |k| Cell::Number(f64::from(k))),
            ]
        })
        .collect();
    // `audit --plan plan.xlsx` finds the plan by this sheet name (read/plan.rs).
    // catalogue: not a message (a plan file's sheet name, part of the contract)
    sheet(&mut book, "plan", COLUMNS, &plan_rows)?;

    let all = render(&msg!("report-all"));
    let (pass_text, fail_text) = (render(&msg!("report-pass")), render(&msg!("report-fail")));
    let pass = |ok: bool| Cell::Text(if ok { &pass_text } else { &fail_text });
    let q = policy.min_backbone_share;
    let summary: Vec<Vec<Cell>> = plan
        .districts
        .iter()
        .map(|d| {
            let f = &d.figures;
            let rotation_ok = f.rotating >= f.required;
            let backbone_ok = q.met_by(f.backbone, f.rotating);
            let solved = d.infeasible.is_empty();
            vec![
                Cell::Text(if d.district.is_empty() {
                    &all
                } else {
                    &d.district
                }),
                Cell::Number(f.eligible as f64),
                Cell::Number(f.required as f64),
                Cell::Number(f.rotating as f64),
                Cell::Number(f.backbone as f64),
                Cell::Number(q.ceil_of(f.rotating) as f64),
                f.backbone_share().map_or(Cell::Empty, Cell::Number),
                Cell::Number(f.needs_filled as f64),
                Cell::Number(f.needs_total as f64),
                Cell::Number((f.total_distance_km * 1000.0).round() / 1000.0),
                Cell::Number(d.max_leave_share),
                d.max_leave_school
                    .as_deref()
                    .map_or(Cell::Empty, Cell::Text),
                Cell::Number(
                    crate::indicators::not_kept(&plan.balance)
                        .filter(|b| b.district == d.district)
                        .count() as f64,
                ),
                pass(solved && rotation_ok),
                pass(solved && backbone_ok),
                pass(solved && rotation_ok && backbone_ok),
                d.status.map_or(Cell::Empty, |s| Cell::Text(s.key())),
                d.harm_status.map_or(Cell::Empty, |s| Cell::Text(s.key())),
            ]
        })
        .collect();
    sheet(
        &mut book,
        &render(&msg!("page-sheet-summary")),
        &headings(&[
            msg!("report-col-district"),
            msg!("report-col-eligible"),
            msg!("report-col-required"),
            msg!("report-col-rotating"),
            msg!("report-col-backbone"),
            msg!("page-column-backbone-required"),
            msg!("page-column-backbone-share"),
            msg!("page-column-needs-filled"),
            msg!("page-column-needs-total"),
            msg!("page-column-total-distance"),
            msg!("page-column-max-leave-share"),
            msg!("page-column-max-leave-school"),
            msg!("page-column-cvs-not-kept"),
            msg!("page-column-rotation-ratio"),
            msg!("page-column-backbone-share-rule"),
            msg!("report-audit-col-result"),
            msg!("report-plan-col-status"),
            msg!("page-column-harm-status"),
        ]),
        &summary,
    )?;

    // Each CV the plan is asked to keep (objectives.md `balance`), and
    // what to know of one it does not keep.
    let unproven = |district: &str| {
        plan.districts
            .iter()
            .any(|d| d.district == district && d.harm_status == Some(Status::TimeLimit))
    };
    let planned: Vec<_> = plan.balance.iter().collect();
    let notes: Vec<String> = planned
        .iter()
        .map(|b| not_kept_note(policy.balance, !unproven(&b.district)).to_string())
        .collect();
    let labels: Vec<String> = planned.iter().map(|b| b.indicator.label()).collect();
    let balance: Vec<Vec<Cell>> = planned
        .iter()
        .zip(&notes)
        .zip(&labels)
        .map(|((b, note), label)| {
            let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Number);
            vec![
                Cell::Text(if b.district.is_empty() {
                    &all
                } else {
                    &b.district
                }),
                Cell::Text(b.level.chinese()),
                Cell::Text(label),
                Cell::Number(b.schools as f64),
                number(b.cv_before),
                number(b.cv_after),
                Cell::Number(b.limit),
                Cell::Bool(b.kept()),
                if b.kept() {
                    Cell::Empty
                } else {
                    Cell::Text(note)
                },
            ]
        })
        .collect();
    sheet(
        &mut book,
        &render(&msg!("page-sheet-balance")),
        &headings(&[
            msg!("report-col-district"),
            msg!("report-col-level"),
            msg!("page-column-indicator"),
            msg!("page-column-schools"),
            msg!("page-column-cv-before"),
            msg!("page-column-cv-after"),
            msg!("page-column-limit"),
            msg!("page-column-kept"),
            msg!("page-column-note"),
        ]),
        &balance,
    )?;

    let details: Vec<String> = plan.ineligible.iter().map(|(_, r)| r.to_string()).collect();
    let ids: Vec<String> = plan
        .ineligible
        .iter()
        .map(|(t, _)| mask_id_cards(&data.teachers[*t].id).into_owned())
        .collect();
    let ineligible: Vec<Vec<Cell>> = plan
        .ineligible
        .iter()
        .zip(&details)
        .zip(&ids)
        .map(|(((t, reason), detail), id)| {
            let teacher = &data.teachers[*t];
            let school = &data.schools[teacher.school];
            vec![
                Cell::Text(id),
                Cell::Text(&teacher.name),
                Cell::Text(&school.id),
                Cell::Text(&school.name),
                Cell::Text(&teacher.subject),
                Cell::Text(reason.code()),
                Cell::Text(detail),
            ]
        })
        .collect();
    sheet(
        &mut book,
        &render(&msg!("page-sheet-not-eligible")),
        &headings(&[
            msg!("page-column-teacher"),
            msg!("report-indicators-col-name"),
            msg!("report-col-school"),
            msg!("page-column-school-name"),
            msg!("page-column-subject"),
            msg!("page-column-reason"),
            msg!("page-column-detail"),
        ]),
        &ineligible,
    )?;
    book.save_to_buffer()
}

/// Whether an output path asks for a workbook.
pub fn wants_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}
