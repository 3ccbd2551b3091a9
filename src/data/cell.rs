//! Typed cells: numbers (full-width digits accepted), booleans in the
//! contract's spellings, and the enumerations, each failure naming what was
//! expected.

use super::table::Row;
use crate::error::InputError;

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

/// A boolean in any of the contract's spellings, matched case-insensitively.
pub fn parse_bool(s: &str) -> Option<bool> {
    const TRUE: &[&str] = &["true", "yes", "y", "1", "是", "t"];
    const FALSE: &[&str] = &["false", "no", "n", "0", "否", "f"];
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
/// pasted 10 MB cell must not become a 10 MB message).
pub fn shown(s: &str) -> String {
    const MOST: usize = 40;
    match s.char_indices().nth(MOST) {
        None => format!("`{s}`"),
        Some((end, _)) => format!("`{}…` ({} characters)", &s[..end], s.chars().count()),
    }
}

pub const BOOL_EXPECTED: &str = "expected a boolean (true/false, yes/no, y/n, 1/0, 是/否, t/f)";

impl<'a> Row<'a> {
    /// An optional whole number >= 0.
    pub fn count(&self, key: &str) -> Result<Option<u32>, InputError> {
        self.get(key)
            .map(|s| {
                let n = ascii_digits(s);
                let n = n.trim();
                n.parse::<u32>().map_err(|_| {
                    let what = if n.parse::<i64>().is_ok_and(|v| v < 0) {
                        "a negative number"
                    } else {
                        "not a whole number"
                    };
                    self.error(
                        key,
                        format!("expected a whole number >= 0, found {} ({what})", shown(s)),
                    )
                })
            })
            .transpose()
    }

    /// An optional whole number that may be negative (years).
    pub fn integer(&self, key: &str) -> Result<Option<i64>, InputError> {
        self.get(key)
            .map(|s| {
                ascii_digits(s).trim().parse::<i64>().map_err(|_| {
                    self.error(key, format!("expected a whole number, found {}", shown(s)))
                })
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
                let v = ascii_digits(s)
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite());
                match v {
                    Some(v) if range.contains(&v) => Ok(v),
                    Some(_) => Err(self.error(
                        key,
                        format!(
                            "expected a number from {} to {}, found {}",
                            range.start(),
                            range.end(),
                            shown(s)
                        ),
                    )),
                    None => Err(self.error(key, format!("expected a number, found {}", shown(s)))),
                }
            })
            .transpose()
    }

    pub fn boolean(&self, key: &str) -> Result<Option<bool>, InputError> {
        self.get(key)
            .map(|s| {
                parse_bool(s)
                    .ok_or_else(|| self.error(key, format!("{BOOL_EXPECTED}, found {}", shown(s))))
            })
            .transpose()
    }

    /// An optional value of an enumeration given as (spellings, value) pairs,
    /// matched case-insensitively; `expected` lists the spellings for errors.
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        choices: &[(&[&str], T)],
        expected: &str,
    ) -> Result<Option<T>, InputError> {
        self.get(key)
            .map(|s| {
                // The enumerations' spellings are ASCII or Chinese, which
                // has no case.
                choices
                    .iter()
                    .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(s)))
                    .map(|(_, v)| *v)
                    .ok_or_else(|| {
                        self.error(key, format!("expected {expected}, found {}", shown(s)))
                    })
            })
            .transpose()
    }
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
    fn booleans() {
        for t in ["TRUE", "Yes", "y", "1", "是", "T", "１"] {
            assert_eq!(parse_bool(t), Some(true), "{t}");
        }
        for f in ["false", "NO", "n", "0", "否", "F"] {
            assert_eq!(parse_bool(f), Some(false), "{f}");
        }
        assert_eq!(parse_bool("maybe"), None);
    }
}
