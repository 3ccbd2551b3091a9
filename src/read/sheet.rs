//! One worksheet of a workbook (.xlsx, .xlsm, .xls, .xlsb or .ods), read
//! with calamine into text cells, so that a sheet goes through the same
//! header detection, mapping and cell checks as a CSV file (`Table`).
//!
//! Cells become the text a planner sees: whole numbers without `.0`,
//! booleans as `true`/`false`, date cells as `YYYY-MM-DD` (the day, any
//! time of day dropped; rosters.md "Sheets"), text as written (a cell
//! holding `=1+1` as text stays that text). A cell holding an Excel error
//! (`#N/A`, ...) is bad input when it is in the table (under the header,
//! in its columns); elsewhere (a title, a note beside the table) it is
//! ignored. Rows are numbered as Excel numbers them, and errors name the
//! sheet, the row and the cell (`C7`). Whether the workbook counts date
//! serials from 1900 or 1904 is kept, for date columns that hold plain
//! numbers (`Row::date`).
//!
//! The sheet is the one named (any of the names asked for, trimmed,
//! case-insensitive), else the first visible worksheet: a hidden or very
//! hidden sheet is never the fallback, and every message about a hidden
//! sheet says that it is hidden.
//!
//! Zero-padded ids: a number shown through a number format such as
//! `000000` (or `"T"0000`) also keeps the text it shows (`000101`), which
//! `Table` reads in id columns. calamine exposes number formats for
//! .xlsx/.xlsm only (`XlsxCellReader::next_cell_with_style_id`); those of
//! .xls come from its records (`biff`); in .xlsb and .ods such a cell
//! reads as its number (`101`): format the column as text, or save the
//! workbook as .xlsx.

use super::cell::quoted;
use crate::domain::info::Content;
use crate::error::{InputError, SheetPlace};
use crate::messages::Message;
use crate::msg;
use calamine::{Data, Reader};
use std::collections::HashMap;
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

/// A cell with a value: (row, column, value, the text a zero-padded
/// number format shows), 0-based.
pub(crate) type SheetCell = (u32, u32, Data, Option<String>);

/// One row of the sheet with a value: its Excel number and its cells
/// (sparse: `columns[i]` holds `cells[i]`), in column order.
#[derive(Debug)]
pub(crate) struct SheetRow {
    pub(crate) number: u64,
    pub(crate) columns: Vec<u32>,
    pub(crate) cells: csv::StringRecord,
}

impl SheetRow {
    /// The row as dense fields from column `first`, `width` wide.
    pub(crate) fn fields(&self, first: u32, width: usize, out: &mut csv::StringRecord) {
        out.clear();
        let mut cells = self.columns.iter().zip(self.cells.iter()).peekable();
        for i in 0..width {
            let column = first.saturating_add(i as u32);
            while cells.next_if(|(c, _)| **c < column).is_some() {}
            match cells.next_if(|(c, _)| **c == column) {
                Some((_, text)) => out.push_field(text),
                None => out.push_field(""),
            }
        }
    }

    /// The first and last columns with a value.
    pub(crate) fn span(&self) -> Option<(u32, u32)> {
        Some((*self.columns.first()?, *self.columns.last()?))
    }
}

/// A cell that is more than its text: (0-based row, column) -> what.
#[derive(Debug, Clone)]
pub(crate) enum Special {
    /// An Excel error (`#N/A`, ...): the message, raised when the cell is
    /// part of the table.
    Error(Message),
    /// A number shown zero-padded: the text shown.
    Shown(String),
    /// A formula whose value was never computed: none stored, or the
    /// workbook asks to be recalculated when opened (`fullCalcOnLoad`, as
    /// programs write it, with 0 stored). Raised when the cell is in a
    /// column the table reads (rosters.md "Formulas never computed").
    Formula,
}

