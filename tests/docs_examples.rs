//! The README and the pages of `docs/` are kept true by running them: every
//! command they quote runs here, as written, with the built binary.
//!
//! What counts as a command:
//!
//! * every line of a ```` ```sh ```` block (a line ending in `\` goes on on
//!   the next; `#` starts a comment; blank and comment-only lines are
//!   skipped);
//! * in any other fenced block (a transcript), a line starting `$ rotaplan`.
//!
//! A command is one or more `rotaplan ...` calls joined by `&&`; the
//! leading `rotaplan` (or `target/release/rotaplan`) is replaced by the
//! binary cargo built. Lines starting `cargo ` or `scripts/install-deps`
//! are not run: they set up or build the project, which the test suite
//! already stands on. Any other program, and any shell syntax beyond
//! quoting, `&&` and `\` (pipes, redirections, `;`, variables, globs), is
//! a failure, so that a reader can paste every line as it is.
//!
//! Each block runs in a fresh temporary folder holding copies of the
//! repository's `data/`, `tests/cases/`, `tests/county_rules/` and
//! `examples/` (copies, so that no command can write into the repository),
//! its commands in order: a block that audits a plan makes it first, as a
//! reader pasting that block would. A command must exit 0, or the status a
//! trailing `# exit N` comment gives (a chain: every call but the last
//! exits 0, the last N). After a call that exits 0, each file or folder it
//! names with `--out` or `--out-dir` must exist. Nothing else is compared:
//! the output shown beside a command is for the reader, and `plan_year`
//! defaults from the clock (the year of its next 1 September), so a command whose output depends on the
//! year pins it (`--plan-year 2026`) in the text, and this test asserts
//! only what holds in any year.
//!
//! Two more ways a page can go stale are checked: every relative link names
//! a file that exists and, with `#anchor`, a heading of that file (GitHub's
//! anchors); and a block whose fence names a file after its language
//! (```` ```toml examples/policy.toml ````; renderers show only the
//! language) must hold that file's text exactly.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Every page whose commands are run. A new page in `docs/` fails
/// [`every_page_is_listed`] until it is added here.
const PAGES: [&str; 6] = [
    "README.md",
    "docs/guide.md",
    "docs/policy.md",
    "docs/formats.md",
    "docs/performance.md",
    "docs/layout.md",
];

/// Folders of the repository a command may read, copied into each
/// block's folder at the same relative path.
const FIXTURES: [&str; 4] = ["data", "tests/cases", "tests/county_rules", "examples"];

/// The beginnings of lines that are shown but not run (see the module
/// comment): building and installing are the test suite's own premise.
const NOT_RUN: [&str; 2] = ["cargo ", "scripts/install-deps"];

/// The words a command may start with, each meaning the built binary.
const BINARY: [&str; 2] = ["rotaplan", "target/release/rotaplan"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One command as the page quotes it.
#[derive(Debug, Clone, PartialEq)]
struct Quoted {
    /// `page:line` of its first line.
    place: String,
    /// The command as written, continuations joined, without the comment.
    text: String,
    /// The exit status the page gives it (`# exit N`), else 0.
    status: i32,
}

/// A fenced block's commands, run together in one folder.
#[derive(Debug)]
struct Block {
    place: String,
    commands: Vec<Quoted>,
}

/// The blocks of a page that hold commands to run.
fn blocks(page: &str, text: &str) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    // The open fence: its info string and the block's commands so far.
    let mut fence: Option<(String, Block)> = None;
    let mut pending: Option<(usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if let Some(info) = line.strip_prefix("```") {
            match fence.take() {
                None => {
                    let block = Block {
                        place: format!("{page}:{line_no}"),
                        commands: Vec::new(),
                    };
                    fence = Some((info.trim().to_string(), block));
                }
                Some((_, block)) => {
                    if let Some((start, _)) = pending.take() {
                        return Err(format!(
                            "{page}:{start}: the block ends inside a `\\` continuation"
                        ));
                    }
                    if !block.commands.is_empty() {
                        blocks.push(block);
                    }
                }
            }
            continue;
        }
        let Some((info, block)) = fence.as_mut() else {
            continue;
        };
        let shell = matches!(info.as_str(), "sh" | "bash" | "shell");
        let command = match pending.take() {
            Some((start, before)) => Some((start, format!("{before} {line}"))),
            None if shell => Some((line_no, line.to_string())),
            None => line
                .strip_prefix("$ ")
                .filter(|c| c.starts_with("rotaplan "))
                .map(|c| (line_no, c.to_string())),
        };
        let Some((start, command)) = command else {
            continue;
        };
        if let Some(before) = command.strip_suffix('\\') {
            pending = Some((start, before.trim_end().to_string()));
            continue;
        }
        let place = format!("{page}:{start}");
        let (text, comment) = split_comment(&command);
        let text = text.trim().to_string();
        if text.is_empty() || NOT_RUN.iter().any(|p| text.starts_with(p)) {
            continue;
        }
        let status = match comment.and_then(exit_annotation) {
            Some(Ok(n)) => n,
            Some(Err(e)) => return Err(format!("{place}: {e}")),
            None => 0,
        };
        block.commands.push(Quoted {
            place,
            text,
            status,
        });
    }
    if let Some((_, block)) = fence {
        return Err(format!("{}: the block is never closed", block.place));
    }
    Ok(blocks)
}

