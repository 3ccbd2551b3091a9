//! One CSV file as the contract reads it: any encoding Excel writes (UTF-8
//! with or without BOM, GB18030/GBK), English or Chinese headers in any
//! order, and every cell addressable by its column key so that an error can
//! name file, line and column. A workbook (.xlsx, .xlsm, .xls, .xlsb,
//! .ods) is read through calamine into the same rows, one sheet of it, and
//! its errors name the sheet, the row and the cell.
//!
//! Typed parsing of the cells (numbers, booleans, enumerations) lives in
//! `cell.rs`; this module only knows about bytes, headers and rows.

use super::cell::shown;
use crate::error::InputError;
use std::path::Path;

/// A column of the contract: its key (the English header), the Chinese
/// aliases, and whether a file without it is bad input.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

pub const fn required(key: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        key,
        aliases,
        required: true,
    }
}

pub const fn optional(key: &'static str, aliases: &'static [&'static str]) -> Column {
    Column {
        key,
        aliases,
        required: false,
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
    /// Fields in the header row; every row must have as many.
    width: usize,
    /// The header row's cells, trimmed, as the file writes them.
    headers: Vec<String>,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Csv(String),
    Sheet(super::sheet::Sheet),
}

/// One data row, able to hand out its cells by column key.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    pub line: u64,
    record: &'a csv::StringRecord,
}

impl Table {
    /// Reads and decodes `path`, maps its header onto `columns` and checks
    /// every row has as many fields as the header. A workbook (by its
    /// extension) is read from the sheet named one of `sheets`, else its
    /// first sheet.
    pub fn read(
        path: &Path,
        columns: &'static [Column],
        sheets: &[&str],
    ) -> Result<Table, crate::Error> {
        let bytes = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        let file = path.display().to_string();
        if super::sheet::is_workbook(path) {
            let sheet = super::sheet::Sheet::parse(&file, bytes, sheets)?;
            return Ok(Table::from_sheet(&file, sheet, columns)?);
        }
        Ok(Table::parse(&file, bytes, columns)?)
    }

    /// A worksheet's rows under a header mapped onto `columns`.
    pub fn from_sheet(
        file: &str,
        sheet: super::sheet::Sheet,
        columns: &'static [Column],
    ) -> Result<Table, InputError> {
        let header = sheet
            .header()
            .ok_or_else(|| sheet.error(file, "the sheet is empty: a header row is required"))?;
        let position = map_header(file, header, columns)
            .map_err(|e| sheet.locate(e, &header_index(header)))?;
        Ok(Table {
            file: file.to_string(),
            present: present(columns, &position),
            width: header.len(),
            headers: header.iter().map(|h| trim(h).to_string()).collect(),
            body: Body::Sheet(sheet),
        })
    }

    /// As `read`, from bytes already in memory; `file` names them in errors.
    pub fn parse(
        file: &str,
        bytes: Vec<u8>,
        columns: &'static [Column],
    ) -> Result<Table, InputError> {
        let text = decode(file, bytes)?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header = csv::StringRecord::new();
        if !reader
            .read_record(&mut header)
            .map_err(|e| csv_error(file, e))?
        {
            return Err(InputError::new(file, "the file is empty: a header row is required").at(1));
        }
        let position = map_header(file, &header, columns)?;
        Ok(Table {
            file: file.to_string(),
            present: present(columns, &position),
            width: header.len(),
            headers: header.iter().map(|h| trim(h).to_string()).collect(),
            body: Body::Csv(text),
        })
    }

    /// Calls `f` on each data row in file order, after checking that it
    /// has as many fields as the header; the first error stops the walk.
    pub fn for_each_row(
        &self,
        mut f: impl FnMut(Row<'_>) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let text = match &self.body {
            Body::Csv(text) => text,
            Body::Sheet(sheet) => {
                for (line, record) in sheet.rows() {
                    f(Row {
                        table: self,
                        line,
                        record,
                    })
                    .map_err(|e| sheet.locate(e, self.column_index()))?;
                }
                return Ok(());
            }
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        while reader
            .read_record(&mut record)
            .map_err(|e| csv_error(&self.file, e))?
        {
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != self.width {
                return Err(InputError::new(
                    &self.file,
                    format!(
                        "expected {} fields as in the header, found {} (a ragged row)",
                        self.width,
                        record.len()
                    ),
                )
                .at(line));
            }
            f(Row {
                table: self,
                line,
                record: &record,
            })?;
        }
        Ok(())
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        // Called for every cell of every row: compare the cheap parts
        // (length, first byte) before the bytes.
        let same = |(k, _): &&(&str, usize)| {
            k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && *k == key
        };
        self.present.iter().find(same).map(|&(_, i)| i)
    }

    /// The header row's cells, trimmed, in file order: field `i` of each
    /// row (`Row::field`) is under `headers()[i]`. For columns outside the
    /// schema, such as those a policy's rules filter on.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// `None` for a CSV file; for a worksheet, whether its workbook uses
    /// the 1904 date system (else 1900), to read date serials.
    pub fn date_1904(&self) -> Option<bool> {
        match &self.body {
            Body::Csv(_) => None,
            Body::Sheet(sheet) => Some(sheet.date_1904),
        }
    }

    /// About how many data rows the file has (its line count), to size
    /// indexes before filling them.
    pub fn rows_hint(&self) -> usize {
        match &self.body {
            Body::Csv(text) => text.bytes().filter(|&b| b == b'\n').count(),
            Body::Sheet(sheet) => sheet.len(),
        }
    }

    /// Column key -> field index, for naming a sheet's cell in errors.
    fn column_index(&self) -> &[(&'static str, usize)] {
        &self.present
    }
}

impl<'a> Row<'a> {
    /// The trimmed cell, or `None` when the column is absent or the cell empty.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        let index = self.table.index_of(key)?;
        let cell = trim(self.record.get(index)?);
        (!cell.is_empty()).then_some(cell)
    }

    /// The trimmed cell in field `index` (0-based, as `Table::headers`),
    /// empty when the row has no such field: raw access for columns
    /// outside the schema.
    pub fn field(&self, index: usize) -> &'a str {
        self.record.get(index).map_or("", trim)
    }

    /// As `Table::date_1904`: `None` for CSV, else the workbook's date
    /// system, for reading date serials.
    pub fn date_system(&self) -> Option<bool> {
        self.table.date_1904()
    }

    /// The trimmed cell of a required column; empty is bad input.
    pub fn require(&self, key: &str) -> Result<&'a str, InputError> {
        self.get(key)
            .ok_or_else(|| self.error(key, "empty cell in a required column"))
    }

    /// An error about the cell in column `key` of this row.
    pub fn error(&self, key: &str, message: impl Into<String>) -> InputError {
        InputError::new(&self.table.file, message)
            .at(self.line)
            .column(key)
    }

    /// An error about this row as a whole.
    pub fn row_error(&self, message: impl Into<String>) -> InputError {
        InputError::new(&self.table.file, message).at(self.line)
    }
}