/// A worksheet's rows as text.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    /// The sheet is hidden or very hidden in the workbook (read only
    /// because it was asked for by name).
    pub hidden: bool,
    /// The workbook counts date serials from 1904-01-01 (old Excel for
    /// Mac) rather than from 1900-01-01.
    pub date_1904: bool,
    /// The table's first column (0 = A), to name cells; set when the
    /// header is found.
    pub(crate) first_column: u32,
    /// Every row with a cell, in order.
    pub(crate) rows: Vec<SheetRow>,
    /// Where each of the table's fields stands in this sheet, when the
    /// sheet follows another's header (one sheet per school) with its
    /// columns in another order; `u32::MAX` for a column it lacks.
    pub(crate) layout: Option<Vec<u32>>,
    /// The few cells that are errors or zero-padded numbers.
    pub(crate) special: HashMap<(u64, u32), Special>,
    /// The merged ranges whose value was given to the cells they cover.
    pub(crate) merged: Vec<String>,
    /// What a file named .xls really was, when not a BIFF workbook (an
    /// HTML table, SpreadsheetML, an .xlsx).
    pub(crate) really: Option<Content>,
}

impl Sheet {
    /// Reads the sheet named one of `names` (trimmed, case-insensitive),
    /// else every worksheet, of the workbook in `bytes`, in workbook order
    /// (a hidden one among several with no cells: it is listed, not read).
    pub fn parse(file: &str, bytes: Vec<u8>, names: &[&str]) -> Result<Vec<Sheet>, InputError> {
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
        let reads = match read {
            Ok(Ok(found)) => found,
            Ok(Err(why)) => return Err(InputError::new(file, why)),
            Err(_) => return Err(InputError::new(file, msg!("read-workbook-damaged"))),
        };
        Ok(reads
            .into_iter()
            .map(|read| {
                let mut sheet = Sheet::from_cells(read.name, read.cells);
                sheet.hidden = read.hidden;
                sheet.date_1904 = read.date_1904;
                sheet.merged = read.merged;
                sheet.really = read.really;
                for (row, column) in read.not_computed {
                    sheet
                        .special
                        .insert((u64::from(row) + 1, column), Special::Formula);
                }
                sheet
            })
            .collect())
    }

    /// The sheet column (0-based) of the table's field `field`: after the
    /// header's first column, or through `layout`; `None` for a column
    /// this sheet lacks.
    pub(crate) fn column_of(&self, field: usize) -> Option<u32> {
        match &self.layout {
            None => Some(self.first_column.saturating_add(field as u32)),
            Some(layout) => layout.get(field).copied().filter(|&c| c != u32::MAX),
        }
    }

    /// `row` as the table's `width` fields, in the table's column order.
    pub(crate) fn fields_of(&self, row: &SheetRow, width: usize, out: &mut csv::StringRecord) {
        match &self.layout {
            None => row.fields(self.first_column, width, out),
            Some(layout) => {
                out.clear();
                for &column in layout.iter().take(width) {
                    match row.columns.binary_search(&column) {
                        Ok(i) => out.push_field(&row.cells[i]),
                        Err(_) => out.push_field(""),
                    }
                }
                for _ in layout.len()..width {
                    out.push_field("");
                }
            }
        }
    }

    /// The cells as rows of text; error cells and zero-padded numbers
    /// noted in `special`.
    fn from_cells(name: String, mut cells: Vec<SheetCell>) -> Sheet {
        if !cells.is_sorted_by_key(|&(r, c, ..)| (r, c)) {
            cells.sort_by_key(|&(r, c, ..)| (r, c));
        }
        let mut rows: Vec<SheetRow> = Vec::new();
        let mut special = HashMap::new();
        for (row, column, value, shown) in cells {
            let number = u64::from(row) + 1;
            if rows.last().is_none_or(|r| r.number != number) {
                rows.push(SheetRow {
                    number,
                    columns: Vec::new(),
                    cells: csv::StringRecord::new(),
                });
            }
            let Some(last) = rows.last_mut() else {
                continue;
            };
            if last.columns.last() == Some(&column) {
                continue; // a cell given twice: the first counts
            }
            let cell = match text(&value) {
                Ok(text) => text,
                Err(why) => {
                    special.insert((number, column), Special::Error(why));
                    String::new()
                }
            };
            if let Some(shown) = shown.filter(|s| *s != cell) {
                special.insert((number, column), Special::Shown(shown));
            }
            last.columns.push(column);
            last.cells.push_field(&cell);
        }
        Sheet {
            name,
            hidden: false,
            first_column: 0,
            layout: None,
            date_1904: false,
            rows,
            special,
            merged: Vec::new(),
            really: None,
        }
    }

