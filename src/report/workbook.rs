//! `plan --out plan.xlsx`: the plan as a workbook for principals and the
//! city bureau (papers.md "The workbook"), its sheets and headers in the
//! chosen language: `plan` / 交流名单 (the rows of plan.csv, which `audit`
//! reads back under either language's headers), `summary` / 汇总 (per
//! district the figures and each rule's pass or fail), `balance` / 优质均衡
//! (each CV before and after, whether the plan keeps it, and for one it
//! does not, how to keep it or that it is the least the rules allow),
//! `not eligible` / 不符合条件 (each teacher at a sending school who may not
//! rotate, with the reason), `policy` / 政策 (every key in force, its
//! value and source, and rotaplan's version) and 公示名单 (the published
//! list, `published`). Shares are percentages, CVs three decimals,
//! distances 0.1 km; each sheet prints on A4 landscape one page wide.
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

/// One cell to write, with its number format.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// A share, shown as a percentage (`12.5%`).
    Percent(f64),
    /// A CV, to three decimals.
    Cv(f64),
    /// Kilometres, to 0.1 km.
    Km(f64),
    /// 是/否 under zh, TRUE/FALSE under en.
    Bool(bool),
    Empty,
}

/// The widest a column is made for its heading alone (a heading wider
/// wraps): four Chinese characters.
const HEADING_WIDTH: usize = 8;

/// Writes `rows` under a bold, frozen header with a filter, each column as
/// wide as its text, printed on A4 landscape one page wide with the header
/// row repeated on each page (papers.md "The workbook").
fn sheet(
    book: &mut Workbook,
    name: &str,
    header: &[impl AsRef<str>],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    // Long headings wrap (a column is as wide as its data, a heading up
    // to `HEADING_WIDTH`), so that a sheet of many columns still prints
    // legibly one page wide.
    let bold = Format::new()
        .set_bold()
        .set_background_color("#F2F2F2")
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let percent = Format::new().set_num_format("0.0%");
    let cv = Format::new().set_num_format("0.000");
    let km = Format::new().set_num_format("0.0");
    let chinese = crate::messages::lang() == crate::messages::Lang::Zh;
    let (yes, no) = (render(&msg!("page-yes")), render(&msg!("page-no")));
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
                Cell::Percent(n) => {
                    ws.write_number_with_format(row, col, *n, &percent)?;
                }
                Cell::Cv(n) => {
                    ws.write_number_with_format(row, col, *n, &cv)?;
                }
                Cell::Km(n) => {
                    ws.write_number_with_format(row, col, *n, &km)?;
                }
                Cell::Bool(b) if chinese => {
                    ws.write_string(row, col, if *b { &yes } else { &no })?;
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
    // Each column as wide as its widest text shown, wide characters
    // counting two (rust_xlsxwriter's autofit counts one, which clips
    // 骨干教师 and 交流前差异系数), with room for the filter button.
    let mut widths: Vec<usize> = Vec::with_capacity(header.len());
    for (c, h) in header.iter().enumerate() {
        let heading = unicode_width::UnicodeWidthStr::width(h.as_ref()).min(HEADING_WIDTH);
        let widest = rows
            .iter()
            .filter_map(|r| match r.get(c)? {
                Cell::Text(t) => Some(t.to_string()),
                Cell::Number(n) => Some(n.to_string()),
                Cell::Percent(_) => Some("100.0%".to_string()),
                Cell::Cv(_) => Some("0.000".to_string()),
                Cell::Km(n) => Some(format!("{n:.1}")),
                Cell::Bool(_) => Some("FALSE".to_string()),
                Cell::Empty => None,
            })
            .map(|t| unicode_width::UnicodeWidthStr::width(t.as_str()))
            .max()
            .unwrap_or(0)
            .max(heading);
        let width = (widest + 3).clamp(6, 60);
        widths.push(width);
        ws.set_column_width(c as u16, width as f64)?;
    }
    // The header row as tall as its most wrapped heading (spreadsheets
    // do not grow a row for wrapped text on their own).
    let lines = header
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let width = unicode_width::UnicodeWidthStr::width(h.as_ref());
            let room = widths[c].saturating_sub(3).max(1);
            width.div_ceil(room).max(1) as f64
        })
        .fold(1.0, f64::max);
    ws.set_row_height(0, 15.0 * lines)?;
    ws.set_paper_size(9); // A4
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_header(format!("&C&\"-,Bold\"{}", name.replace('&', "&&")));
    ws.set_footer(render(&msg!("published-footer")));
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
    let chinese = crate::messages::lang() == crate::messages::Lang::Zh;
    let plan_rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.teacher),
                Cell::Text(r.name),
                Cell::Text(r.subject),
                Cell::Bool(r.backbone),
                Cell::Text(r.from_school),
                Cell::Text(r.to_school),
                r.distance_km
                    .map_or(Cell::Empty, |d| Cell::Km((d * 1000.0).round() / 1000.0)),
                Cell::Text(r.district),
                Cell::Text(if chinese {
                    r.backbone_level.chinese()
                } else {
                    r.backbone_level.name()
                }),
                Cell::Text(r.from_school_name),
                Cell::Text(r.to_school_name),
                r.preference_rank
                    .map_or(Cell::Empty, |k| Cell::Number(f64::from(k))),
                Cell::Number(r.year as f64),
                r.end_year.map_or(Cell::Empty, |y| Cell::Number(y as f64)),
                Cell::Bool(r.transfer),
                Cell::Text(r.pin),
                Cell::Text(r.post),
            ]
        })
        .collect();
    // `audit --plan plan.xlsx` finds the plan by this sheet's name (plan,
    // 交流名单: read/plan.rs) and reads its columns by their names or
    // Chinese aliases (工号, 交流学校, ...).
    sheet(
        &mut book,
        &render(&msg!("page-sheet-plan")),
        &plan_headings(),
        &plan_rows,
    )?;

    let all = render(&msg!("report-all"));
    let (optimal, unproven_words) = (Status::Optimal.to_string(), Status::TimeLimit.to_string());
    let status_words = |s: Status| -> &str {
        match s {
            Status::Optimal => &optimal,
            Status::TimeLimit => &unproven_words,
        }
    };
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
                f.backbone_share().map_or(Cell::Empty, Cell::Percent),
                Cell::Number(f.needs_filled as f64),
                Cell::Number(f.needs_total as f64),
                Cell::Km((f.total_distance_km * 1000.0).round() / 1000.0),
                Cell::Percent(d.max_leave_share),
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
                d.status
                    .map_or(Cell::Empty, |s| Cell::Text(status_words(s))),
                d.harm_status
                    .map_or(Cell::Empty, |s| Cell::Text(status_words(s))),
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
            let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Cv);
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
                Cell::Cv(b.limit),
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
            msg!("page-plan-col-name"),
            msg!("report-col-school"),
            msg!("page-column-school-name"),
            msg!("page-column-subject"),
            msg!("page-column-reason"),
            msg!("page-column-detail"),
        ]),
        &ineligible,
    )?;
    policy_sheet(&mut book, policy)?;
    let moves: Vec<(usize, usize)> = plan
        .rotations
        .iter()
        .map(|r| (r.teacher, r.to_school))
        .collect();
    super::published::list(
        data,
        policy,
        &moves,
        super::published::By::To,
        None,
        None,
        false,
    )
    .add_sheet(&mut book, &render(&msg!("published-sheet")))?;
    book.save_to_buffer()
}

