//! One worksheet of a workbook (.xlsx, .xlsm, .xls, .xlsb or .ods), read
//! with calamine into text cells, so that a sheet goes through the same
//! header mapping and cell checks as a CSV file.
//!
//! Cells become the text a planner sees: whole numbers without `.0`,
//! booleans as `true`/`false`, text as written (a cell holding `=1+1` as
//! text stays that text). A cell holding an Excel error (`#N/A`, ...) is
//! bad input. Rows are numbered as Excel numbers them, and errors name the
//! sheet, the row and the cell (`C7`).

use crate::error::{InputError, SheetPlace};
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

/// Whether `path` names a workbook rather than CSV, by its extension.
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(e))
    })
}

/// Workbook extensions, in the order a data folder is searched after `.csv`.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// A cell with a value: (row, column, value), 0-based.
type SheetCell = (u32, u32, Data);

/// A worksheet's rows as text, from its header row down.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    /// The sheet's first used column (0 = A), to name cells.
    first_column: u32,
    /// (Excel row number, cells), the header first; empty rows dropped.
    rows: Vec<(u64, csv::StringRecord)>,
}

impl Sheet {
    /// Reads the sheet named one of `names` (trimmed, case-insensitive),
    /// else the first sheet, of the workbook in `bytes`.
    pub fn parse(file: &str, bytes: Vec<u8>, names: &[&str]) -> Result<Sheet, InputError> {
        // A malformed workbook must be an error, never a crash: calamine
        // is not trusted not to panic on every hostile file.
        let extension = Path::new(file)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        // The default hook would print the caught panic on stderr ahead of
        // the error message; files are read before any other thread runs.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let read = std::panic::catch_unwind(|| read_cells(extension.as_deref(), bytes, names));
        std::panic::set_hook(hook);
        let (name, cells) = match read {
            Ok(Ok(found)) => found,
            Ok(Err(why)) => return Err(InputError::new(file, why)),
            Err(_) => {
                return Err(InputError::new(
                    file,
                    "the workbook could not be read (damaged or not a workbook)",
                ));
            }
        };
        Sheet::from_cells(file, name, cells)
    }

    /// Lays out the cells under the header (the first row with a value):
    /// the header's columns, every row below with a value in them. Cells
    /// outside the header's columns have no column name and are ignored.
    fn from_cells(
        file: &str,
        name: String,
        cells: Vec<(u32, u32, Data)>,
    ) -> Result<Sheet, InputError> {
        let mut by_row: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
        for (row, column, value) in cells {
            by_row.entry(row).or_default().push((column, value));
        }
        let Some(header) = by_row.values().next() else {
            return Ok(Sheet {
                name,
                first_column: 0,
                rows: Vec::new(),
            });
        };
        let first_column = header.iter().map(|&(c, _)| c).min().unwrap_or(0);
        let last_column = header.iter().map(|&(c, _)| c).max().unwrap_or(0);
        let width = (last_column - first_column) as usize + 1;
        let mut rows = Vec::with_capacity(by_row.len());
        let mut fields = vec![String::new(); width];
        for (row, cells) in by_row {
            let number = u64::from(row) + 1;
            fields.iter_mut().for_each(String::clear);
            for (column, value) in cells {
                if column < first_column || column > last_column {
                    continue;
                }
                fields[(column - first_column) as usize] = text(&value).map_err(|why| {
                    let mut e = InputError::new(file, why).at(number);
                    e.sheet = Some(Box::new(SheetPlace {
                        sheet: name.clone(),
                        cell: Some(format!("{}{number}", column_letters(column))),
                    }));
                    e
                })?;
            }
            if fields.iter().any(|f| !f.trim().is_empty()) {
                rows.push((number, csv::StringRecord::from(fields.clone())));
            }
        }
        Ok(Sheet {
            name,
            first_column,
            rows,
        })
    }

    /// The header row, or `None` when the sheet has no cells.
    pub fn header(&self) -> Option<&csv::StringRecord> {
        self.rows.first().map(|(_, r)| r)
    }

    /// The data rows under the header, with their Excel row numbers.
    pub fn rows(&self) -> impl Iterator<Item = (u64, &csv::StringRecord)> {
        self.rows.iter().skip(1).map(|(n, r)| (*n, r))
    }