/// The command and its comment (the text after a `#` that starts a word,
/// outside quotes).
fn split_comment(line: &str) -> (&str, Option<&str>) {
    let mut quote = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return (&line[..i], Some(&line[i + 1..])),
            _ => {}
        }
        prev = c;
    }
    (line, None)
}

/// `exit N` at the start of a comment (`# exit 3`, `# exit 3: why`), or
/// `None` for any other comment.
fn exit_annotation(comment: &str) -> Option<Result<i32, String>> {
    let rest = comment.trim().strip_prefix("exit")?;
    if !rest.starts_with(' ') {
        return None;
    }
    let digits: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some(
        digits
            .parse()
            .map_err(|_| format!("`# exit` needs a status: `#{comment}`")),
    )
}

/// The calls of a command (split at `&&`), each as its words.
fn calls(text: &str) -> Result<Vec<Vec<String>>, String> {
    let mut calls = Vec::new();
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("an unclosed ' quote".into()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') if matches!(chars.peek(), Some('"' | '\\')) => {
                            w.extend(chars.next())
                        }
                        Some(c @ ('$' | '`')) => {
                            return Err(format!("`{c}` inside double quotes"));
                        }
                        Some(c) => w.push(c),
                        None => return Err("an unclosed \" quote".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("a `\\` at the end".into()),
            },
            '&' if chars.peek() == Some(&'&') => {
                chars.next();
                words.extend(word.take());
                if words.is_empty() {
                    return Err("`&&` with nothing before it".into());
                }
                calls.push(std::mem::take(&mut words));
            }
            '|' | ';' | '<' | '>' | '&' | '$' | '`' | '*' | '?' | '(' | ')' | '{' | '}' => {
                return Err(format!(
                    "`{c}`: only quoting, `&&` and `\\` are understood here (write the \
                     command without shell syntax, or show it outside a ```sh block)"
                ));
            }
            c if c.is_whitespace() => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    if words.is_empty() {
        return Err("nothing after `&&`".into());
    }
    calls.push(words);
    Ok(calls)
}

/// The files and folders a call names with `--out` or `--out-dir`.
fn outputs(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        for flag in ["--out", "--out-dir"] {
            if a == flag {
                out.extend(args.get(i + 1).map(String::as_str));
            } else if let Some(v) = a.strip_prefix(flag).and_then(|v| v.strip_prefix('=')) {
                out.push(v);
            }
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target)
                .unwrap_or_else(|e| panic!("copy {}: {e}", entry.path().display()));
        }
    }
}

/// A fresh folder in which the fixtures sit at their repository paths.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for fixture in FIXTURES {
        copy_dir(&root().join(fixture), &dir.path().join(fixture));
    }
    dir
}

