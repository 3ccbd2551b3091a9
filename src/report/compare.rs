//! How scenarios are shown side by side: a table that fits an 80-column
//! terminal with the best value of each column marked `*`, CSV, or JSON.

use super::text::TextTable;
use crate::indicators::{Graded, Indicator, Worst};
use crate::messages::Message;
use crate::msg;
use crate::plan::compare::Row;
use serde::Serialize;

/// A share as a percentage without the sign (the header carries it).
fn percent(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{:.1}", 100.0 * v))
}

fn short_status(status: &str) -> Message {
    match status {
        "optimal" => msg!("report-compare-optimal"),
        "not_proven_optimal" => msg!("report-compare-time-limit"),
        "infeasible" => msg!("report-compare-infeasible"),
        _ => msg!("report-compare-error"),
    }
}

/// Which direction is better for a column.
#[derive(Clone, Copy)]
enum Best {
    High,
    Low,
}

/// Marks the best value of a column among the solved scenarios.
fn mark(
    rows: &[Row],
    cells: &mut [Vec<String>],
    column: usize,
    best: Best,
    value: impl Fn(&Row) -> Option<f64>,
) {
    let solved = |r: &&Row| r.plan.is_some();
    let values: Vec<f64> = rows.iter().filter(solved).filter_map(&value).collect();
    let target = match best {
        Best::High => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        Best::Low => values.iter().copied().fold(f64::INFINITY, f64::min),
    };
    if values.len() < 2 || values.iter().all(|v| *v == target) {
        return; // nothing to choose between
    }
    for (row, cells) in rows.iter().zip(cells.iter_mut()) {
        if row.plan.is_some() && value(row) == Some(target) {
            cells[column] = format!("*{}", cells[column]);
        }
    }
}

/// Scenario names longer than this are cut in the table (CSV and JSON
/// keep them whole), so that a row fits 80 columns.
const NAME_WIDTH: usize = 12;

/// The name of the `k`-th scenario as both tables show it: whole when it
/// fits `NAME_WIDTH`, else cut and tagged `[k + 1]`, the tag of its
/// footnote below the first table.
fn shown_name(k: usize, name: &str) -> String {
    if unicode_width::UnicodeWidthStr::width(name) <= NAME_WIDTH {
        return name.to_string();
    }
    let tag = format!("[{}]", k + 1);
    truncate(name, NAME_WIDTH - tag.len()) + &tag
}

/// The longest prefix of `name` that fits `width` with an ellipsis.
fn truncate(name: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    for c in name.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out + "…"
}

