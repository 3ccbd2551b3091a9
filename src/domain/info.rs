//! What the reading layer understood of one input file, for `rotaplan
//! check` (rosters.md "`rotaplan check DIR`"): its encoding, separator or
//! sheet, where the header was found, which columns were read as which
//! field and which were ignored, and how many rows were read or skipped.
//!
//! `Table` fills one `FileInfo` per file (`Table::info`); the data set
//! keeps them in `DataSet::files`, in the order the files are read.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// How a file's bytes were decoded. A workbook has no text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// GB18030, which also covers GBK and GB2312 (Excel's "CSV" on a
    /// Chinese-locale Windows machine).
    Gb18030,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode 文本").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
    /// A workbook (.xlsx, .xlsm, .xls, .xlsb, .ods), read through calamine.
    Workbook,
}

impl Encoding {
    /// `utf-8`, `utf-8-bom`, `gb18030`, `utf-16le`, `utf-16be` or `workbook`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Gb18030 => "gb18030",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Workbook => "workbook",
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Encoding {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A CSV file's field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Separator {
    Comma,
    Tab,
    Semicolon,
}

impl Separator {
    /// `comma`, `tab` or `semicolon`.
    pub fn name(self) -> &'static str {
        match self {
            Separator::Comma => "comma",
            Separator::Tab => "tab",
            Separator::Semicolon => "semicolon",
        }
    }

    /// The byte in the file.
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Tab => b'\t',
            Separator::Semicolon => b';',
        }
    }

    /// The separator a byte stands for, when it is one rotaplan reads.
    pub fn from_byte(b: u8) -> Option<Separator> {
        match b {
            b',' => Some(Separator::Comma),
            b'\t' => Some(Separator::Tab),
            b';' => Some(Separator::Semicolon),
            _ => None,
        }
    }

    /// Every separator, in the order a tie between them is decided.
    pub const ALL: [Separator; 3] = [Separator::Comma, Separator::Tab, Separator::Semicolon];
}

impl std::fmt::Display for Separator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Separator {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What a file named `.xls` really was, when not an Excel 97-2003
/// workbook (rosters.md "Web exports named .xls"). JSON: `html`,
/// `spreadsheetml`, `text` or `xlsx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Content {
    /// An HTML table (`<table>`), as web systems download "Excel".
    Html,
    /// SpreadsheetML 2003 XML (Excel's "XML Spreadsheet 2003").
    #[serde(rename = "spreadsheetml")]
    SpreadsheetMl,
    /// Delimited text (tab- or comma-separated).
    Text,
    /// An .xlsx workbook with the old name.
    Xlsx,
}

/// Why a sheet of a workbook read sheet by sheet was not read (rosters.md
/// "One sheet per school"). JSON: `hidden`, `empty`, `no_header`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotRead {
    /// A hidden sheet is read only when named.
    Hidden,
    /// The sheet holds no cell.
    Empty,
    /// No row among the first holds every required column.
    NoHeader,
}

/// One sheet of a workbook read sheet by sheet. JSON: `name`, `read`,
/// `header_row` and `rows` (data rows read) for a sheet read, `why` for
/// one not read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SheetUse {
    pub name: String,
    pub read: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header_row: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<NotRead>,
    pub rows: u64,
}

impl SheetUse {
    /// A sheet read, its header on Excel row `header_row`.
    pub fn read(name: &str, header_row: u64) -> SheetUse {
        SheetUse {
            name: name.to_string(),
            read: true,
            header_row: Some(header_row),
            why: None,
            rows: 0,
        }
    }

    /// A sheet not read, and why.
    pub fn not_read(name: &str, why: NotRead) -> SheetUse {
        SheetUse {
            name: name.to_string(),
            read: false,
            header_row: None,
            why: Some(why),
            rows: 0,
        }
    }
}

/// One column read: the header as the file writes it (trimmed) and the
/// field it was read as (the contract's English key).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ColumnUse {
    pub header: String,
    pub field: String,
}

