//! A CSV file's bytes as text, and positions in that text as the physical
//! lines a planner sees in an editor.
//!
//! Encodings (rosters.md "Separators and encodings"): UTF-8 with or
//! without a byte-order mark, GB18030 (which covers GBK and GB2312), and
//! UTF-16 LE or BE with a byte-order mark (Excel's "Unicode 文本"). Anything
//! else is bad input naming the line where decoding failed.
//!
//! Lines: `\n`, `\r\n` and a lone `\r` (old Excel for Mac) each end one
//! line. The csv crate's own line count is wrong for `\r\n`
//! (BurntSushi/rust-csv#395) and for `\r`, so lines are counted here from
//! byte offsets (`LineCursor`).

use super::info::Encoding;
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;

/// Decodes `bytes` (see the module doc); a byte-order mark is dropped.
pub fn decode(file: &str, mut bytes: Vec<u8>) -> Result<(String, Encoding), InputError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(InputError::new(file, msg!("read-zip-not-csv")).at(1));
    }
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(InputError::new(file, msg!("read-utf32")).at(1));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return utf16(file, &bytes[2..], encoding_rs::UTF_16LE, Encoding::Utf16Le);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return utf16(file, &bytes[2..], encoding_rs::UTF_16BE, Encoding::Utf16Be);
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let what = if looks_like_utf16(&bytes) {
            msg!("read-nul-byte-utf16")
        } else {
            msg!("read-nul-byte")
        };
        return Err(byte_error(file, &bytes, at, what));
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            let encoding = if bom {
                Encoding::Utf8Bom
            } else {
                Encoding::Utf8
            };
            return Ok((text, encoding));
        }
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
        encoding_rs::DecoderResult::InputEmpty => Ok((text, Encoding::Gb18030)),
        encoding_rs::DecoderResult::Malformed(bad, _) => {
            let at = read.saturating_sub(bad as usize);
            Err(byte_error(file, bytes, at, msg!("read-not-utf8-nor-gbk")))
        }
        encoding_rs::DecoderResult::OutputFull => Err(InputError::new(
            file,
            msg!("read-undecodable", encoding = "GB18030"),
        )),
    }
}

/// UTF-16 text after its byte-order mark; an unpaired surrogate, an odd
/// byte at the end or a NUL character is bad input naming its line.
fn utf16(
    file: &str,
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    name: Encoding,
) -> Result<(String, Encoding), InputError> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut text = String::with_capacity(capacity);
    let (result, _) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => {}
        encoding_rs::DecoderResult::Malformed(..) => {
            let encoding = if name == Encoding::Utf16Le {
                "UTF-16LE"
            } else {
                "UTF-16BE"
            };
            return Err(text_error(
                file,
                &text,
                text.len(),
                msg!("read-not-utf16", encoding = encoding),
            ));
        }
        encoding_rs::DecoderResult::OutputFull => {
            return Err(InputError::new(
                file,
                msg!("read-undecodable", encoding = "UTF-16"),
            ));
        }
    }
    if let Some(at) = text.find('\0') {
        return Err(text_error(file, &text, at, msg!("read-nul-character")));
    }
    Ok((text, name))
}

/// Whether NUL bytes sit at every other position of the start, as in
/// ASCII text saved as UTF-16 without a byte-order mark.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    if head.len() < 4 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| i % 2 == parity && b == 0)
            .count()
    };
    let half = head.len() / 2;
    nul_at(0) * 10 >= half * 9 || nul_at(1) * 10 >= half * 9
}

/// The line of byte `at` of `bytes` (1-based; see `LineCursor`).
pub fn line_of(bytes: &[u8], at: usize) -> u64 {
    let mut cursor = LineCursor::new(bytes);
    cursor.line_at(at)
}

