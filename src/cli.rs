//! The command line: the commands (each in its file under `cmd/`), parsed
//! by clap and run, and the error turned into a message and an exit status. Exit
//! statuses are the contract's: 0 ok, 1 audit found violations, 2 bad
//! input or invocation, 3 infeasible.

use crate::cmd;
use crate::domain::mask_id_cards;
use crate::messages::Message;
use crate::msg;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::io::Write;

/// The command line. Its help texts are the catalogue's (`with_help`).
#[derive(Debug, Parser)]
#[command(name = "rotaplan", version)]
pub struct Cli {
    // The language of every text (papers.md "Language"): read before clap
    // parses (`lang_flag`), since the help is in it too.
    #[arg(long, global = true, value_parser = ["zh", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

/// The commands, each in its file under `cmd/`.
#[derive(Debug, Subcommand)]
enum Command {
    Plan(cmd::plan::PlanArgs),
    Audit(cmd::audit::AuditArgs),
    Compare(cmd::compare::CompareArgs),
    Indicators(cmd::indicators::IndicatorsArgs),
    Report(cmd::report::ReportArgs),
    Publish(cmd::publish::PublishArgs),
    Explain(cmd::explain::ExplainArgs),
    Horizon(cmd::horizon::HorizonArgs),
    Check(cmd::check::CheckArgs),
    Generate(cmd::generate::GenerateArgs),
}

/// `command` with every help text from the catalogue: rotaplan's about,
/// each command's about and examples, each flag's help.
fn with_help(command: clap::Command) -> clap::Command {
    headings(command)
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(msg!("cli-arg-version").to_string())
                .help_heading(msg!("cli-heading-options").to_string()),
        )
        .mut_arg("lang", |a| {
            let help = msg!("cli-arg-lang").to_string();
            with_hints(a, help)
        })
        .about(msg!("cli-about").to_string())
        .long_about(msg!("cli-long-about").to_string())
        .mut_subcommands(|sub| {
            let name = sub.get_name().to_string();
            let sub = match command_help(&name) {
                Some((about, after)) => sub.about(about.to_string()).after_help(after.to_string()),
                None => sub,
            };
            headings(sub).mut_args(|arg| match arg_help(&name, arg.get_id().as_str()) {
                Some(help) => with_hints(arg, help.to_string()),
                None => arg,
            })
        })
}

/// `arg` with its help `help`, followed by the values it takes and its
/// default in the catalogue's words (clap's own `[possible values: ...]`
/// and `[default: ...]` are English).
fn with_hints(arg: clap::Arg, help: String) -> clap::Arg {
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let mut text = help;
    // A flag without a value (`--with-id`) shows neither.
    let takes_value = arg.get_action().takes_values();
    if takes_value && !defaults.is_empty() {
        text += &format!(" {}", msg!("cli-hint-default", value = defaults.join(", ")));
    }
    if takes_value && !values.is_empty() {
        text += &format!(" {}", msg!("cli-hint-values", values = values.join(", ")));
    }
    arg.help(text)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// `command` with its help's headings from the catalogue (用法, 参数,
/// 选项, 命令 under zh; clap's own words under en).
fn headings(command: clap::Command) -> clap::Command {
    let usage = msg!("cli-heading-usage").to_string();
    let arguments = msg!("cli-heading-arguments").to_string();
    let options = msg!("cli-heading-options").to_string();
    command
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(msg!("cli-arg-help").to_string()),
        )
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage} {{usage}}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(msg!("cli-heading-commands").to_string())
        .mut_args(move |arg| {
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                arg.help_heading(arguments.clone())
            } else {
                arg.help_heading(options.clone())
            }
        })
}

