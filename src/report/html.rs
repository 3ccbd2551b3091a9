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
use crate::policy::{BalanceGoal, Policy};
use crate::report::indicators::{cv, not_kept_note};
use std::collections::BTreeMap;
use std::fmt::Write;

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

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif;\
margin:2em auto;max-width:1000px;color:#222;padding:0 1em}h1{font-size:1.6em}h2{font-size:1.25em;\
border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}table{border-collapse:collapse;\
margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f3f3f3}\
td.t,th.t{text-align:left}.pass{color:#17702a;font-weight:bold}.fail{color:#b00020;font-weight:bold}\
.cards{display:flex;flex-wrap:wrap;gap:.8em}.card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;\
min-width:9em}.card b{display:block;font-size:1.4em}.bar{fill:#4a78b5}.label,.value{font-size:12px}\
.chart-title{font-size:14px;font-weight:bold}.marker{stroke:#b00020;stroke-dasharray:4 3}\
.marker-label{font-size:11px;fill:#b00020}.note{color:#666;font-size:.9em}";

fn verdict(ok: bool) -> &'static str {
    if ok {
        r#"<span class="pass">达标 pass</span>"#
    } else {
        r#"<span class="fail">未达标 FAIL</span>"#
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
         <meta name=\"viewport\" content=\"width=device-width\"><title>交流轮岗方案报告</title>\
         <style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        h,
        "<h1>教师交流轮岗方案报告 <small>Teacher rotation plan report</small></h1>\
         <p class=\"note\">方案 plan: {} · 政策 policy: 交流比例 ≥ {} of eligible, 骨干比例 ≥ {} of \
         rotating, per {} · 年度 plan year {} · as of {} · rotaplan {}</p>",
        escape(input.plan_file),
        p.min_rotation_ratio,
        p.min_backbone_share,
        match p.scope {
            crate::policy::Scope::District => "district 区县",
            crate::policy::Scope::School => "sending school 派出学校",
            crate::policy::Scope::Group => "education group 教育集团",
        },
        p.plan_year,
        p.as_of(),
        env!("CARGO_PKG_VERSION"),
    );
    summary(&mut h, a);
    rules(&mut h, a);
    sending_chart(&mut h, input);
    needs_chart(&mut h, input);
    balance(&mut h, input.balance, p.balance);
    flows(&mut h, input);
    h.push_str("</body></html>\n");
    // Violations name teachers, whose ids may be ID numbers (rosters.md
    // "Personal data").
    crate::domain::mask_id_cards(&h).into_owned()
}

fn summary(h: &mut String, a: &AuditReport) {
    h.push_str("<h2>总体情况 Summary</h2><div class=\"cards\">");
    let mut card = |label: &str, value: String| {
        let _ = write!(h, "<div class=\"card\">{label}<b>{value}</b></div>");
    };
    card("符合条件教师 eligible", a.eligible.to_string());
    card("应交流 required", a.required.to_string());
    card(
        "交流教师 rotating",
        format!("{} ({})", a.rotating, percent(a.rotating, a.eligible)),
    );
    card(
        "骨干教师 backbone",
        format!("{} ({})", a.backbone, percent(a.backbone, a.rotating)),
    );
    if let (Some(filled), Some(total)) = (a.needs_filled, a.needs_total) {
        card("需求满足 needs filled", format!("{filled} / {total}"));
    }
    card("结论 verdict", verdict(a.ok).to_string());
    h.push_str("</div>");
}

fn rules(h: &mut String, a: &AuditReport) {
    h.push_str(
        "<h2>规则检查 Rules</h2><table><tr><th class=\"t\">区县 district</th>\
         <th class=\"t\">学校 school</th><th>符合条件 eligible</th><th>应交流 required</th>\
         <th>交流 rotating</th><th>骨干 backbone</th><th>骨干应有 backbone required</th>\
         <th class=\"t\">结果 result</th></tr>",
    );
    for s in &a.scopes {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            escape(if s.district.is_empty() {
                "(all)"
            } else {
                &s.district
            }),
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
        h.push_str("<p class=\"pass\">方案满足全部规则。The plan meets every rule.</p>");
        return;
    }
    let _ = write!(
        h,
        "<p class=\"fail\">{} 处违规 violations:</p><table><tr><th class=\"t\">rule</th>\
         <th>line</th><th class=\"t\">message</th></tr>",
        a.violations.len()
    );
    for v in &a.violations {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td>{}</td><td class=\"t\">{}</td></tr>",
            v.rule,
            v.line.map_or(String::new(), |l| l.to_string()),
            escape(&v.message.to_string())
        );
    }
    h.push_str("</table>");
}

/// Bars sorted by value (lowest first, as those need attention), at most
/// `MAX_BARS`, and a note when some were left out.
fn chart(h: &mut String, title: &str, mut bars: Vec<Bar>, max: f64, marker: Option<(f64, &str)>) {
    if bars.is_empty() {
        return;
    }
    bars.sort_by(|a, b| a.value.total_cmp(&b.value).then(a.label.cmp(&b.label)));
    let total = bars.len();
    bars.truncate(MAX_BARS);
    h.push_str("<figure>");
    h.push_str(&bar_chart(title, &bars, max, marker));
    if total > MAX_BARS {
        let _ = write!(
            h,
            "<figcaption class=\"note\">showing the {MAX_BARS} lowest of {total}</figcaption>"
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
    h.push_str("<h2>各派出学校交流比例 Share rotating per sending school</h2>");
    let max = bars.iter().map(|b| b.value).fold(0.0, f64::max).max(0.2);
    let rule = input.policy.min_rotation_ratio;
    let line = rule.num() as f64 / rule.den() as f64;
    let label = format!("{rule}");
    chart(
        h,
        "交流教师 / 符合条件教师 rotating / eligible",
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
    h.push_str("<h2>各乡村学校需求满足 Need filled per rural school</h2>");
    chart(h, "已满足 / 需求 filled / need", bars, 1.0, None);
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
        "<h2>交流流向 Flows ({} 条 pairs)</h2><table><tr><th class=\"t\">派出学校 from</th>\
         <th class=\"t\">接收学校 to</th><th>人数 teachers</th><th>骨干 backbone</th>\
         <th class=\"t\">学科 subjects</th></tr>",
        flows.len()
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
    h.push_str(
        "<h2>优质均衡指标 Quality balance</h2><p class=\"note\">差异系数 (coefficient of \
         variation, weighted by students) per district and level, before and after the plan; \
         limit 0.50 小学, 0.45 初中.</p><table><tr><th class=\"t\">区县 district</th>\
         <th class=\"t\">学段 level</th><th class=\"t\">指标 indicator</th><th>学校 schools</th>\
         <th>之前 before</th><th>之后 after</th><th>限值 limit</th><th class=\"t\">结果 result</th>\
         <th class=\"t\">保持 kept</th></tr>",
    );
    for b in balance {
        let _ = write!(
            h,
            "<tr><td class=\"t\">{}</td><td class=\"t\">{}</td><td class=\"t\">{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{:.2}</td><td class=\"t\">{}</td><td class=\"t\">{}</td></tr>",
            escape(if b.district.is_empty() {
                "(all)"
            } else {
                &b.district
            }),
            b.level.chinese(),
            b.indicator.label(),
            b.schools,
            cv(b.cv_before, b.limit),
            cv(b.cv_after, b.allowed().unwrap_or(b.limit)),
            b.limit,
            b.passes_after().map_or("-", |ok| verdict(ok)),
            // The education indicator is reported, not planned: no
            // verdict on keeping it (objectives.md).
            match (b.cv_after.is_some() && b.planned(), b.kept()) {
                (false, _) => "-",
                (true, true) => "<span class=\"pass\">保持 kept</span>",
                (true, false) => "<span class=\"fail\">未保持 NOT kept</span>",
            },
        );
    }
    h.push_str("</table>");
    let lost = crate::indicators::not_kept(balance).count();
    if lost > 0 {
        // The report reads a plan file, which does not say the goal it
        // was made under nor whether its harm was proven: the plan's table
        // and JSON (`harm_status`) do.
        let note = match goal {
            BalanceGoal::Report => format!(
                "to keep them, plan with balance = \"keep\" (fewer places of need filled); a plan \
                 made with it says in its table and JSON (harm_status) whether those it does not \
                 keep are {}",
                not_kept_note(BalanceGoal::Keep, true)
            ),
            _ => format!(
                "under balance = \"{}\" each is {} where the plan's harm_status is optimal, \
                 else {}",
                goal.name(),
                not_kept_note(goal, true),
                not_kept_note(goal, false)
            ),
        };
        let _ = write!(
            h,
            "<p class=\"note\">{lost} CV{} not kept (未保持): {}.</p>",
            if lost == 1 { "" } else { "s" },
            escape(&note)
        );
    }
}
