//! One input file as the contract reads it, whatever kind (schools,
//! teachers, needs, preferences, history, a plan): every file goes through
//! here, CSV or workbook.
//!
//! CSV: any encoding Excel or WPS writes (UTF-8 with or without BOM,
//! GB18030/GBK, UTF-16 LE/BE with BOM: `text.rs`), comma, tab or semicolon
//! separated (decided from the header line; an Excel `sep=;` first line is
//! honoured and skipped), `\n`, `\r\n` or `\r` line ends. A workbook
//! (.xlsx, .xlsm, .xls, .xlsb, .ods) is read through calamine into the
//! same rows (`sheet.rs`), one sheet of it, and its errors name the
//! sheet, the row and the cell.
//!
//! The header is the first row, among the first 20 non-empty rows, that
//! holds every required column of the file (by name or alias); rows above
//! it (a title, a merged title cell, a date line, a blank row) are
//! skipped. No such row: "missing required column", naming the row that
//! came closest. Below the header, a row whose cells are all empty (also
//! `,,,,`) is skipped like a blank line, and so is a totals row (first
//! non-empty cell `合计`, `总计`, `小计` or `Total`). Line numbers are the
//! file's own physical lines (the line where a record starts, for a quoted
//! cell spanning lines), or the rows as Excel numbers them: every error
//! and every `Row::line` (audit violations use it) says where the planner
//! finds the row. What was understood is kept as a `FileInfo`
//! (`Table::info`) for `rotaplan check`.
//!
//! Typed parsing of the cells (numbers, booleans, enumerations) lives in
//! `cell.rs`; this module only knows about bytes, headers and rows.

use super::cell::shown;
use super::info::{ColumnUse, Content, Encoding, FileInfo, NotRead, Separator, SheetUse, Skipped};
use super::sheet::{Sheet, Special};
use super::text::{self, LineCursor};
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;
use std::cell::Cell;
use std::collections::HashMap;
use std::path::Path;

/// The most columns a table may name and the most data rows it may have
/// (rosters.md "Limits"; a cell's length is `sheet::MOST_CELL_CHARS`).
const MOST_TABLE_COLUMNS: usize = 1_000;
const MOST_TABLE_ROWS: u64 = 2_000_000;

/// How many non-empty rows, from the top, may hold the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// The columns whose cells are ids: a zero-padded number in a workbook
/// (`000101`) reads there as the text it shows (rosters.md "Sheets").
pub const ID_COLUMNS: &[&str] = &[
    "id",
    "teacher",
    "school",
    "to_school",
    "from_school",
    "assign_to",
    "id_card",
    "district",
    "group",
];

/// First cells that mark a totals row below a table (rosters.md "Where
/// the header is"), compared without white space, `Total` in any case.
const TOTALS: &[&str] = &["合计", "总计", "小计", "total"];

/// A column of the contract: its key (the English header), the Chinese
/// aliases, whether a file without it is bad input, and fallback names
/// read only when the file has no column under the key or an alias.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// Headers read as this column only when the file has no column under
    /// `key` or `aliases` (the national template's `教职工号` for `id`);
    /// with several of them, the leftmost is read and the others are
    /// ignored (and listed in `FileInfo::ignored`). A required column is
    /// present when a fallback is.
    pub fallbacks: &'static [&'static str],
}

pub const fn required(key: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        key,
        aliases,
        required: true,
        fallbacks: &[],
    }
}

pub const fn optional(key: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        key,
        aliases,
        required: false,
        fallbacks: &[],
    }
}

impl Column {
    /// The column with fallback headers (see `Column::fallbacks`).
    pub const fn or_else(self, fallbacks: &'static [&'static str]) -> Column {
        Column { fallbacks, ..self }
    }
}

/// A decoded CSV file or a worksheet, with its header mapped onto a
/// schema. CSV rows are not kept: `for_each_row` parses them one at a time
/// into one reused record, so a province's roster never sits in memory as
/// strings.
#[derive(Debug)]
pub struct Table {
    pub file: String,
    /// The schema columns the file has: (key, field index), in schema
    /// order. Only these are scanned for a key, so that the many optional
    /// columns a roster lacks cost little on every row.
    present: Vec<(&'static str, usize)>,
    /// Per `key_bit` value, 1 + the place in `present` of the first key
    /// with that value, 0 when none: a key asked for is compared with
    /// that one (and any after it) only, and one whose slot is 0 is absent
    /// without a scan (a national roster's reader asks for two dozen
    /// optional columns on every row, most of them absent).
    first_with_bit: [u8; 64],
    /// Fields in the header row; every row must have as many.
    width: usize,
    /// The header row's cells, trimmed, as the file writes them.
    headers: Vec<String>,
    /// Per field: whether it is an id column (`ID_COLUMNS`).
    id_fields: Vec<bool>,
    /// Per field, whether it is read as a column of the schema (a formula
    /// without its value matters only there).
    read_fields: Vec<bool>,
    body: Body,
    /// What was understood; the row counts are the last walk's.
    info: FileInfo,
    walked: Counts,
}

/// The rows of the last `for_each_row` walk, by fate.
#[derive(Debug, Default)]
struct Counts {
    rows: Cell<u64>,
    blank: Cell<u64>,
    totals: Cell<u64>,
}

#[derive(Debug)]
enum Body {
    Csv {
        text: String,
        separator: u8,
        /// Byte offset just past the header record (its terminator
        /// included, or part of it).
        data_start: usize,
    },
    /// One sheet, or several read as one table (the first's columns).
    Sheets(Vec<Part>),
}

/// One sheet of a workbook's table.
#[derive(Debug)]
struct Part {
    sheet: Sheet,
    /// Index of the header in the sheet's rows.
    header: usize,
    /// Data rows read from it, for `info`.
    rows: Cell<u64>,
}

/// One data row, able to hand out its cells by column key.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    /// The file's physical line where the row starts (for a worksheet, its
    /// row as Excel numbers it).
    pub line: u64,
    record: &'a csv::StringRecord,
}

/// A header cell or a column's name as compared (fit.md "Headers"): NFKC,
/// every white space and line break removed (a header typed with
/// Alt+Enter, `是否县级及以上\n骨干教师`, is `是否县级及以上骨干教师`), ASCII
/// letters in lower case.
pub fn header_name(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let nfkc: String = if s.is_ascii() {
        s.to_string()
    } else {
        s.nfkc().collect()
    };
    nfkc.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Header names (`header_name`) -> (column, whether a fallback).
type Names = HashMap<String, (usize, bool)>;

fn names_of(columns: &[Column]) -> Names {
    let mut names = Names::new();
    for (i, c) in columns.iter().enumerate() {
        names.entry(header_name(c.key)).or_insert((i, false));
        for a in c.aliases {
            names.entry(header_name(a)).or_insert((i, false));
        }
    }
    for (i, c) in columns.iter().enumerate() {
        for a in c.fallbacks {
            names.entry(header_name(a)).or_insert((i, true));
        }
    }
    names
}

/// How well a row would serve as the header: whether it holds every
/// required column, then how many required and how many known columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Score {
    complete: bool,
    required: usize,
    known: usize,
}

