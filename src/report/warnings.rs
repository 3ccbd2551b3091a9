//! The warnings every command that reads a data set reports (fit.md "A
//! rule never switches off in silence"): in table format their number and
//! the first five, for stderr; in JSON all of them, as the command's
//! `warnings` key.

use crate::domain::Warning;
use crate::msg;

/// How many warnings the table format shows.
pub const SHOWN: usize = 5;

/// Their number and the first five, one line each (empty without any):
///
/// ```text
/// 7 warnings (the first 5; all of them with --format json):
///   - ...
/// ```
pub fn lines(warnings: &[Warning]) -> String {
    if warnings.is_empty() {
        return String::new();
    }
    let head = if warnings.len() > SHOWN {
        msg!(
            "report-warnings-first",
            count = warnings.len(),
            shown = SHOWN
        )
    } else {
        msg!("report-warnings-all", count = warnings.len())
    };
    let mut out = format!("{head}\n");
    for w in warnings.iter().take(SHOWN) {
        out.push_str(&format!("  - {}\n", w.message));
    }
    out
}

/// `json` (one pretty-printed JSON object, as the reports write it) with
/// the key `warnings` added last: the list of every warning as objects
/// (`Warning`'s serialisation). Text that is not an object is returned
/// as it is.
pub fn add_to_json(json: &str, warnings: &[Warning]) -> String {
    super::json_with(json, "warnings", &warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_go_last_in_the_object() {
        let w = vec![
            Warning::new("missing_values", msg!("report-check-no-warnings"))
                .file("teachers.csv")
                .line(3),
        ];
        let json = add_to_json("{\n  \"a\": 1\n}", &w);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["a"], 1);
        assert_eq!(v["warnings"][0]["code"], "missing_values");
        assert_eq!(v["warnings"][0]["file"], "teachers.csv");
        assert_eq!(v["warnings"][0]["line"], 3);
        assert!(v["warnings"][0].get("column").is_none());
        let empty = add_to_json("{}", &[]);
        let v: serde_json::Value = serde_json::from_str(&empty).unwrap();
        assert_eq!(v["warnings"], serde_json::json!([]));
    }
}
