//! What a zipped workbook (.xlsx, .xlsm, .xlsb, .ods) holds, looked at
//! with the zip crate before calamine unpacks it (rosters.md "Limits": a
//! file beyond a limit is refused naming the limit, found before the
//! memory is spent):
//!
//! * the sizes its parts declare: at most 2 GiB in all;
//! * its XML parts that unpack to more than 20 times their packed size
//!   (what a bomb does; ordinary sheets pack 5-15 times) are read as a
//!   stream, in constant memory, for a text longer than a cell may hold
//!   (one shared string of 1 GB unpacks from under 1 MB);
//! * an .ods's `number-rows-repeated` and `number-columns-repeated`,
//!   which calamine lays out cell by cell: the cells with a value they
//!   add, and the rectangle from the first to the last cell with a
//!   value, are bounded.
//!
//! Also whether an .xlsx asks to be recalculated on opening (rosters.md
//! "Formulas never computed").

use super::sheet::{MOST_CELL_BYTES, MOST_CELL_CHARS};
use crate::messages::Message;
use crate::msg;
use std::io::{Cursor, Read};

/// The most decompressed bytes a workbook's parts may declare (2 GiB).
const MOST_DECOMPRESSED: u64 = 2 << 30;

/// A part unpacking to more than this many times its packed size is
/// scanned for over-long texts.
const SCANNED_RATIO: u64 = 20;

/// The most cells with a value an .ods's repetitions may add, and the
/// most cells of the rectangle calamine lays out for one of its sheets
/// (32 bytes each: 640 MB).
const MOST_REPEATED_CELLS: u64 = 1_000_000;
const MOST_LAID_OUT_CELLS: u64 = 20_000_000;

/// Refuses a zipped workbook beyond the limits the module doc lists.
pub(crate) fn within_limits(extension: Option<&str>, bytes: &[u8]) -> Result<(), Message> {
    if extension == Some("xls") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    // The sizes the central directory declares (what calamine will unpack).
    let mut total: u64 = 0;
    let mut scanned = Vec::new();
    for i in 0..zip.len() {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
            if part.name().is_ok_and(|n| n.ends_with(".xml"))
                && part.size() > part.compressed_size().saturating_mul(SCANNED_RATIO)
            {
                scanned.push(i);
            }
        }
    }
    if total > MOST_DECOMPRESSED {
        return Err(msg!(
            "read-workbook-too-large",
            gib = MOST_DECOMPRESSED >> 30
        ));
    }
    for i in scanned {
        let Ok(part) = zip.by_index(i) else { continue };
        if longest_text(part)? > MOST_CELL_BYTES {
            return Err(msg!("read-cell-too-long", most = MOST_CELL_CHARS));
        }
    }
    if extension == Some("ods")
        && let Ok(part) = zip.by_name("content.xml")
    {
        ods_repetitions(part)?;
    }
    Ok(())
}

/// The longest run of bytes between two `<` of an XML stream (a text,
/// or a tag), stopping once it is longer than a cell may hold.
fn longest_text(mut part: impl Read) -> Result<usize, Message> {
    let mut buf = vec![0u8; 64 << 10];
    let mut run = 0usize;
    let mut longest = 0usize;
    loop {
        let n = match part.read(&mut buf) {
            Ok(0) => return Ok(longest),
            Ok(n) => n,
            Err(_) => return Ok(longest), // calamine says what is wrong
        };
        for chunk in buf[..n].split_inclusive(|&b| b == b'<') {
            run += chunk.len();
            longest = longest.max(run);
            if chunk.last() == Some(&b'<') {
                run = 0;
            }
        }
        if longest > MOST_CELL_BYTES {
            return Ok(longest);
        }
    }
}

/// Walks an .ods's content.xml for its repetitions (see the module doc).
fn ods_repetitions(part: impl Read) -> Result<(), Message> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let repeats = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.as_ref().trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let too_many = || {
        msg!(
            "read-ods-repeated-too-many",
            most = MOST_REPEATED_CELLS,
            laid_out = MOST_LAID_OUT_CELLS
        )
    };
    let mut added: u64 = 0; // cells with a value the repetitions add
    let (mut row, mut row_repeats, mut column) = (0u64, 1u64, 0u64);
    let mut row_cells: u64 = 0; // cells with a value in the current row
    // The rectangle of cells with a value: first and last row, column.
    let mut extent: Option<(u64, u64, u64, u64)> = None;
    let mut in_cell: Option<(u64, bool)> = None; // repeats, holds a value
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Ok(()), // calamine says what is wrong
        };
        let valued = |e: &quick_xml::events::BytesStart| {
            e.attributes()
                .flatten()
                .any(|a| a.key.as_ref() == "office:value-type")
        };
        let mut end_cell = |repeats: u64, value: bool, column: &mut u64| {
            if value {
                row_cells += repeats;
                added = added.saturating_add(repeats - 1);
                let (r0, r1, c0, c1) = extent.unwrap_or((row, row, *column, *column));
                extent = Some((
                    r0.min(row),
                    r1.max(row + row_repeats - 1),
                    c0.min(*column),
                    c1.max(*column + repeats - 1),
                ));
            }
            *column = column.saturating_add(repeats);
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    (row, column, extent) = (0, 0, None);
                }
                "table:table-row" => {
                    row_repeats = repeats(e, "table:number-rows-repeated");
                    (column, row_cells) = (0, 0);
                    if matches!(event, Event::Empty(_)) {
                        row = row.saturating_add(row_repeats);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeats(e, "table:number-columns-repeated");
                    if matches!(event, Event::Empty(_)) {
                        end_cell(n, valued(e), &mut column);
                    } else {
                        in_cell = Some((n, valued(e)));
                    }
                }
                "text:p" => {
                    if let Some((_, value)) = in_cell.as_mut() {
                        *value = true;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => {
                    if let Some((n, value)) = in_cell.take() {
                        end_cell(n, value, &mut column);
                    }
                }
                "table:table-row" => {
                    added = added.saturating_add(row_cells.saturating_mul(row_repeats - 1));
                    row = row.saturating_add(row_repeats);
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        if added > MOST_REPEATED_CELLS {
            return Err(too_many());
        }
        if let Some((r0, r1, c0, c1)) = extent
            && (r1 - r0 + 1).saturating_mul(c1 - c0 + 1) > MOST_LAID_OUT_CELLS
        {
            return Err(too_many());
        }
        buf.clear();
    }
}

/// Whether an .xlsx workbook asks to be recalculated when opened
/// (`<calcPr fullCalcOnLoad="1"/>` in xl/workbook.xml), as files written
/// by programs do: its stored values (0 often) are then not what Excel
/// shows. Only the first MiB of workbook.xml is looked at.
pub(crate) fn recalculates_on_load(extension: Option<&str>, bytes: &[u8]) -> bool {
    if matches!(extension, Some("xls" | "ods" | "xlsb")) {
        return false;
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return false;
    };
    let Ok(file) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    let mut text = String::new();
    if file.take(1 << 20).read_to_string(&mut text).is_err() {
        return false;
    }
    text.contains("fullCalcOnLoad=\"1\"") || text.contains("fullCalcOnLoad=\"true\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_run_between_tags() {
        // `a>hello<`: from one `<` to the next, the second one counted.
        assert_eq!(longest_text(&b"<a>hello</a><b/>"[..]).unwrap(), 8);
        let long = format!("<t>{}</t>", "x".repeat(MOST_CELL_BYTES + 10));
        assert!(longest_text(long.as_bytes()).unwrap() > MOST_CELL_BYTES);
    }
}