/// A command's line in the list and the examples under its `--help`.
fn command_help(command: &str) -> Option<(Message, Message)> {
    Some(match command {
        "plan" => (msg!("cli-plan-about"), msg!("cli-plan-after-help")),
        "audit" => (msg!("cli-audit-about"), msg!("cli-audit-after-help")),
        "compare" => (msg!("cli-compare-about"), msg!("cli-compare-after-help")),
        "indicators" => (
            msg!("cli-indicators-about"),
            msg!("cli-indicators-after-help"),
        ),
        "report" => (msg!("cli-report-about"), msg!("cli-report-after-help")),
        "publish" => (msg!("cli-publish-about"), msg!("cli-publish-after-help")),
        "explain" => (msg!("cli-explain-about"), msg!("cli-explain-after-help")),
        "horizon" => (msg!("cli-horizon-about"), msg!("cli-horizon-after-help")),
        "check" => (msg!("cli-check-about"), msg!("cli-check-after-help")),
        "generate" => (msg!("cli-generate-about"), msg!("cli-generate-after-help")),
        _ => return None,
    })
}

/// A flag's help: the command's own when it has one, else the one every
/// command shares. `None` for clap's own `--help` and `--version`.
fn arg_help(command: &str, id: &str) -> Option<Message> {
    Some(match (command, id) {
        ("plan", "out") => msg!("cli-plan-arg-out"),
        ("plan", "format") => msg!("cli-plan-arg-format"),
        ("plan", "baseline") => msg!("cli-plan-arg-baseline"),
        ("audit", "plan") => msg!("cli-audit-arg-plan"),
        ("compare", "scenarios") => msg!("cli-compare-arg-scenarios"),
        ("compare", "sweep") => msg!("cli-compare-arg-sweep"),
        ("compare", "format") => msg!("cli-compare-arg-format"),
        ("compare", "out_dir") => msg!("cli-compare-arg-out-dir"),
        ("indicators", "plan") => msg!("cli-indicators-arg-plan"),
        ("report", "plan") => msg!("cli-report-arg-plan"),
        ("report", "out") => msg!("cli-report-arg-out"),
        ("report", "baseline") => msg!("cli-report-arg-baseline"),
        ("report", "horizon") => msg!("cli-report-arg-horizon"),
        ("publish", "plan") => msg!("cli-publish-arg-plan"),
        ("explain", "plan") => msg!("cli-explain-arg-plan"),
        ("explain", "teacher") => msg!("cli-explain-arg-teacher"),
        ("publish", "out") => msg!("cli-publish-arg-out"),
        ("horizon", "years") => msg!("cli-horizon-arg-years"),
        ("horizon", "out_dir") => msg!("cli-horizon-arg-out-dir"),
        ("horizon", "force") => msg!("cli-horizon-arg-force"),
        ("horizon", "format") => msg!("cli-horizon-arg-format"),
        ("publish", "by") => msg!("cli-publish-arg-by"),
        ("publish", "with_id") => msg!("cli-publish-arg-with-id"),
        ("publish", "title") => msg!("cli-publish-arg-title"),
        ("publish", "note") => msg!("cli-publish-arg-note"),
        ("check", "format") => msg!("cli-check-arg-format"),
        ("generate", "size") => msg!("cli-generate-arg-size"),
        ("generate", "shape") => msg!("cli-generate-arg-shape"),
        ("generate", "seed") => msg!("cli-generate-arg-seed"),
        ("generate", "out") => msg!("cli-generate-arg-out"),
        ("generate", "force") => msg!("cli-generate-arg-force"),
        (_, "lang") => msg!("cli-arg-lang"),
        (_, "bom") => msg!("cli-arg-bom"),
        (_, "dir") => msg!("cli-arg-dir"),
        (_, "schools") => msg!("cli-arg-schools"),
        (_, "teachers") => msg!("cli-arg-teachers"),
        (_, "needs") => msg!("cli-arg-needs"),
        (_, "preferences") => msg!("cli-arg-preferences"),
        (_, "history") => msg!("cli-arg-history"),
        (_, "policy") => msg!("cli-arg-policy"),
        (_, "ratio") => msg!("cli-arg-ratio"),
        (_, "backbone_share") => msg!("cli-arg-backbone-share"),
        (_, "scope") => msg!("cli-arg-scope"),
        (_, "plan_year") => msg!("cli-arg-plan-year"),
        (_, "improve_indicators") => msg!("cli-arg-improve-indicators"),
        (_, "level_match") => msg!("cli-arg-level-match"),
        (_, "format") => msg!("cli-arg-format"),
        _ => return None,
    })
}

