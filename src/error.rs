//! The errors rotaplan reports, one type per kind of failure, and the exit
//! status each maps to (the contract's table: 2 bad input, 3 infeasible).

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
    pub header: Option<String>,
    pub message: String,
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
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            header: None,
            message: message.into(),
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
        self.message = format!("key `{key}`: {}", self.message);
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        let sheet = self.sheet.as_deref().map(|p| &p.sheet);
        let cell = self.sheet.as_deref().and_then(|p| p.cell.as_ref());
        match (sheet, self.line) {
            (Some(sheet), Some(row)) => write!(f, ", sheet `{sheet}` row {row}")?,
            (Some(sheet), None) => write!(f, ", sheet `{sheet}`")?,
            (None, Some(line)) => write!(f, " line {line}")?,
            (None, None) => {}
        }
        // The file's own header beside the key: `count` (需求人数).
        let headed = self
            .header
            .as_ref()
            .map_or(String::new(), |h| format!(" headed `{h}`"));
        match (&self.column, cell) {
            (Some(column), Some(cell)) => {
                write!(f, ", column `{column}` (cell {cell}){headed}")?;
            }
            (Some(column), None) => write!(f, ", column `{column}`{headed}")?,
            (None, Some(cell)) => write!(f, ", cell {cell}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

/// Why a plan cannot meet the rules, in the planner's words: the scope
/// (district or school), the rule, what it requires and the best possible.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Infeasibility {
    pub scope: String,
    pub rule: String,
    pub message: String,
    /// What would make the unit feasible, each change alone (rules.md
    /// "When the rules cannot be met").
    pub fixes: Vec<crate::plan::fixes::Fix>,
}

impl Infeasibility {
    /// An infeasibility found before its fixes are worked out.
    pub fn new(scope: impl Into<String>, rule: impl Into<String>, message: String) -> Self {
        Infeasibility {
            scope: scope.into(),
            rule: rule.into(),
            message,
            fixes: Vec::new(),
        }
    }
}

impl fmt::Display for Infeasibility {
    /// The unit and the message, then one line per fix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.scope, self.message)?;
        for (k, fix) in self.fixes.iter().enumerate() {
            let lead = if k == 0 { "would fix it" } else { "or" };
            write!(f, "\n      {lead}: {fix}")?;
        }
        Ok(())
    }
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Input(#[from] InputError),
    #[error("{0}")]
    Usage(String),
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the policy is infeasible for these inputs:\n{}", list(.0))]
    Infeasible(Vec<Infeasibility>),
    #[error("solver failure: {0}")]
    Solver(String),
}

fn list(items: &[Infeasibility]) -> String {
    items
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
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
