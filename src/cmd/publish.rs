//! `rotaplan publish`: the published list (公示名单) of a plan, as xlsx, csv
//! or html (papers.md "The published list"). A plan that breaks a rule,
//! as `audit` decides, is refused: its violations are printed, nothing is
//! written, and the exit status is 1.

use super::{DataArgs, PolicyArgs, load, print, warn};
use crate::error::Error;
use crate::msg;
use crate::read::plan::read_plan_parts;
use crate::report;
use crate::report::published::By;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PublishArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[arg(long, value_name = "FILE")]
    plan: PathBuf,
    #[arg(long, value_name = "LIST")]
    out: PathBuf,
    #[arg(long, value_enum, default_value = "to")]
    by: By,
    #[arg(long)]
    with_id: bool,
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    #[arg(long, value_name = "BOOL", default_value_t = true, action = clap::ArgAction::Set)]
    bom: bool,
}

/// What the list is written as, by the output's extension.
enum Kind {
    Xlsx,
    Csv,
    Html,
}

pub fn run(args: &PublishArgs) -> Result<i32, Error> {
    let extension = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let kind = match extension.as_deref() {
        Some("xlsx") => Kind::Xlsx,
        Some("csv") => Kind::Csv,
        Some("html" | "htm") => Kind::Html,
        _ => {
            return Err(Error::Usage(msg!(
                "cli-publish-extension",
                file = args.out.as_path()
            )));
        }
    };
    report::check_output(&args.out)?;
    let (paths, data, policy) = load(&args.data, &args.policy)?;
    let mut inputs = paths.all();
    inputs.extend(args.policy.policy.as_deref());
    inputs.push(&args.plan);
    report::refuse_input(&args.out, &inputs)?;
    warn(&data, &policy, false);
    let (lines, principal_lines) = read_plan_parts(&args.plan, &data)?;
    super::plan_warnings(&args.plan, &lines, false);
    let audit = crate::audit::audit_plan(&data, &policy, &lines, &principal_lines);
    if !audit.ok {
        print(&report::audit::table(&audit, &policy))?;
        let refused = msg!(
            "cli-publish-refused",
            file = args.out.as_path(),
            count = audit.violations.len()
        );
        let _ = writeln!(std::io::stderr(), "{refused}");
        return Ok(1);
    }
    let moves = crate::read::plan::moves(&data, &lines);
    let mut list = report::published::list(
        &data,
        &policy,
        &moves,
        args.by,
        args.title.as_deref(),
        args.note.as_deref(),
        args.with_id,
    );
    // principals.md "The plan": the principals' moves in a section of
    // their own, 校长交流.
    list.principals = report::published::principals(
        &data,
        &crate::plan::principals::sequences_of(
            &data,
            &crate::read::plan::moves(&data, &principal_lines),
        ),
    );
    match kind {
        Kind::Xlsx => {
            let bytes = list
                .workbook()
                .map_err(|e| Error::io(&args.out, std::io::Error::other(e)))?;
            report::write_atomically(&args.out, |w| w.write_all(&bytes))?;
        }
        Kind::Csv => report::write_atomically(&args.out, |w| list.write_csv(w, args.bom))?,
        Kind::Html => {
            report::write_atomically(&args.out, |w| w.write_all(list.html_page().as_bytes()))?
        }
    }
    let written = msg!(
        "cli-publish-written",
        file = args.out.as_path(),
        count = list.rows.len(),
        principals = list.principals.len()
    );
    print(&format!("{written}\n"))?;
    Ok(0)
}
