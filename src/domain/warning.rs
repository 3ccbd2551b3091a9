//! A warning: something a planner should look at before trusting a plan,
//! which does not stop the run (fit.md "A rule never switches off in
//! silence", "Conflicts are shown, not settled in silence"). Every command
//! that reads a data set reports them: their number and the first five on
//! stderr in table format, all of them as JSON `warnings[]`.

use crate::messages::Message;

/// One warning: a stable snake_case `code` (`missing_values`,
/// `header_not_read`, `backbone_conflict`, ...), its `message` from the
/// catalogue, and where one applies the file, the line (or the row as
/// Excel numbers it) and the column it is about.
///
/// In JSON: `{"code", "message", "file"?, "line"?, "column"?}`, the
/// message in words, every ID number in it masked (rosters.md "Personal
/// data").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Stable, snake_case: what the warning is about (docs/guide.md lists
    /// them).
    pub code: &'static str,
    /// The words, from the catalogue.
    pub message: Message,
    /// The file as given (`./teachers.csv`), where one applies.
    pub file: Option<String>,
    /// The line in the file (CSV) or the row as Excel numbers it.
    pub line: Option<u64>,
    /// The header as written, or the column's field name.
    pub column: Option<String>,
}

impl Warning {
    /// A warning about no one place.
    pub fn new(code: &'static str, message: Message) -> Warning {
        Warning {
            code,
            message,
            file: None,
            line: None,
            column: None,
        }
    }

    /// The same warning about file `file`.
    pub fn file(mut self, file: impl Into<String>) -> Warning {
        self.file = Some(file.into());
        self
    }

    /// The same warning about line (or sheet row) `line`.
    pub fn line(mut self, line: u64) -> Warning {
        self.line = Some(line);
        self
    }

    /// The same warning about column `column` (the header as written).
    pub fn column(mut self, column: impl Into<String>) -> Warning {
        self.column = Some(column.into());
        self
    }
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("code", self.code)?;
        let message = super::mask_id_cards(&self.message.to_string()).into_owned();
        map.serialize_entry("message", &message)?;
        if let Some(file) = &self.file {
            map.serialize_entry("file", file)?;
        }
        if let Some(line) = self.line {
            map.serialize_entry("line", &line)?;
        }
        if let Some(column) = &self.column {
            map.serialize_entry("column", column)?;
        }
        map.end()
    }
}
