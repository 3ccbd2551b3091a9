//! Typed cells: numbers (full-width digits accepted), booleans in the
//! contract's spellings, and the enumerations, each failure naming what was
//! expected.

use super::date;
use super::table::Row;
use crate::error::InputError;
use crate::messages::Message;
use crate::msg;
use chrono::NaiveDate;

/// Full-width digits and signs (`１２`, `－`, `．`) as ASCII, so that numbers
/// typed with a Chinese input method parse. ASCII text is borrowed as is:
/// this runs on every number of a province's roster.
pub fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| match c {
            '\u{ff10}'..='\u{ff19}' => char::from(b'0' + (c as u32 - 0xff10) as u8),
            '\u{ff0e}' => '.',
            '\u{ff0d}' => '-',
            '\u{ff0b}' => '+',
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// A number cell as it parses: full-width digits as ASCII
/// (`ascii_digits`), trimmed, and thousands separators (`1,500`, `1，500`)
/// removed when they group the whole part by threes (rosters.md "Values";
/// a decimal comma such as `1,5` is left alone, and then does not parse).
pub fn plain_number(s: &str) -> std::borrow::Cow<'_, str> {
    // Most cells are digits only (ages, years): nothing to change.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return std::borrow::Cow::Borrowed(s);
    }
    let n = ascii_digits(s.trim());
    if !n.contains([',', '，']) {
        return n;
    }
    let unsigned = n.trim_start_matches(['-', '+']);
    let whole = unsigned.split('.').next().unwrap_or("");
    let groups: Vec<&str> = whole.split([',', '，']).collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && !unsigned[whole.len()..].contains([',', '，']);
    if grouped {
        n.replace([',', '，'], "").into()
    } else {
        n
    }
}

/// A boolean in any of the contract's spellings, matched case-insensitively:
/// `true/false`, `yes/no`, `y/n`, `1/0`, `是/否`, `t/f` (data-format.md),
/// and the marks `√`, `✓`, `✔`, `是的` (true), `×`, `✗`, `✘` (false) of
/// rosters.md "Values". `None` for anything else.
pub fn parse_bool(s: &str) -> Option<bool> {
    const TRUE: &[&str] = &["true", "yes", "y", "1", "是", "t", "√", "✓", "✔", "是的"];
    const FALSE: &[&str] = &["false", "no", "n", "0", "否", "f", "×", "✗", "✘"];
    let s = ascii_digits(s);
    let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(&s));
    if is(TRUE) {
        Some(true)
    } else if is(FALSE) {
        Some(false)
    } else {
        None
    }
}

/// A cell's text quoted for a message, cut to a readable length (a
/// pasted 10 MB cell must not become a 10 MB message), its ID numbers
/// masked before it is cut (papers.md "What a message may hold": cut
/// first, 17 of an ID's 18 characters could stay).
pub fn shown(s: &str) -> Message {
    const MOST: usize = 40;
    let s = &*crate::domain::mask_id_cards(s);
    match s.char_indices().nth(MOST) {
        None => quoted(s),
        Some((end, _)) => msg!(
            "read-shown-cut",
            text = &s[..end],
            count = s.chars().count()
        ),
    }
}

/// A name quoted for a message (a sheet's, a column's), whole up to
/// `messages::MOST_QUOTED` characters.
pub fn quoted(s: &str) -> Message {
    msg!(
        "read-quoted",
        text = crate::messages::quoted_value(s).as_str()
    )
}

impl<'a> Row<'a> {
    /// An optional whole number >= 0.
    pub fn count(&self, key: &str) -> Result<Option<u32>, InputError> {
        self.get(key)
            .map(|s| {
                let n = plain_number(s);
                let n = n.trim();
                n.parse::<u32>().map_err(|_| {
                    let message = if n.parse::<i64>().is_ok_and(|v| v < 0) {
                        msg!("read-expected-count-negative", found = shown(s))
                    } else {
                        msg!("read-expected-count", found = shown(s))
                    };
                    self.error(key, message)
                })
            })
            .transpose()
    }

    /// An optional whole number that may be negative (years).
    pub fn integer(&self, key: &str) -> Result<Option<i64>, InputError> {
        self.get(key)
            .map(|s| {
                plain_number(s)
                    .parse::<i64>()
                    .map_err(|_| self.error(key, msg!("read-expected-integer", found = shown(s))))
            })
            .transpose()
    }

