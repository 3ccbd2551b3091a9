//! Output: the plan file, the tables a planner reads and the JSON tools
//! read. Files are written whole or not at all (a temporary file in the
//! same folder, then a rename), and never over an input.

pub mod audit;
pub mod check;
pub mod compare;
pub mod data;
pub mod explain;
pub mod horizon;
pub mod html;
pub mod indicators;
pub mod plan;
pub mod published;
pub mod svg;
pub mod text;
pub mod warnings;
pub mod workbook;

use crate::error::Error;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Refuses, before any work, an output path that exists and is not a
/// regular file: a folder, a device (`/dev/null`), a FIFO or a socket
/// (papers.md "Writing files"), which the rename of `write_atomically`
/// would replace. A symbolic link is fine: the rename replaces the link
/// itself, never what it points to.
pub fn check_output(out: &Path) -> Result<(), Error> {
    let Ok(meta) = std::fs::symlink_metadata(out) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_file() || kind.is_symlink() {
        return Ok(());
    }
    let what = if kind.is_dir() { "folder" } else { "special" };
    Err(Error::Usage(crate::msg!(
        "report-refuse-not-a-file",
        path = out,
        kind = what
    )))
}

/// Refuses an output path that names one of the inputs.
pub fn refuse_input(out: &Path, inputs: &[&Path]) -> Result<(), Error> {
    let out_abs = absolute(out);
    for input in inputs {
        if absolute(input) == out_abs {
            return Err(Error::Usage(crate::msg!("report-refuse-input", path = out)));
        }
    }
    Ok(())
}

/// The path with symlinks resolved where it exists (the file, or else its
/// folder), so that two spellings of one file compare equal.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (parent.canonicalize(), path.file_name()) {
        (Ok(dir), Some(name)) => dir.join(name),
        _ => path.to_path_buf(),
    }
}

/// Writes `path` atomically: the content goes to a temporary file beside
/// it, which is renamed over `path` only once complete.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let tmp = temporary(path, write)?;
    let _renaming = renaming();
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// The temporary files being written, removed if the run is interrupted
/// (`remove_temporaries_on_interrupt`). A path stays listed after its
/// rename; removing it then finds nothing.
static TEMPORARIES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Held while complete temporary files are renamed into place: an
/// interrupt waits for the renames, so that a set of files (compare's
/// plans, generate's data set) is in place whole or not at all.
static RENAMING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The guard of the renames (`RENAMING`); a poisoned lock is still a lock.
pub fn renaming() -> std::sync::MutexGuard<'static, ()> {
    RENAMING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Installs the handler of Ctrl-C and SIGTERM: it removes every temporary
/// file a write left (the output paths keep what they held) and exits
/// with 130, as a shell reports an interrupted command (papers.md
/// "Writing files"). A handler that cannot be installed changes nothing.
pub fn remove_temporaries_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        let _renames_done = renaming();
        let listed = TEMPORARIES.lock().map(|l| l.clone()).unwrap_or_default();
        for path in listed {
            let _ = std::fs::remove_file(path);
        }
        std::process::exit(130);
    });
}

/// A new, empty temporary file in `path`'s folder (`.rotaplan-*.tmp`),
/// listed to be removed if the run is interrupted: what is written to it
/// is renamed over `path` once complete (`NamedTempFile::persist`).
pub fn temporary_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::Builder::new()
        .prefix(".rotaplan-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    if let Ok(mut listed) = TEMPORARIES.lock() {
        listed.push(tmp.path().to_path_buf());
    }
    Ok(tmp)
}

/// The content for `path` in a complete temporary file beside it, with
/// the permissions `path` will have, ready to be renamed over it.
fn temporary(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<tempfile::NamedTempFile, Error> {
    let io = |e| Error::io(path, e);
    let mut tmp = temporary_beside(path).map_err(io)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out).map_err(io)?;
        out.flush().map_err(io)?;
    }
    // The temporary file is private (0600); the output gets the
    // permissions of the file it replaces, or the usual 0644.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::symlink_metadata(path)
            .ok()
            .filter(|m| m.file_type().is_file())
            .map_or(0o644, |m| m.permissions().mode() & 0o7777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(io)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    Ok(tmp)
}

/// A pretty-printed JSON object with one more key at its end, `key`:
/// `value` (keys keep their order, which a round trip through
/// `serde_json::Value` would sort). Text that is not an object is
/// returned as it is.
pub fn json_with(json: &str, key: &str, value: &impl serde::Serialize) -> String {
    let trimmed = json.trim_end();
    let Some(body) = trimmed.strip_suffix('}') else {
        return json.to_string();
    };
    let value = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".into());
    let value = value.replace('\n', "\n  ");
    let key = serde_json::to_string(key).unwrap_or_default();
    let body = body.trim_end();
    let comma = if body.ends_with('{') { "" } else { "," };
    format!("{body}{comma}\n  {key}: {value}\n}}")
}

/// The UTF-8 byte-order mark every CSV rotaplan writes starts with, unless
/// `--bom false` (papers.md "CSV for Excel and WPS"): without it Excel and
/// WPS on a Chinese Windows read the file as GBK and show mojibake. Every
/// rotaplan reader drops it.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A text cell as a CSV for Excel and WPS holds it (papers.md "CSV for
/// Excel and WPS"): one that starts with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, so that no spreadsheet runs
/// it as a formula (`=HYPERLINK(...)` as a name). The readers drop it
/// again (`read::table::unguarded`). Numbers are not text cells.
pub fn text_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// Writes every `(path, bytes)` or none: each to a temporary file beside
/// it first, and only when all are complete are they renamed into place
/// (`compare --out-dir`, papers.md "Writing files").
pub fn write_all_atomically(files: &[(PathBuf, Vec<u8>)]) -> Result<(), Error> {
    let mut done = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        done.push((path, temporary(path, |w| w.write_all(bytes))?));
    }
    let _renaming = renaming();
    for (path, tmp) in done {
        tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    }
    Ok(())
}

/// Kilometres as written in files and tables: three decimals.
pub fn km(value: f64) -> String {
    format!("{value:.3}")
}