pub fn table(rows: &[Row]) -> String {
    let header = [
        msg!("report-compare-col-scenario"),
        msg!("report-compare-col-status"),
        msg!("report-compare-col-eligible"),
        msg!("report-compare-col-required"),
        msg!("report-compare-col-rotating"),
        msg!("report-compare-col-rotation"),
        msg!("report-compare-col-backbone"),
        msg!("report-compare-col-fill"),
        msg!("report-compare-col-fill-share"),
        msg!("report-compare-col-km"),
        msg!("report-compare-col-mean"),
        msg!("report-compare-col-leave"),
        msg!("report-compare-col-cvs"),
        msg!("report-compare-col-seconds"),
    ];
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let solved = r.plan.is_some();
            let num = |v: u64| {
                if solved {
                    v.to_string()
                } else {
                    "-".to_string()
                }
            };
            vec![
                r.scenario.clone(),
                short_status(r.status).to_string(),
                r.figures.eligible.to_string(),
                r.figures.required.to_string(),
                num(r.figures.rotating),
                if solved {
                    percent(r.figures.rotation_ratio())
                } else {
                    "-".into()
                },
                if solved {
                    percent(r.figures.backbone_share())
                } else {
                    "-".into()
                },
                num(r.figures.needs_filled),
                if solved {
                    format!(
                        "{:.0}",
                        100.0 * r.figures.needs_filled_share().unwrap_or(0.0)
                    )
                } else {
                    "-".into()
                },
                if solved {
                    format!("{:.0}", r.figures.total_distance_km)
                } else {
                    "-".into()
                },
                r.figures
                    .mean_distance_km
                    .map_or("-".into(), |m| format!("{m:.1}")),
                percent(r.max_leave_share),
                r.cvs_not_kept.map_or("-".into(), |n| n.to_string()),
                format!("{:.2}", r.solve_seconds),
            ]
        })
        .collect();
    let mut footnotes = String::new();
    for (k, c) in cells.iter_mut().enumerate() {
        let shown = shown_name(k, &c[0]);
        if shown != c[0] {
            footnotes.push_str(&format!("[{}] {}\n", k + 1, c[0]));
            c[0] = shown;
        }
    }
    mark(rows, &mut cells, 6, Best::High, |r| {
        r.figures.backbone_share()
    });
    mark(rows, &mut cells, 7, Best::High, |r| {
        Some(r.figures.needs_filled as f64)
    });
    mark(rows, &mut cells, 9, Best::Low, |r| {
        Some(r.figures.total_distance_km)
    });
    mark(rows, &mut cells, 10, Best::Low, |r| {
        r.figures.mean_distance_km
    });
    mark(rows, &mut cells, 11, Best::Low, |r| r.max_leave_share);
    mark(rows, &mut cells, 12, Best::Low, |r| {
        r.cvs_not_kept.map(|n| n as f64)
    });
    mark(rows, &mut cells, 13, Best::Low, |r| Some(r.solve_seconds));
    let mut t = TextTable::new(&header).gap(1);
    for c in cells {
        t.row(c);
    }
    let mut out = t.render();
    let mut dates: Vec<(i64, &str)> = rows
        .iter()
        .map(|r| (r.plan_year, r.as_of.as_str()))
        .collect();
    dates.sort_unstable();
    dates.dedup();
    for (year, as_of) in dates {
        out.push_str(&format!(
            "{}\n",
            msg!("report-year-as-of", year = year, as_of = as_of)
        ));
    }
    if !footnotes.is_empty() {
        out.push('\n');
        out.push_str(&footnotes);
    }
    out.push_str(&format!("\n{}\n", msg!("report-compare-legend")));
    out.push_str(&balance_block(rows));
    for r in rows.iter().filter(|r| r.reason.is_some()) {
        out.push_str(&format!(
            "\n{} ({}): {}\n",
            r.scenario,
            r.status,
            r.reason.as_deref().unwrap_or("")
        ));
    }
    out
}