/// A sheet's header: its index among the sheet's rows, its names (two
/// rows stacked when it stands in two) and their mapping.
struct SheetHeader {
    at: usize,
    record: csv::StringRecord,
    mapping: Mapping,
}

/// The header of `sheet` (found as the module doc says; the sheet's first
/// column set): `Ok(Ok(header))`; `Ok(Err(e))` when no row holds the
/// required columns (the error names the closest row); `Err` for a header
/// that is there but wrong (an error cell, a column twice).
fn sheet_header(
    file: &str,
    sheet: &mut Sheet,
    columns: &'static [Column],
    names: &Names,
) -> Result<Result<SheetHeader, InputError>, InputError> {
    let mut found = None;
    let mut closest: Option<(Score, usize)> = None;
    let mut examined = 0;
    let mut above: Option<usize> = None;
    // A header in two rows: its first column and names.
    let mut two_rows: Option<(u32, csv::StringRecord)> = None;
    for (i, row) in sheet.rows.iter().enumerate() {
        if row.cells.iter().all(|c| trim(c).is_empty()) {
            continue;
        }
        examined += 1;
        if examined > HEADER_SEARCH_ROWS {
            examined -= 1;
            break;
        }
        let s = score(row.cells.iter(), columns, names);
        if let Some(upper) = above.map(|a| &sheet.rows[a])
            && upper.number + 1 == row.number
            && let (Some((a0, a1)), Some((b0, b1))) = (upper.span(), row.span())
        {
            let (first, last) = (a0.min(b0), a1.max(b1));
            let width = (last - first) as usize + 1;
            let (mut up, mut low) = (csv::StringRecord::new(), csv::StringRecord::new());
            upper.fields(first, width, &mut up);
            row.fields(first, width, &mut low);
            let both = stacked(&up, &low);
            let b = score(both.iter(), columns, names);
            if b.complete && (!s.complete || b.known > s.known) {
                two_rows = Some((first, both));
                found = Some(i);
                break;
            }
        }
        if s.complete {
            found = Some(i);
            break;
        }
        above = Some(i);
        if closest.is_none_or(|(best, _)| s > best) {
            closest = Some((s, i));
        }
    }
    let Some(at) = found else {
        let Some((_, i)) = closest else {
            return Ok(Err(sheet.error(file, msg!("read-empty-sheet"))));
        };
        let row = &sheet.rows[i];
        let (first, last) = row.span().unwrap_or((0, 0));
        let mut record = csv::StringRecord::new();
        row.fields(first, (last - first) as usize + 1, &mut record);
        sheet.first_column = first;
        let e = missing(
            file,
            &record,
            row.number,
            columns,
            names,
            examined,
            Unit::Row,
        );
        return Ok(Err(sheet.locate(e, &header_index(&record))));
    };
    let row = &sheet.rows[at];
    let (first, record) = match two_rows {
        Some(found) => found,
        None => {
            let (first, last) = row.span().unwrap_or((0, 0));
            let width = (last - first) as usize + 1;
            let mut header = csv::StringRecord::new();
            row.fields(first, width, &mut header);
            (first, header)
        }
    };
    let last = first + record.len().saturating_sub(1) as u32;
    let number = row.number;
    sheet.first_column = first;
    if let Some((column, why)) =
        (first..=last).find_map(|c| match sheet.special.get(&(number, c)) {
            Some(Special::Error(why)) => Some((c, why.clone())),
            _ => None,
        })
    {
        return Err(sheet.cell_error(InputError::new(file, why), number, column));
    }
    let mapping = map_header(file, &record, number, columns, names)
        .map_err(|e| sheet.locate(e, &header_index(&record)))?;
    Ok(Ok(SheetHeader {
        at,
        record,
        mapping,
    }))
}

/// A header in two rows (rosters.md "More shapes from the field", "Two
/// header rows"): each column's name is its cell in the lower row, or the
/// cell above when that is empty (group titles such as `基本信息` over
/// `姓名`, `性别`, and a name merged down from the upper row, as a CSV
/// exported from such a sheet has it).
fn stacked(upper: &csv::StringRecord, lower: &csv::StringRecord) -> csv::StringRecord {
    let width = upper.len().max(lower.len());
    let mut out = csv::StringRecord::new();
    for i in 0..width {
        let below = lower.get(i).unwrap_or("");
        if trim(below).is_empty() {
            out.push_field(upper.get(i).unwrap_or(""));
        } else {
            out.push_field(below);
        }
    }
    out
}

fn score<'c>(cells: impl Iterator<Item = &'c str>, columns: &[Column], names: &Names) -> Score {
    let mut found = vec![false; columns.len()];
    for cell in cells {
        let cell = trim(cell);
        if cell.is_empty() {
            continue;
        }
        if let Some(&(c, _)) = names.get(&header_name(cell)) {
            found[c] = true;
        }
    }
    let required = columns
        .iter()
        .zip(&found)
        .filter(|(c, f)| c.required && **f)
        .count();
    let all_required = columns.iter().filter(|c| c.required).count();
    let known = found.iter().filter(|&&f| f).count();
    Score {
        // A schema whose columns are all optional (a plan file's) takes
        // as header the first row naming one of them, so that a title
        // line above it (the published list's) is skipped.
        complete: required == all_required && (all_required > 0 || known > 0),
        required,
        known,
    }
}

/// Whether every cell is empty (white space counts as empty).
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| trim(f).is_empty())
}

/// Whether a record is a blank line however it is split: every cell
/// empty, or only separators (`,,,,` split on tabs is one cell `,,,,`).
fn is_blank_line(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| {
        f.chars()
            .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '\t'))
    })
}

/// Whether the first non-empty cell marks a totals row.
fn is_totals(record: &csv::StringRecord) -> bool {
    let Some(first) = record.iter().map(trim).find(|f| !f.is_empty()) else {
        return false;
    };
    // Runs on every row: most first cells are ids, rejected by length or
    // by their first or last character without a look at the rest (an id
    // such as `T0000001` starts as `Total` does, but ends otherwise).
    if first.len() > 16
        || !matches!(first.chars().next(), Some('合' | '总' | '小' | 'T' | 't'))
        || !matches!(
            first.chars().next_back(),
            Some('计' | 'l' | 'L' | ':' | '：')
        )
    {
        return false;
    }
    TOTALS.iter().any(|word| {
        let mut cell = first
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：'));
        let mut word = word.chars();
        loop {
            match (cell.next(), word.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a.eq_ignore_ascii_case(&b) => {}
                _ => return false,
            }
        }
    })
}

/// Where a CSV record was found.
struct Place {
    /// The physical line it starts on.
    line: u64,
    /// Blank lines between the previous record (or the walk's start) and it.
    blank_before: u64,
}

/// Records of a CSV text from byte `base` on, each with its physical line.
struct Walk<'t> {
    file: &'t str,
    bytes: &'t [u8],
    base: usize,
    reader: csv::Reader<&'t [u8]>,
    cursor: LineCursor<'t>,
}