    /// How many rows have a cell (the header and any title included).
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// An error about the sheet as a whole.
    pub fn error(&self, file: &str, message: Message) -> InputError {
        self.error_at(InputError::new(file, message))
    }

    /// `e` with this sheet's name and, when its column is one of
    /// `columns` (key or header name -> field index), the cell (`C7`).
    pub fn locate(&self, mut e: InputError, columns: &[(&str, usize)]) -> InputError {
        let column = e
            .column
            .as_deref()
            .and_then(|c| columns.iter().find(|(k, _)| *k == c))
            .and_then(|&(_, i)| self.column_of(i));
        let cell = match (column, e.line) {
            (Some(column), Some(row)) => Some(format!("{}{row}", column_letters(column))),
            _ => None,
        };
        e.sheet = Some(Box::new(SheetPlace {
            sheet: self.name.clone(),
            cell,
        }));
        self.note_hidden(e)
    }

    /// `e` (with its row) in this sheet, no cell named.
    pub(crate) fn error_at(&self, mut e: InputError) -> InputError {
        e.sheet = Some(Box::new(SheetPlace {
            sheet: self.name.clone(),
            cell: None,
        }));
        self.note_hidden(e)
    }

    /// `e` about the cell at `column` (0-based) of Excel row `row`.
    pub(crate) fn cell_error(&self, e: InputError, row: u64, column: u32) -> InputError {
        let mut e = e.at(row);
        e.sheet = Some(Box::new(SheetPlace {
            sheet: self.name.clone(),
            cell: Some(format!("{}{row}", column_letters(column))),
        }));
        self.note_hidden(e)
    }

    /// A message about a hidden sheet says so (once): the planner cannot
    /// see it without unhiding it.
    fn note_hidden(&self, mut e: InputError) -> InputError {
        if self.hidden && e.message.key != "read-sheet-hidden-note" {
            e.message = msg!(
                "read-sheet-hidden-note",
                message = e.message,
                sheet = self.name.as_str()
            );
        }
        e
    }
}

/// What `read_cells` found.
struct Read {
    name: String,
    hidden: bool,
    date_1904: bool,
    cells: Vec<SheetCell>,
    /// The cells holding a formula whose value was never computed.
    not_computed: Vec<(u32, u32)>,
    /// The ranges `fill_merged` filled.
    merged: Vec<String>,
    /// What a file named .xls really was, when not a BIFF workbook.
    really: Option<Content>,
}

/// A worksheet `pick` chose: its name, whether it is hidden, and whether
/// its cells are read (a hidden sheet among several is listed, not read).
#[derive(Debug)]
struct Picked {
    name: String,
    hidden: bool,
    read: bool,
}

/// The sheets to read among a workbook's sheets: the worksheet named one
/// of `names`; else every worksheet in workbook order, the hidden ones
/// listed but not read (rosters.md "One sheet per school": which of them
/// hold the table is for `Table` to find); an error when no worksheet is
/// visible.
fn pick(sheets: &[calamine::Sheet], names: &[&str]) -> Result<Vec<Picked>, Message> {
    let worksheet = |s: &&calamine::Sheet| s.typ == calamine::SheetType::WorkSheet;
    let hidden = |s: &calamine::Sheet| s.visible != calamine::SheetVisible::Visible;
    let wanted = |s: &&calamine::Sheet| {
        names
            .iter()
            .any(|n| n.trim().to_lowercase() == s.name.trim().to_lowercase())
    };
    if let Some(s) = sheets.iter().filter(worksheet).find(wanted) {
        return Ok(vec![Picked {
            name: s.name.clone(),
            hidden: hidden(s),
            read: true,
        }]);
    }
    if sheets.iter().filter(worksheet).any(|s| !hidden(s)) {
        return Ok(sheets
            .iter()
            .filter(worksheet)
            .map(|s| Picked {
                name: s.name.clone(),
                hidden: hidden(s),
                read: !hidden(s),
            })
            .collect());
    }
    let hidden_names: Vec<String> = sheets
        .iter()
        .filter(worksheet)
        .map(|s| quoted(&s.name).to_string())
        .collect();
    if hidden_names.is_empty() {
        return Err(msg!("read-workbook-no-worksheets"));
    }
    // `a` or `b` or `c`.
    let asked = names
        .iter()
        .map(|n| quoted(n))
        .reduce(|first, then| msg!("read-or", first = first, then = then))
        .map_or_else(String::new, |m| m.to_string());
    Err(msg!(
        "read-workbook-all-hidden",
        hidden = hidden_names.join(", "),
        asked = asked
    ))
}