/// The (level, indicator) pairs any solved scenario has a CV for.
fn balance_columns(rows: &[Row]) -> Vec<(Graded, Indicator)> {
    let mut keys: Vec<(Graded, Indicator)> = rows
        .iter()
        .flat_map(|r| r.balance.iter().map(|w| (w.level, w.indicator)))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn worst_of(row: &Row, key: (Graded, Indicator)) -> Option<&Worst> {
    row.balance.iter().find(|w| (w.level, w.indicator) == key)
}

/// The second table: per scenario the largest CV over the districts of
/// each level and indicator after its plan, below a `before` row.
fn balance_block(rows: &[Row]) -> String {
    let keys = balance_columns(rows);
    if keys.is_empty() {
        return String::new();
    }
    let short = |i: Indicator| match i {
        Indicator::Backbone => msg!("report-compare-backbone"),
        Indicator::SportsArts => msg!("report-compare-sports-arts"),
        Indicator::Education => msg!("report-compare-education"),
    };
    let headers: Vec<String> = keys
        .iter()
        .map(|&(l, i)| format!("{}{}", l.chinese(), short(i)))
        .collect();
    let mut header = vec![msg!("report-compare-col-scenario").to_string()];
    header.extend(headers);
    let mut t = TextTable::new(&header).gap(1);
    let cell = |v: Option<f64>, limit: f64| match v {
        Some(v) if v > limit => format!("{v:.3}!"),
        Some(v) => format!("{v:.3} "),
        None => "- ".to_string(),
    };
    if let Some(first) = rows.iter().find(|r| !r.balance.is_empty()) {
        let mut before = vec![msg!("report-compare-before").to_string()];
        for &k in &keys {
            let w = worst_of(first, k);
            before.push(w.map_or("- ".into(), |w| cell(w.cv_before, w.limit)));
        }
        t.row(before);
    }
    for (k, r) in rows.iter().enumerate() {
        let mut row = vec![shown_name(k, &r.scenario)];
        for &k in &keys {
            let w = worst_of(r, k);
            row.push(w.map_or("- ".into(), |w| cell(w.cv_after, w.limit)));
        }
        t.row(row);
    }
    format!("\n{}\n{}", msg!("report-compare-balance-title"), t.render())
}

/// Flat CSV, one row per scenario, full column names; after a byte-order
/// mark when `bom` (as `plan::write_csv`).
pub fn write_csv(out: &mut dyn std::io::Write, rows: &[Row], bom: bool) -> std::io::Result<()> {
    if bom {
        out.write_all(super::BOM)?;
    }
    let mut w = csv::Writer::from_writer(out);
    let header = [
        "scenario",
        "status",
        "reason",
        "eligible",
        "required",
        "rotating",
        "rotation_ratio",
        "backbone",
        "backbone_share",
        "needs_filled",
        "needs_total",
        "needs_filled_share",
        "total_distance_km",
        "mean_distance_km",
        "max_leave_share",
        "max_leave_school",
        "cvs_not_kept",
        "solve_seconds",
    ];
    let keys = balance_columns(rows);
    let cv_columns: Vec<String> = keys
        .iter()
        .map(|&(l, i)| format!("cv_{}_{}", l.key(), i.key()))
        .collect();
    w.write_record(
        header
            .iter()
            .copied()
            .chain(cv_columns.iter().map(String::as_str)),
    )?;
    let opt = |v: Option<f64>, digits: usize| v.map_or(String::new(), |v| format!("{v:.digits$}"));
    for r in rows {
        let cells = [
            super::text_cell(&r.scenario).into_owned(),
            r.status.to_string(),
            super::text_cell(r.reason.as_deref().unwrap_or_default()).into_owned(),
            r.figures.eligible.to_string(),
            r.figures.required.to_string(),
            r.figures.rotating.to_string(),
            opt(r.figures.rotation_ratio(), 4),
            r.figures.backbone.to_string(),
            opt(r.figures.backbone_share(), 4),
            r.figures.needs_filled.to_string(),
            r.figures.needs_total.to_string(),
            opt(r.figures.needs_filled_share(), 4),
            format!("{:.3}", r.figures.total_distance_km),
            opt(r.figures.mean_distance_km, 3),
            opt(r.max_leave_share, 4),
            super::text_cell(r.max_leave_school.as_deref().unwrap_or_default()).into_owned(),
            r.cvs_not_kept.map_or(String::new(), |n| n.to_string()),
            format!("{:.3}", r.solve_seconds),
        ];
        let cvs = keys
            .iter()
            .map(|&k| opt(worst_of(r, k).and_then(|w| w.cv_after), 4));
        w.write_record(cells.into_iter().chain(cvs))?;
    }
    w.flush()
}

#[derive(Serialize)]
struct RowJson<'a> {
    #[serde(flatten)]
    row: &'a Row,
    rotation_ratio: Option<f64>,
    backbone_share: Option<f64>,
    needs_filled_share: Option<f64>,
}

pub fn json(rows: &[Row]) -> String {
    let scenarios: Vec<RowJson> = rows
        .iter()
        .map(|row| RowJson {
            row,
            rotation_ratio: row.figures.rotation_ratio(),
            backbone_share: row.figures.backbone_share(),
            needs_filled_share: row.figures.needs_filled_share(),
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "scenarios": scenarios }))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
