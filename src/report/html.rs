//! `rotaplan report`: one self-contained HTML page to send upward: the
//! summary, each rule's pass or fail (from the independent audit), the
//! share rotating per sending school and the need filled per rural school
//! as SVG charts, the quality-balance indicators, and the flows from
//! sending to receiving schools. Chinese first, English beside it; inline
//! CSS and SVG only, no script and nothing fetched.

use super::svg::{Bar, bar_chart, escape};
use crate::audit::AuditReport;
use crate::domain::DataSet;
use crate::eligibility;
use crate::indicators::Balance;
use crate::messages::Message;
use crate::msg;
use crate::policy::{BalanceGoal, Policy};
use crate::report::indicators::{cv, not_kept_note};
use std::collections::BTreeMap;
use std::fmt::{Display, Write};

/// Charts show at most this many bars (the lowest values first).
const MAX_BARS: usize = 60;

/// What the report is made from.
pub struct ReportInput<'a> {
    pub data: &'a DataSet,
    pub policy: &'a Policy,
    /// The plan file's name, as given.
    pub plan_file: &'a str,
    /// The plan's moves that name a known teacher and school.
    pub moves: &'a [(usize, usize)],
    pub audit: &'a AuditReport,
    pub balance: &'a [Balance],
}

// catalogue: not a message (CSS)
const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;\
margin:2em auto;max-width:1000px;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;\
border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}table{border-collapse:collapse;\
margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}\
td.t,th.t{text-align:left}.pass{color:#17702a;font-weight:bold}.fail{color:#b00020;font-weight:bold}\
.cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;\
min-width:9em}.card b{display:block;font-size:1.4em}.bar{fill:#4a78b5}.label,.value{font-size:12px}\
.chart-title{font-size:14px;font-weight:bold}.marker{stroke:#b00020;stroke-dasharray:4 3}\
.marker-label{font-size:11px;fill:#b00020}.note{color:#666;font-size:.9em}";

/// A text for the page (a catalogue message, or a value in words),
/// escaped.
fn text(words: impl Display) -> String {
    escape(&words.to_string())
}

fn verdict(ok: bool) -> String {
    if ok {
        format!("<span class=\"pass\">{}</span>", text(msg!("page-pass")))
    } else {
        format!("<span class=\"fail\">{}</span>", text(msg!("page-fail")))
    }
}

/// The district of a row, `(all)` for a county planned as one.
fn district(name: &str) -> String {
    if name.is_empty() {
        text(msg!("report-all"))
    } else {
        escape(name)
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

/// The whole page.
pub fn report(input: &ReportInput) -> String {
    let a = input.audit;
    let p = input.policy;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title>\
         <style>{STYLE}</style></head><body>",
        text(msg!("page-title"))
    );
    let scope = match p.scope {
        crate::policy::Scope::District => msg!("page-scope-district"),
        crate::policy::Scope::School => msg!("page-scope-school"),
        crate::policy::Scope::Group => msg!("page-scope-group"),
    };
    let _ = write!(
        h,
        "<h1>{} <small>{}</small></h1><p class=\"note\">{}</p>",
        text(msg!("page-heading")),
        text(msg!("page-heading-english")),
        text(msg!(
            "page-policy",
            plan = input.plan_file,
            ratio = p.min_rotation_ratio.to_string(),
            backbone = p.min_backbone_share.to_string(),
            scope = scope,
            year = p.plan_year,
            as_of = p.as_of().to_string(),
            version = env!("CARGO_PKG_VERSION"),
        )),
    );
    summary(&mut h, a, input.balance);
    rules(&mut h, a);
    sending_chart(&mut h, input);
    needs_chart(&mut h, input);
    if crate::indicators::balance_not_computed(input.data) {
        let _ = write!(
            h,
            "<p class=\"note\">{}</p>",
            text(msg!("page-balance-not-computed"))
        );
    }
    balance(&mut h, input.balance, p.balance);
    flows(&mut h, input);
    h.push_str("</body></html>\n");
    // Violations name teachers, whose ids may be ID numbers (rosters.md
    // "Personal data").
    crate::domain::mask_id_cards(&h).into_owned()
}

/// The headline cards (papers.md "The report"): the figures as `audit`
/// counts them, whether every rule is met, and apart from it how many
/// 优质均衡 CVs are kept of how many, so that no "pass" stands beside a
/// failing CV unexplained.
fn summary(h: &mut String, a: &AuditReport, balance: &[Balance]) {
    let _ = write!(
        h,
        "<h2>{}</h2><div class=\"cards\">",
        text(msg!("page-summary"))
    );
    let mut card = |label: Message, value: String| {
        let _ = write!(h, "<div class=\"card\">{}<b>{value}</b></div>", text(label));
    };
    card(msg!("page-eligible-teachers"), a.eligible.to_string());
    card(msg!("page-required"), a.required.to_string());
    card(
        msg!("page-rotating-teachers"),
        format!("{} ({})", a.rotating, percent(a.rotating, a.eligible)),
    );
    card(
        msg!("page-backbone-teachers"),
        format!("{} ({})", a.backbone, percent(a.backbone, a.rotating)),
    );
    if let (Some(filled), Some(total)) = (a.needs_filled, a.needs_total) {
        card(msg!("page-needs-filled"), format!("{filled} / {total}"));
    }
    card(msg!("page-verdict"), verdict(a.ok));
    let cvs: Vec<&Balance> = balance.iter().filter(|b| b.cv_after.is_some()).collect();
    if !cvs.is_empty() {
        let kept = cvs.iter().filter(|b| b.kept()).count();
        let class = if kept == cvs.len() { "pass" } else { "fail" };
        card(
            msg!("page-cvs-kept"),
            format!("<span class=\"{class}\">{kept} / {}</span>", cvs.len()),
        );
    }
    h.push_str("</div>");
}

fn rules(h: &mut String, a: &AuditReport) {
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th class=\"t\">{}</th><th class=\"t\">{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=\"t\">{}</th></tr>",
        text(msg!("page-rules")),
        text(msg!("page-district")),
        text(msg!("page-school")),
        text(msg!("page-eligible")),
        text(msg!("page-required")),
        text(msg!("page-rotating")),
        text(msg!("page-backbone")),
        text(msg!("page-backbone-required")),
        text(msg!("page-result")),
    );
    for s in &a.scopes {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            district(&s.district),
            escape(s.school.as_deref().unwrap_or("")),
            s.eligible,
            s.required,
            s.rotating,
            s.backbone,
            s.backbone_required,
            verdict(s.ok)
        );
    }
    h.push_str("</table>");
    if a.violations.is_empty() {
        let _ = write!(h, "<p class=\"pass\">{}</p>", text(msg!("page-rules-met")));
        return;
    }
    let _ = write!(
        h,
        "<p class=\"fail\">{}</p><table><tr><th class=\"t\">{}</th><th>{}</th>\
         <th class=\"t\">{}</th></tr>",
        text(msg!("page-violations", count = a.violations.len())),
        text(msg!("page-violation-rule")),
        text(msg!("page-violation-line")),
        text(msg!("page-violation-message")),
    );
    for v in &a.violations {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            v.rule,
            v.line.map_or(String::new(), |l| l.to_string()),
            text(&v.message)
        );
    }
    h.push_str("</table>");
}

/// Bars sorted by value (lowest first, as those need attention), at most
/// `MAX_BARS`, and a note when some were left out.
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
    h.push_str("<figure>");
    h.push_str(&bar_chart(&title.to_string(), &bars, max, marker));
    if total > MAX_BARS {
        let _ = write!(
            h,
            "<figcaption class=\"note\">{}</figcaption>",
            text(msg!("page-chart-cut", shown = MAX_BARS, total = total))
        );
    }
    h.push_str("</figure>");
}