/// Runs one command in `cwd`; what went wrong, if anything.
fn run(cwd: &Path, quoted: &Quoted) -> Result<(), String> {
    let calls = calls(&quoted.text)?;
    let last = calls.len() - 1;
    for (i, words) in calls.iter().enumerate() {
        if !BINARY.contains(&words[0].as_str()) {
            return Err(format!(
                "`{}` is not rotaplan: a ```sh block holds only rotaplan commands (and \
                 cargo or scripts/install-deps lines, which are not run)",
                words[0]
            ));
        }
        let out = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
            .args(&words[1..])
            .current_dir(cwd)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot start rotaplan: {e}"))?;
        let expected = if i == last { quoted.status } else { 0 };
        if out.status.code() != Some(expected) {
            return Err(format!(
                "`{}` exited {:?}, the page says {expected}\n--- stdout\n{}--- stderr\n{}",
                words.join(" "),
                out.status.code(),
                tail(&out.stdout),
                tail(&out.stderr),
            ));
        }
        if expected == 0 {
            for path in outputs(words) {
                if !cwd.join(path).exists() {
                    return Err(format!(
                        "`{}` exited 0 but did not write {path}",
                        words.join(" ")
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The last lines of an output, enough to see why a command failed.
fn tail(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(20);
    lines[from..].iter().map(|l| format!("{l}\n")).collect()
}

/// Runs every block of a page; returns how many commands ran.
fn run_page(page: &str) -> usize {
    let text =
        std::fs::read_to_string(root().join(page)).unwrap_or_else(|e| panic!("read {page}: {e}"));
    let blocks = blocks(page, &text).unwrap_or_else(|e| panic!("{e}"));
    let mut failures = Vec::new();
    let mut ran = 0;
    for block in &blocks {
        let dir = workspace();
        for quoted in &block.commands {
            ran += 1;
            if let Err(e) = run(dir.path(), quoted) {
                failures.push(format!(
                    "{} (block at {}): {}\n  {e}",
                    quoted.place, block.place, quoted.text
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} command(s) of {page} do not run as written:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    eprintln!("{page}: {ran} command(s) in {} block(s) ran", blocks.len());
    ran
}

#[test]
fn readme_commands_run() {
    let ran = run_page("README.md");
    // One worked example per command, at least.
    let text = std::fs::read_to_string(root().join("README.md")).expect("README");
    let quoted: Vec<Quoted> = blocks("README.md", &text)
        .expect("README blocks")
        .into_iter()
        .flat_map(|b| b.commands)
        .collect();
    for command in [
        "check",
        "plan",
        "audit",
        "compare",
        "indicators",
        "report",
        "generate",
    ] {
        assert!(
            quoted
                .iter()
                .flat_map(|q| calls(&q.text).expect("parsed when run"))
                .any(|words| words.get(1).map(String::as_str) == Some(command)),
            "README.md runs no `rotaplan {command}` example"
        );
    }
    assert!(ran >= 7);
}

#[test]
fn guide_commands_run() {
    run_page("docs/guide.md");
}

#[test]
fn policy_commands_run() {
    run_page("docs/policy.md");
}

#[test]
fn formats_commands_run() {
    run_page("docs/formats.md");
}

#[test]
fn performance_commands_run() {
    run_page("docs/performance.md");
}

#[test]
fn layout_commands_run() {
    run_page("docs/layout.md");
}

/// A new page is run (and link-checked) only once it is in [`PAGES`].
#[test]
fn every_page_is_listed() {
    let mut found = BTreeSet::from(["README.md".to_string()]);
    for entry in std::fs::read_dir(root().join("docs")).expect("docs/") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".md") {
            found.insert(format!("docs/{name}"));
        }
    }
    let listed: BTreeSet<String> = PAGES.iter().map(|p| p.to_string()).collect();
    assert_eq!(found, listed, "tests/docs_examples.rs PAGES");
}

// ---------------------------------------------------------------- links

/// GitHub's anchor of a heading: lower case, punctuation dropped (but `-`
/// and `_`), spaces as `-`; letters of any script kept.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The anchors of a page's headings (a repeated one gets `-1`, `-2`, ...).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if fenced || hashes == 0 || hashes > 6 || !line[hashes..].starts_with(' ') {
            continue;
        }
        let base = anchor(line[hashes..].trim());
        let mut a = base.clone();
        let mut n = 0;
        while seen.contains(&a) {
            n += 1;
            a = format!("{base}-{n}");
        }
        seen.insert(a);
    }
    seen
}

/// The targets of the inline links `[text](target)` of a page, outside
/// code blocks and code spans, with their line numbers.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fenced = false;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans dropped: `a](b)` in one is not a link.
        let plain: String = line
            .split('`')
            .enumerate()
            .filter(|(k, _)| k % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = plain.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            out.push((i + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    out
}

/// A link's text may span two lines; its target is on one line, which is
/// all [`links`] reads.
#[test]
fn links_between_pages_resolve() {
    let mut broken = Vec::new();
    for page in PAGES {
        let path = root().join(page);
        let text = std::fs::read_to_string(&path).expect("page");
        for (line, target) in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            let (file, fragment) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let file = if file.is_empty() {
                path.clone()
            } else {
                path.parent().expect("page folder").join(file)
            };
            if !file.exists() {
                broken.push(format!("{page}:{line}: ({target}): no such file"));
                continue;
            }
            if let Some(fragment) = fragment {
                let target_text = std::fs::read_to_string(&file).unwrap_or_default();
                if !anchors(&target_text).contains(fragment) {
                    broken.push(format!("{page}:{line}: ({target}): no such heading"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The blocks whose fence names a file (```` ```toml path ````): the page,
/// the block's line, the path and the block's text.
fn quoted_files(page: &str, text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Option<String>, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (open.take(), fence) {
            (None, Some(info)) => {
                let path = info.split_whitespace().nth(1).map(str::to_string);
                open = Some((i + 1, path, String::new()));
            }
            (None, None) => {}
            (Some((start, Some(path), body)), Some(_)) => {
                out.push((format!("{page}:{start}"), path, body));
            }
            (Some((_, None, _)), Some(_)) => {}
            (Some((start, path, mut body)), None) => {
                body.push_str(line);
                body.push('\n');
                open = Some((start, path, body));
            }
        }
    }
    out
}

#[test]
fn quoted_files_are_quoted_exactly() {
    let mut stale = Vec::new();
    let mut quoted = 0;
    for page in PAGES {
        let text = std::fs::read_to_string(root().join(page)).expect("page");
        for (place, path, body) in quoted_files(page, &text) {
            quoted += 1;
            match std::fs::read_to_string(root().join(&path)) {
                Ok(file) if file == body => {}
                Ok(_) => stale.push(format!("{place}: the block differs from {path}")),
                Err(e) => stale.push(format!("{place}: {path}: {e}")),
            }
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
    assert!(quoted > 0, "no block names its file");
}

// ------------------------------------------------ the reader's own rules

#[test]
fn commands_are_read_as_a_shell_reads_them() {
    let page = "```sh\n\
                # a comment\n\
                rotaplan plan data/sample-county --out plan.csv\n\
                rotaplan compare data/sample-county examples/twelve.toml \\\n    \
                --sweep 'max_subject_share=0.3,0.5'   # exit 0: a comment\n\
                scripts/install-deps && cargo run --release -- plan data/sample-county\n\
                cargo test --release\n\
                rotaplan plan data/sample-county --ratio 0.2 # exit 3\n\
                ```\n\
                text\n\
                ```text\n\
                $ rotaplan check data/sample-county\n\
                rotaplan check: plan year 2026\n\
                ```\n\
                ```toml\n\
                name = \"x\"\n\
                ```\n";
    let read = blocks("p.md", page).unwrap();
    assert_eq!(read.len(), 2);
    let texts: Vec<(&str, i32, &str)> = read
        .iter()
        .flat_map(|b| &b.commands)
        .map(|q| (q.text.as_str(), q.status, q.place.as_str()))
        .collect();
    assert_eq!(
        texts,
        [
            (
                "rotaplan plan data/sample-county --out plan.csv",
                0,
                "p.md:3"
            ),
            (
                "rotaplan compare data/sample-county examples/twelve.toml --sweep 'max_subject_share=0.3,0.5'",
                0,
                "p.md:4"
            ),
            ("rotaplan plan data/sample-county --ratio 0.2", 3, "p.md:8"),
            ("rotaplan check data/sample-county", 0, "p.md:12"),
        ]
    );
    assert_eq!(
        calls("rotaplan plan d --out \"a b.csv\" && rotaplan audit d --plan 'a b.csv'").unwrap(),
        [
            vec!["rotaplan", "plan", "d", "--out", "a b.csv"],
            vec!["rotaplan", "audit", "d", "--plan", "a b.csv"],
        ]
    );
    assert_eq!(
        outputs(&calls("rotaplan compare d --out-dir=plans --out x").unwrap()[0]),
        ["plans", "x"]
    );
    for bad in [
        "rotaplan plan d > out.txt",
        "rotaplan plan d | head",
        "rotaplan plan d; rotaplan audit d",
        "rotaplan plan $DIR",
        "rotaplan plan d &&",
    ] {
        assert!(calls(bad).is_err(), "{bad}");
    }
    assert!(blocks("p.md", "```sh\nrotaplan plan d \\\n```\n").is_err());
    assert!(blocks("p.md", "```sh\nrotaplan plan d # exit x\n```\n").is_err());
    assert_eq!(
        anchor("The planner's choice: senders and balance"),
        "the-planners-choice-senders-and-balance"
    );
    assert_eq!(
        anchor("Quality-balance indicators (优质均衡)"),
        "quality-balance-indicators-优质均衡"
    );
    assert_eq!(anchor("What `check` shows"), "what-check-shows");
}