    /// How many data rows.
    pub fn len(&self) -> usize {
        self.rows.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// An error about the sheet as a whole.
    pub fn error(&self, file: &str, message: &str) -> InputError {
        let mut e = InputError::new(file, message);
        e.sheet = Some(Box::new(SheetPlace {
            sheet: self.name.clone(),
            cell: None,
        }));
        e
    }

    /// `e` with this sheet's name and, when its column is one of
    /// `columns` (key or header name -> field index), the cell (`C7`).
    pub fn locate(&self, mut e: InputError, columns: &[(&str, usize)]) -> InputError {
        let field = e
            .column
            .as_deref()
            .and_then(|c| columns.iter().find(|(k, _)| *k == c))
            .map(|&(_, i)| i);
        let cell = match (field, e.line) {
            (Some(field), Some(row)) => {
                let column = self.first_column.saturating_add(field as u32);
                Some(format!("{}{row}", column_letters(column)))
            }
            _ => None,
        };
        e.sheet = Some(Box::new(SheetPlace {
            sheet: self.name.clone(),
            cell,
        }));
        e
    }
}

/// The sheet to read and its cells that hold a value, as (row, column,
/// value), 0-based. Excel workbooks are streamed cell by cell: calamine's
/// dense range would lay out every cell between A1 and a single stray
/// value at XFD1048576 (500 GB). .xls and .ods have no such reader and go
/// through the range.
fn read_cells(
    extension: Option<&str>,
    bytes: Vec<u8>,
    names: &[&str],
) -> Result<(String, Vec<SheetCell>), String> {
    let data = Cursor::new(bytes);
    let pick = |sheets: Vec<String>| {
        let wanted = |s: &&String| {
            names
                .iter()
                .any(|n| n.to_lowercase() == s.trim().to_lowercase())
        };
        sheets
            .iter()
            .find(wanted)
            .or_else(|| sheets.first())
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())
    };
    let sheet_error =
        |name: &str, e: &dyn std::fmt::Display| format!("cannot read sheet `{name}`: {e}");
    let mut cells = Vec::new();
    macro_rules! stream_cells {
        ($book:ty) => {{
            let mut book: $book =
                calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
            let name = pick(book.sheet_names())?;
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| sheet_error(&name, &e))?;
            drain(&mut cells, || reader.next_cell()).map_err(|e| sheet_error(&name, &e))?;
            name
        }};
    }
    let name = match extension {
        Some("xls") | Some("ods") => {
            let mut book: calamine::Sheets<Cursor<Vec<u8>>> = if extension == Some("xls") {
                calamine::Sheets::Xls(
                    calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?,
                )
            } else {
                calamine::Sheets::Ods(
                    calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?,
                )
            };
            let name = pick(book.sheet_names())?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| sheet_error(&name, &e))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            for (r, c, value) in range.used_cells() {
                cells.push((row0 + r as u32, col0 + c as u32, value.clone()));
            }
            name
        }
        // Xlsb and Xlsx share no trait for their cell readers.
        Some("xlsb") => stream_cells!(calamine::Xlsb<_>),
        _ => stream_cells!(calamine::Xlsx<_>),
    };
    Ok((name, cells))
}

/// Every cell `next` yields that holds a value, in `cells`.
fn drain<'a, E>(
    cells: &mut Vec<SheetCell>,
    mut next: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, E>,
) -> Result<(), E> {
    while let Some(cell) = next()? {
        let (row, column) = cell.get_position();
        let value = Data::from(cell.get_value().clone());
        if value != Data::Empty {
            cells.push((row, column, value));
        }
    }
    Ok(())
}

fn unreadable(e: &dyn std::fmt::Display) -> String {
    format!("the workbook could not be read: {e}")
}

/// A cell as the text the planner sees.
fn text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => number(d.as_f64()),
        Data::Error(e) => return Err(format!("the cell holds the Excel error {e}")),
    })
}

/// Whole numbers without a fraction (`4059`, not `4059.0`); others in
/// their shortest exact spelling.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Excel's column name: 0 -> A, 25 -> Z, 26 -> AA.
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn numbers_read_as_written() {
        assert_eq!(number(4059.0), "4059");
        assert_eq!(number(31.35169), "31.35169");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(text(&Data::Bool(true)).unwrap(), "true");
        assert!(
            text(&Data::Error(calamine::CellErrorType::NA))
                .unwrap_err()
                .contains("#N/A")
        );
    }

    #[test]
    fn workbook_extensions() {
        assert!(is_workbook(Path::new("a/teachers.XLSX")));
        assert!(is_workbook(Path::new("t.ods")));
        assert!(!is_workbook(Path::new("t.csv")));
        assert!(!is_workbook(Path::new("xlsx")));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let e = Sheet::parse("t.xlsx", b"PK\x03\x04garbage".to_vec(), &[]).unwrap_err();
        assert!(e.message.contains("could not be read"), "{e}");
        let e = Sheet::parse("t.xls", vec![0xd0, 0xcf, 0x11, 0xe0], &[]).unwrap_err();
        assert!(e.message.contains("could not be read"), "{e}");
    }
}