/// An error about the byte at `at`, named by its physical line and field
/// (fields counted by the separator the first line uses most).
fn byte_error(file: &str, bytes: &[u8], at: usize, what: Message) -> InputError {
    let at = at.min(bytes.len());
    let before = &bytes[..at];
    let line = line_of(bytes, at);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |p| p + 1);
    let separator = likely_separator(bytes);
    let field = before[line_start..]
        .iter()
        .filter(|&&b| b == separator)
        .count()
        + 1;
    InputError::new(file, msg!("read-in-field", message = what, field = field)).at(line)
}

/// As `byte_error`, at byte `at` of decoded text.
fn text_error(file: &str, text: &str, at: usize, what: Message) -> InputError {
    byte_error(file, text.as_bytes(), at, what)
}

/// The separator among comma, tab and semicolon that the first line holds
/// most of (comma when none).
fn likely_separator(bytes: &[u8]) -> u8 {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .unwrap_or(bytes.len());
    let first = &bytes[..end];
    let count = |s: u8| first.iter().filter(|&&b| b == s).count();
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&s| (count(s), s == b','))
        .unwrap_or(b',')
}

/// Counts physical lines up to byte offsets of a text, moving forward: a
/// line ends at `\n`, at `\r\n` (one break) and at a lone `\r`. The line
/// of an offset is 1 + the breaks that end before it (the `\r` of `\r\n`
/// counts as the break; the `\n` after it does not). Offsets asked for in
/// increasing order cost one pass over the text in all; an earlier offset
/// starts over from the beginning.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCursor<'a> {
    pub fn new(bytes: &'a [u8]) -> LineCursor<'a> {
        LineCursor {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The physical line (1-based) holding byte `offset` (or, at the end
    /// of the text, the line after the last break).
    pub fn line_at(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.bytes.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        let bytes = self.bytes;
        let span = &bytes[self.at..offset];
        let (lf, cr) = (count_byte(span, b'\n'), count_byte(span, b'\r'));
        if cr == 0 {
            // No `\r` (most files, and most records of CRLF files but
            // their last byte): count the `\n`s, the first not if it ends
            // a `\r\n` begun before the span.
            let split = span.first() == Some(&b'\n') && self.at > 0 && bytes[self.at - 1] == b'\r';
            self.line += lf - u64::from(split);
        } else {
            for i in self.at..offset {
                match bytes[i] {
                    b'\r' => self.line += 1,
                    b'\n' if i == 0 || bytes[i - 1] != b'\r' => self.line += 1,
                    _ => {}
                }
            }
        }
        self.at = offset;
        self.line
    }
}

/// How many bytes of `span` are `byte`, counted in `u8`s 255 bytes at a
/// time, which the compiler turns into wide vector compares (one `u64`
/// count per byte did not vectorise as well; this runs on every record
/// of a province roster, 600,000 records of a few dozen bytes).
fn count_byte(span: &[u8], byte: u8) -> u64 {
    span.chunks(255)
        .map(|chunk| u64::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(b == byte))))
        .sum()
}

/// How many physical lines the text has (a last line without a break
/// counted; an empty text has none).
pub fn count_lines(bytes: &[u8]) -> u64 {
    if bytes.is_empty() {
        return 0;
    }
    let mut cursor = LineCursor::new(bytes);
    let line = cursor.line_at(bytes.len());
    let ends_with_break = matches!(bytes.last(), Some(b'\n' | b'\r'));
    if ends_with_break { line - 1 } else { line }
}

/// An Excel `sep=X` first line: the separator it declares and the byte
/// offset where the next line starts. `Ok(None)` when the first line is
/// not one; a declared separator rotaplan does not read is bad input.
pub fn sep_line(file: &str, text: &str) -> Result<Option<(u8, usize)>, InputError> {
    let end = text.find(['\r', '\n']).unwrap_or(text.len());
    let first = &text[..end];
    let first = first
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(first);
    let Some(rest) = first
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("sep="))
        .map(|_| &first[4..])
    else {
        return Ok(None);
    };
    // `sep=;` possibly followed by spaces; `sep=<tab>` keeps its tab.
    let mut chars = rest.chars();
    let (Some(sep), tail) = (chars.next(), chars.as_str()) else {
        return Ok(None);
    };
    if !tail.trim().is_empty() {
        return Ok(None);
    }
    let next = match text.as_bytes()[end..] {
        [b'\r', b'\n', ..] => end + 2,
        [b'\r' | b'\n', ..] => end + 1,
        _ => end,
    };
    match sep {
        ',' | '\t' | ';' => Ok(Some((sep as u8, next))),
        other => Err(InputError::new(file, msg!("read-sep-line", separator = other)).at(1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_for_every_line_end() {
        for (text, at, line) in [
            ("a\nb\nc", 4, 3),
            ("a\r\nb\r\nc", 6, 3),
            ("a\rb\rc", 4, 3),
            ("a\r\n\r\nb", 6, 3),
            ("a\n\rb", 3, 3), // \n then a lone \r: two breaks
            ("a\r\nb", 2, 2), // the \n of \r\n is on the next line
        ] {
            assert_eq!(line_of(text.as_bytes(), at), line, "{text:?} at {at}");
        }
        let mut c = LineCursor::new(b"x\ry\rz");
        assert_eq!(c.line_at(4), 3);
        assert_eq!(c.line_at(0), 1, "backwards starts over");
        assert_eq!(c.line_at(2), 2);
    }

    #[test]
    fn line_counts() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\r\nb\r\n"), 2);
        assert_eq!(count_lines(b"a\rb\rc"), 3);
    }

    #[test]
    fn encodings() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("工号\t学科\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode("t.txt", utf16le).unwrap(),
            ("工号\t学科\r\n".to_string(), Encoding::Utf16Le)
        );
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("id,x\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode("t", utf16be).unwrap().1, Encoding::Utf16Be);
        assert_eq!(
            decode("t", b"\xEF\xBB\xBFid\n".to_vec()).unwrap(),
            ("id\n".to_string(), Encoding::Utf8Bom)
        );
        assert_eq!(decode("t", b"id\n".to_vec()).unwrap().1, Encoding::Utf8);
        let (gbk, _, _) = encoding_rs::GBK.encode("工号\n");
        assert_eq!(decode("t", gbk.into_owned()).unwrap().1, Encoding::Gb18030);
    }

    #[test]
    fn bad_bytes_name_the_physical_line() {
        let e = decode("t", b"id,name\rS1,ok\rS2,\xff\xff\r".to_vec()).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.to_string().contains("field 2"), "{e}");
        let e = decode("t", b"id;name\r\nS1;\xff\r\n".to_vec()).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.to_string().contains("field 2"), "{e}");
        // An unpaired surrogate on line 2 of UTF-16LE.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("id\r\nx".encode_utf16().flat_map(u16::to_le_bytes));
        bytes.extend([0x00, 0xD8, b'y', 0]);
        let e = decode("t", bytes).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        // UTF-16 without its mark is not read.
        let bytes: Vec<u8> = "id,name\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode("t", bytes).unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("UTF-16 without a byte-order mark"),
            "{e}"
        );
        let e = decode("t", b"\xFF\xFE\x00\x00a\x00\x00\x00".to_vec()).unwrap_err();
        assert!(e.message.to_string().contains("UTF-32"), "{e}");
    }

    #[test]
    fn excel_sep_lines() {
        assert_eq!(sep_line("t", "sep=;\r\nid;x\r\n").unwrap(), Some((b';', 7)));
        assert_eq!(sep_line("t", "SEP=\t\nid\tx").unwrap(), Some((b'\t', 6)));
        assert_eq!(sep_line("t", "\"sep=,\"\rid").unwrap(), Some((b',', 8)));
        assert_eq!(sep_line("t", "sep=;").unwrap(), Some((b';', 5)));
        assert_eq!(sep_line("t", "id,sep=;\n").unwrap(), None);
        assert_eq!(sep_line("t", "sep=\n").unwrap(), None);
        assert!(sep_line("t", "sep=|\nid|x").is_err());
    }
}