impl<'t> Walk<'t> {
    fn new(file: &'t str, text: &'t str, base: usize, separator: u8) -> Walk<'t> {
        let bytes = text.as_bytes();
        let base = base.min(bytes.len());
        Walk {
            file,
            bytes,
            base,
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(separator)
                .from_reader(&bytes[base..]),
            cursor: LineCursor::new(bytes),
        }
    }

    /// Byte offset where the reader stands.
    fn offset(&self) -> usize {
        self.base + self.reader.position().byte() as usize
    }

    /// The next record into `record`, or `None` at the end. The csv
    /// crate's record position is where its read began: just past the
    /// previous record's terminator byte (so, for `\r\n`, on the `\n`),
    /// before any blank lines it skips; the record starts after those.
    fn next(&mut self, record: &mut csv::StringRecord) -> Result<Option<Place>, InputError> {
        let p = self.offset();
        let more = self.reader.read_record(record).map_err(|e| {
            let line = e
                .position()
                .map(|pos| text::line_of(self.bytes, self.base + pos.byte() as usize));
            let mut err = InputError::new(
                self.file,
                msg!("read-malformed-csv", reason = e.to_string()),
            );
            err.line = line;
            err
        })?;
        if !more {
            return Ok(None);
        }
        let mut start = p;
        while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // The line of the previous record's end: the byte before `p` is a
        // line break (or `p` is the start of the text).
        let previous = if p == 0 {
            0
        } else {
            self.cursor.line_at(p) - 1
        };
        let line = self.cursor.line_at(start);
        Ok(Some(Place {
            line,
            blank_before: line.saturating_sub(previous + 1),
        }))
    }
}

/// The header a CSV text's first rows hold, under one separator.
struct CsvHeader {
    separator: u8,
    record: csv::StringRecord,
    line: u64,
    /// Byte offset just past the header record.
    end: usize,
    skipped: Skipped,
}

/// The row that came closest to a header, for the error.
struct Closest {
    score: Score,
    record: csv::StringRecord,
    line: u64,
}

impl Table {
    /// Reads and decodes `path`, finds its header and maps it onto
    /// `columns`. A workbook (by its extension) is read from the sheet
    /// named one of `sheets`, else its first visible sheet.
    pub fn read(
        path: &Path,
        columns: &'static [Column],
        sheets: &[&str],
    ) -> Result<Table, crate::Error> {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        let file = path.display().to_string();
        if super::sheet::is_workbook(path) {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            // A web system's "Excel" download that is delimited text.
            if ext.eq_ignore_ascii_case("xls") && super::web::content(&bytes) == Some(Content::Text)
            {
                let mut table = Table::parse(&file, bytes, columns)?;
                table.info.really = Some(Content::Text);
                return Ok(table);
            }
            let sheets = Sheet::parse(&file, bytes, sheets)?;
            return Ok(Table::from_sheets(&file, sheets, columns)?);
        }
        Ok(Table::parse(&file, bytes, columns)?)
    }

    /// A worksheet's rows under its header (found as the module doc
    /// says), mapped onto `columns`.
    pub fn from_sheet(
        file: &str,
        sheet: Sheet,
        columns: &'static [Column],
    ) -> Result<Table, InputError> {
        Table::from_sheets(file, vec![sheet], columns)
    }

    /// The rows of a workbook's sheets, as `Sheet::parse` gives them: one
    /// sheet (named, or the only one) is read as `from_sheet` says;
    /// among several (rosters.md "One sheet per school"), every visible
    /// sheet with a header holding the required columns is read, sheet
    /// after sheet in workbook order, as one table; the others are listed
    /// in `FileInfo::sheets` with why they were not read (hidden, empty,
    /// no header). Errors: no sheet with a header (the first sheet's
    /// error), a header's own errors, or a sheet whose header reads other
    /// columns than the first's.
    pub fn from_sheets(
        file: &str,
        sheets: Vec<Sheet>,
        columns: &'static [Column],
    ) -> Result<Table, InputError> {
        let names = names_of(columns);
        let several = sheets.len() > 1;
        let mut parts: Vec<(Sheet, SheetHeader)> = Vec::new();
        let mut uses: Vec<SheetUse> = Vec::new();
        let mut first_error = None;
        for mut sheet in sheets {
            let why = if several && sheet.hidden {
                NotRead::Hidden
            } else {
                match sheet_header(file, &mut sheet, columns, &names)? {
                    Ok(header) => {
                        uses.push(SheetUse::read(&sheet.name, sheet.rows[header.at].number));
                        parts.push((sheet, header));
                        continue;
                    }
                    Err(e) if several => {
                        first_error.get_or_insert(e);
                        if sheet.is_empty() {
                            NotRead::Empty
                        } else {
                            NotRead::NoHeader
                        }
                    }
                    Err(e) => return Err(e),
                }
            };
            uses.push(SheetUse::not_read(&sheet.name, why));
        }
        let mut parts = parts.into_iter();
        let Some((first_sheet, first)) = parts.next() else {
            return Err(first_error
                .unwrap_or_else(|| InputError::new(file, msg!("read-workbook-no-worksheets"))));
        };
        let mut key_of: Vec<Option<usize>> = vec![None; first.record.len()];
        for (c, p) in first.mapping.position.iter().enumerate() {
            if let Some(p) = *p {
                key_of[p] = Some(c);
            }
        }
        let mut later = Vec::new();
        for (mut sheet, header) in parts {
            // The same columns as the first sheet's, wherever they stand.
            if let Some(c) = (0..columns.len()).find(|&c| {
                first.mapping.position[c].is_some() != header.mapping.position[c].is_some()
            }) {
                let (has, lacks) = if header.mapping.position[c].is_some() {
                    (&sheet.name, &first_sheet.name)
                } else {
                    (&first_sheet.name, &sheet.name)
                };
                let e = InputError::new(
                    file,
                    msg!(
                        "read-sheets-columns-differ",
                        column = columns[c].key,
                        has = has.as_str(),
                        lacks = lacks.as_str()
                    ),
                )
                .at(sheet.rows[header.at].number);
                return Err(sheet.error_at(e));
            }
            sheet.layout = Some(
                key_of
                    .iter()
                    .map(|k| {
                        k.and_then(|c| header.mapping.position[c])
                            .map_or(u32::MAX, |p| sheet.first_column + p as u32)
                    })
                    .collect(),
            );
            later.push((sheet, header));
        }
        let sheet = &first_sheet;
        let number = sheet.rows[first.at].number;
        let title = sheet.rows[..first.at]
            .iter()
            .filter(|r| !r.cells.iter().all(|c| trim(c).is_empty()))
            .count() as u64;
        let skipped = Skipped {
            title,
            blank: (number - 1).saturating_sub(title),
            totals: 0,
        };
        let info = FileInfo {
            file: file.to_string(),
            encoding: Encoding::Workbook,
            sheet: Some(sheet.name.clone()),
            sheet_hidden: sheet.hidden,
            sheets: if several { uses } else { Vec::new() },
            merged: sheet.merged.clone(),
            really: sheet.really,
            separator: None,
            separator_line: false,
            header_row: number,
            columns: Vec::new(),
            ignored: Vec::new(),
            rows: 0,
            skipped,
        };
        let record = first.record.clone();
        let mapping = first.mapping.clone();
        let parts = std::iter::once((first_sheet, first))
            .chain(later)
            .map(|(sheet, header)| Part {
                sheet,
                header: header.at,
                rows: Cell::new(0),
            })
            .collect();
        Ok(Table::new(
            file,
            &record,
            columns,
            &mapping,
            Body::Sheets(parts),
            info,
        ))
    }

