//! One worksheet of a workbook (.xlsx, .xlsm, .xls, .xlsb or .ods), read
//! with calamine into text cells, so that a sheet goes through the same
//! header mapping and cell checks as a CSV file.
//!
//! Cells become the text a planner sees: whole numbers without `.0`,
//! booleans as `true`/`false`, date cells as `YYYY-MM-DD` (the day, any
//! time of day dropped; rosters.md "Sheets"), text as written (a cell
//! holding `=1+1` as text stays that text). A cell holding an Excel error
//! (`#N/A`, ...) is bad input. Rows are numbered as Excel numbers them, and
//! errors name the sheet, the row and the cell (`C7`). Whether the workbook
//! counts date serials from 1900 or 1904 is kept, for date columns that
//! hold plain numbers (`Row::date`).

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
    /// The workbook counts date serials from 1904-01-01 (old Excel for
    /// Mac) rather than from 1900-01-01.
    pub date_1904: bool,
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
        let (name, date_1904, cells) = match read {
            Ok(Ok(found)) => found,
            Ok(Err(why)) => return Err(InputError::new(file, why)),
            Err(_) => {
                return Err(InputError::new(
                    file,
                    "the workbook could not be read (damaged or not a workbook)",
                ));
            }
        };
        let mut sheet = Sheet::from_cells(file, name, cells)?;
        sheet.date_1904 = date_1904;
        Ok(sheet)
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
                date_1904: false,
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
            date_1904: false,
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

/// The sheet to read, whether its workbook uses the 1904 date system, and
/// its cells that hold a value, as (row, column, value), 0-based. Excel
/// workbooks are streamed cell by cell: calamine's dense range would lay
/// out every cell between A1 and a single stray value at XFD1048576
/// (500 GB). .xls and .ods have no such reader and go through the range
/// (.ods stores dates as ISO text, with no serials).
fn read_cells(
    extension: Option<&str>,
    bytes: Vec<u8>,
    names: &[&str],
) -> Result<(String, bool, Vec<SheetCell>), String> {
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
    let mut date_1904 = false;
    macro_rules! stream_cells {
        ($book:ty) => {{
            let mut book: $book =
                calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
            let name = pick(book.sheet_names())?;
            date_1904 = book.has_1904_epoch();
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
                let xls: calamine::Xls<_> =
                    calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
                date_1904 = xls.has_1904_epoch();
                calamine::Sheets::Xls(xls)
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
    Ok((name, date_1904, cells))
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
        // A day (a date, or a date and time): `YYYY-MM-DD`, for the date
        // parser. A duration or a bare time of day stays its number.
        Data::DateTime(d) if d.is_datetime() && d.as_f64() >= 1.0 => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
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
    fn date_cells_read_as_days() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::*};
        let cell = |v, is_1904| Data::DateTime(ExcelDateTime::new(v, DateTime, is_1904));
        assert_eq!(text(&cell(27465.0, false)).unwrap(), "1975-03-12");
        assert_eq!(text(&cell(27465.75, false)).unwrap(), "1975-03-12");
        assert_eq!(text(&cell(25933.0, true)).unwrap(), "1975-01-01");
        let duration = Data::DateTime(ExcelDateTime::new(1.5, TimeDelta, false));
        assert_eq!(text(&duration).unwrap(), "1.5");
    }

    #[test]
    fn date_columns_of_a_workbook() {
        use super::super::table::{Column, Table, optional, required};
        const COLUMNS: &[Column] = &[required("id", &[]), optional("birth_date", &[])];
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(1975, 3, 12).unwrap();
        sheet.write(0, 0, "id").unwrap();
        sheet.write(0, 1, "birth_date").unwrap();
        sheet.write(1, 0, "T1").unwrap();
        sheet.write_datetime_with_format(1, 1, &day, &date).unwrap();
        sheet.write(2, 0, "T2").unwrap();
        sheet.write(2, 1, 27465).unwrap(); // a serial without a date format
        sheet.write(3, 0, "T3").unwrap();
        sheet.write(3, 1, 197503).unwrap(); // yyyymm
        sheet.write(4, 0, "T4").unwrap();
        sheet.write(4, 1, 19750312).unwrap(); // yyyymmdd
        sheet.write(5, 0, "T5").unwrap();
        sheet.write(5, 1, "1975年3月").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let sheet = Sheet::parse("t.xlsx", bytes, &[]).unwrap();
        assert!(!sheet.date_1904);
        let table = Table::from_sheet("t.xlsx", sheet, COLUMNS).unwrap();
        let mut days = Vec::new();
        table
            .for_each_row(|row| {
                days.push(row.date("birth_date")?.unwrap().to_string());
                Ok(())
            })
            .unwrap();
        assert_eq!(
            days,
            [
                "1975-03-12",
                "1975-03-12",
                "1975-03-01",
                "1975-03-12",
                "1975-03-01"
            ]
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