/// The plan sheet's headings: plan.csv's columns under en, their Chinese
/// aliases under zh (工号, 姓名, ..., 交流学校), which `audit` reads alike.
fn plan_headings() -> Vec<String> {
    COLUMNS
        .iter()
        .map(|c| {
            let key = match *c {
                "teacher" => msg!("page-plan-col-teacher"),
                "name" => msg!("page-plan-col-name"),
                "subject" => msg!("page-plan-col-subject"),
                "backbone" => msg!("page-plan-col-backbone"),
                "from_school" => msg!("page-plan-col-from-school"),
                "to_school" => msg!("page-plan-col-to-school"),
                "distance_km" => msg!("page-plan-col-distance-km"),
                "district" => msg!("page-plan-col-district"),
                "backbone_level" => msg!("page-plan-col-backbone-level"),
                "from_school_name" => msg!("page-plan-col-from-school-name"),
                "to_school_name" => msg!("page-plan-col-to-school-name"),
                "year" => msg!("page-plan-col-year"),
                "end_year" => msg!("page-plan-col-end-year"),
                "transfer" => msg!("page-plan-col-transfer"),
                "pin" => msg!("page-plan-col-pin"),
                "post" => msg!("page-plan-col-post"),
                _ => msg!("page-plan-col-preference-rank"),
            };
            render(&key)
        })
        .collect()
}

/// The sheet 政策 (papers.md "The workbook"): every policy key in force
/// with its value and where it came from, then rotaplan's version.
fn policy_sheet(book: &mut Workbook, policy: &Policy) -> Result<(), XlsxError> {
    use crate::policy::in_force::Source;
    let listed = policy.in_force();
    let sources: Vec<String> = listed
        .iter()
        .map(|e| {
            render(&match e.source {
                Source::Default => msg!("page-source-default"),
                Source::File => msg!("page-source-file"),
                Source::CommandLine => msg!("page-source-command-line"),
            })
        })
        .collect();
    let mut rows: Vec<Vec<Cell>> = listed
        .iter()
        .zip(&sources)
        .map(|(e, source)| vec![Cell::Text(e.key), Cell::Text(&e.value), Cell::Text(source)])
        .collect();
    // catalogue: not a message (the program's name)
    rows.push(vec![
        Cell::Text("rotaplan"),
        Cell::Text(env!("CARGO_PKG_VERSION")),
        Cell::Empty,
    ]);
    sheet(
        book,
        &render(&msg!("page-sheet-policy")),
        &headings(&[
            msg!("page-column-key"),
            msg!("page-column-value"),
            msg!("page-column-source"),
        ]),
        &rows,
    )
}

/// Whether an output path asks for a workbook.
pub fn wants_workbook(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}