fn school_label(data: &DataSet, s: usize) -> String {
    let school = &data.schools[s];
    if school.name == school.id {
        school.id.clone()
    } else {
        format!("{} {}", school.id, school.name)
    }
}

fn sending_chart(h: &mut String, input: &ReportInput) {
    let data = input.data;
    let eligible = eligibility::assess(data, input.policy);
    let mut per_school: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    for (t, e) in eligible.iter().enumerate() {
        if e.is_ok() {
            per_school.entry(data.teachers[t].school).or_default().0 += 1;
        }
    }
    for &(t, _) in input.moves {
        let school = data.teachers[t].school;
        if input.policy.is_sending(&data.schools[school]) {
            per_school.entry(school).or_default().1 += 1;
        }
    }
    let bars = per_school
        .iter()
        .filter(|(_, (e, _))| *e > 0)
        .map(|(&s, &(e, r))| Bar {
            label: school_label(data, s),
            value: r as f64 / e as f64,
            text: format!("{r} / {e} ({})", percent(r, e)),
        })
        .collect::<Vec<_>>();
    let _ = write!(h, "<h2>{}</h2>", text(msg!("page-sending")));
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(0.2);
    let rule = input.policy.min_rotation_ratio;
    let line = rule.num() as f64 / rule.den() as f64;
    let label = format!("{rule}");
    chart(
        h,
        msg!("page-sending-chart"),
        bars,
        max,
        Some((line, &label)),
    );
}

fn needs_chart(h: &mut String, input: &ReportInput) {
    let data = input.data;
    let Some(needs) = &data.needs else {
        return;
    };
    let mut arrived: BTreeMap<(usize, &str), u64> = BTreeMap::new();
    for &(t, to) in input.moves {
        *arrived.entry((to, &*data.teachers[t].subject)).or_default() += 1;
    }
    let mut per_school: BTreeMap<usize, (u64, u64)> = BTreeMap::new();
    for n in needs.iter().filter(|n| n.count > 0) {
        let got = arrived
            .get(&(n.school, n.subject.as_str()))
            .copied()
            .unwrap_or(0);
        let e = per_school.entry(n.school).or_default();
        e.0 += u64::from(n.count);
        e.1 += got.min(u64::from(n.count));
    }
    let bars = per_school
        .iter()
        .map(|(&s, &(need, filled))| Bar {
            label: school_label(data, s),
            value: filled as f64 / need as f64,
            text: format!("{filled} / {need}"),
        })
        .collect::<Vec<_>>();
    let _ = write!(h, "<h2>{}</h2>", text(msg!("page-needs")));
    chart(h, msg!("page-needs-chart"), bars, 1.0, None);
}