    /// As `read`, from CSV bytes already in memory; `file` names them in
    /// errors.
    pub fn parse(
        file: &str,
        bytes: Vec<u8>,
        columns: &'static [Column],
    ) -> Result<Table, InputError> {
        let (text, encoding) = text::decode(file, bytes)?;
        let names = names_of(columns);
        let declared = text::sep_line(file, &text)?;
        let (base, candidates) = match declared {
            Some((separator, next)) => (next, vec![separator]),
            None => (0, Separator::ALL.iter().map(|s| s.byte()).collect()),
        };
        let mut best: Option<CsvHeader> = None;
        let mut closest: Option<Closest> = None;
        let mut examined = 0;
        for separator in candidates {
            let mut walk = Walk::new(file, &text, base, separator);
            let mut record = csv::StringRecord::new();
            let mut skipped = Skipped {
                title: u64::from(declared.is_some()),
                ..Skipped::default()
            };
            let mut non_empty = 0;
            let mut above: Option<csv::StringRecord> = None;
            while let Some(place) = walk.next(&mut record)? {
                // A header found on an earlier line under another
                // separator wins: stop looking further down.
                if best.as_ref().is_some_and(|b| place.line > b.line) {
                    break;
                }
                skipped.blank += place.blank_before;
                if place.blank_before > 0 {
                    above = None;
                }
                if is_blank_line(&record) {
                    skipped.blank += 1;
                    above = None;
                    continue;
                }
                non_empty += 1;
                if non_empty > HEADER_SEARCH_ROWS {
                    non_empty -= 1;
                    break;
                }
                let mut s = score(record.iter(), columns, &names);
                if let Some(upper) = &above {
                    let both = stacked(upper, &record);
                    let b = score(both.iter(), columns, &names);
                    if b.complete && (!s.complete || b.known > s.known) {
                        record = both;
                        s = b;
                    }
                }
                if s.complete {
                    let better = match &best {
                        None => true,
                        Some(b) => place.line < b.line || record.len() > b.record.len(),
                    };
                    if better {
                        best = Some(CsvHeader {
                            separator,
                            record: record.clone(),
                            line: place.line,
                            end: walk.offset(),
                            skipped,
                        });
                    }
                    break;
                }
                skipped.title += 1;
                above = Some(record.clone());
                let closer = match &closest {
                    None => true,
                    Some(c) => {
                        (s, std::cmp::Reverse(place.line)) > (c.score, std::cmp::Reverse(c.line))
                    }
                };
                if closer {
                    closest = Some(Closest {
                        score: s,
                        record: record.clone(),
                        line: place.line,
                    });
                }
            }
            examined = examined.max(non_empty);
        }
        let Some(header) = best else {
            return Err(match closest {
                None => InputError::new(file, msg!("read-empty-file")).at(1),
                Some(c) => missing(
                    file,
                    &c.record,
                    c.line,
                    columns,
                    &names,
                    examined,
                    Unit::Line,
                ),
            });
        };
        let mapping = map_header(file, &header.record, header.line, columns, &names)?;
        let info = FileInfo {
            file: file.to_string(),
            encoding,
            sheet: None,
            sheet_hidden: false,
            sheets: Vec::new(),
            merged: Vec::new(),
            really: None,
            separator: Separator::from_byte(header.separator),
            separator_line: declared.is_some(),
            header_row: header.line,
            columns: Vec::new(),
            ignored: Vec::new(),
            rows: 0,
            skipped: header.skipped,
        };
        Ok(Table::new(
            file,
            &header.record,
            columns,
            &mapping,
            Body::Csv {
                text,
                separator: header.separator,
                data_start: header.end,
            },
            info,
        ))
    }

    fn new(
        file: &str,
        header: &csv::StringRecord,
        columns: &'static [Column],
        mapping: &Mapping,
        body: Body,
        mut info: FileInfo,
    ) -> Table {
        let headers: Vec<String> = header.iter().map(|h| trim(h).to_string()).collect();
        let mut key_of: Vec<Option<&'static str>> = vec![None; headers.len()];
        for (c, p) in columns.iter().zip(&mapping.position) {
            if let Some(p) = *p {
                key_of[p] = Some(c.key);
            }
        }
        for (h, key) in headers.iter().zip(&key_of) {
            match key {
                Some(key) => info.columns.push(ColumnUse {
                    header: h.clone(),
                    field: key.to_string(),
                }),
                None if !h.is_empty() => info.ignored.push(h.clone()),
                None => {}
            }
        }
        Table {
            file: file.to_string(),
            first_with_bit: first_with_bit(&present(columns, &mapping.position)),
            present: present(columns, &mapping.position),
            width: header.len(),
            id_fields: key_of
                .iter()
                .map(|k| k.is_some_and(|k| ID_COLUMNS.contains(&k)))
                .collect(),
            read_fields: key_of.iter().map(Option::is_some).collect(),
            headers,
            body,
            info,
            walked: Counts::default(),
        }
    }

    /// What was understood of the file: encoding, separator or sheet,
    /// header row, columns used and ignored, and the rows read and skipped
    /// by the last `for_each_row` walk (none before the first).
    pub fn info(&self) -> FileInfo {
        let mut info = self.info.clone();
        info.rows = self.walked.rows.get();
        if let Body::Sheets(parts) = &self.body {
            let read = info.sheets.iter_mut().filter(|u| u.read);
            for (used, part) in read.zip(parts) {
                used.rows = part.rows.get();
            }
        }
        info.skipped.blank += self.walked.blank.get();
        info.skipped.totals += self.walked.totals.get();
        info
    }