/// Rows not read as data, by why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// Non-empty rows above the header: a title, a merged title cell, a
    /// date line, an Excel `sep=;` line.
    pub title: u64,
    /// Rows whose cells are all empty (a blank line, `,,,,`, an empty
    /// sheet row), above or below the header.
    pub blank: u64,
    /// Rows below the header whose first cell is `合计`, `总计`, `小计` or
    /// `Total`.
    pub totals: u64,
}

/// What was understood of one input file. JSON (`serde`): `file`,
/// `encoding`, `sheet` (null for CSV), `sheet_hidden`, `separator` (null
/// for a workbook), `separator_line`, `header_row`, `columns` (an object,
/// source header -> field, in file order), `ignored`, `rows`, `skipped`
/// (`title`, `blank`, `totals`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileInfo {
    /// The path as given (as errors name the file).
    pub file: String,
    pub encoding: Encoding,
    /// The worksheet read, for a workbook.
    pub sheet: Option<String>,
    /// Whether that worksheet is hidden (or very hidden) in the workbook:
    /// only ever read when named (`teachers`, `教师`, ...).
    pub sheet_hidden: bool,
    /// Every worksheet of a workbook read sheet by sheet (no sheet named
    /// like the file, several visible: rosters.md "One sheet per school"),
    /// read or not; empty otherwise. `sheet` is then the first read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetUse>,
    /// The field separator, for CSV.
    pub separator: Option<Separator>,
    /// Whether an Excel `sep=X` first line declared the separator.
    pub separator_line: bool,
    /// The header's line in the file (CSV), or its row as Excel numbers it
    /// (workbook).
    pub header_row: u64,
    /// Columns read, in file order.
    #[serde(serialize_with = "columns_as_map")]
    pub columns: Vec<ColumnUse>,
    /// Non-empty headers not read as any field, in file order (also an
    /// alternative spelling of a field when another column was used).
    pub ignored: Vec<String>,
    /// The ranges merged down over several rows whose value was given to
    /// every cell they cover (`B2:B8`), for a workbook (rosters.md "More
    /// shapes from the field").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<String>,
    /// What a file named `.xls` really was, when not an Excel 97-2003
    /// workbook (JSON `content`, absent otherwise).
    #[serde(rename = "content", skip_serializing_if = "Option::is_none")]
    pub really: Option<Content>,
    /// Data rows read (passed on to the data set).
    pub rows: u64,
    pub skipped: Skipped,
}

impl FileInfo {
    /// The field a header was read as, if any.
    pub fn field_of(&self, header: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.header == header)
            .map(|c| c.field.as_str())
    }

    /// The header read as `field`, if any.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.header.as_str())
    }
}

fn columns_as_map<S: Serializer>(columns: &[ColumnUse], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(columns.len()))?;
    for c in columns {
        map.serialize_entry(&c.header, &c.field)?;
    }
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let info = FileInfo {
            file: "d/teachers.csv".into(),
            encoding: Encoding::Utf8Bom,
            sheet: None,
            sheet_hidden: false,
            sheets: Vec::new(),
            merged: Vec::new(),
            really: None,
            separator: Some(Separator::Tab),
            separator_line: false,
            header_row: 3,
            columns: vec![
                ColumnUse {
                    header: "工号".into(),
                    field: "id".into(),
                },
                ColumnUse {
                    header: "学科".into(),
                    field: "subject".into(),
                },
            ],
            ignored: vec!["序号".into()],
            rows: 20,
            skipped: Skipped {
                title: 2,
                blank: 1,
                totals: 1,
            },
        };
        let text = serde_json::to_string(&info).unwrap();
        assert!(
            text.contains(r#""columns":{"工号":"id","学科":"subject"}"#),
            "{text}"
        );
        assert!(text.contains(r#""encoding":"utf-8-bom""#), "{text}");
        assert!(text.contains(r#""separator":"tab""#), "{text}");
        assert!(
            text.contains(r#""skipped":{"title":2,"blank":1,"totals":1}"#),
            "{text}"
        );
        assert_eq!(info.field_of("学科"), Some("subject"));
        assert_eq!(info.header_of("id"), Some("工号"));
    }
}
