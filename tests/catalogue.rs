//! The message catalogue (src/messages/): every text a person reads comes
//! from it. These tests read the source and the `.ftl` files:
//!
//! * every `msg!("key", name = ...)` in src/ names a key of the catalogue
//!   and gives exactly the variables its English text uses;
//! * every key of the catalogue is used by the source (no dead entries);
//! * no sentence bypasses the catalogue: a string literal in src/ (outside
//!   src/messages/, tests, comments, attributes and panics) that reads as
//!   English prose fails the test, naming its file and line.
//!
//! Machine words are not prose: a CSV header or JSON key (`to_school`), a
//! contract code (`too_few_years`), HTML or SVG markup (tags are removed
//! before the check), a format's placeholders. A literal that is prose but
//! not read by a person (CSS, a file's own words) carries
//! `// catalogue: not a message (why)` on its line or the line above.

mod common;

use common::rust_files;
use fluent_syntax::ast;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The catalogue: key -> the variables its text uses.
fn catalogue() -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("src/messages/locales/en-US");
    let mut keys = BTreeMap::new();
    let var = Regex::new(r"\$([A-Za-z][A-Za-z0-9_-]*)").unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the catalogue folder")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .ftl file in {}", dir.display());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let id = m.id.name.to_string();
                // The variables, read off the entry's source text: from
                // its line to the next line that starts an entry or a
                // comment (continuation lines are indented).
                let start = text.find(&format!("\n{id} =")).map_or(0, |i| i + 1);
                let rest = &text[start..];
                let end = rest
                    .match_indices('\n')
                    .map(|(i, _)| i)
                    .find(|&i| {
                        rest[i + 1..]
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_alphabetic() || c == '#')
                    })
                    .unwrap_or(rest.len());
                let body = &rest[..end];
                let vars = var.captures_iter(body).map(|c| c[1].to_string()).collect();
                assert!(
                    keys.insert(id.clone(), vars).is_none(),
                    "key `{id}` is in the catalogue twice"
                );
            }
        }
    }
    keys
}

/// The text of `s` from the `(` at `open` to its matching `)`, skipping
/// string literals.
fn parenthesised(s: &str, open: usize) -> &str {
    let b = s.as_bytes();
    let (mut depth, mut j) = (0, open);
    while j < b.len() {
        match b[j] {
            b'"' => {
                j += 1;
                while j < b.len() && b[j] != b'"' {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return &s[open..=j];
                }
            }
            _ => {}
        }
        j += 1;
    }
    &s[open..]
}

/// Each `msg!` call in src/: (file, line, key, argument names).
fn uses() -> Vec<(String, usize, String, BTreeSet<String>)> {
    let call = Regex::new(r#"msg!\(\s*"([a-z0-9-]+)""#).unwrap();
    let name = Regex::new(r"(?:^|[,(]\s*)([a-z_][a-z0-9_]*)\s*=[^=>]").unwrap();
    let mut out = Vec::new();
    for path in rust_files(&Path::new(ROOT).join("src")) {
        let text = std::fs::read_to_string(&path).unwrap();
        for c in call.captures_iter(&text) {
            let at = c.get(0).unwrap().start();
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].contains("//") {
                continue; // an example in a comment
            }
            let open = at + "msg!".len();
            let inner = parenthesised(&text, open);
            // Names at the call's own level: drop nested parentheses.
            let mut flat = String::new();
            let mut depth = 0;
            for ch in inner[1..inner.len().saturating_sub(1)].chars() {
                match ch {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    _ if depth == 0 => flat.push(ch),
                    _ => {}
                }
            }
            let names = name
                .captures_iter(&flat)
                .map(|n| n[1].to_string())
                .collect();
            let line = text[..at].matches('\n').count() + 1;
            let file = path.strip_prefix(ROOT).unwrap().display().to_string();
            out.push((file, line, c[1].to_string(), names));
        }
    }
    out
}

#[test]
fn every_message_is_in_the_catalogue_with_its_variables() {
    let keys = catalogue();
    let mut wrong = Vec::new();
    for (file, line, key, names) in uses() {
        match keys.get(&key) {
            None => wrong.push(format!(
                "{file}:{line}: key `{key}` is not in the catalogue"
            )),
            Some(vars) if *vars != names => wrong.push(format!(
                "{file}:{line}: `{key}` is given {names:?}; the catalogue uses {vars:?}"
            )),
            Some(_) => {}
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn every_catalogue_entry_is_used() {
    let mut source = String::new();
    for path in rust_files(&Path::new(ROOT).join("src")) {
        source += &std::fs::read_to_string(&path).unwrap();
    }
    let dead: Vec<String> = catalogue()
        .into_keys()
        .filter(|k| !source.contains(&format!("\"{k}\"")))
        .collect();
    assert!(dead.is_empty(), "catalogue keys no code uses: {dead:?}");
}

/// The string literals of a line of Rust (not raw strings' contents
/// across lines; a literal continued with `\` is read up to the line end).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < b.len() {
        // A comment ends the code on this line.
        if b[i] == '/' && b.get(i + 1) == Some(&'/') {
            break;
        }
        // A char literal such as '"' is not a string.
        if b[i] == '\'' && b.get(i + 2) == Some(&'\'') {
            i += 3;
            continue;
        }
        if b[i] == '\'' && b.get(i + 1) == Some(&'\\') && b.get(i + 3) == Some(&'\'') {
            i += 4;
            continue;
        }
        if b[i] == '"' {
            let mut s = String::new();
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                if i < b.len() {
                    s.push(b[i]);
                }
                i += 1;
            }
            out.push(s);
        }
        i += 1;
    }
    out
}

#[test]
fn no_sentence_bypasses_the_catalogue() {
    let prose = Regex::new(r"[A-Za-z]{2,}[ ]+[A-Za-z]{2,}").unwrap();
    let tag = Regex::new(r"<[^<>]*>").unwrap();
    let placeholder = Regex::new(r"\{[^{}]*\}").unwrap();
    let messages = Path::new(ROOT).join("src/messages");
    let mut found = Vec::new();
    for path in rust_files(&Path::new(ROOT).join("src")) {
        if path.starts_with(&messages) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let file = path.strip_prefix(ROOT).unwrap().display().to_string();
        let mut previous = "";
        let mut in_attribute = false;
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("#[cfg(test)]") {
                break; // the unit tests run to the end of the file
            }
            let waived = line.contains("catalogue: not a message")
                || previous.contains("catalogue: not a message");
            previous = line;
            if code.starts_with("#[") {
                in_attribute = !code.ends_with(']') && !code.ends_with(")]");
                continue;
            }
            if in_attribute {
                in_attribute = !(code.ends_with(")]") || code == "]");
                continue;
            }
            if waived
                || code.starts_with("//")
                || [
                    "expect(",
                    "panic!(",
                    "unreachable!(",
                    "assert",
                    "debug_assert",
                ]
                .iter()
                .any(|p| code.contains(p))
            {
                continue;
            }
            for lit in literals(line) {
                let untagged = tag.replace_all(&lit, " ");
                let bare = placeholder.replace_all(&untagged, " ");
                if prose.is_match(&bare) {
                    found.push(format!("{file}:{}: \"{lit}\"", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} literals read as sentences outside the catalogue (src/messages/locales/); \
         move them there and show them with msg!:\n{}",
        found.len(),
        found.join("\n")
    );
}
