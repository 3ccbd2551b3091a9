//! The message catalogue: every text a person reads, in one place, so that
//! it can be reviewed and translated (the papers issue adds the Chinese
//! side). A message is a key and its named arguments (`Message`), built
//! where a thing happens with `msg!` and rendered into words only at the
//! end, by `render`, from Project Fluent files (`locales/<lang>/*.ftl`,
//! one file per part of the program, as uutils/coreutils keep theirs).
//!
//! Why Fluent (`fluent-bundle`) rather than `rust-i18n`: a Fluent message
//! is a small program of its own (plurals, selectors, terms such as
//! 差异系数 shared by many messages), which Chinese and English need in
//! different shapes; the translator changes the `.ftl` file, never the
//! code. Arguments are passed as text already formatted by rotaplan (a
//! ratio as `12.5%`, a CV to three decimals), so Fluent's own number
//! formatting never changes a figure, and bidi isolation marks are off
//! (the texts are not mixed right-to-left).
//!
//! Positions (file, line, column, sheet, cell) stay typed values in
//! `crate::error::InputError` until they are shown; they are rendered
//! through catalogue keys too.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::fmt;
use std::sync::OnceLock;

/// The catalogue files, by language, embedded in the binary.
const EN_US: &[(&str, &str)] = &[
    ("error.ftl", include_str!("locales/en-US/error.ftl")),
    ("read.ftl", include_str!("locales/en-US/read.ftl")),
    ("policy.ftl", include_str!("locales/en-US/policy.ftl")),
    ("plan.ftl", include_str!("locales/en-US/plan.ftl")),
    ("audit.ftl", include_str!("locales/en-US/audit.ftl")),
    ("report.ftl", include_str!("locales/en-US/report.ftl")),
    ("page.ftl", include_str!("locales/en-US/page.ftl")),
    ("paper.ftl", include_str!("locales/en-US/paper.ftl")),
    ("cli.ftl", include_str!("locales/en-US/cli.ftl")),
];
const ZH_CN: &[(&str, &str)] = &[
    ("error.ftl", include_str!("locales/zh-CN/error.ftl")),
    ("read.ftl", include_str!("locales/zh-CN/read.ftl")),
    ("policy.ftl", include_str!("locales/zh-CN/policy.ftl")),
    ("plan.ftl", include_str!("locales/zh-CN/plan.ftl")),
    ("audit.ftl", include_str!("locales/zh-CN/audit.ftl")),
    ("report.ftl", include_str!("locales/zh-CN/report.ftl")),
    ("page.ftl", include_str!("locales/zh-CN/page.ftl")),
    ("paper.ftl", include_str!("locales/zh-CN/paper.ftl")),
    ("cli.ftl", include_str!("locales/zh-CN/cli.ftl")),
];

/// The language every text is rendered in (papers.md "Language").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, ... are Chinese; `en`, `en-US`, ...
    /// English; anything else `None`.
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        if t.starts_with("zh") {
            Some(Lang::Zh)
        } else if t.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language chosen by `--lang` (`flag`), else `ROTAPLAN_LANG`
    /// (`env`), else the system locale (`zh*` is Chinese), else English
    /// (papers.md "Language"). A value that names no language is passed
    /// over.
    pub fn choose(flag: Option<&str>, env: Option<&str>, locale: Option<&str>) -> Lang {
        flag.and_then(Lang::parse)
            .or_else(|| env.and_then(Lang::parse))
            .or_else(|| locale.and_then(|l| Lang::parse(l).filter(|&l| l == Lang::Zh)))
            .unwrap_or(Lang::En)
    }

    /// The language's tag (`en-US`, `zh-CN`) and catalogue.
    fn catalogue(self) -> (&'static str, &'static [(&'static str, &'static str)]) {
        match self {
            Lang::En => ("en-US", EN_US),
            Lang::Zh => ("zh-CN", ZH_CN),
        }
    }
}

/// The language of this run (English until `set_lang`).
static LANG: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Renders every later text in `lang` (set once, at the start of a run).
pub fn set_lang(lang: Lang) {
    LANG.store(lang == Lang::Zh, std::sync::atomic::Ordering::Relaxed);
}

/// The language texts are rendered in.
pub fn lang() -> Lang {
    if LANG.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// One text a person reads: a catalogue key and its named arguments, not
/// yet in words. Built with `msg!`; shown with `render` or `Display`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The catalogue key (`read-malformed-csv`).
    pub key: &'static str,
    /// The named arguments, in the order given (a boxed slice: a message
    /// rides inside every error, which clippy wants small).
    pub args: Box<[(&'static str, Arg)]>,
}

/// An argument of a message: text shown as it is (a value from a file, a
/// figure already formatted), a count (a whole number, which a Fluent
/// selector can choose a plural form by: `{ $count -> [one] ... }`), or
/// another message rendered in the same language (a reason inside a
/// sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Count(i64),
    Message(Box<Message>),
}

impl Message {
    /// A message with its arguments; `msg!` is the short way to write it.
    pub fn new(key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        Message {
            key,
            args: args.into_boxed_slice(),
        }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}

impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}

/// Figures as Rust writes them (`Display`), so that the catalogue never
/// changes a figure.
macro_rules! arg_by_display {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Text(v.to_string())
            }
        }
    )*};
}
arg_by_display!(f64, char);