/// The sheet to read, whether it is hidden, whether its workbook uses the
/// 1904 date system, and its cells that hold a value, as (row, column,
/// value, shown text), 0-based. Excel workbooks are streamed cell by
/// cell: calamine's dense range would lay out every cell between A1 and a
/// single stray value at XFD1048576 (500 GB). .xls and .ods have no such
/// reader and go through the range (.ods stores dates as ISO text, with no
/// serials).
fn read_cells(
    extension: Option<&str>,
    bytes: Vec<u8>,
    names: &[&str],
) -> Result<Vec<Read>, Message> {
    let recalculates = super::zipped::recalculates_on_load(extension, &bytes);
    super::zipped::within_limits(extension, &bytes)?;
    let data = Cursor::new(&bytes[..]);
    let sheet_error = |name: &str, hidden: bool, e: &dyn std::fmt::Display| {
        let reason = e.to_string();
        if hidden {
            msg!(
                "read-hidden-sheet-unreadable",
                sheet = name,
                reason = reason
            )
        } else {
            msg!("read-sheet-unreadable", sheet = name, reason = reason)
        }
    };
    // A file named .xls that is something else is read as what it is.
    let really = match extension {
        Some("xls") => super::web::content(&bytes),
        _ => None,
    };
    let extension = match really {
        Some(Content::Xlsx) => Some("xlsx"),
        _ => extension,
    };
    match (extension, really) {
        (_, Some(Content::Html)) => {
            let (text, _) = super::text::decode("", bytes.to_vec()).map_err(|e| e.message)?;
            let (cells, merged) = super::web::html_cells(&text)?;
            let table = Picked {
                name: msg!("read-html-sheet").to_string(),
                hidden: false,
                read: true,
            };
            let mut parts = Some((cells, Vec::new(), merged));
            each_sheet(vec![table], false, really, |_, _| {
                Ok(parts.take().unwrap_or_default())
            })
        }
        (_, Some(Content::SpreadsheetMl)) => {
            let (text, _) = super::text::decode("", bytes.to_vec()).map_err(|e| e.message)?;
            let mut sheets = super::web::spreadsheetml_sheets(&text)?;
            let listed: Vec<calamine::Sheet> = sheets
                .iter()
                .map(|s| calamine::Sheet {
                    name: s.name.clone(),
                    typ: calamine::SheetType::WorkSheet,
                    visible: if s.visible {
                        calamine::SheetVisible::Visible
                    } else {
                        calamine::SheetVisible::Hidden
                    },
                })
                .collect();
            each_sheet(pick(&listed, names)?, false, really, |name, _| {
                Ok(match sheets.iter().position(|s| s.name == name) {
                    Some(at) => {
                        let sheet = sheets.swap_remove(at);
                        (sheet.cells, sheet.not_computed, sheet.merged)
                    }
                    None => SheetParts::default(),
                })
            })
        }
        (Some("xls") | Some("ods"), _) => {
            let mut date_1904 = false;
            let mut book: calamine::Sheets<Cursor<&[u8]>> = if extension == Some("xls") {
                let xls: calamine::Xls<_> =
                    calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
                date_1904 = xls.has_1904_epoch();
                calamine::Sheets::Xls(xls)
            } else {
                calamine::Sheets::Ods(
                    calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?,
                )
            };
            each_sheet(
                pick(book.sheets_metadata(), names)?,
                date_1904,
                really,
                |name, hidden| {
                    let range = book
                        .worksheet_range(name)
                        .map_err(|e| sheet_error(name, hidden, &e))?;
                    let (row0, col0) = range.start().unwrap_or((0, 0));
                    // Zero-padded ids: calamine gives .xls number formats only
                    // as date or not; the formats themselves come from the
                    // records.
                    let paddings = if extension == Some("xls") {
                        super::biff::number_formats(&bytes, name, Padding::parse)
                    } else {
                        HashMap::new()
                    };
                    let mut cells = Vec::new();
                    for (r, c, value) in range.used_cells() {
                        let at = (row0 + r as u32, col0 + c as u32);
                        let shown = paddings.get(&at).and_then(|p| p.show(value));
                        cells.push((at.0, at.1, value.clone(), shown));
                    }
                    let mut merged = Vec::new();
                    if let calamine::Sheets::Xls(xls) = &book {
                        let ranges = xls.merge_cells_by_sheet_name(name).unwrap_or_default();
                        merged = fill_merged(&mut cells, &ranges);
                    }
                    Ok((cells, Vec::new(), merged))
                },
            )
        }
        // Xlsb and Xlsx share no trait for their cell readers; only the
        // Xlsx reader gives each cell's style (its number format).
        (Some("xlsb"), _) => {
            let mut book: calamine::Xlsb<_> =
                calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
            let date_1904 = book.has_1904_epoch();
            each_sheet(
                pick(book.sheets_metadata(), names)?,
                date_1904,
                really,
                |name, hidden| {
                    let mut reader = book
                        .worksheet_cells_reader(name)
                        .map_err(|e| sheet_error(name, hidden, &e))?;
                    let mut cells = Vec::new();
                    drain(&mut cells, || reader.next_cell())
                        .map_err(|e| sheet_error(name, hidden, &e))?;
                    Ok((cells, Vec::new(), Vec::new()))
                },
            )
        }
        _ => {
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(data).map_err(|e| unreadable(&e))?;
            let date_1904 = book.has_1904_epoch();
            each_sheet(
                pick(book.sheets_metadata(), names)?,
                date_1904,
                really,
                |name, hidden| {
                    xlsx_sheet(&mut book, name, recalculates)
                        .map_err(|e| e.unwrap_or_else(|e| sheet_error(name, hidden, &e)))
                },
            )
        }
    }
}