fn flows(h: &mut String, input: &ReportInput) {
    let data = input.data;
    // (from, to) -> (teachers, backbone, subject -> count)
    type Flow<'d> = (u64, u64, BTreeMap<&'d str, u64>);
    let mut flows: BTreeMap<(&str, &str, usize, usize), Flow> = BTreeMap::new();
    for &(t, to) in input.moves {
        let teacher = &data.teachers[t];
        let from = teacher.school;
        let key = (
            data.schools[from].id.as_str(),
            data.schools[to].id.as_str(),
            from,
            to,
        );
        let f = flows.entry(key).or_default();
        f.0 += 1;
        f.1 += u64::from(input.policy.is_backbone(teacher));
        *f.2.entry(&teacher.subject).or_default() += 1;
    }
    let _ = write!(
        h,
        "<h2>{}</h2><table><tr><th class=\"t\">{}</th><th class=\"t\">{}</th><th>{}</th>\
         <th>{}</th><th class=\"t\">{}</th></tr>",
        text(msg!("page-flows", count = flows.len())),
        text(msg!("page-from")),
        text(msg!("page-to")),
        text(msg!("page-teachers")),
        text(msg!("page-backbone")),
        text(msg!("page-subjects")),
    );
    for ((_, _, from, to), (n, backbone, subjects)) in &flows {
        let subjects: Vec<String> = subjects.iter().map(|(s, k)| format!("{s} {k}")).collect();
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{n}</td><td>{backbone}</td>\
             <td class=\"t\">{}</td></tr>",
            escape(&school_label(data, *from)),
            escape(&school_label(data, *to)),
            escape(&subjects.join(", "))
        );
    }
    h.push_str("</table>");
}

/// The CVs before and after, each marked kept or not, then for those not
/// kept what the plan's table says of them (objectives.md `balance`).
fn balance(h: &mut String, balance: &[Balance], goal: BalanceGoal) {
    if balance.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<h2>{}</h2><p class=\"note\">{}</p><table><tr><th class=\"t\">{}</th>\
         <th class=\"t\">{}</th><th class=\"t\">{}</th><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th class=\"t\">{}</th><th class=\"t\">{}</th></tr>",
        text(msg!("page-balance")),
        text(msg!("page-balance-intro")),
        text(msg!("page-district")),
        text(msg!("page-level")),
        text(msg!("page-indicator")),
        text(msg!("page-schools")),
        text(msg!("page-before")),
        text(msg!("page-after")),
        text(msg!("page-limit")),
        text(msg!("page-result")),
        text(msg!("page-kept")),
    );
    for b in balance {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{:.2}</td><td class=\"t\">{}</td><td class=\"t\">{}</td></tr>",
            district(&b.district),
            b.level.chinese(),
            b.indicator.label(),
            b.schools,
            cv(b.cv_before, b.limit),
            cv(b.cv_after, b.allowed().unwrap_or(b.limit)),
            b.limit,
            b.passes_after().map_or("-".to_string(), verdict),
            match (b.cv_after.is_some(), b.kept()) {
                (false, _) => "-".to_string(),
                (true, true) => format!("<span class=\"pass\">{}</span>", text(msg!("page-kept"))),
                (true, false) => format!(
                    "<span class=\"fail\">{}</span>",
                    text(msg!("page-not-kept"))
                ),
            },
        );
    }
    h.push_str("</table>");
    let lost = crate::indicators::not_kept(balance).count();
    if lost > 0 {
        // The report reads a plan file, which does not say the goal it
        // was made under nor whether its harm was proven: the plan's table
        // and JSON (`harm_status`) do.
        let how = match goal {
            BalanceGoal::Report => msg!(
                "page-balance-keep-how",
                proven = not_kept_note(BalanceGoal::Keep, true)
            ),
            _ => msg!(
                "page-balance-goal-how",
                goal = goal.name(),
                proven = not_kept_note(goal, true),
                unproven = not_kept_note(goal, false)
            ),
        };
        let _ = write!(
            h,
            "<p class=\"note\">{}</p>",
            text(msg!("page-balance-not-kept", count = lost, how = how))
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::messages::render;
    use crate::msg;

    #[test]
    fn one_cv_not_kept_is_singular() {
        let note = |count: usize| render(&msg!("page-balance-not-kept", count = count, how = "x"));
        assert_eq!(note(1), "1 CV not kept (未保持): x.");
        assert_eq!(note(4), "4 CVs not kept (未保持): x.");
        assert_eq!(note(0), "0 CVs not kept (未保持): x.");
    }
}