    /// Calls `f` on each data row in file order, after checking that it
    /// has as many fields as the header; blank and totals rows are
    /// skipped (and counted for `info`). The first error stops the walk.
    pub fn for_each_row(
        &self,
        mut f: impl FnMut(Row<'_>) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let counts = &self.walked;
        counts.rows.set(0);
        counts.blank.set(0);
        counts.totals.set(0);
        let bump = |c: &Cell<u64>, n: u64| c.set(c.get() + n);
        let mut record = csv::StringRecord::new();
        match &self.body {
            Body::Csv {
                text,
                separator,
                data_start,
            } => {
                let mut walk = Walk::new(&self.file, text, *data_start, *separator);
                while let Some(place) = walk.next(&mut record)? {
                    bump(&counts.blank, place.blank_before);
                    if is_blank(&record) {
                        bump(&counts.blank, 1);
                        continue;
                    }
                    if is_totals(&record) {
                        bump(&counts.totals, 1);
                        continue;
                    }
                    if record.len() != self.width {
                        return Err(InputError::new(
                            &self.file,
                            msg!(
                                "read-ragged-row",
                                expected = self.width,
                                found = record.len()
                            ),
                        )
                        .at(place.line));
                    }
                    bump(&counts.rows, 1);
                    self.within_limits(&record, counts.rows.get())
                        .map_err(|e| e.at(place.line))?;
                    f(Row {
                        table: self,
                        line: place.line,
                        record: &record,
                    })?;
                }
            }
            Body::Sheets(parts) => {
                for part in parts {
                    let sheet = &part.sheet;
                    let mut previous = sheet.rows[part.header].number;
                    for row in &sheet.rows[part.header + 1..] {
                        bump(&counts.blank, row.number - previous - 1);
                        previous = row.number;
                        sheet.fields_of(row, self.width, &mut record);
                        let mut error = None;
                        if !sheet.special.is_empty() {
                            let mut fields: Option<Vec<String>> = None;
                            for i in 0..self.width {
                                let Some(column) = sheet.column_of(i) else {
                                    continue;
                                };
                                match sheet.special.get(&(row.number, column)) {
                                    Some(Special::Error(why)) if error.is_none() => {
                                        error = Some((column, why.clone()));
                                    }
                                    Some(Special::Formula)
                                        if error.is_none() && self.read_fields[i] =>
                                    {
                                        let cell = format!(
                                            "{}{}",
                                            super::sheet::column_letters(column),
                                            row.number
                                        );
                                        error = Some((
                                            column,
                                            msg!("read-formula-not-computed", cell = cell.as_str()),
                                        ));
                                    }
                                    Some(Special::Shown(shown)) if self.id_fields[i] => {
                                        fields.get_or_insert_with(|| {
                                            record.iter().map(str::to_string).collect()
                                        })[i] = shown.clone();
                                    }
                                    _ => {}
                                }
                            }
                            if let Some(fields) = fields {
                                record = csv::StringRecord::from(fields);
                            }
                        }
                        if is_blank(&record) && error.is_none() {
                            bump(&counts.blank, 1);
                            continue;
                        }
                        if is_totals(&record) {
                            bump(&counts.totals, 1);
                            continue;
                        }
                        if let Some((column, why)) = error {
                            let e = InputError::new(&self.file, why);
                            return Err(sheet.cell_error(e, row.number, column));
                        }
                        bump(&counts.rows, 1);
                        bump(&part.rows, 1);
                        self.within_limits(&record, counts.rows.get())
                            .map_err(|e| sheet.locate(e.at(row.number), self.column_index()))?;
                        f(Row {
                            table: self,
                            line: row.number,
                            record: &record,
                        })
                        .map_err(|e| sheet.locate(e, self.column_index()))?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Refuses the `rows`th data row beyond the table's limits (rosters.md
    /// "Limits"): more rows than `MOST_TABLE_ROWS`, or a cell longer than
    /// `sheet::MOST_CELL_CHARS` characters (looked for only when the whole
    /// row is that long). The error names the column, not yet the line.
    fn within_limits(&self, record: &csv::StringRecord, rows: u64) -> Result<(), InputError> {
        use super::sheet::MOST_CELL_CHARS;
        if rows > MOST_TABLE_ROWS {
            return Err(InputError::new(
                &self.file,
                msg!("read-table-too-long", rows = MOST_TABLE_ROWS),
            ));
        }
        if record.as_slice().len() <= MOST_CELL_CHARS {
            return Ok(());
        }
        match record
            .iter()
            .position(|cell| cell.len() > MOST_CELL_CHARS && cell.chars().count() > MOST_CELL_CHARS)
        {
            None => Ok(()),
            Some(i) => {
                let e = InputError::new(
                    &self.file,
                    msg!("read-cell-too-long", most = MOST_CELL_CHARS),
                );
                Err(match self.present.iter().find(|&&(_, p)| p == i) {
                    Some(&(key, _)) => e.column(key),
                    None => e.column(self.headers[i].clone()),
                })
            }
        }
    }

    /// The field (0-based, as `headers`) read as column `key`, `None`
    /// when the file has no such column.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.index_of(key)
    }

    /// Called for every cell of every row: inlined, so that `key_bit` of
    /// a literal key is worked out when compiling.
    #[inline]
    fn index_of(&self, key: &str) -> Option<usize> {
        let first = usize::from(self.first_with_bit[key_bit(key)]).checked_sub(1)?;
        self.present[first..]
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, i)| i)
    }

    /// The header row's cells, trimmed, in file order: field `i` of each
    /// row (`Row::field`) is under `headers()[i]`. For columns outside the
    /// schema, such as those a policy's rules filter on.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The header's line in the file (CSV), or its row as Excel numbers it.
    pub fn header_line(&self) -> u64 {
        self.info.header_row
    }

    /// `None` for a CSV file; for a worksheet, whether its workbook uses
    /// the 1904 date system (else 1900), to read date serials.
    pub fn date_1904(&self) -> Option<bool> {
        match &self.body {
            Body::Csv { .. } => None,
            Body::Sheets(parts) => parts.first().map(|p| p.sheet.date_1904),
        }
    }

    /// About how many data rows the file has (its lines below the
    /// header), to size indexes before filling them.
    pub fn rows_hint(&self) -> usize {
        match &self.body {
            Body::Csv { text, .. } => {
                text::count_lines(text.as_bytes()).saturating_sub(self.info.header_row) as usize
            }
            Body::Sheets(parts) => parts
                .iter()
                .map(|p| p.sheet.len().saturating_sub(p.header + 1))
                .sum(),
        }
    }

    /// Column key -> field index, for naming a sheet's cell in errors.
    fn column_index(&self) -> &[(&'static str, usize)] {
        &self.present
    }
}

impl<'a> Row<'a> {
    /// The trimmed cell, or `None` when the column is absent or the cell empty.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let index = self.table.index_of(key)?;
        let cell = unguarded(trim(self.record.get(index)?));
        (!cell.is_empty()).then_some(cell)
    }

    /// The trimmed cell in field `index` (0-based, as `Table::headers`),
    /// empty when the row has no such field: raw access for columns
    /// outside the schema.
    pub fn field(&self, index: usize) -> &'a str {
        self.record.get(index).map_or("", |f| unguarded(trim(f)))
    }

    /// As `Table::date_1904`: `None` for CSV, else the workbook's date
    /// system, for reading date serials.
    pub fn date_system(&self) -> Option<bool> {
        self.table.date_1904()
    }

    /// The trimmed cell of a required column; empty is bad input.
    pub fn require(&self, key: &str) -> Result<&'a str, InputError> {
        self.get(key)
            .ok_or_else(|| self.error(key, msg!("read-empty-required")))
    }

    /// An error about the cell in column `key` of this row.
    pub fn error(&self, key: &str, message: Message) -> InputError {
        let mut e = InputError::new(&self.table.file, message)
            .at(self.line)
            .column(key);
        e.header = self
            .table
            .position(key)
            .and_then(|i| self.table.headers().get(i))
            .filter(|h| !h.eq_ignore_ascii_case(key))
            .map(|h| h.as_str().into());
        e
    }

    /// An error about this row as a whole.
    pub fn row_error(&self, message: Message) -> InputError {
        InputError::new(&self.table.file, message).at(self.line)
    }
}

/// Trims ASCII and Unicode white space (the ideographic space U+3000 that
/// Chinese input methods type included) and a stray BOM.
pub fn trim(s: &str) -> &str {
    // Most cells start and end with a visible ASCII character or a CJK
    // Unified Ideograph (U+4E00-U+9FFF, three bytes led by 0xE4-0xE9; no
    // white space is among them): told from the bytes, without decoding.
    let b = s.as_bytes();
    let ideograph_lead = |at: usize| b.get(at).is_some_and(|c| (0xE4..=0xE9).contains(c));
    let visible_start = b.first().is_some_and(u8::is_ascii_graphic) || ideograph_lead(0);
    let visible_end = b.last().is_some_and(u8::is_ascii_graphic)
        || b.len().checked_sub(3).is_some_and(ideograph_lead);
    if visible_start && visible_end {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// A trimmed cell without the guard a spreadsheet or a web export put
/// around its text: the apostrophe before `=`, `+`, `-`, `@`, a tab or a
/// carriage return (papers.md "CSV for Excel and WPS": rotaplan writes
/// it, `report::text_cell`), and `="..."`, which web exports write to keep
/// an id's leading zeros (rosters.md "Text guards on ids": `="000101"` is
/// `000101`).
pub fn unguarded(cell: &str) -> &str {
    match cell.as_bytes().first() {
        Some(b'\'') if cell[1..].starts_with(['=', '+', '-', '@', '\t', '\r']) => &cell[1..],
        Some(b'=')
            if cell.len() >= 3
                && cell[1..].starts_with('"')
                && cell.ends_with('"')
                && !cell[2..cell.len() - 1].contains('"') =>
        {
            &cell[2..cell.len() - 1]
        }
        _ => cell,
    }
}

/// Header name -> field index, for naming a header cell in errors.
fn header_index(header: &csv::StringRecord) -> Vec<(&str, usize)> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| (trim(h), i))
        .collect()
}

/// A key's slot in `Table::first_with_bit` (0-63), from its length and its
/// first and last bytes.
#[inline]
fn key_bit(key: &str) -> usize {
    let b = key.as_bytes();
    let mix = b.len() * 7
        + usize::from(b.first().copied().unwrap_or(0)) * 3
        + usize::from(b.last().copied().unwrap_or(0));
    mix % 64
}

/// `Table::first_with_bit` for the keys of `present`.
fn first_with_bit(present: &[(&'static str, usize)]) -> [u8; 64] {
    let mut first = [0u8; 64];
    for (at, (k, _)) in present.iter().enumerate().rev() {
        // A schema has a few dozen columns at most.
        first[key_bit(k)] = u8::try_from(at + 1).unwrap_or(u8::MAX);
    }
    first
}

/// (key, field index) of each of `columns` that `position` (from
/// `map_header`) finds in the file.
fn present(columns: &'static [Column], position: &[Option<usize>]) -> Vec<(&'static str, usize)> {
    columns
        .iter()
        .zip(position)
        .filter_map(|(c, p)| Some((c.key, (*p)?)))
        .collect()
}

/// The header mapped onto the schema.
#[derive(Clone)]
struct Mapping {
    /// Per schema column, its field in the file.
    position: Vec<Option<usize>>,
}

/// Maps the header on line (or sheet row) `line` onto `columns`: a
/// duplicated header, a column given twice (also once in English and
/// once in Chinese) or a missing required column is bad input.
fn map_header(
    file: &str,
    header: &csv::StringRecord,
    line: u64,
    columns: &'static [Column],
    names: &Names,
) -> Result<Mapping, InputError> {
    let named = (0..header.len())
        .rposition(|i| !trim(&header[i]).is_empty())
        .map_or(0, |i| i + 1);
    if named > MOST_TABLE_COLUMNS {
        return Err(InputError::new(
            file,
            msg!("read-table-too-wide", columns = MOST_TABLE_COLUMNS),
        )
        .at(line));
    }
    let mut position: Vec<Option<usize>> = vec![None; columns.len()];
    let mut fallback: Vec<Option<usize>> = vec![None; columns.len()];
    // Header name -> first field; a map, so that a 100,000-column header
    // is not a quadratic scan.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, raw) in header.iter().enumerate() {
        let name = header_name(raw);
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&name) {
            return Err(InputError::new(
                file,
                msg!(
                    "read-duplicated-header",
                    header = shown(trim(raw)),
                    first = first + 1,
                    second = index + 1
                ),
            )
            .at(line)
            .column(trim(raw).chars().take(40).collect::<String>()));
        }
        let Some(&(c, is_fallback)) = names.get(&name) else {
            seen.insert(name, index);
            continue; // extra columns are ignored
        };
        seen.insert(name, index);
        if is_fallback {
            // The leftmost fallback; the others are ignored.
            fallback[c].get_or_insert(index);
            continue;
        }
        if let Some(first) = position[c] {
            return Err(InputError::new(
                file,
                msg!(
                    "read-column-twice",
                    column = columns[c].key,
                    header = shown(trim(&header[first])),
                    field = first + 1,
                    other = shown(trim(raw)),
                    other_field = index + 1
                ),
            )
            .at(line)
            .column(columns[c].key));
        }
        position[c] = Some(index);
    }
    for (p, f) in position.iter_mut().zip(&fallback) {
        if p.is_none() {
            *p = *f;
        }
    }
    for (c, column) in columns.iter().enumerate() {
        if column.required && position[c].is_none() {
            return Err(missing_column(file, column, line));
        }
    }
    Ok(Mapping { position })
}

/// A required column the file lacks: its key and every header it may have.
pub(crate) fn missing_column(file: &str, column: &Column, line: u64) -> InputError {
    let mut names: Vec<&str> = column.aliases.to_vec();
    names.extend(column.fallbacks);
    let message = msg!(
        "read-missing-column",
        column = column.key,
        names = names.join(", ")
    );
    InputError::new(file, message).at(line).column(column.key)
}

/// What a file's rows are called in messages: a CSV file's lines, a
/// worksheet's rows (the catalogue's selector `unit`).
#[derive(Debug, Clone, Copy)]
enum Unit {
    Line,
    Row,
}

/// No row holds every required column: the error names the first
/// required column the closest row (`record`, on `line`) lacks.
fn missing(
    file: &str,
    record: &csv::StringRecord,
    line: u64,
    columns: &'static [Column],
    names: &Names,
    examined: usize,
    unit: Unit,
) -> InputError {
    let mut found = vec![false; columns.len()];
    for cell in record.iter() {
        if let Some(&(c, _)) = names.get(&header_name(cell)) {
            found[c] = true;
        }
    }
    let Some(column) = columns
        .iter()
        .zip(&found)
        .find(|(c, f)| c.required && !**f)
        .map(|(c, _)| c)
    else {
        // A schema of optional columns only (a plan file's): no row among
        // the first names any of them.
        let known: Vec<String> = columns
            .iter()
            .map(|c| match c.aliases.first() {
                Some(alias) => format!("{} ({alias})", c.key),
                None => c.key.to_string(),
            })
            .collect();
        return InputError::new(
            file,
            msg!(
                "read-no-known-column",
                columns = known.join(", "),
                examined = examined
            ),
        )
        .at(line);
    };
    let mut e = missing_column(file, column, line);
    if examined > 1 {
        let unit = match unit {
            Unit::Line => "line",
            Unit::Row => "row",
        };
        e.message = msg!(
            "read-no-header-closest",
            missing = e.message,
            examined = examined,
            unit = unit,
            line = line
        );
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        required("id", &["学校代码"]),
        optional("name", &["学校名称"]),
    ];

    type Rows = Vec<(u64, Option<String>, Option<String>)>;

    /// (line, id, name) of every row of `bytes`.
    fn rows(bytes: &[u8]) -> Result<Rows, InputError> {
        collect(&Table::parse("s.csv", bytes.to_vec(), COLUMNS)?)
    }

    /// (line, id, name) of every row of a table.
    fn collect(t: &Table) -> Result<Rows, InputError> {
        let mut out = Vec::new();
        t.for_each_row(|r| {
            out.push((
                r.line,
                r.get("id").map(String::from),
                r.get("name").map(String::from),
            ));
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn chinese_headers_in_any_order_with_bom() {
        let r = rows("\u{feff}学校名称, 学校代码 \n实验小学,S1\n".as_bytes()).unwrap();
        assert_eq!(r, [(2, Some("S1".into()), Some("实验小学".into()))]);
    }

    #[test]
    fn gbk_bytes_decode() {
        let (bytes, _, _) = encoding_rs::GBK.encode("学校代码,学校名称\nS1,实验小学\n");
        assert_eq!(rows(&bytes).unwrap()[0].2.as_deref(), Some("实验小学"));
    }

    #[test]
    fn undecodable_bytes_name_the_line() {
        let e = rows(b"id,name\nS1,ok\nS2,\xff\xff\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.to_string().contains("field 2"), "{e}");
    }

    #[test]
    fn english_and_chinese_for_one_column_is_an_error() {
        let e = rows("id,学校代码\nS1,S1\n".as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (Some(1), Some("id")));
    }

    #[test]
    fn duplicated_header_and_missing_column() {
        let e = rows(b"id,x,X\n1,2,3\n").unwrap_err();
        assert!(e.message.to_string().contains("duplicated header"), "{e}");
        let e = rows(b"name\nA\n").unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("missing required column `id`"),
            "{e}"
        );
    }

    #[test]
    fn ragged_row_names_its_line() {
        let e = rows(b"id,name\nS1,a\nS2\n").unwrap_err();
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn header_only_and_blank_cells() {
        assert!(rows(b"id,name\n").unwrap().is_empty());
        assert_eq!(
            rows(b"id,name\nS1, \n").unwrap(),
            [(2, Some("S1".into()), None)]
        );
    }

    /// The lines of the rows of `text`, read under COLUMNS.
    fn lines(text: &str) -> Vec<u64> {
        rows(text.as_bytes())
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .iter()
            .map(|r| r.0)
            .collect()
    }

    #[test]
    fn physical_lines_for_every_line_end() {
        for end in ["\n", "\r\n", "\r"] {
            let text = ["id,name", "S1,a", "\"S2\",\"two", "lines\"", "", "S3,c", ""].join(end);
            assert_eq!(lines(&text), [2, 3, 6], "{end:?}");
            let bom = format!("\u{feff}{text}");
            assert_eq!(lines(&bom), [2, 3, 6], "BOM, {end:?}");
            // A ragged row is named by its physical line.
            let ragged = ["id,name", "S1,a", "", "S2", ""].join(end);
            let e = rows(ragged.as_bytes()).unwrap_err();
            assert_eq!(e.line, Some(4), "{end:?}: {e}");
        }
    }

    #[test]
    fn title_rows_above_the_header_keep_the_lines() {
        let text = "示范县2026年学校名单,,\r\n填报日期：2026年3月,,\r\n\r\n学校代码,学校名称,备注\r\nS1,一小,\r\n";
        let t = Table::parse("s.csv", text.into(), COLUMNS).unwrap();
        let mut got = Vec::new();
        t.for_each_row(|r| {
            got.push((r.line, r.get("id").unwrap().to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(got, [(5, "S1".to_string())]);
        let info = t.info();
        assert_eq!(info.header_row, 4);
        assert_eq!(
            info.skipped,
            Skipped {
                title: 2,
                blank: 1,
                totals: 0
            }
        );
        assert_eq!(info.header_of("id"), Some("学校代码"));
        assert_eq!(info.ignored, ["备注"]);
        assert_eq!((info.rows, info.encoding), (1, Encoding::Utf8));
        assert_eq!(info.separator, Some(Separator::Comma));
    }

    #[test]
    fn blank_and_totals_rows_are_skipped_and_counted() {
        let text = "id,name\nS1,a\n,,\n , \n\nS2,b\n合 计,2\nTOTAL,2\n";
        let t = Table::parse("s.csv", text.into(), COLUMNS).unwrap();
        let mut got = Vec::new();
        t.for_each_row(|r| {
            got.push(r.line);
            Ok(())
        })
        .unwrap();
        assert_eq!(got, [2, 6]);
        let info = t.info();
        assert_eq!(info.rows, 2);
        assert_eq!((info.skipped.blank, info.skipped.totals), (3, 2));
    }

    #[test]
    fn trim_white_space_and_bom() {
        for (cell, trimmed) in [
            ("语文", "语文"),
            ("\u{3000}语文\u{3000}", "语文"),
            ("语文 ", "语文"),
            ("\u{feff}T1", "T1"),
            ("a语", "a语"),
            (" 语\u{a0}", "语"),
            ("\u{2003}", ""),
        ] {
            assert_eq!(trim(cell), trimmed, "{cell:?}");
        }
    }

    #[test]
    fn totals_rows_by_their_first_cell() {
        let first = |cell: &str| is_totals(&csv::StringRecord::from(vec![" ", cell, "2"]));
        for cell in ["合计", "总 计：", "小计:", "Total", "TOTAL :", "total："] {
            assert!(first(cell), "{cell}");
        }
        for cell in ["T0000001", "Totals", "合计数", "t", "小学"] {
            assert!(!first(cell), "{cell}");
        }
    }

    #[test]
    fn separators_from_the_header_line() {
        assert_eq!(lines("学校代码\t学校名称\nS1\t一小, 二小\n"), [2]);
        let r = rows("title;;\nid;name\nS1;a,b\n".as_bytes()).unwrap();
        assert_eq!(r, [(3, Some("S1".into()), Some("a,b".into()))]);
        let t = Table::parse("s.csv", "sep=;\r\nid;name\r\nS1;a\r\n".into(), COLUMNS).unwrap();
        let info = t.info();
        assert_eq!(
            (info.separator, info.separator_line),
            (Some(Separator::Semicolon), true)
        );
        assert_eq!((info.header_row, info.skipped.title), (2, 1));
        assert_eq!(lines("sep=;\r\nid;name\r\nS1;a\r\n"), [3]);
        // `sep=` decides: a comma header is then no header.
        let e = rows(b"sep=;\nid,name\nS1,a\n").unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("missing required column `id`"),
            "{e}"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let text = "学校代码\t学校名称\r\nS1\t一小\r\nS2\t二小\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let r = rows(&le).unwrap();
        assert_eq!(r[1], (3, Some("S2".into()), Some("二小".into())));
        let t = Table::parse("s.txt", le, COLUMNS).unwrap();
        assert_eq!(t.info().encoding, Encoding::Utf16Le);
        assert_eq!(t.info().separator, Some(Separator::Tab));
    }

    #[test]
    fn no_header_names_the_closest_row() {
        const TWO: &[Column] = &[
            required("id", &["工号"]),
            required("school", &["学校代码"]),
            optional("name", &["姓名"]),
        ];
        let e = Table::parse("t.csv", "名单\n姓名,工号\nT1,甲\n".into(), TWO).unwrap_err();
        assert_eq!(
            (e.line, e.column.as_deref()),
            (Some(2), Some("school")),
            "{e}"
        );
        assert!(
            e.message.to_string().contains("line 2 comes closest"),
            "{e}"
        );
        // A header below the first 20 non-empty rows is not looked for.
        let mut text = "x\n".repeat(20);
        text.push_str("工号,学校代码\n");
        let e = Table::parse("t.csv", text.into(), TWO).unwrap_err();
        assert!(
            e.message.to_string().contains("first 20 non-empty rows"),
            "{e}"
        );
        assert_eq!(e.line, Some(1));
        let e = Table::parse("t.csv", "\n,,\n".into(), TWO).unwrap_err();
        assert!(e.message.to_string().contains("empty"), "{e}");
    }

    #[test]
    fn header_errors_name_the_header_line() {
        let e = rows("title\nid,x,X\n1,2,3\n".as_bytes()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.to_string().contains("duplicated header"), "{e}");
    }

    #[test]
    fn fallback_headers() {
        const FALL: &[Column] = &[
            required("id", &["工号"]).or_else(&["教职工号"]),
            required("subject", &["学科"]).or_else(&["任教学科", "教授科目"]),
        ];
        let t = Table::parse(
            "t.csv",
            "教授科目,教职工号,任教学科\n数学,T1,语文\n".into(),
            FALL,
        )
        .unwrap();
        assert_eq!(t.position("subject"), Some(0), "the leftmost fallback");
        assert_eq!(t.position("id"), Some(1));
        assert_eq!(t.info().ignored, ["任教学科"]);
        let t = Table::parse("t.csv", "任教学科,学科,工号\n数学,语文,T1\n".into(), FALL).unwrap();
        assert_eq!(t.position("subject"), Some(1), "the column's own name wins");
    }

    #[test]
    fn rows_hint_counts_lines_below_the_header() {
        let t = Table::parse("s.csv", "t\rid\rS1\rS2\r".into(), COLUMNS).unwrap();
        assert_eq!(t.rows_hint(), 2);
    }

    /// A workbook of one sheet per (name, hidden, rows), cells as text
    /// except numbers with a format (`000000`).
    fn book(sheets: &[(&str, bool, &[&[&str]])]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let padded = rust_xlsxwriter::Format::new().set_num_format("000000");
        for (name, hidden, rows) in sheets {
            let ws = book.add_worksheet();
            ws.set_name(*name).unwrap();
            ws.set_hidden(*hidden);
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    let (r, c) = (r as u32, c as u16);
                    if let Some(n) = cell.strip_prefix('#') {
                        let n: f64 = n.parse().unwrap();
                        ws.write_number_with_format(r, c, n, &padded).unwrap();
                    } else if !cell.is_empty() {
                        ws.write_string(r, c, *cell).unwrap();
                    }
                }
            }
        }
        // The active sheet cannot be hidden: activate the first visible one.
        if let Some(i) = sheets.iter().position(|s| !s.1) {
            book.worksheet_from_index(i).unwrap().set_active(true);
        }
        book.save_to_buffer().unwrap()
    }

    fn sheet_rows(bytes: Vec<u8>, names: &[&str]) -> Result<(Rows, FileInfo), InputError> {
        let sheets = Sheet::parse("s.xlsx", bytes, names)?;
        let t = Table::from_sheets("s.xlsx", sheets, COLUMNS)?;
        Ok((collect(&t)?, t.info()))
    }

    #[test]
    fn a_sheet_with_a_title_and_a_totals_row() {
        let rows: &[&[&str]] = &[
            &["学校名单"],
            &["", "", "填报日期：2026年3月"],
            &["学校代码", "学校名称", "备注"],
            &["S1", "一小"],
            &[],
            &["", "", ""],
            &["S2", "二小"],
            &["合计", "2"],
        ];
        let (got, info) = sheet_rows(book(&[("Sheet1", false, rows)]), &[]).unwrap();
        assert_eq!(
            got,
            [
                (4, Some("S1".into()), Some("一小".into())),
                (7, Some("S2".into()), Some("二小".into()))
            ]
        );
        assert_eq!((info.header_row, info.rows), (3, 2));
        assert_eq!(
            info.skipped,
            Skipped {
                title: 2,
                blank: 2,
                totals: 1
            }
        );
        assert_eq!(
            (info.sheet.as_deref(), info.encoding),
            (Some("Sheet1"), Encoding::Workbook)
        );
    }

    #[test]
    fn hidden_sheets_are_never_the_fallback() {
        let hidden: &[&[&str]] = &[&["id", "name"], &["H1", "hidden"]];
        let shown: &[&[&str]] = &[&["id", "name"], &["V1", "visible"]];
        let bytes = book(&[("old", true, hidden), ("Sheet2", false, shown)]);
        let (got, info) = sheet_rows(bytes.clone(), &["schools"]).unwrap();
        assert_eq!(got[0].1.as_deref(), Some("V1"));
        assert!(!info.sheet_hidden);
        // Named, a hidden sheet is read, and its messages say it is hidden.
        let (got, info) = sheet_rows(bytes, &["old"]).unwrap();
        assert_eq!(got[0].1.as_deref(), Some("H1"));
        assert!(info.sheet_hidden);
        let bad: &[&[&str]] = &[&["name"], &["x"]];
        let bytes = book(&[("old", true, bad), ("Sheet2", false, shown)]);
        let e = sheet_rows(bytes, &["old"]).unwrap_err();
        assert!(
            e.message.to_string().contains("sheet `old` is hidden"),
            "{e}"
        );
    }

    #[test]
    fn a_sheet_without_a_header_names_the_closest_row() {
        let rows: &[&[&str]] = &[&["学校名单"], &["name", "x"], &["A", "1"]];
        let e = sheet_rows(book(&[("s", false, rows)]), &[]).unwrap_err();
        assert_eq!(
            e.message.to_string(),
            "missing required column `id` (学校代码); no row among the first 3 non-empty rows \
             has every required column, and row 2 comes closest"
        );
    }

    #[test]
    fn zero_padded_numbers_read_as_shown_in_id_columns() {
        let rows: &[&[&str]] = &[&["id", "name"], &["#101", "#7"]];
        let (got, _) = sheet_rows(book(&[("s", false, rows)]), &[]).unwrap();
        assert_eq!(got, [(2, Some("000101".into()), Some("7".into()))]);
    }
}