/// Each sheet `pick` chose, in workbook order, as a `Read`: its cells,
/// formulas and merges from `one` (given the sheet's name and whether it
/// is hidden) when it is read; none when it is only listed.
fn each_sheet(
    picked: Vec<Picked>,
    date_1904: bool,
    really: Option<Content>,
    mut one: impl FnMut(&str, bool) -> Result<SheetParts, Message>,
) -> Result<Vec<Read>, Message> {
    picked
        .into_iter()
        .map(|p| {
            let (cells, not_computed, merged) = if p.read {
                one(&p.name, p.hidden)?
            } else {
                SheetParts::default()
            };
            Ok(Read {
                name: p.name,
                hidden: p.hidden,
                date_1904,
                cells,
                not_computed,
                merged,
                really,
            })
        })
        .collect()
}

/// A sheet's cells, its formulas never computed and its merged ranges.
type SheetParts = (Vec<SheetCell>, Vec<(u32, u32)>, Vec<String>);

/// One worksheet of an .xlsx: its cells with a value, the cells holding a
/// formula never computed (none stored, or any formula when the workbook
/// `recalculates` on opening), and the merged ranges filled. Errors:
/// `Ok(message)` for a sheet beyond the limits, `Err` for calamine's.
fn xlsx_sheet(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    recalculates: bool,
) -> Result<SheetParts, Result<Message, calamine::XlsxError>> {
    let mut cells = Vec::new();
    let mut not_computed = Vec::new();
    let mut reader = book.worksheet_cells_reader(name).map_err(Err)?;
    let paddings: Vec<Option<Padding>> = reader
        .styles()
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .and_then(|f| Padding::parse(&f.format_code))
        })
        .collect();
    while let Some((cell, style)) = reader.next_cell_with_style_id().map_err(Err)? {
        let (row, column) = cell.get_position();
        if row >= MOST_ROWS || column >= MOST_COLUMNS {
            return Err(Ok(msg!(
                "read-sheet-too-large",
                sheet = name,
                rows = MOST_ROWS,
                columns = MOST_COLUMNS
            )));
        }
        let value = Data::from(cell.get_value().clone());
        if value == Data::Empty {
            continue;
        }
        let shown = paddings
            .get(style)
            .and_then(Option::as_ref)
            .and_then(|p| p.show(&value));
        cells.push((row, column, value, shown));
    }
    drop(reader);
    // The formulas, in a second pass: a formula with no value stored, or
    // any formula when the workbook recalculates on opening, has no value
    // to read.
    let mut formulas = book.worksheet_cells_reader(name).map_err(Err)?;
    let valued: std::collections::HashSet<(u32, u32)> =
        cells.iter().map(|&(r, c, ..)| (r, c)).collect();
    while let Some(cell) = formulas.next_formula().map_err(Err)? {
        if cell.get_value().is_empty() {
            continue;
        }
        let at = cell.get_position();
        if recalculates || !valued.contains(&at) {
            not_computed.push(at);
        }
    }
    drop(formulas);
    let ranges = book.merge_cells_by_sheet_name(name).unwrap_or_default();
    let merged = fill_merged(&mut cells, &ranges);
    Ok((cells, not_computed, merged))
}

