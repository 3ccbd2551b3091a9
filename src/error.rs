//! The errors rotaplan reports, one type per kind of failure, and the exit
//! status each maps to (the contract's table: 2 bad input, 3 infeasible).
//! Every error is shown through the message catalogue (`crate::messages`):
//! its position stays typed until `Display` renders it.

use crate::messages::Message;
use crate::msg;
use std::fmt;
use std::path::PathBuf;

/// Bad input: a file, the line in it (1 = header) and the column at fault.
/// Every message a planner sees for a bad file comes through this type, so
/// that it always says where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub file: String,
    /// The line (for a worksheet: the row as Excel numbers it).
    pub line: Option<u64>,
    /// The column's key (the contract's English name).
    pub column: Option<String>,
    /// The column's header as the file writes it, when that differs from
    /// the key (`需求人数` for `count`): messages show both.
    pub header: Option<Box<str>>,
    /// What was expected and found, from the catalogue.
    pub message: Message,
    /// Where in a workbook; boxed, as most files are CSV.
    pub sheet: Option<Box<SheetPlace>>,
}

/// A worksheet and, when known, the cell (`C7`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetPlace {
    pub sheet: String,
    pub cell: Option<String>,
}

impl InputError {
    /// Bad input in `file` (as the planner named it), no position yet:
    /// `at`, `column` and `key` add one.
    pub fn new(file: impl Into<String>, message: Message) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            header: None,
            message,
            sheet: None,
        }
    }

    pub fn at(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub fn column(mut self, column: impl Into<String>) -> Self {
        self.column = Some(column.into());
        self
    }

    /// A policy file's key at fault: "policy.toml line 2: key `balance`:
    /// expected ...".
    pub fn key(mut self, key: &str) -> Self {
        self.message = msg!("error-policy-key", key = key, message = self.message);
        self
    }
}

impl fmt::Display for InputError {
    /// `file line 3, column `count` headed `需求人数`: message`, each part
    /// from the catalogue.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_str();
        let sheet = self.sheet.as_deref().map(|p| p.sheet.as_str());
        let cell = self.sheet.as_deref().and_then(|p| p.cell.as_deref());
        let place = match (sheet, self.line) {
            (Some(sheet), Some(row)) => msg!("at-sheet-row", file = file, sheet = sheet, row = row),
            (Some(sheet), None) => msg!("at-sheet", file = file, sheet = sheet),
            (None, Some(line)) => msg!("at-line", file = file, line = line),
            (None, None) => msg!("at-file", file = file),
        };
        let column = match (&self.column, cell, &self.header) {
            (Some(c), Some(cell), Some(h)) => {
                msg!(
                    "at-column-cell-headed",
                    column = c,
                    cell = cell,
                    header = &**h
                )
            }
            (Some(c), Some(cell), None) => msg!("at-column-cell", column = c, cell = cell),
            (Some(c), None, Some(h)) => msg!("at-column-headed", column = c, header = &**h),
            (Some(c), None, None) => msg!("at-column", column = c),
            (None, Some(cell), _) => msg!("at-cell", cell = cell),
            (None, None, _) => msg!("at-nothing"),
        };
        let shown = msg!(
            "input-error",
            place = place,
            column = column,
            message = self.message.clone()
        );
        write!(f, "{shown}")
    }
}

impl std::error::Error for InputError {}

/// Why a plan cannot meet the rules, in the planner's words: the scope
/// (district or school), the rule, what it requires and the best possible.
/// JSON shows `message` in words (`Message` serializes as its text).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Infeasibility {
    pub scope: String,
    pub rule: String,
    pub message: Message,
    /// What would make the unit feasible, each change alone (rules.md
    /// "When the rules cannot be met").
    pub fixes: Vec<crate::plan::fixes::Fix>,
    /// The teacher the infeasibility is about, by id (principals.md: an
    /// overdue principal who cannot move), when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher: Option<String>,
    /// That teacher's school, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
}

impl Infeasibility {
    /// An infeasibility found before its fixes are worked out.
    pub fn new(scope: impl Into<String>, rule: impl Into<String>, message: Message) -> Self {
        Infeasibility {
            scope: scope.into(),
            rule: rule.into(),
            message,
            fixes: Vec::new(),
            teacher: None,
            school: None,
        }
    }
}

impl fmt::Display for Infeasibility {
    /// The unit and the message, then one line per fix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let head = msg!(
            "infeasible-unit",
            scope = self.scope.as_str(),
            message = self.message.clone()
        );
        write!(f, "{head}")?;
        for (k, fix) in self.fixes.iter().enumerate() {
            let line = if k == 0 {
                msg!("infeasible-fix-first", fix = fix.to_string())
            } else {
                msg!("infeasible-fix-or", fix = fix.to_string())
            };
            write!(f, "\n{line}")?;
        }
        Ok(())
    }
}

/// Everything a command can fail with. Shown through the catalogue
/// (`Display`); `exit_code` gives the contract's exit status.
#[derive(Debug)]
pub enum Error {
    Input(InputError),
    /// A bad invocation: a flag's value, a missing folder, ...
    Usage(Message),
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Infeasible(Vec<Infeasibility>),
    /// An internal failure, not the user's fault (exit 4).
    Solver(Message),
}

impl From<InputError> for Error {
    fn from(e: InputError) -> Self {
        Error::Input(e)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(e) => write!(f, "{e}"),
            Error::Usage(m) => write!(f, "{m}"),
            Error::Io { path, source } => write!(
                f,
                "{}",
                msg!(
                    "error-io",
                    path = path.display().to_string(),
                    reason = source.to_string()
                )
            ),
            Error::Infeasible(items) => {
                write!(f, "{}", msg!("error-infeasible"))?;
                for i in items {
                    write!(f, "\n  {i}")?;
                }
                Ok(())
            }
            Error::Solver(m) => write!(f, "{}", msg!("error-solver", message = m.clone())),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The exit status of the contract: 2 bad input or invocation,
    /// 3 infeasible, 4 an internal solver failure (not the user's fault).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Input(_) | Error::Usage(_) | Error::Io { .. } => 2,
            Error::Infeasible(_) => 3,
            Error::Solver(_) => 4,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
