//! The message catalogue (src/messages/): every text a person reads comes
//! from it. These tests read the source and the `.ftl` files:
//!
//! * every `msg!("key", name = ...)` in src/ names a key of the catalogue
//!   and gives exactly the variables its English text uses;
//! * every key of the catalogue is used by the source (no dead entries);
//! * the Chinese catalogue (zh-CN) has every key of the English one and no
//!   other, each with the same variables, and messages render with their
//!   arguments in both (papers.md "Language");
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

/// The English catalogue: key -> the variables its text uses.
fn catalogue() -> BTreeMap<String, BTreeSet<String>> {
    catalogue_of("en-US")
}

/// A language's catalogue (`en-US`, `zh-CN`): key -> the variables its
/// text uses.
fn catalogue_of(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("src/messages/locales").join(lang);
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

/// papers.md "Language": the zh-CN catalogue holds every key of en-US and
/// no other, each with the same variables, file by file.
#[test]
fn the_chinese_catalogue_has_every_message_with_its_variables() {
    let en = catalogue_of("en-US");
    let zh = catalogue_of("zh-CN");
    let missing: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    let extra: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(missing.is_empty(), "keys missing from zh-CN: {missing:?}");
    assert!(extra.is_empty(), "keys only in zh-CN: {extra:?}");
    let differ: Vec<String> = en
        .iter()
        .filter(|(k, vars)| zh[*k] != **vars)
        .map(|(k, vars)| format!("{k}: en {vars:?}, zh {:?}", zh[k]))
        .collect();
    assert!(differ.is_empty(), "variables differ: {differ:#?}");
    for lang in ["en-US", "zh-CN"] {
        let mut files: Vec<String> =
            std::fs::read_dir(Path::new(ROOT).join("src/messages/locales").join(lang))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
        files.sort();
        assert_eq!(files.len(), 9, "{lang}: {files:?}");
    }
}

/// A sample of messages renders with its arguments in both languages: the
/// arguments appear, nothing is left as a key, and Chinese is Chinese.
#[test]
fn messages_render_with_their_arguments_in_both_languages() {
    use rotaplan::messages::{Lang, render_in};
    use rotaplan::msg;
    let samples = [
        msg!(
            "audit-unknown-teacher",
            teacher = "T0042",
            file = "teachers.csv"
        ),
        msg!("read-cell-too-long", most = 32_767_usize),
        msg!(
            "cli-generate-written",
            folder = "d",
            districts = 3_usize,
            schools = 40_u32,
            teachers = 900_i64,
            needs = 12_u8,
            places = 77_u64
        ),
        msg!(
            "report-check-sheet-use",
            sheet = "一小",
            read = "true",
            header = 2_u64,
            rows = 12_u64,
            why = ""
        ),
        msg!(
            "report-check-sheet-use",
            sheet = "说明",
            read = "false",
            header = 0_u64,
            rows = 0_u64,
            why = "no_header"
        ),
    ];
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for m in &samples {
        let en = render_in(Lang::En, m);
        let zh = render_in(Lang::Zh, m);
        for (_, arg) in m.args.iter() {
            if let rotaplan::messages::Arg::Text(t) = arg
                && !t.is_empty()
                && !["true", "false", "no_header"].contains(&t.as_str())
            {
                assert!(
                    en.contains(t.as_str()) && zh.contains(t.as_str()),
                    "{en} / {zh}: {t}"
                );
            }
            if let rotaplan::messages::Arg::Count(n) = arg
                && *n > 0
            {
                assert!(
                    en.contains(&n.to_string()) && zh.contains(&n.to_string()),
                    "{en} / {zh}: {n}"
                );
            }
        }
        assert!(
            !en.starts_with(m.key) && !zh.starts_with(m.key),
            "{en} / {zh}"
        );
        assert!(han(&zh), "not Chinese: {zh}");
        assert_ne!(en, zh);
    }
}