/// Trims ASCII and Unicode white space (the ideographic space U+3000 that
/// Chinese input methods type included) and a stray BOM.
pub fn trim(s: &str) -> &str {
    // Most cells start and end with a visible ASCII character: skip the
    // char-by-char scan for them.
    let visible = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Header name -> field index, for naming a header cell in errors.
fn header_index(header: &csv::StringRecord) -> Vec<(&str, usize)> {
    header
        .iter()
        .enumerate()
        .map(|(i, h)| (trim(h), i))
        .collect()
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

fn map_header(
    file: &str,
    header: &csv::StringRecord,
    columns: &'static [Column],
) -> Result<Vec<Option<usize>>, InputError> {
    let mut position: Vec<Option<usize>> = vec![None; columns.len()];
    // Header name -> first field; a map, so that a 100,000-column header
    // is not a quadratic scan.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, raw) in header.iter().enumerate() {
        let name = trim(raw).to_lowercase();
        if name.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(&name) {
            return Err(InputError::new(
                file,
                format!(
                    "duplicated header {} (fields {} and {})",
                    shown(trim(raw)),
                    first + 1,
                    index + 1
                ),
            )
            .at(1)
            .column(trim(raw).chars().take(40).collect::<String>()));
        }
        seen.insert(name.clone(), index);
        let Some(c) = columns
            .iter()
            .position(|c| c.key == name || c.aliases.iter().any(|a| a.to_lowercase() == name))
        else {
            continue; // extra columns are ignored
        };
        if let Some(first) = position[c] {
            return Err(InputError::new(
                file,
                format!(
                    "column `{}` is given twice: {} (field {}) and {} (field {})",
                    columns[c].key,
                    shown(trim(&header[first])),
                    first + 1,
                    shown(trim(raw)),
                    index + 1
                ),
            )
            .at(1)
            .column(columns[c].key));
        }
        position[c] = Some(index);
    }
    for (c, column) in columns.iter().enumerate() {
        if column.required && position[c].is_none() {
            return Err(InputError::new(
                file,
                format!(
                    "missing required column `{}` ({})",
                    column.key,
                    column.aliases.join(", ")
                ),
            )
            .at(1)
            .column(column.key));
        }
    }
    Ok(position)
}

fn csv_error(file: &str, e: csv::Error) -> InputError {
    let line = e.position().map(|p| p.line());
    let mut err = InputError::new(file, format!("malformed CSV: {e}"));
    err.line = line;
    err
}

/// UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else GB18030,
/// which also covers GBK and GB2312. Bytes that are neither are bad input,
/// reported at the line and field where decoding failed.
fn decode(file: &str, mut bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::new(
            file,
            "this is a ZIP file (an Excel .xlsx workbook renamed?), not CSV: give it its .xlsx \
             name, which rotaplan reads, or in Excel use Save As > CSV UTF-8 (or CSV)",
        )
        .at(1));
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(byte_error(
            file,
            &bytes,
            at,
            "a NUL byte: the file looks binary, not CSV",
        ));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 4);
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(text),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(bad as usize);
            Err(byte_error(
                file,
                bytes,
                at,
                "bytes that are neither UTF-8 nor GB18030/GBK; save the file as UTF-8 or GBK",
            ))
        }
        encoding_rs::DecoderResult::OutputFull => Err(InputError::new(
            file,
            "could not decode the file as GB18030",
        )),
    }
}

/// An error about the byte at `at`, named by its line and field.
fn byte_error(file: &str, bytes: &[u8], at: usize, what: &str) -> InputError {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let field = before[line_start..].iter().filter(|&&b| b == b',').count() + 1;
    InputError::new(file, format!("{what} (field {field})")).at(line)
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
        let t = Table::parse("s.csv", bytes.to_vec(), COLUMNS)?;
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
        assert!(e.message.contains("field 2"), "{e}");
    }

    #[test]
    fn english_and_chinese_for_one_column_is_an_error() {
        let e = rows("id,学校代码\nS1,S1\n".as_bytes()).unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (Some(1), Some("id")));
    }

    #[test]
    fn duplicated_header_and_missing_column() {
        let e = rows(b"id,x,X\n1,2,3\n").unwrap_err();
        assert!(e.message.contains("duplicated header"), "{e}");
        let e = rows(b"name\nA\n").unwrap_err();
        assert!(e.message.contains("missing required column `id`"), "{e}");
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
}
