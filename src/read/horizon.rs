//! horizon.csv (programme.md "Looking ahead": one row per year, as
//! `rotaplan horizon --out-dir` writes it), read back for the report's
//! table of the years ahead (`report --horizon`).

use super::table::{Column, Table, required};
use crate::error::Error;
use crate::msg;
use std::path::Path;

const COLUMNS: &[Column] = &[
    required("year", &["年度"]),
    required("eligible", &[]),
    required("required", &[]),
    required("rotating", &[]),
    required("backbone", &[]),
    required("needs_filled", &[]),
    required("needs_total", &[]),
    required("returns", &[]),
    required("feasible", &[]),
    required("cvs_not_kept", &[]),
];

/// One year of a horizon, as horizon.csv gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HorizonRow {
    pub year: i64,
    pub eligible: u32,
    pub required: u32,
    pub rotating: u32,
    pub backbone: u32,
    pub needs_filled: u32,
    pub needs_total: u32,
    pub returns: u32,
    pub feasible: bool,
    pub cvs_not_kept: u32,
}

/// The rows of the horizon.csv at `path`, in file order.
///
/// Errors: the file cannot be read, a column is missing, or a cell is
/// not a whole number (`feasible`: not a boolean): bad input naming the
/// file, line and column.
pub fn read_horizon(path: &Path) -> Result<Vec<HorizonRow>, Error> {
    let table = Table::read(path, COLUMNS, &["horizon"])?;
    let mut rows = Vec::new();
    table.for_each_row(|row| {
        let number = |key: &str| {
            row.count(key)?
                .ok_or_else(|| row.error(key, msg!("read-empty-required")))
        };
        rows.push(HorizonRow {
            year: row
                .school_year("year")?
                .ok_or_else(|| row.error("year", msg!("read-empty-required")))?,
            eligible: number("eligible")?,
            required: number("required")?,
            rotating: number("rotating")?,
            backbone: number("backbone")?,
            needs_filled: number("needs_filled")?,
            needs_total: number("needs_total")?,
            returns: number("returns")?,
            feasible: row
                .boolean("feasible")?
                .ok_or_else(|| row.error("feasible", msg!("read-empty-required")))?,
            cvs_not_kept: number("cvs_not_kept")?,
        });
        Ok(())
    })?;
    Ok(rows)
}