/// The most rows and columns a sheet's cells may reach (rosters.md
/// "Limits": a used range beyond them is refused, before its memory is
/// spent).
pub(crate) const MOST_ROWS: u32 = 2_000_000;
pub(crate) const MOST_COLUMNS: u32 = 16_384;

/// The most cells merged ranges may fill in one sheet (rosters.md
/// "Limits": memory grows with the cells read, not with declared ranges).
pub(crate) const MOST_MERGED_CELLS: usize = 2_000_000;

/// The most characters a cell may hold (Excel's own limit; rosters.md
/// "Limits"), and as UTF-8 bytes, for a check before counting.
pub(crate) const MOST_CELL_CHARS: usize = 32_767;
pub(crate) const MOST_CELL_BYTES: usize = 4 * MOST_CELL_CHARS;

/// Each range merged down over several rows (a school's code merged
/// beside its teachers, rosters.md "More shapes from the field") gives
/// its top-left cell's value to every empty cell it covers. Ranges within
/// one row (a title merged across the columns) are left alone. The
/// ranges filled, as Excel names them (`B2:B8`).
fn fill_merged(cells: &mut Vec<SheetCell>, merged: &[calamine::Dimensions]) -> Vec<String> {
    let mut down: Vec<&calamine::Dimensions> = merged
        .iter()
        .filter(|d| d.end.0 > d.start.0 && d.end.1 >= d.start.1)
        .collect();
    down.sort_by_key(|d| (d.start.1, d.start.0));
    if down.is_empty() {
        return Vec::new();
    }
    let taken: std::collections::HashSet<(u32, u32)> =
        cells.iter().map(|&(r, c, ..)| (r, c)).collect();
    let first: HashMap<(u32, u32), (Data, Option<String>)> = cells
        .iter()
        .filter(|(r, c, ..)| down.iter().any(|d| d.start == (*r, *c)))
        .map(|(r, c, v, shown)| ((*r, *c), (v.clone(), shown.clone())))
        .collect();
    let mut added = 0usize;
    let mut filled = Vec::new();
    for d in down {
        let Some((value, shown)) = first.get(&d.start) else {
            continue;
        };
        filled.push(format!(
            "{}{}:{}{}",
            column_letters(d.start.1),
            d.start.0 + 1,
            column_letters(d.end.1),
            d.end.0 + 1
        ));
        for r in d.start.0..=d.end.0 {
            for c in d.start.1..=d.end.1 {
                if taken.contains(&(r, c)) {
                    continue;
                }
                added += 1;
                if added > MOST_MERGED_CELLS {
                    return filled;
                }
                cells.push((r, c, value.clone(), shown.clone()));
            }
        }
    }
    filled
}

/// A number format that shows a whole number zero-padded, with literal
/// text around it: `000000`, `"T"0000`, `\S000`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Padding {
    prefix: String,
    digits: usize,
    suffix: String,
}

