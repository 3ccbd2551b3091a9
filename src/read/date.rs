//! Dates and school years as rosters are written (rosters.md "Dates" and
//! "Years"): `1975-03-12`, `1975/3/12`, `19750312`, `1975年3月`, ..., full-
//! width digits too, and school years `2024`, `2024-2025学年`, or a date.
//!
//! The parsers take a cell's text and return the value or the message for
//! an `InputError` (the caller names file, line and column: see
//! `Row::date` and `Row::school_year` in `cell.rs`). What a date or a
//! school year should look like is said once, in the catalogue (the terms
//! `-read-date-form` and `-read-school-year-form` of read.ftl).

use super::cell::shown;
use crate::messages::Message;
use crate::msg;
use chrono::{Datelike, NaiveDate};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// A calendar day in any of rosters.md's forms:
/// `1975-03-12`, `1975/3/12`, `1975.03.12`, `19750312` (a day);
/// `1975-03`, `1975/03`, `1975.03`, `1975.3`, `197503` (a month, which
/// means its first day); `1975年3月`, `1975年3月12日`. Full-width digits and
/// punctuation read as ASCII (NFKC), surrounding white space is ignored,
/// and a time after the day (`1975-03-12 00:00:00`, `1975-03-12T08:00`,
/// as spreadsheets export it) is dropped.
///
/// Errors: text of no such form, or an impossible date (`2019-13`,
/// `2019-02-30`): "expected a date such as 1975-03-12 or 1975年3月, found
/// `...`".
pub fn parse_date(text: &str) -> Result<NaiveDate, Message> {
    let s = normalize(text);
    ymd(strip_time(s.trim()))
        .and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
        .ok_or_else(|| msg!("read-expected-date", found = shown(text)))
}

/// The school year (the calendar year it starts in, in August) written in
/// any of rosters.md's forms: `2024`, `2024年`, `2024学年`, `2024年度`, `2024-2025`,
/// `2024-2025学年` (the second year must follow the first), or a date in a
/// form `parse_date` reads, which gives the school year it falls in: its
/// year when the month is August or later, else the year before.
///
/// Errors: any other text, or two years that do not follow each other:
/// "expected a school year: a whole number such as 2024, ..., found `...`".
pub fn parse_school_year(text: &str) -> Result<i64, Message> {
    let s = normalize(text);
    let s = s.trim();
    let bare = s
        .strip_suffix("学年")
        .or_else(|| s.strip_suffix("年度"))
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(s)
        .trim();
    let found = || msg!("read-expected-school-year", found = shown(text));
    if let Some(year) = year4(bare) {
        return Ok(i64::from(year));
    }
    if let Some((first, second)) = bare.split_once(['-', '~', '–', '—', '至'])
        && let (Some(a), Some(b)) = (year4(first.trim()), year4(second.trim()))
    {
        if b != a + 1 {
            return Err(msg!(
                "read-expected-school-year-follow",
                found = shown(text),
                second = b,
                first = a
            ));
        }
        return Ok(i64::from(a));
    }
    // A date: a school year starts in August.
    let date = parse_date(text).map_err(|_| found())?;
    let year = i64::from(date.year());
    Ok(if date.month() >= 8 { year } else { year - 1 })
}

/// NFKC (full-width digits, `／`, `．`, `－`, the ideographic space as
/// ASCII) when the text is not ASCII already.
fn normalize(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// The text before a time of day: `1975-03-12 08:00:00` -> `1975-03-12`.
fn strip_time(s: &str) -> &str {
    match s.split_once([' ', 'T']) {
        Some((day, time))
            if !time.trim().is_empty()
                && time
                    .trim()
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.')) =>
        {
            day.trim_end()
        }
        _ => s,
    }
}

/// (year, month, day) of a date's text, day 1 when only the month is
/// given; `None` when the text has none of the forms.
fn ymd(s: &str) -> Option<(i32, u32, u32)> {
    // 1975年3月 and 1975年3月12日 (12 without 日 too).
    if let Some((y, rest)) = s.split_once('年') {
        let (m, rest) = rest.split_once('月')?;
        let d = rest.trim().strip_suffix('日').unwrap_or(rest.trim());
        let day = if d.is_empty() { 1 } else { small(d.trim())? };
        return Some((year4(y.trim())?, small(m.trim())?, day));
    }
    // 19750312 and 197503.
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let year = year4(s.get(..4)?)?;
        return match s.len() {
            8 => Some((year, s[4..6].parse().ok()?, s[6..].parse().ok()?)),
            6 => Some((year, s[4..].parse().ok()?, 1)),
            _ => None,
        };
    }
    // 1975-03-12, 1975/3/12, 1975.03.12, 1975-03, 1975.3: one separator
    // throughout.
    let separator = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = s.split(separator);
    let year = year4(parts.next()?)?;
    let month = small(parts.next()?)?;
    let day = match parts.next() {
        Some(d) => small(d)?,
        None => 1,
    };
    parts.next().is_none().then_some((year, month, day))
}

