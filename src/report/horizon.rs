//! `rotaplan horizon`'s outputs (programme.md "Looking ahead"): the table
//! of years with the coverage, the JSON, and `horizon.csv`.

use super::BOM;
use super::text::TextTable;
use crate::msg;
use crate::plan::horizon::{Coverage, YearResult, first_infeasible};
use serde::Serialize;

/// horizon.csv's columns, in order.
pub const CSV_COLUMNS: [&str; 10] = [
    "year",
    "eligible",
    "required",
    "rotating",
    "backbone",
    "needs_filled",
    "needs_total",
    "returns",
    "feasible",
    "cvs_not_kept",
];

/// One year as the JSON gives it.
#[derive(Serialize)]
struct YearJson<'a> {
    year: i64,
    as_of: String,
    feasible: bool,
    eligible: u64,
    required: u64,
    rotating: u64,
    backbone: u64,
    needs_filled: u64,
    needs_total: u64,
    returns: usize,
    returning: &'a [String],
    total_distance_km: f64,
    cvs_not_kept: usize,
    balance: serde_json::Value,
    infeasible: &'a [crate::error::Infeasibility],
}

#[derive(Serialize)]
struct FirstInfeasible {
    year: i64,
    rules: Vec<String>,
}

#[derive(Serialize)]
struct HorizonJson<'a> {
    plan_year: i64,
    years: Vec<YearJson<'a>>,
    coverage: &'a Coverage,
    first_infeasible: Option<FirstInfeasible>,
}

/// The `--format json` object: `plan_year`, `years[]`, `coverage`,
/// `first_infeasible` (programme.md "Output").
pub fn json(plan_year: i64, years: &[YearResult], coverage: &Coverage) -> String {
    let object = HorizonJson {
        plan_year,
        years: years
            .iter()
            .map(|y| YearJson {
                year: y.year,
                as_of: y.as_of.to_string(),
                feasible: y.feasible,
                eligible: y.figures.eligible,
                required: y.figures.required,
                rotating: y.figures.rotating,
                backbone: y.figures.backbone,
                needs_filled: y.figures.needs_filled,
                needs_total: y.figures.needs_total,
                returns: y.returning.len(),
                returning: &y.returning,
                total_distance_km: (y.figures.total_distance_km * 1000.0).round() / 1000.0,
                cvs_not_kept: y.cvs_not_kept(),
                balance: super::indicators::balance_json(&y.balance),
                infeasible: &y.infeasible,
            })
            .collect(),
        coverage,
        first_infeasible: first_infeasible(years)
            .map(|(year, rules)| FirstInfeasible { year, rules }),
    };
    serde_json::to_string_pretty(&object).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The table a planner reads: one row per year, then the coverage and the
/// first infeasible year with its reasons.
pub fn table(years: &[YearResult], coverage: &Coverage) -> String {
    let (Some(first), Some(last)) = (years.first(), years.last()) else {
        return String::new();
    };
    let mut out = format!(
        "{}\n\n",
        msg!(
            "report-horizon-title",
            first = first.year,
            last = last.year,
            years = years.len()
        )
    );
    let mut t = TextTable::new(&[
        msg!("report-horizon-col-year"),
        msg!("report-horizon-col-as-of"),
        msg!("report-col-eligible"),
        msg!("report-col-required"),
        msg!("report-col-rotating"),
        msg!("report-col-backbone"),
        msg!("report-plan-col-needs"),
        msg!("report-horizon-col-returns"),
        msg!("report-horizon-col-cvs-kept"),
        msg!("report-horizon-col-feasible"),
    ]);
    for y in years {
        let cvs = y.balance.len();
        t.row(vec![
            y.year.to_string(),
            y.as_of.to_string(),
            y.figures.eligible.to_string(),
            y.figures.required.to_string(),
            y.figures.rotating.to_string(),
            y.figures.backbone.to_string(),
            format!("{}/{}", y.figures.needs_filled, y.figures.needs_total),
            y.returning.len().to_string(),
            format!("{}/{}", cvs - y.cvs_not_kept(), cvs),
            msg!("report-horizon-feasible", feasible = y.feasible.to_string()).to_string(),
        ]);
    }
    out.push_str(&t.render());
    out.push_str(&format!(
        "\n{}\n",
        msg!(
            "report-horizon-coverage",
            rotated = coverage.rotated,
            eligible = coverage.eligible,
            share = format!("{:.1}", coverage.share * 100.0),
            never = coverage.never.len()
        )
    ));
    if let Some(y) = years.iter().find(|y| !y.feasible) {
        out.push_str(&format!(
            "\n{}\n",
            msg!("report-horizon-first-infeasible", year = y.year)
        ));
        for i in &y.infeasible {
            out.push_str(&format!("  {i}\n"));
        }
    }
    out
}

/// horizon.csv's bytes: one row per year (`CSV_COLUMNS`), after the
/// byte-order mark when `bom`.
pub fn csv(years: &[YearResult], bom: bool) -> std::io::Result<Vec<u8>> {
    let mut bytes = if bom { BOM.to_vec() } else { Vec::new() };
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        w.write_record(CSV_COLUMNS)?;
        for y in years {
            let f = &y.figures;
            w.write_record([
                y.year.to_string(),
                f.eligible.to_string(),
                f.required.to_string(),
                f.rotating.to_string(),
                f.backbone.to_string(),
                f.needs_filled.to_string(),
                f.needs_total.to_string(),
                y.returning.len().to_string(),
                y.feasible.to_string(),
                y.cvs_not_kept().to_string(),
            ])?;
        }
        w.flush()?;
    }
    Ok(bytes)
}