/// Whole numbers are counts: Fluent shows them as Rust does (no
/// grouping, no decimals) and its selectors pick plural forms by them.
/// One beyond `i64` (none is) is shown as text.
macro_rules! arg_by_count {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                i64::try_from(v).map_or_else(|_| Arg::Text(v.to_string()), Arg::Count)
            }
        }
    )*};
}
arg_by_count!(u8, u16, u32, u64, usize, i32, i64);

/// A message: `msg!("key")` or `msg!("key", name = value, ...)`; each
/// value is anything that turns into an `Arg` (text, a number, a path,
/// another message).
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new(
            $key,
            vec![$((stringify!($name), $crate::messages::Arg::from($value))),*],
        )
    };
}

/// A language's catalogue, parsed once.
fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static EN: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    static ZH: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
    let cell = match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    };
    cell.get_or_init(|| {
        let (tag, files) = lang.catalogue();
        let id: unic_langid::LanguageIdentifier = tag.parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        bundle.set_use_isolating(false);
        for (file, text) in files {
            let resource = FluentResource::try_new(text.to_string())
                .unwrap_or_else(|(_, e)| panic!("catalogue {tag}/{file} does not parse: {e:?}"));
            bundle
                .add_resource(resource)
                .unwrap_or_else(|e| panic!("catalogue {tag}/{file}: {e:?}"));
        }
        bundle
    })
}

/// The message in words, in the run's language (`lang`).
pub fn render(message: &Message) -> String {
    render_in(lang(), message)
}

/// The message in words in `lang`. A key missing from the catalogue (a
/// bug the catalogue test catches) shows as the key and its arguments,
/// so that nothing is lost.
pub fn render_in(lang: Lang, message: &Message) -> String {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(message.key).and_then(|m| m.value());
    let Some(pattern) = pattern else {
        let args: Vec<String> = message
            .args
            .iter()
            .map(|(n, a)| format!("{n}={}", shown(lang, a)))
            .collect();
        return format!("{} {}", message.key, args.join(" "));
    };
    let mut args = FluentArgs::new();
    for (name, arg) in &message.args {
        match arg {
            Arg::Count(n) => args.set(*name, *n),
            _ => args.set(*name, shown(lang, arg)),
        }
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&args), &mut errors)
        .into_owned()
}

fn shown(lang: Lang, arg: &Arg) -> String {
    match arg {
        Arg::Text(s) => harmless(s),
        Arg::Count(n) => n.to_string(),
        Arg::Message(m) => render_in(lang, m),
    }
}

/// The most characters of a value a message quotes (papers.md "What a
/// message may hold"): a 10 MB policy key is not echoed whole.
pub const MOST_QUOTED: usize = 200;

/// A text argument as every message shows it (papers.md "What a message
/// may hold"): its ID numbers masked (`domain::mask_id_cards`), then the
/// control characters of the data (ESC, BEL and the other C0 controls but
/// tab and line feed, the C1 controls and DEL) escaped (`\u{1b}`), so
/// that no value can clear a terminal or set its title.
fn harmless(s: &str) -> String {
    let masked = crate::domain::mask_id_cards(s);
    let control = |c: char| (c.is_control() && c != '\t' && c != '\n') || c == '\u{7f}';
    if !masked.contains(control) {
        return masked.into_owned();
    }
    masked
        .chars()
        .map(|c| {
            if control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A value from the input as a message quotes it: its ID numbers masked
/// first, then cut to `MOST_QUOTED` characters with `…` (masked before
/// cut, so that no cut leaves part of an ID number whole).
pub fn quoted_value(s: &str) -> String {
    let masked = crate::domain::mask_id_cards(s);
    match masked.char_indices().nth(MOST_QUOTED) {
        None => masked.into_owned(),
        Some((end, _)) => format!("{}…", &masked[..end]),
    }
}

impl serde::Serialize for Message {
    /// A message in JSON is its text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&render(self))
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&render(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_show_as_rust_writes_them() {
        let m = crate::msg!(
            "cli-generate-written",
            folder = "d",
            districts = 1_234_567_usize,
            schools = 0_u32,
            teachers = -3_i64,
            needs = 1_u8,
            places = 12_345_678_901_234_u64
        );
        assert_eq!(
            render(&m),
            "d: 1234567 districts, 0 schools, -3 teachers, 1 needs (12345678901234 places)"
        );
    }

    #[test]
    fn text_arguments_mask_id_numbers_and_escape_controls() {
        let m = crate::msg!(
            "read-quoted",
            text = "T33010219750312123X\u{1b}]0;title\u{7}"
        );
        assert_eq!(
            render(&m),
            render(&crate::msg!(
                "read-quoted",
                text = "T3301**********123X\\u{1b}]0;title\\u{7}"
            ))
        );
        let long = "k".repeat(MOST_QUOTED + 50);
        assert_eq!(quoted_value(&long).chars().count(), MOST_QUOTED + 1);
    }

    #[test]
    fn a_nested_message_renders_in_place() {
        let inner = crate::msg!("cli-report-meets-rules");
        let m = crate::msg!("cli-error", message = inner);
        assert_eq!(render(&m), "rotaplan: the plan meets every rule");
    }
}
