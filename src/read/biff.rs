//! The number formats of an old `.xls` (BIFF8) worksheet's number cells,
//! which calamine reads but does not expose (rosters.md "More shapes from
//! the field", "Old .xls files": zero-padded ids by their number format).
//!
//! The workbook stream is walked record by record (MS-XLS 2.1.4): the
//! globals' `Format` (0x041E) and `XF` (0x00E0) records give each cell
//! style's format code, `BoundSheet8` (0x0085) where each sheet starts;
//! the sheet's `Number` (0x0203), `RK` (0x027E), `MulRk` (0x00BD) and
//! `Formula` (0x0006) records give each number cell's style. Anything this
//! walk does not understand (another BIFF version, an encrypted or
//! truncated stream) gives no formats: calamine has already read the
//! values, which then read as their numbers, as before.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The format code of each number cell of sheet `sheet` whose code
/// `keep` accepts, by (row, column), 0-based; empty when the stream cannot
/// be walked. `bytes` is the whole .xls file.
pub(crate) fn number_formats<T>(
    bytes: &[u8],
    sheet: &str,
    keep: impl Fn(&str) -> Option<T>,
) -> HashMap<(u32, u32), T>
where
    T: Clone,
{
    let Some(stream) = workbook_stream(bytes) else {
        return HashMap::new();
    };
    walk(&stream, sheet, keep).unwrap_or_default()
}

/// The `Workbook` stream of the compound file (`Book` in older files).
fn workbook_stream(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    let mut stream = file
        .open_stream("/Workbook")
        .or_else(|_| file.open_stream("/Book"))
        .ok()?;
    let mut out = Vec::new();
    // The stream is no larger than the file it is in.
    stream
        .by_ref()
        .take(bytes.len() as u64)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// One record: its type and data.
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
}

/// The records from byte `at` of `stream`, up to a truncated one.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = Record<'_>> {
    std::iter::from_fn(move || {
        let header = stream.get(at..at + 4)?;
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some(Record { kind, data })
    })
}

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const BIFF8: u16 = 0x0600;

fn walk<T: Clone>(
    stream: &[u8],
    sheet: &str,
    keep: impl Fn(&str) -> Option<T>,
) -> Option<HashMap<(u32, u32), T>> {
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut styles: Vec<u16> = Vec::new(); // each XF's format index
    let mut start = None;
    let mut globals = records(stream, 0);
    let first = globals.next()?;
    if first.kind != BOF || u16_at(first.data, 0)? != BIFF8 {
        return None;
    }
    for r in globals {
        match r.kind {
            0x041E => {
                let index = u16_at(r.data, 0)?;
                codes.insert(index, unicode_string(r.data.get(2..)?, true)?);
            }
            0x00E0 => styles.push(u16_at(r.data, 2)?),
            0x0085 => {
                let name = unicode_string(r.data.get(6..)?, false)?;
                if r.data.get(5) == Some(&0) && name.trim().eq_ignore_ascii_case(sheet.trim()) {
                    start = Some(u32_at(r.data, 0)? as usize);
                }
            }
            EOF => break,
            _ => {}
        }
    }
    // What each style makes of a cell: only custom codes can pad (the
    // built-in formats 0-163 never do).
    let kept: Vec<Option<T>> = styles
        .iter()
        .map(|f| codes.get(f).and_then(|code| keep(code)))
        .collect();
    let mut out = HashMap::new();
    if kept.iter().all(Option::is_none) {
        return Some(out);
    }
    let mut put = |row: u16, column: u16, style: u16| {
        if let Some(Some(t)) = kept.get(usize::from(style)) {
            out.insert((u32::from(row), u32::from(column)), t.clone());
        }
    };
    let mut sheet_records = records(stream, start?);
    if sheet_records.next()?.kind != BOF {
        return None;
    }
    for r in sheet_records {
        match r.kind {
            // Number, RK: row, column, style, value.
            0x0203 | 0x027E => put(u16_at(r.data, 0)?, u16_at(r.data, 2)?, u16_at(r.data, 4)?),
            // Formula whose cached value is a number (its last two value
            // bytes are not 0xFFFF).
            0x0006 if u16_at(r.data, 12)? != 0xFFFF => {
                put(u16_at(r.data, 0)?, u16_at(r.data, 2)?, u16_at(r.data, 4)?)
            }
            // MulRk: row, first column, (style, RK) per column, last column.
            0x00BD => {
                let row = u16_at(r.data, 0)?;
                let first = u16_at(r.data, 2)?;
                let n = r.data.len().saturating_sub(6) / 6;
                for i in 0..n {
                    put(
                        row,
                        first.saturating_add(i as u16),
                        u16_at(r.data, 4 + 6 * i)?,
                    );
                }
            }
            EOF => break,
            _ => {}
        }
    }
    Some(out)
}

/// An `XLUnicodeString` (`wide`: a 16-bit count) or a
/// `ShortXLUnicodeString` (an 8-bit count): the count, a flags byte whose
/// low bit says two bytes per character, then the characters.
fn unicode_string(data: &[u8], wide: bool) -> Option<String> {
    let (count, at) = if wide {
        (usize::from(u16_at(data, 0)?), 2)
    } else {
        (usize::from(*data.first()?), 1)
    };
    let two_bytes = data.get(at)? & 1 == 1;
    let chars = &data[at + 1..];
    if two_bytes {
        let units: Vec<u16> = chars
            .get(..count * 2)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        // Latin-1: each byte is its code point.
        Some(chars.get(..count)?.iter().map(|&b| char::from(b)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_of_one_and_two_bytes() {
        assert_eq!(
            unicode_string(&[6, 0, 0, b'0', b'0', b'0', b'0', b'0', b'0'], true).as_deref(),
            Some("000000")
        );
        assert_eq!(
            unicode_string(&[2, 1, 0x66, 0x5B, 0x0B, 0x4E], false).as_deref(),
            Some("学下")
        );
        assert_eq!(unicode_string(&[9, 0, b'a'], true), None);
    }

    #[test]
    fn not_a_compound_file_gives_no_formats() {
        assert!(number_formats(b"<html>", "Sheet1", |c| Some(c.to_string())).is_empty());
    }
}