/// Four ASCII digits.
fn year4(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// One or two ASCII digits (a month or a day).
fn small(s: &str) -> Option<u32> {
    (matches!(s.len(), 1 | 2) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The day that a workbook's date serial stands for, in the 1900 date
/// system (serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 as serial
/// 60) or the 1904 one (serial 0 = 1904-01-01). A fraction (the time of
/// day) is dropped. `None` for a serial outside Excel's dates (before the
/// epoch, after 9999-12-31) and for the phantom day.
pub fn from_serial(serial: f64, date_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || serial >= 2_958_466.0 {
        return None;
    }
    let days = serial.floor() as i64;
    let (epoch, days) = if date_1904 {
        (NaiveDate::from_ymd_opt(1904, 1, 1)?, days)
    } else {
        // Excel counts 1900-02-29, which never was: serials from 61 on
        // are one day ahead of a plain count from 1899-12-31.
        match days {
            ..=0 | 60 => return None,
            1..=59 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, days),
            _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, days),
        }
    };
    if days < 0 {
        return None;
    }
    epoch.checked_add_days(chrono::Days::new(days as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a school-year cell should look like, as the catalogue says.
    const YEAR_EXPECTED: &str = "expected a school year: a whole number such as 2024, or 2024年, \
         2024-2025, 2024学年, or a date";

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_form_of_a_day() {
        for s in [
            "1975-03-12",
            "1975/3/12",
            "1975.03.12",
            "19750312",
            "1975年3月12日",
            "1975年03月12日",
            "1975年3月12",
            " 1975-3-12 ",
            "１９７５－０３－１２",
            "１９７５年３月１２日",
            "1975／3／12",
            "1975-03-12 00:00:00",
            "1975-03-12T08:30:00",
        ] {
            assert_eq!(parse_date(s), Ok(day(1975, 3, 12)), "{s}");
        }
    }

    #[test]
    fn a_month_means_its_first_day() {
        for s in [
            "1975-03",
            "1975/03",
            "1975.03",
            "1975.3",
            "197503",
            "1975年3月",
            "1975年03月",
            "１９７５年３月",
            "１９７５０３",
        ] {
            assert_eq!(parse_date(s), Ok(day(1975, 3, 1)), "{s}");
        }
        assert_eq!(parse_date("1975.10"), Ok(day(1975, 10, 1)));
    }

    #[test]
    fn impossible_and_malformed_dates() {
        for s in [
            "2019-13",
            "2019-02-30",
            "20190230",
            "201913",
            "2019年13月",
            "2019年2月30日",
            "2019-00",
            "2019-1-0",
            "1975",
            "75-03-12",
            "1975-03/12",
            "1975-03-12-01",
            "1975年",
            "March 1975",
            "",
            "1975-03-12 noon",
            "1975031",
        ] {
            let e = parse_date(s).unwrap_err().to_string();
            assert!(
                e.starts_with("expected a date such as 1975-03-12 or 1975年3月, found `"),
                "{s}: {e}"
            );
        }
        assert_eq!(parse_date("2020-02-29"), Ok(day(2020, 2, 29)));
    }

    #[test]
    fn school_years() {
        for s in [
            "2024",
            "2024年",
            "2024学年",
            "2024-2025",
            "2024-2025学年",
            "2024—2025学年",
            "２０２４",
            "２０２４－２０２５学年",
            " 2024 ",
            "2024-08-01",
            "2025-07-31",
            "2025年3月",
            "202409",
        ] {
            assert_eq!(parse_school_year(s), Ok(2024), "{s}");
        }
        assert_eq!(parse_school_year("2024-07-31"), Ok(2023));
    }

    #[test]
    fn bad_school_years() {
        for s in [
            "二〇二四",
            "2024-2026",
            "24",
            "2024-13-01",
            "abc",
            "2024年度x",
        ] {
            let e = parse_school_year(s).unwrap_err().to_string();
            assert!(e.starts_with(YEAR_EXPECTED), "{s}: {e}");
        }
        assert!(
            parse_school_year("2024-2026")
                .unwrap_err()
                .to_string()
                .contains("2026 does not follow 2024")
        );
    }

    #[test]
    fn serials_of_both_date_systems() {
        assert_eq!(from_serial(27465.0, false), Some(day(1975, 3, 12)));
        assert_eq!(from_serial(27465.75, false), Some(day(1975, 3, 12)));
        assert_eq!(from_serial(1.0, false), Some(day(1900, 1, 1)));
        assert_eq!(from_serial(59.0, false), Some(day(1900, 2, 28)));
        assert_eq!(from_serial(60.0, false), None);
        assert_eq!(from_serial(61.0, false), Some(day(1900, 3, 1)));
        assert_eq!(from_serial(25_933.0, true), Some(day(1975, 1, 1)));
        assert_eq!(from_serial(0.0, true), Some(day(1904, 1, 1)));
        assert_eq!(from_serial(0.0, false), None);
        assert_eq!(from_serial(-3.0, true), None);
        assert_eq!(from_serial(3e6, false), None);
    }
}
