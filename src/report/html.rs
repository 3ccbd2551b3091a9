//! `rotaplan report`: one self-contained HTML page to send upward
//! (papers.md "The report"): the summary, each rule's result (from the
//! independent audit), the rows of the plan that break a rule, the share
//! rotating per sending school and the need filled per receiving school
//! as SVG charts, the quality-balance indicators, a map of the flows, the
//! flows and the published list. Every text in the chosen language;
//! inline CSS and SVG only, no script and nothing fetched; printed on A4.
//!
//! Every figure counts the rows the audit counts (`AuditReport::counted`):
//! a row that breaks a rule is listed apart and counted nowhere else.

use super::published::{self, By};
use super::svg::{Bar, Legend, Link, Place, Role, bar_chart, escape, flow_map};
use crate::audit::{AuditReport, Violation};
use crate::domain::DataSet;
use crate::indicators::Balance;
use crate::messages::{Lang, Message};
use crate::msg;
use crate::policy::{BalanceGoal, Policy};
use crate::report::indicators::cv;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Display, Write};

/// Charts show at most this many bars (the lowest values first).
const MAX_BARS: usize = 60;
/// Bars per drawing, so that each fits on a printed page.
const BARS_PER_SVG: usize = 30;

/// What the report is made from.
pub struct ReportInput<'a> {
    pub data: &'a DataSet,
    pub policy: &'a Policy,
    /// The plan file's name, as given.
    pub plan_file: &'a str,
    /// The audit of the plan: its verdict, counts and the rows it counts.
    pub audit: &'a AuditReport,
    /// The CVs before and after the rows the audit counts.
    pub balance: &'a [Balance],
    /// `report --baseline`: the baseline's file and the changes against
    /// it (papers.md "Objections and changes").
    pub changes: Option<(&'a str, &'a [crate::plan::changes::Change])>,
    /// `report --horizon`: the horizon.csv file and its years
    /// (programme.md "Looking ahead": the report shows the programme).
    pub horizon: Option<(&'a str, &'a [crate::read::horizon::HorizonRow])>,
    /// The principals' moves of the plan file, as chains and cycles
    /// (principals.md "The plan": the report shows them in words).
    pub principals: &'a [crate::plan::principals::Sequence],
}