/// A command-line error in the catalogue's words (papers.md "Language":
/// errors too), built from clap's context: an unknown flag or command
/// (with clap's suggestion), a value not among those allowed, a value that
/// does not parse, a missing argument. `None` under en, where clap's own
/// words are the catalogue's, and for the kinds clap words best itself
/// (`--help`, `--version`).
fn parse_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if crate::messages::lang() != crate::messages::Lang::Zh || !e.use_stderr() {
        return None;
    }
    let text = |kind: ContextKind| -> String {
        match e.get(kind) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(list)) => list.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(list)) => list
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("、"),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    // A selector's word: whether the context has the value.
    let yes = |kind: ContextKind| if text(kind).is_empty() { "no" } else { "yes" };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => msg!(
            "cli-parse-unknown-argument",
            argument = text(ContextKind::InvalidArg),
            suggested = text(ContextKind::SuggestedArg),
            suggests = yes(ContextKind::SuggestedArg)
        ),
        ErrorKind::InvalidSubcommand => msg!(
            "cli-parse-unknown-command",
            command = text(ContextKind::InvalidSubcommand),
            suggested = text(ContextKind::SuggestedSubcommand),
            suggests = yes(ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::InvalidValue if text(ContextKind::InvalidValue).is_empty() => msg!(
            "cli-parse-value-missing",
            argument = text(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue => msg!(
            "cli-parse-invalid-value",
            argument = text(ContextKind::InvalidArg),
            value = text(ContextKind::InvalidValue),
            allowed = text(ContextKind::ValidValue),
            lists = yes(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => msg!(
            "cli-parse-invalid-value",
            argument = text(ContextKind::InvalidArg),
            value = text(ContextKind::InvalidValue),
            allowed = "",
            lists = "no"
        ),
        ErrorKind::MissingRequiredArgument => msg!(
            "cli-parse-missing-argument",
            arguments = text(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            msg!("cli-parse-missing-command")
        }
        ErrorKind::ArgumentConflict => msg!(
            "cli-parse-conflict",
            argument = text(ContextKind::InvalidArg),
            other = text(ContextKind::PriorArg)
        ),
        _ => return None,
    };
    Some(msg!("cli-error", message = message).to_string())
}

/// The `--lang` of a command line (`--lang zh` or `--lang=zh`), looked
/// for before clap parses it, as the help is rendered in it.
fn lang_flag(args: &[std::ffi::OsString]) -> Option<String> {
    let mut args = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        if arg == "--" {
            return None;
        }
        if arg == "--lang" {
            return args.next().map(str::to_string);
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

/// Runs the command line and returns the exit status.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> i32 {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    crate::messages::set_lang(crate::messages::Lang::choose(
        lang_flag(&args).as_deref(),
        std::env::var("ROTAPLAN_LANG").ok().as_deref(),
        sys_locale::get_locale().as_deref(),
    ));
    let parsed = with_help(Cli::command())
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            match parse_error(&e) {
                // Not eprintln!: it panics when stderr is a closed pipe.
                Some(words) => {
                    let _ = writeln!(std::io::stderr(), "{}", mask_id_cards(&words));
                }
                None => {
                    let _ = e.print();
                }
            }
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Plan(args) => cmd::plan::run(&args),
        Command::Audit(args) => cmd::audit::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Indicators(args) => cmd::indicators::run(&args),
        Command::Report(args) => cmd::report::run(&args),
        Command::Publish(args) => cmd::publish::run(&args),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Horizon(args) => cmd::horizon::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Generate(args) => cmd::generate::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln!: it panics when stderr is a closed pipe.
            let message = msg!("cli-error", message = e.to_string()).to_string();
            let _ = writeln!(std::io::stderr(), "{}", mask_id_cards(&message));
            e.exit_code()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_flag_has_its_help_in_the_catalogue() {
        let command = Cli::command();
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            assert!(command_help(name).is_some(), "command `{name}` has no help");
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if id != "help" {
                    assert!(arg_help(name, id).is_some(), "`{name} --{id}` has no help");
                }
            }
        }
    }
}