impl Padding {
    /// The format's first section as a padding, when it is one: literal
    /// text (quoted, escaped with `\`, or one of Excel's plain literal
    /// characters) around a run of at least two `0`s and nothing else.
    fn parse(code: &str) -> Option<Padding> {
        let mut prefix = String::new();
        let mut suffix = String::new();
        let mut digits = 0usize;
        let mut chars = code.chars();
        let mut seen_digits = false;
        while let Some(c) = chars.next() {
            let literal = match c {
                ';' => break, // the first section only (positive numbers)
                '0' if !seen_digits || digits > 0 && suffix.is_empty() => {
                    digits += 1;
                    seen_digits = true;
                    continue;
                }
                '"' => {
                    let mut s = String::new();
                    loop {
                        match chars.next()? {
                            '"' => break,
                            c => s.push(c),
                        }
                    }
                    s
                }
                '\\' => chars.next()?.to_string(),
                '$' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{'
                | '}' | '<' | '>' | '=' | ' ' => c.to_string(),
                _ => return None, // `.`, `,`, `#`, `@`, `[`, dates, ...
            };
            if seen_digits {
                suffix.push_str(&literal);
            } else {
                prefix.push_str(&literal);
            }
        }
        (digits >= 2 || digits == 1 && !(prefix.is_empty() && suffix.is_empty())).then_some(
            Padding {
                prefix,
                digits,
                suffix,
            },
        )
    }

    /// The text a whole number >= 0 shows in this format; `None` for other
    /// values (they show as the format's rounding would, not as an id).
    fn show(&self, value: &Data) -> Option<String> {
        let n = match *value {
            Data::Int(i) if i >= 0 => i as u64,
            Data::Float(f) if f >= 0.0 && f.fract() == 0.0 && f < 1e15 => f as u64,
            _ => return None,
        };
        Some(format!(
            "{}{n:0width$}{}",
            self.prefix,
            self.suffix,
            width = self.digits
        ))
    }
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
            cells.push((row, column, value, None));
        }
    }
    Ok(())
}

fn unreadable(e: &dyn std::fmt::Display) -> Message {
    msg!("read-workbook-unreadable", reason = e.to_string())
}

/// A cell as the text the planner sees.
fn text(cell: &Data) -> Result<String, Message> {
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
        Data::Error(e) => return Err(msg!("read-excel-error", error = e.to_string())),
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
                .to_string()
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
        let sheet = Sheet::parse("t.xlsx", bytes, &[]).unwrap().remove(0);
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
    fn zero_padded_formats() {
        let p = Padding::parse("000000").unwrap();
        assert_eq!(p.show(&Data::Float(101.0)).as_deref(), Some("000101"));
        assert_eq!(p.show(&Data::Int(7)).as_deref(), Some("000007"));
        assert_eq!(p.show(&Data::Float(1234567.0)).as_deref(), Some("1234567"));
        assert_eq!(p.show(&Data::Float(1.5)), None);
        assert_eq!(p.show(&Data::Float(-3.0)), None);
        assert_eq!(p.show(&Data::String("12".into())), None);
        let p = Padding::parse("\"T\"0000").unwrap();
        assert_eq!(p.show(&Data::Float(12.0)).as_deref(), Some("T0012"));
        let p = Padding::parse("\\S000\\-").unwrap();
        assert_eq!(p.show(&Data::Float(5.0)).as_deref(), Some("S005-"));
        let p = Padding::parse("00000;-00000;0").unwrap();
        assert_eq!(p.digits, 5);
        for not in [
            "0",
            "General",
            "0.00",
            "#,##0",
            "yyyymmdd",
            "@",
            "[$-804]000",
            "00 00",
            "",
        ] {
            assert_eq!(Padding::parse(not), None, "{not}");
        }
    }

    #[test]
    fn hidden_sheets_only() {
        let hidden = |name: &str| calamine::Sheet {
            name: name.to_string(),
            typ: calamine::SheetType::WorkSheet,
            visible: calamine::SheetVisible::Hidden,
        };
        let e = pick(&[hidden("old"), hidden("older")], &["schools", "学校", "x"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the workbook has no visible worksheet (hidden: `old`, `older`); unhide the sheet \
             to read, or name it `schools` or `学校` or `x`"
        );
        assert_eq!(
            pick(&[], &["schools"]).unwrap_err().to_string(),
            "the workbook has no worksheets"
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
        assert!(e.message.to_string().contains("could not be read"), "{e}");
        let e = Sheet::parse("t.xls", vec![0xd0, 0xcf, 0x11, 0xe0], &[]).unwrap_err();
        assert!(e.message.to_string().contains("could not be read"), "{e}");
    }
}