// catalogue: not a message (CSS)
const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;\
margin:2em auto;max-width:1000px;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;\
border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}h1,h2,h3{break-after:avoid;\
page-break-after:avoid}h2+*,h3+*{break-before:avoid;page-break-before:avoid}h3{font-size:1.05em}\
.lead{break-inside:avoid;page-break-inside:avoid}table{border-collapse:collapse;margin:.5em 0}\
th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}\
thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}\
td.t,th.t{text-align:left}th:not(.t),.k{white-space:nowrap}td.s{min-width:11em}.pass{color:#17702a;font-weight:bold}\
.fail{color:#b00020;font-weight:bold}\
.cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;\
min-width:9em}.card b{display:block;font-size:1.4em}.bar{fill:#4a78b5}.label,.value{font-size:12px}\
.chart-title{font-size:14px;font-weight:bold}.marker{stroke:#b00020;stroke-dasharray:4 3}\
.marker-label{font-size:11px;fill:#b00020}.note{color:#555;font-size:.9em}\
figure{margin:.6em 0;break-inside:avoid;page-break-inside:avoid}svg{max-width:100%;height:auto}\
figcaption{font-size:.95em;margin:.2em 0}.land{fill:#f7f5ef;stroke:#ddd}\
.flow{stroke:#3d6fb0;stroke-opacity:.55;stroke-linecap:round}.sample{stroke:#3d6fb0;stroke-opacity:.7}\
.leader{stroke:#bbb;stroke-width:.5}rect.sending{fill:#1f4e9a}circle.receiving{fill:#e07b00}\
path.both{fill:#7b3fa0}.name{font-size:11px}.name.sending{fill:#1f4e9a}.name.receiving{fill:#8a4a00}\
.name.both{fill:#7b3fa0}.legend{font-size:12px}ol.principals .step{white-space:nowrap}\
@page{size:A4;margin:14mm 12mm}@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}\
h2{margin-top:1.2em}}";

/// A text for the page (a catalogue message, or a value in words),
/// escaped.
fn text(words: impl Display) -> String {
    escape(&words.to_string())
}

fn verdict(ok: bool) -> String {
    if ok {
        format!("<span class=\"pass\">{}</span>", text(msg!("paper-pass")))
    } else {
        format!("<span class=\"fail\">{}</span>", text(msg!("paper-fail")))
    }
}

/// The district of a row, `(all)` for a county planned as one, escaped.
fn district(name: &str) -> String {
    escape(&district_name(name))
}

/// The district of a row in words.
fn district_name(name: &str) -> String {
    if name.is_empty() {
        msg!("report-all").to_string()
    } else {
        name.to_string()
    }
}

/// What stands between the items of a list in a sentence or a cell.
fn separator() -> &'static str {
    match crate::messages::lang() {
        Lang::Zh => "、",
        Lang::En => ", ",
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// A school as the page names it: its name, with its id beside it where
/// names repeat (`published::school_label`), escaped.
fn school(data: &DataSet, s: usize) -> String {
    escape(&published::school_label(data, s))
}

/// A school the audit names by id (or as the plan wrote it, for one
/// schools.csv does not know), by name.
fn school_named(data: &DataSet, id: &str) -> String {
    data.school_by_id(id)
        .map_or_else(|| escape(id), |s| school(data, s))
}

/// A table's head: `<table><thead>` with the headings (`true` for a
/// column of text, left-aligned), so that a printed table repeats it on
/// each page.
fn table_head(h: &mut String, headings: &[(Message, bool)]) {
    h.push_str("<table><thead><tr>");
    for (heading, left) in headings {
        let class = if *left { " class=\"t\"" } else { "" };
        let _ = write!(h, "<th{class}>{}</th>", text(heading));
    }
    h.push_str("</tr></thead><tbody>");
}

/// A section's heading, kept with what follows when printed.
fn heading(h: &mut String, words: Message) {
    let _ = write!(h, "<h2>{}</h2>", text(words));
}

/// A paragraph of notes under a heading, a table or a chart.
fn note(h: &mut String, words: impl Display) {
    let _ = write!(h, "<p class=\"note\">{}</p>", text(words));
}

/// The page's title: the county (the data's one district) and the plan
/// year, or the number of districts when there are several.
fn title(data: &DataSet, policy: &Policy) -> Message {
    let districts: BTreeSet<&str> = data.schools.iter().map(|s| s.district.as_str()).collect();
    let year = policy.plan_year.to_string();
    match districts.iter().next() {
        Some(county) if districts.len() == 1 && !county.is_empty() => {
            msg!("paper-title", county = *county, year = year)
        }
        _ => msg!(
            "paper-title-districts",
            year = year,
            count = districts.len()
        ),
    }
}

/// The whole page.
pub fn report(input: &ReportInput) -> String {
    let a = input.audit;
    let p = input.policy;
    let mut h = String::new();
    let lang = match crate::messages::lang() {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let title = title(input.data, p);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
         <style>{STYLE}{}</style></head><body>",
        text(&title),
        published::STYLE
    );
    let scope = match p.scope {
        crate::policy::Scope::District => msg!("paper-scope-district"),
        crate::policy::Scope::School => msg!("paper-scope-school"),
        crate::policy::Scope::Group => msg!("paper-scope-group"),
    };
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"note\">{}</p>",
        text(&title),
        text(msg!(
            "paper-policy",
            plan = input.plan_file,
            ratio = p.min_rotation_ratio.to_string(),
            backbone = p.min_backbone_share.to_string(),
            scope = scope,
            year = p.plan_year,
            as_of = p.as_of().to_string(),
            version = env!("CARGO_PKG_VERSION"),
        )),
    );
    let rows = broken_rows(a);
    summary(&mut h, a, input.balance, rows.len());
    rules(&mut h, input);
    not_counted(&mut h, input.data, &rows);
    if let Some((file, changes)) = input.changes {
        changes_section(&mut h, input.data, file, changes);
    }
    if let Some((file, years)) = input.horizon {
        horizon_section(&mut h, file, years);
    }
    principals_section(&mut h, input.data, input.principals);
    sending_chart(&mut h, input);
    needs_chart(&mut h, input);
    if crate::indicators::balance_not_computed(input.data) {
        note(&mut h, msg!("paper-balance-not-computed"));
    }
    balance(&mut h, input.balance, p.balance);
    let flows = flows_of(input);
    map(&mut h, input.data, &flows);
    flows_table(&mut h, input.data, &flows);
    heading(&mut h, msg!("paper-published"));
    let mut list = published::list(input.data, p, &a.counted, By::To, None, None, false);
    list.principals = published::principals(input.data, input.principals);
    note(&mut h, msg!("paper-published-intro"));
    h.push_str(&list.html_table());
    h.push_str("</body></html>\n");
    // Violations name teachers, whose ids may be ID numbers (rosters.md
    // "Personal data").
    crate::domain::mask_id_cards(&h).into_owned()
}

/// The changes against the baseline (`report --baseline`): each teacher
/// whose receiving school differs, before and after, and why.
fn changes_section(
    h: &mut String,
    data: &DataSet,
    file: &str,
    changes: &[crate::plan::changes::Change],
) {
    heading(h, msg!("paper-changes"));
    note(
        h,
        msg!("paper-changes-intro", file = file, count = changes.len()),
    );
    if changes.is_empty() {
        return;
    }
    table_head(
        h,
        &[
            (msg!("paper-changes-col-teacher"), true),
            (msg!("paper-changes-col-name"), true),
            (msg!("paper-changes-col-before"), true),
            (msg!("paper-changes-col-after"), true),
            (msg!("paper-changes-col-reason"), true),
        ],
    );
    let none = text(msg!("report-changes-none"));
    let school = |id: &Option<String>| {
        id.as_deref()
            .map_or_else(|| none.clone(), |id| school_named(data, id))
    };
    for c in changes {
        let _ = write!(
            h,
            "<tr><td class=\"t k\">{}</td><td class=\"t k\">{}</td><td class=\"t s\">{}</td>\
             <td class=\"t s\">{}</td><td class=\"t\">{}</td></tr>",
            escape(&c.teacher),
            escape(&c.name),
            school(&c.before),
            school(&c.after),
            text(msg!("report-change-reason", reason = c.reason.as_str()))
        );
    }
    h.push_str("</tbody></table>");
}

/// The years ahead (`report --horizon`): one row per year of the
/// horizon, as horizon.csv gives it, and the first year that cannot meet
/// the rules.
fn horizon_section(h: &mut String, file: &str, years: &[crate::read::horizon::HorizonRow]) {
    heading(h, msg!("paper-horizon"));
    let first = years.first().map_or(0, |y| y.year);
    let last = years.last().map_or(0, |y| y.year);
    note(
        h,
        msg!(
            "paper-horizon-intro",
            file = file,
            first = first,
            last = last,
            years = years.len()
        ),
    );
    table_head(
        h,
        &[
            (msg!("paper-horizon-col-year"), true),
            (msg!("paper-eligible"), false),
            (msg!("paper-required"), false),
            (msg!("paper-rotating"), false),
            (msg!("paper-backbone"), false),
            (msg!("paper-horizon-col-needs"), false),
            (msg!("paper-horizon-col-returns"), false),
            (msg!("paper-horizon-col-cvs"), false),
            (msg!("paper-horizon-col-feasible"), true),
        ],
    );
    for y in years {
        let _ = write!(
            h,
            "<tr><td class=\"t k\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}/{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            y.year,
            y.eligible,
            y.required,
            y.rotating,
            y.backbone,
            y.needs_filled,
            y.needs_total,
            y.returns,
            y.cvs_not_kept,
            verdict(y.feasible)
        );
    }
    h.push_str("</tbody></table>");
    if let Some(y) = years.iter().find(|y| !y.feasible) {
        let _ = write!(
            h,
            "<p>{}</p>",
            text(msg!("paper-horizon-first-infeasible", year = y.year))
        );
    }
}

/// The principals' chains and cycles in words, one item each
/// (principals.md "The plan"); nothing without principal moves.
fn principals_section(
    h: &mut String,
    data: &DataSet,
    sequences: &[crate::plan::principals::Sequence],
) {
    if sequences.is_empty() {
        return;
    }
    heading(h, msg!("paper-principals"));
    let moves: usize = sequences.iter().map(|s| s.moves.len()).sum();
    note(
        h,
        msg!(
            "paper-principals-intro",
            moves = moves,
            sequences = sequences.len()
        ),
    );
    h.push_str("<ol class=\"principals\">");
    // Each move kept on one line (a name or a school never split); the
    // moves of a long chain wrap between them.
    let then = escape(&msg!("report-principal-then").to_string());
    for s in sequences {
        let (kind, steps) = crate::report::plan::sequence_steps(data, s);
        let steps: Vec<String> = steps
            .iter()
            .map(|step| format!("<span class=\"step\">{}</span>", escape(step)))
            .collect();
        let _ = write!(
            h,
            "<li>{}</li>",
            msg!(
                "report-principal-sequence",
                kind = text(kind),
                steps = steps.join(&then)
            )
        );
    }
    h.push_str("</ol>");
}

/// The violations of rows of the plan (those with a line), by line.
fn broken_rows(a: &AuditReport) -> BTreeMap<u64, Vec<&Violation>> {
    let mut rows: BTreeMap<u64, Vec<&Violation>> = BTreeMap::new();
    for v in &a.violations {
        if let Some(line) = v.line {
            rows.entry(line).or_default().push(v);
        }
    }
    rows
}

/// The headline cards (papers.md "The report"): the figures as `audit`
/// counts them, whether every rule is met, and apart from it how many
/// 优质均衡 CVs are kept of how many, so that no "pass" stands beside a
/// failing CV unexplained; and the rows not counted, when any.
fn summary(h: &mut String, a: &AuditReport, balance: &[Balance], not_counted: usize) {
    heading(h, msg!("paper-summary"));
    h.push_str("<div class=\"cards\">");
    let mut card = |label: Message, value: String| {
        let _ = write!(h, "<div class=\"card\">{}<b>{value}</b></div>", text(label));
    };
    card(msg!("paper-eligible-teachers"), a.eligible.to_string());
    card(msg!("paper-required"), a.required.to_string());
    card(
        msg!("paper-rotating-teachers"),
        format!("{} ({})", a.rotating, percent(a.rotating, a.eligible)),
    );
    card(
        msg!("paper-backbone-teachers"),
        format!("{} ({})", a.backbone, percent(a.backbone, a.rotating)),
    );
    if let (Some(filled), Some(total)) = (a.needs_filled, a.needs_total) {
        card(msg!("paper-needs-filled"), format!("{filled} / {total}"));
    }
    card(msg!("paper-verdict"), verdict(a.ok));
    let cvs: Vec<&Balance> = balance.iter().filter(|b| b.cv_after.is_some()).collect();
    if !cvs.is_empty() {
        let kept = cvs.iter().filter(|b| b.kept()).count();
        let class = if kept == cvs.len() { "pass" } else { "fail" };
        card(
            msg!("paper-cvs-kept"),
            format!("<span class=\"{class}\">{kept} / {}</span>", cvs.len()),
        );
    }
    if not_counted > 0 {
        card(
            msg!("paper-rows-not-counted"),
            format!("<span class=\"fail\">{not_counted}</span>"),
        );
    }
    h.push_str("</div>");
}

/// Each unit's counts and result, then the rules not met that are no row
/// of the plan (a unit short of its share, a pinned teacher missing).
fn rules(h: &mut String, input: &ReportInput) {
    let a = input.audit;
    let data = input.data;
    heading(h, msg!("paper-rules"));
    let place = match input.policy.scope {
        crate::policy::Scope::District => None,
        crate::policy::Scope::School => Some(msg!("paper-school")),
        crate::policy::Scope::Group => Some(msg!("paper-group")),
    };
    let mut headings = vec![(msg!("paper-district"), true)];
    headings.extend(place.clone().map(|m| (m, true)));
    headings.extend([
        (msg!("paper-eligible"), false),
        (msg!("paper-required"), false),
        (msg!("paper-rotating"), false),
        (msg!("paper-backbone"), false),
        (msg!("paper-backbone-required"), false),
        (msg!("paper-result"), true),
    ]);
    table_head(h, &headings);
    for s in &a.scopes {
        let _ = write!(h, "<tr><td class=\"t\">{}</td>", district(&s.district));
        if place.is_some() {
            let shown = match (&s.school, &s.group) {
                (Some(id), _) => school_named(data, id),
                (None, Some(group)) => escape(group),
                (None, None) => String::new(),
            };
            let _ = write!(h, "<td class=\"t\">{shown}</td>");
        }
        let _ = write!(
            h,
            "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            s.eligible,
            s.required,
            s.rotating,
            s.backbone,
            s.backbone_required,
            verdict(s.ok)
        );
    }
    h.push_str("</tbody></table>");
    let breaches: Vec<&Violation> = a.violations.iter().filter(|v| v.line.is_none()).collect();
    if a.ok {
        let _ = write!(h, "<p class=\"pass\">{}</p>", text(msg!("paper-rules-met")));
    }
    if breaches.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<p class=\"fail\">{}</p>",
        text(msg!("paper-breaches", count = breaches.len()))
    );
    // The place column only when some breach is of a school or group.
    let places = breaches
        .iter()
        .any(|v| v.school.is_some() || v.group.is_some());
    let mut headings = vec![(msg!("paper-rule"), true), (msg!("paper-district"), true)];
    if places {
        headings.push((place.unwrap_or(msg!("paper-school")), true));
    }
    headings.push((msg!("paper-what"), true));
    table_head(h, &headings);
    for v in breaches {
        let _ = write!(
            h,
            "<tr><td class=\"t k\"><code>{}</code></td><td class=\"t k\">{}</td>",
            escape(&v.rule),
            v.district.as_deref().map_or(String::new(), district),
        );
        if places {
            let shown = match (&v.school, &v.group) {
                (Some(id), _) => school_named(data, id),
                (None, Some(group)) => escape(group),
                (None, None) => String::new(),
            };
            let _ = write!(h, "<td class=\"t s\">{shown}</td>");
        }
        let _ = write!(h, "<td class=\"t\">{}</td></tr>", text(&v.message));
    }
    h.push_str("</tbody></table>");
}

/// The rows of the plan that break a rule, apart: each with its line,
/// teacher, receiving school, the rules it breaks and why.
fn not_counted(h: &mut String, data: &DataSet, rows: &BTreeMap<u64, Vec<&Violation>>) {
    if rows.is_empty() {
        return;
    }
    heading(h, msg!("paper-rows"));
    let _ = write!(
        h,
        "<p class=\"fail\">{}</p>",
        text(msg!("paper-rows-intro", count = rows.len()))
    );
    table_head(
        h,
        &[
            (msg!("paper-line"), false),
            (msg!("paper-teacher"), true),
            (msg!("paper-name"), true),
            (msg!("paper-to-school"), true),
            (msg!("paper-rule"), true),
            (msg!("paper-what"), true),
        ],
    );
    for (line, violations) in rows {
        let first = violations[0];
        let teacher = first.teacher.as_deref().unwrap_or("");
        let name = data
            .teacher_by_id(teacher)
            .map_or("", |t| data.teachers[t].name.as_str());
        let rules: Vec<String> = violations
            .iter()
            .map(|v| format!("<code>{}</code>", escape(&v.rule)))
            .collect();
        let what: Vec<String> = violations.iter().map(|v| text(&v.message)).collect();
        let _ = write!(
            h,
            "<tr><td>{line}</td><td class=\"t k\">{}</td><td class=\"t k\">{}</td><td class=\"t s\">{}</td>\
             <td class=\"t k\">{}</td><td class=\"t\">{}</td></tr>",
            escape(teacher),
            escape(name),
            first
                .school
                .as_deref()
                .map_or(String::new(), |s| school_named(data, s)),
            rules.join("<br>"),
            what.join("<br>")
        );
    }
    h.push_str("</tbody></table>");
}

/// Bars sorted by value (lowest first, as those need attention), at most
/// `MAX_BARS`, drawn `BARS_PER_SVG` to a drawing, and a note when some
/// were left out.
fn chart(
    h: &mut String,
    title: Message,
    mut bars: Vec<Bar>,
    max: f64,
    marker: Option<(f64, &str)>,
) {
    if bars.is_empty() {
        return;
    }
    bars.sort_by(|a, b| a.value.total_cmp(&b.value).then(a.label.cmp(&b.label)));
    let total = bars.len();
    bars.truncate(MAX_BARS);
    let title = title.to_string();
    for part in bars.chunks(BARS_PER_SVG) {
        h.push_str("<figure>");
        h.push_str(&bar_chart(&title, part, max, marker));
        h.push_str("</figure>");
    }
    if total > MAX_BARS {
        note(h, msg!("paper-chart-cut", shown = MAX_BARS, total = total));
    }
}

/// Per sending school with eligible teachers (as the audit finds them),
/// the counted rows leaving it against them.
fn sending_chart(h: &mut String, input: &ReportInput) {
    let data = input.data;
    let a = input.audit;
    let mut leaving = vec![0u64; data.schools.len()];
    for &(t, _) in &a.counted {
        leaving[data.teachers[t].school] += 1;
    }
    let bars = (0..data.schools.len())
        .filter(|&s| a.eligible_at.get(s).is_some_and(|&e| e > 0))
        .map(|s| {
            let (r, e) = (leaving[s], a.eligible_at[s]);
            Bar {
                label: published::school_label(data, s),
                value: r as f64 / e as f64,
                text: format!("{r} / {e} ({})", percent(r, e)),
            }
        })
        .collect::<Vec<_>>();
    heading(h, msg!("paper-sending"));
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(0.2);
    let rule = input.policy.min_rotation_ratio;
    let line = rule.num() as f64 / rule.den() as f64;
    let label = format!("{rule}");
    chart(
        h,
        msg!("paper-sending-chart"),
        bars,
        max,
        Some((line, &label)),
    );
}

/// Per school with needs, its places against the counted rows sent there
/// (each fills a place: the audit counts no row beyond a need).
fn needs_chart(h: &mut String, input: &ReportInput) {
    let data = input.data;
    let Some(needs) = &data.needs else {
        return;
    };
    let mut per_school: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    for n in needs.iter().filter(|n| n.count > 0) {
        per_school.entry(n.school).or_default().0 += u64::from(n.count);
    }
    for &(_, to) in &input.audit.counted {
        per_school.entry(to).or_default().1 += 1;
    }
    let bars = per_school
        .iter()
        .filter(|(_, (need, _))| *need > 0)
        .map(|(&s, &(need, filled))| Bar {
            label: published::school_label(data, s),
            value: filled as f64 / need as f64,
            text: format!("{filled} / {need}"),
        })
        .collect::<Vec<_>>();
    heading(h, msg!("paper-needs"));
    chart(h, msg!("paper-needs-chart"), bars, 1.0, None);
}

/// One pair of schools of the counted rows: its teachers, backbone
/// teachers and teachers per subject.
#[derive(Default)]
struct Flow<'d> {
    teachers: u64,
    backbone: u64,
    subjects: BTreeMap<&'d str, u64>,
}

/// The counted rows by (sending, receiving) school, in schools.csv's order.
fn flows_of<'d>(input: &ReportInput<'d>) -> BTreeMap<(usize, usize), Flow<'d>> {
    let data = input.data;
    let mut flows: BTreeMap<(usize, usize), Flow> = BTreeMap::new();
    for &(t, to) in &input.audit.counted {
        let teacher = &data.teachers[t];
        let f = flows.entry((teacher.school, to)).or_default();
        f.teachers += 1;
        f.backbone += u64::from(input.policy.is_backbone(teacher));
        *f.subjects.entry(&teacher.subject).or_default() += 1;
    }
    flows
}

/// The flows on maps, one per district (the sending school's), the
/// schools placed by `lat`/`lon`; a school without a location is named in
/// a line under its map, and with no location at all there is no map but
/// one line saying why.
fn map(h: &mut String, data: &DataSet, flows: &BTreeMap<(usize, usize), Flow>) {
    if flows.is_empty() {
        return;
    }
    heading(h, msg!("paper-map"));
    let located = |s: usize| data.schools[s].location.is_some();
    if !flows.keys().any(|&(a, b)| located(a) || located(b)) {
        note(h, msg!("paper-map-none"));
        return;
    }
    let mut by_district: BTreeMap<&str, Vec<(usize, usize, u64)>> = BTreeMap::new();
    for (&(from, to), f) in flows {
        by_district
            .entry(data.schools[from].district.as_str())
            .or_default()
            .push((from, to, f.teachers));
    }
    let legend = |most: u64| Legend {
        sending: msg!("paper-map-sending").to_string(),
        receiving: msg!("paper-map-receiving").to_string(),
        both: msg!("paper-map-both").to_string(),
        one: msg!("paper-map-teachers", count = 1).to_string(),
        most: msg!("paper-map-teachers", count = most).to_string(),
    };
    for (name, pairs) in by_district {
        // Each school once, with what it does here.
        let mut roles: BTreeMap<usize, (bool, bool)> = BTreeMap::new();
        for &(from, to, _) in &pairs {
            roles.entry(from).or_default().0 = true;
            roles.entry(to).or_default().1 = true;
        }
        let mut index: BTreeMap<usize, usize> = BTreeMap::new();
        let mut places = Vec::new();
        let mut missing = Vec::new();
        for (&s, &(sends, receives)) in &roles {
            let Some(at) = data.schools[s].location else {
                missing.push(published::school_label(data, s));
                continue;
            };
            index.insert(s, places.len());
            places.push(Place {
                label: published::school_label(data, s),
                at,
                role: match (sends, receives) {
                    (true, true) => Role::Both,
                    (true, false) => Role::Sending,
                    _ => Role::Receiving,
                },
            });
        }
        let links: Vec<Link> = pairs
            .iter()
            .filter_map(|&(from, to, teachers)| {
                Some(Link {
                    from: *index.get(&from)?,
                    to: *index.get(&to)?,
                    teachers,
                    title: msg!(
                        "paper-map-flow",
                        from = published::school_label(data, from),
                        to = published::school_label(data, to),
                        count = teachers
                    )
                    .to_string(),
                })
            })
            .collect();
        let teachers: u64 = pairs.iter().map(|p| p.2).sum();
        let caption = msg!(
            "paper-map-caption",
            district = district_name(name),
            schools = roles.len(),
            pairs = pairs.len(),
            teachers = teachers
        );
        let _ = write!(h, "<figure><figcaption>{}</figcaption>", text(&caption));
        if !places.is_empty() {
            let most = links.iter().map(|l| l.teachers).max().unwrap_or(1);
            h.push_str(&flow_map(
                &caption.to_string(),
                &places,
                &links,
                &legend(most),
            ));
        }
        if !missing.is_empty() {
            note(
                h,
                msg!("paper-map-missing", schools = missing.join(separator())),
            );
        }
        h.push_str("</figure>");
    }
}

fn flows_table(h: &mut String, data: &DataSet, flows: &BTreeMap<(usize, usize), Flow>) {
    heading(h, msg!("paper-flows", count = flows.len()));
    let several = data
        .schools
        .iter()
        .any(|s| s.district != data.schools[0].district);
    let mut headings = Vec::new();
    if several {
        headings.push((msg!("paper-district"), true));
    }
    headings.extend([
        (msg!("paper-from"), true),
        (msg!("paper-to"), true),
        (msg!("paper-teachers"), false),
        (msg!("paper-backbone"), false),
        (msg!("paper-subjects"), true),
    ]);
    table_head(h, &headings);
    for (&(from, to), f) in flows {
        let subjects: Vec<String> = f.subjects.iter().map(|(s, k)| format!("{s} {k}")).collect();
        h.push_str("<tr>");
        if several {
            let _ = write!(
                h,
                "<td class=\"t\">{}</td>",
                district(&data.schools[from].district)
            );
        }
        let _ = write!(
            h,
            "<td class=\"t s\">{}</td><td class=\"t s\">{}</td><td>{}</td><td>{}</td>\
             <td class=\"t\">{}</td></tr>",
            school(data, from),
            school(data, to),
            f.teachers,
            f.backbone,
            escape(&subjects.join(separator()))
        );
    }
    h.push_str("</tbody></table>");
}

/// The CVs before and after, each marked kept or not, then for those not
/// kept what to do (objectives.md `balance`), in a planner's words.
fn balance(h: &mut String, balance: &[Balance], goal: BalanceGoal) {
    if balance.is_empty() {
        return;
    }
    heading(h, msg!("paper-balance"));
    note(h, msg!("paper-balance-intro"));
    table_head(
        h,
        &[
            (msg!("paper-district"), true),
            (msg!("paper-level"), true),
            (msg!("paper-indicator"), true),
            (msg!("paper-schools"), false),
            (msg!("paper-before"), false),
            (msg!("paper-after"), false),
            (msg!("paper-limit"), false),
            (msg!("paper-result"), true),
            (msg!("paper-kept-heading"), true),
        ],
    );
    for b in balance {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{:.2}</td><td class=\"t\">{}</td><td class=\"t\">{}</td></tr>",
            district(&b.district),
            text(msg!("paper-level-name", level = b.level.key())),
            text(b.indicator.label()),
            b.schools,
            cv(b.cv_before, b.limit),
            cv(b.cv_after, b.allowed().unwrap_or(b.limit)),
            b.limit,
            b.passes_after().map_or("-".to_string(), verdict),
            match (b.cv_after.is_some(), b.kept()) {
                (false, _) => "-".to_string(),
                (true, true) => format!("<span class=\"pass\">{}</span>", text(msg!("paper-kept"))),
                (true, false) => format!(
                    "<span class=\"fail\">{}</span>",
                    text(msg!("paper-not-kept"))
                ),
            },
        );
    }
    h.push_str("</tbody></table>");
    let lost = crate::indicators::not_kept(balance).count();
    if lost > 0 {
        // The report reads a plan file, which does not say whether the
        // plan was proven best: the plan's table and JSON do; the page
        // says what a planner can do in either case.
        let how = match goal {
            BalanceGoal::Report => msg!("paper-balance-keep-how"),
            _ => msg!("paper-balance-goal-how", goal = goal.name()),
        };
        note(h, msg!("paper-balance-not-kept", count = lost, how = how));
    }
}

#[cfg(test)]
mod tests {
    use crate::messages::{Lang, render_in};
    use crate::msg;

    #[test]
    fn one_cv_not_kept_is_singular() {
        let note = |count: usize| {
            render_in(
                Lang::En,
                &msg!("paper-balance-not-kept", count = count, how = "x"),
            )
        };
        assert_eq!(note(1), "1 CV is not kept: x.");
        assert_eq!(note(4), "4 CVs are not kept: x.");
        assert_eq!(note(0), "0 CVs are not kept: x.");
    }
}