    /// An optional finite decimal number within `range`.
    pub fn number(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<f64>,
    ) -> Result<Option<f64>, InputError> {
        self.get(key)
            .map(|s| {
                let v = plain_number(s)
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite());
                match v {
                    Some(v) if range.contains(&v) => Ok(v),
                    Some(_) => Err(self.error(
                        key,
                        msg!(
                            "read-expected-number-in",
                            from = *range.start(),
                            to = *range.end(),
                            found = shown(s)
                        ),
                    )),
                    None => Err(self.error(key, msg!("read-expected-number", found = shown(s)))),
                }
            })
            .transpose()
    }

    /// An optional boolean (`parse_bool`).
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, InputError> {
        self.get(key)
            .map(|s| {
                parse_bool(s)
                    .ok_or_else(|| self.error(key, msg!("read-expected-boolean", found = shown(s))))
            })
            .transpose()
    }

    /// An optional date in any form of rosters.md "Dates" (`date::parse_date`).
    /// In a worksheet, a number that none of those forms reads (not
    /// `yyyymm`, `yyyymmdd` or `yyyy.mm`) is a date serial of the
    /// workbook's 1900 or 1904 date system (rosters.md "Sheets"); date
    /// cells arrive as `YYYY-MM-DD` (see `sheet.rs`). Errors name the
    /// column: "expected a date such as 1975-03-12 or 1975年3月, found `...`".
    pub fn date(&self, key: &str) -> Result<Option<NaiveDate>, InputError> {
        let Some(s) = self.get(key) else {
            return Ok(None);
        };
        // A month typed `2020.10` in a General cell is stored as the
        // number 2020.1, as January is: in a worksheet, either may be meant
        // (rosters.md "Dotted months typed as numbers").
        if self.date_system().is_some()
            && let Some(year) = s.strip_suffix(".1").and_then(|y| y.parse::<u32>().ok())
            && (1900..=2100).contains(&year)
        {
            return Err(self.error(
                key,
                msg!("read-dotted-month-ambiguous", found = shown(s), year = year),
            ));
        }
        let why = match date::parse_date(s) {
            Ok(day) => return Ok(Some(day)),
            Err(why) => why,
        };
        if let Some(date_1904) = self.date_system()
            && let Some(serial) = serial_number(s)
        {
            return date::from_serial(serial, date_1904)
                .map(Some)
                .ok_or_else(|| {
                    self.error(key, msg!("read-expected-date-serial", found = shown(s)))
                });
        }
        Err(self.error(key, why))
    }

    /// An optional school year (the calendar year it starts in) in any form
    /// of rosters.md "Years" (`date::parse_school_year`): `2024`, `2024年`,
    /// `2024-2025学年`, ..., or a date. Errors name the column.
    pub fn school_year(&self, key: &str) -> Result<Option<i64>, InputError> {
        self.get(key)
            .map(|s| date::parse_school_year(s).map_err(|why| self.error(key, why)))
            .transpose()
    }

    /// An optional value of an enumeration given as (spellings, value) pairs,
    /// matched case-insensitively; `expected` gives the error for a cell
    /// (shown, as `shown` quotes it) that none of them matches.
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        choices: &[(&[&str], T)],
        expected: impl Fn(Message) -> Message,
    ) -> Result<Option<T>, InputError> {
        self.get(key)
            .map(|s| {
                // The enumerations' spellings are ASCII or Chinese, which
                // has no case.
                choices
                    .iter()
                    .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
                    .map(|(_, v)| *v)
                    .ok_or_else(|| self.error(key, expected(shown(s))))
            })
            .transpose()
    }
}

/// A worksheet cell's text as a date serial: a plain decimal number >= 0,
/// as the sheet writes a numeric cell (`27465`, `27465.5`).
fn serial_number(s: &str) -> Option<f64> {
    let plain = !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && s.bytes().filter(|&b| b == b'.').count() <= 1;
    if plain { s.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits() {
        assert_eq!(ascii_digits("１２"), "12");
        assert_eq!(ascii_digits("０．５"), "0.5");
    }

    #[test]
    fn thousands_separators_group_by_threes() {
        assert_eq!(plain_number(" 1,500 "), "1500");
        assert_eq!(plain_number("1，500"), "1500");
        assert_eq!(plain_number("12,345,678.5"), "12345678.5");
        assert_eq!(plain_number("１，５００"), "1500");
        assert_eq!(
            plain_number("1,5"),
            "1,5",
            "a decimal comma is not accepted"
        );
        assert_eq!(plain_number("1500,"), "1500,");
        assert_eq!(plain_number("0.5,1"), "0.5,1");
    }

    #[test]
    fn booleans() {
        for t in ["TRUE", "Yes", "y", "1", "是", "T", "１"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "NO", "n", "0", "否", "F"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        for t in ["√", "✓", "✔", "是的"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["×", "✗", "✘"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("maybe"), None);
        assert_eq!(parse_bool("是否"), None);
    }

    #[test]
    fn serials_are_plain_numbers() {
        assert_eq!(serial_number("27465"), Some(27465.0));
        assert_eq!(serial_number("27465.5"), Some(27465.5));
        assert_eq!(serial_number("1975-03-12"), None);
        assert_eq!(serial_number("-3"), None);
        assert_eq!(serial_number("1975年3月"), None);
        assert_eq!(serial_number("1.2.3"), None);
    }
}
