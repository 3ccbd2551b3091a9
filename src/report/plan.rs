//! How a rotation plan is shown: `plan.csv` (the contract's columns first,
//! then the project's), the per-district summary table, and the JSON
//! object of `--format json`.

use super::text::TextTable;
use super::{km, text_cell};
use crate::domain::DataSet;
use crate::msg;
use crate::plan::{DistrictSummary, RotationPlan};
use crate::policy::Policy;
use crate::solve::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// The columns of `plan.csv`: the contract's seven, then extras.
pub const COLUMNS: &[&str] = &[
    "teacher",
    "name",
    "subject",
    "backbone",
    "from_school",
    "to_school",
    "distance_km",
    "district",
    "backbone_level",
    "from_school_name",
    "to_school_name",
    "preference_rank",
    "year",
    "end_year",
    "transfer",
    "pin",
    "post",
];

/// One row of the plan, as written.
#[derive(Debug, Clone, Serialize)]
pub struct PlanRow<'a> {
    pub teacher: &'a str,
    pub name: &'a str,
    pub subject: &'a str,
    pub backbone: bool,
    pub from_school: &'a str,
    pub to_school: &'a str,
    pub distance_km: Option<f64>,
    pub district: &'a str,
    pub backbone_level: crate::domain::Backbone,
    pub from_school_name: &'a str,
    pub to_school_name: &'a str,
    pub preference_rank: Option<u32>,
    /// The plan year (programme.md: a plan file read as history says
    /// when the rotation started).
    pub year: i64,
    /// The last school year of the term (`year + term - 1`); `None` for
    /// a transfer.
    pub end_year: Option<i64>,
    pub transfer: bool,
    /// Why the teacher had to rotate: `assign_to`, `must_rotate`, or
    /// empty.
    pub pin: &'static str,
    /// 校长 for a principal's move (principals.md "The plan", a vice
    /// principal taking a post too); empty for a teacher's rotation.
    pub post: &'static str,
}

pub fn rows<'a>(
    data: &'a DataSet,
    policy: &crate::policy::Policy,
    plan: &RotationPlan,
) -> Vec<PlanRow<'a>> {
    plan.rotations
        .iter()
        .map(|r| {
            let t = &data.teachers[r.teacher];
            let term = policy.term_of(t);
            PlanRow {
                preference_rank: r.preference_rank,
                end_year: term.end_year(policy.plan_year),
                transfer: term == crate::domain::Term::Transfer,
                pin: pin_word(t),
                ..row_of(
                    data,
                    policy,
                    r.teacher,
                    t.school,
                    r.to_school,
                    r.distance_km,
                )
            }
        })
        .chain(principal_rows(data, policy, plan))
        .collect()
}

/// The row of teacher `t` going from school `from` to school `to`, the
/// teacher's and the schools' cells filled; no preference, no end year, a
/// transfer, no pin and no post, for the caller to set.
fn row_of<'a>(
    data: &'a DataSet,
    policy: &crate::policy::Policy,
    t: usize,
    from: usize,
    to: usize,
    distance_km: Option<f64>,
) -> PlanRow<'a> {
    let teacher = &data.teachers[t];
    let (from, to) = (&data.schools[from], &data.schools[to]);
    PlanRow {
        teacher: &teacher.id,
        name: &teacher.name,
        subject: &teacher.subject,
        backbone: policy.is_backbone(teacher),
        from_school: &from.id,
        to_school: &to.id,
        distance_km,
        district: &from.district,
        backbone_level: teacher.backbone,
        from_school_name: &from.name,
        to_school_name: &to.name,
        preference_rank: None,
        year: policy.plan_year,
        end_year: None,
        transfer: true,
        pin: "",
        post: "",
    }
}

/// The principals' moves as plan rows, after the teachers' (principals.md
/// "The plan"): by district, sending school and id; `post` 校长, the plan
/// year, no end year, a transfer.
fn principal_rows<'a>(
    data: &'a DataSet,
    policy: &crate::policy::Policy,
    plan: &RotationPlan,
) -> Vec<PlanRow<'a>> {
    let mut rows: Vec<PlanRow<'a>> = plan
        .principals
        .moves()
        .map(|m| PlanRow {
            post: crate::domain::Post::Principal.chinese(),
            ..row_of(
                data,
                policy,
                m.teacher,
                m.from_school,
                m.to_school,
                m.distance_km,
            )
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.district, a.from_school, a.teacher).cmp(&(b.district, b.from_school, b.teacher))
    });
    rows
}

/// The pin a teacher rotates under, as plan.csv's `pin` writes it.
fn pin_word(t: &crate::domain::Teacher) -> &'static str {
    if t.pinned_after_years() {
        return "must_rotate_after_years";
    }
    match crate::model::Pin::of(t) {
        crate::model::Pin::AssignTo(_) => "assign_to",
        crate::model::Pin::MustRotate => "must_rotate",
        crate::model::Pin::Free => "",
    }
}

/// `plan.csv`'s bytes: UTF-8, after a byte-order mark when `bom` (papers.md
/// "CSV for Excel and WPS": Excel and WPS then open Chinese text as
/// written), distances with three decimals, text cells guarded against
/// formulas (`text_cell`).
pub fn write_csv(out: &mut dyn std::io::Write, rows: &[PlanRow], bom: bool) -> std::io::Result<()> {
    if bom {
        out.write_all(super::BOM)?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for r in rows {
        w.write_record([
            &*text_cell(r.teacher),
            &*text_cell(r.name),
            &*text_cell(r.subject),
            if r.backbone { "true" } else { "false" },
            &*text_cell(r.from_school),
            &*text_cell(r.to_school),
            &r.distance_km.map(km).unwrap_or_default(),
            &*text_cell(r.district),
            r.backbone_level.name(),
            &*text_cell(r.from_school_name),
            &*text_cell(r.to_school_name),
            &r.preference_rank.map(|k| k.to_string()).unwrap_or_default(),
            &r.year.to_string(),
            &r.end_year.map(|y| y.to_string()).unwrap_or_default(),
            if r.transfer { "true" } else { "false" },
            r.pin,
            r.post,
        ])?;
    }
    w.flush()
}

/// The per-district summary a planner reads at a glance.
///
/// `rules` are the audited units of every rule (empty when the plan is
/// infeasible); the rules beyond the two binding ratios get a line each.
pub fn table(
    plan: &RotationPlan,
    policy: &Policy,
    data: &DataSet,
    rules: &[crate::audit::UnitCount],
) -> String {
    let scope = match policy.scope {
        crate::policy::Scope::District => msg!("report-plan-scope-district"),
        crate::policy::Scope::School => msg!("report-plan-scope-school"),
        crate::policy::Scope::Group => msg!("report-plan-scope-group"),
    };
    let mut out = format!(
        "{}\n{}\n\n",
        msg!(
            "report-plan-title",
            bounds = super::audit::bounds(policy),
            scope = scope
        ),
        msg!(
            "report-plan-dates",
            year = policy.plan_year,
            next = policy.plan_year + 1,
            as_of = policy.as_of().to_string()
        )
    );
    let mut t = TextTable::new(&[
        msg!("report-col-district"),
        msg!("report-col-eligible"),
        msg!("report-col-required"),
        msg!("report-col-rotating"),
        msg!("report-col-backbone"),
        msg!("report-plan-col-share"),
        msg!("report-plan-col-needs"),
        msg!("report-plan-col-distance"),
        msg!("report-plan-col-mean"),
        msg!("report-plan-col-leave"),
        msg!("report-plan-col-status"),
        msg!("report-plan-col-time"),
    ]);
    for d in &plan.districts {
        t.row(summary_cells(d));
    }
    if plan.districts.len() > 1 {
        let total = totals(plan);
        t.row(summary_cells(&total));
    }
    out.push_str(&t.render());
    let infeasible = plan.infeasibilities();
    if !infeasible.is_empty() {
        out.push_str(&format!("\n{}\n", msg!("report-plan-infeasible")));
        for i in &infeasible {
            out.push_str(&format!("  {i}\n"));
        }
    } else if !plan.optimal() {
        out.push_str(&format!("\n{}\n", msg!("report-plan-not-optimal")));
    }
    if policy.timed() {
        out.push_str(&format!("{}\n", msg!("report-plan-may-vary")));
    }
    out.push_str(&super::audit::rule_lines(policy, rules));
    out.push_str(&ineligible_line(plan, data));
    out.push_str(&principals_lines(data, plan));
    if plan.feasible() {
        let unproven: Vec<&str> = plan
            .districts
            .iter()
            .filter(|d| d.harm_status == Some(Status::TimeLimit))
            .map(|d| d.district.as_str())
            .collect();
        out.push_str(&super::indicators::plan_section(
            &plan.balance,
            policy.balance,
            &unproven,
        ));
        if crate::indicators::balance_not_computed(data) {
            out.push_str(&format!("\n{}\n", msg!("report-balance-not-computed")));
        }
    }
    out
}

fn summary_cells(d: &DistrictSummary) -> Vec<String> {
    let share = d
        .figures
        .backbone_share()
        .map_or("-".to_string(), |s| format!("{:.1}%", 100.0 * s));
    vec![
        if d.district.is_empty() {
            msg!("report-all").to_string()
        } else {
            d.district.clone()
        },
        d.figures.eligible.to_string(),
        d.figures.required.to_string(),
        d.figures.rotating.to_string(),
        d.figures.backbone.to_string(),
        share,
        format!("{} / {}", d.figures.needs_filled, d.figures.needs_total),
        format!("{:.1}", d.figures.total_distance_km),
        d.figures
            .mean_distance_km
            .map_or("-".to_string(), |m| format!("{m:.1}")),
        match (&d.max_leave_school, d.max_leave) {
            (Some(school), Some((leaving, eligible))) => {
                format!("{:.1}% {school}", 100.0 * leaving as f64 / eligible as f64)
            }
            _ => "-".to_string(),
        },
        match (d.status, d.infeasible.is_empty()) {
            (_, false) => msg!("report-plan-infeasible-cell").to_string(),
            (Some(s), true) => s.to_string(),
            (None, true) => "-".to_string(),
        },
        format!("{:.2}", d.solve_seconds),
    ]
}

fn totals(plan: &RotationPlan) -> DistrictSummary {
    let largest = plan
        .districts
        .iter()
        .filter(|d| d.max_leave.is_some())
        .max_by(|a, b| a.max_leave_share.total_cmp(&b.max_leave_share));
    DistrictSummary {
        district: msg!("report-total").to_string(),
        figures: plan.figures(),
        max_leave_share: largest.map_or(0.0, |d| d.max_leave_share),
        max_leave_school: largest.and_then(|d| d.max_leave_school.clone()),
        max_leave: largest.and_then(|d| d.max_leave),
        status: plan.districts.iter().filter_map(|d| d.status).max(),
        harm_status: plan.districts.iter().filter_map(|d| d.harm_status).max(),
        solve_seconds: plan.districts.iter().map(|d| d.solve_seconds).sum(),
        infeasible: plan.infeasibilities(),
    }
}

fn ineligible_line(plan: &RotationPlan, _data: &DataSet) -> String {
    if plan.ineligible.is_empty() {
        return String::new();
    }
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, reason) in &plan.ineligible {
        *by_reason.entry(reason.code()).or_default() += 1;
    }
    let parts: Vec<String> = by_reason.iter().map(|(r, n)| format!("{r} {n}")).collect();
    format!(
        "\n{}\n",
        msg!(
            "report-plan-not-eligible",
            count = plan.ineligible.len(),
            reasons = parts.join(", ")
        )
    )
}

#[derive(Serialize)]
struct Ineligible<'a> {
    teacher: &'a str,
    reason: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct PlanJson<'a> {
    feasible: bool,
    optimal: bool,
    plan_year: i64,
    as_of: String,
    #[serde(flatten)]
    figures: crate::plan::Figures,
    districts: &'a [DistrictSummary],
    infeasible: Vec<crate::error::Infeasibility>,
    ineligible: Vec<Ineligible<'a>>,
    /// False when a wall-clock limit is set (`time_limit_seconds`,
    /// `balance_time_limit_seconds`): the plan may then differ from run to
    /// run (objectives.md "Same input, same plan").
    deterministic: bool,
    /// The policy's `level_match` ("same", "qualified" or "any"; fit.md).
    level_match: crate::policy::LevelMatch,
    /// The policy's `balance` ("report", "keep" or "improve").
    balance_goal: crate::policy::BalanceGoal,
    /// Per district, level and indicator (backbone, sports and arts, and
    /// education when the data set gives it), the CV before and after and
    /// whether it is kept (objectives.md; fit.md "Balance: the education
    /// indicator counts").
    balance: serde_json::Value,
    /// Every unit of every rule, as the independent audit counted it.
    rules: &'a [crate::audit::UnitCount],
    plan: &'a [PlanRow<'a>],
    /// One entry per chain or cycle of principals' moves (principals.md
    /// "The plan"); present under `principals = true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    principals: Option<Vec<serde_json::Value>>,
    /// Overdue principals who may not move, with the reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    principals_not_moving: Option<Vec<serde_json::Value>>,
}

/// The principals' chains and cycles as JSON: `{"kind", "moves":
/// [{"teacher", "post", "from_school", "to_school", "distance_km"}]}`.
fn principals_json(data: &DataSet, plan: &RotationPlan) -> Vec<serde_json::Value> {
    plan.principals
        .sequences
        .iter()
        .map(|s| {
            serde_json::json!({
                "kind": s.kind,
                "moves": s.moves.iter().map(|m| serde_json::json!({
                    "teacher": data.teachers[m.teacher].id,
                    "name": data.teachers[m.teacher].name,
                    "post": m.post.chinese(),
                    "from_school": data.schools[m.from_school].id,
                    "to_school": data.schools[m.to_school].id,
                    "distance_km": m.distance_km.map(|d| (d * 1000.0).round() / 1000.0),
                })).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// A chain or cycle of principals' moves in words (principals.md: 甲校校长
/// → 乙校, 乙校校长 → 丙校, ...): its kind (chain or cycle) and each move
/// (`城关一小 副校长 副校长丁 (V1) → 溪口小学`). One home for the words of the
/// table and the report.
pub fn sequence_steps(
    data: &DataSet,
    s: &crate::plan::principals::Sequence,
) -> (crate::messages::Message, Vec<String>) {
    let steps = s
        .moves
        .iter()
        .map(|m| {
            msg!(
                "report-principal-move",
                from = data.schools[m.from_school].name.as_str(),
                post = m.post.chinese(),
                name = data.teachers[m.teacher].name.as_str(),
                teacher = data.teachers[m.teacher].id.as_str(),
                to = data.schools[m.to_school].name.as_str()
            )
            .to_string()
        })
        .collect();
    let kind = match s.kind {
        crate::plan::principals::Kind::Chain => msg!("report-principal-chain"),
        crate::plan::principals::Kind::Cycle => msg!("report-principal-cycle"),
    };
    (kind, steps)
}

/// `sequence_steps` on one line: `chain: 城关一小 副校长 副校长丁 (V1) →
/// 溪口小学, ...`.
pub fn sequence_words(data: &DataSet, s: &crate::plan::principals::Sequence) -> String {
    let (kind, steps) = sequence_steps(data, s);
    let then = msg!("report-principal-then").to_string();
    msg!(
        "report-principal-sequence",
        kind = kind,
        steps = steps.join(&then)
    )
    .to_string()
}

/// The principals' chains in words (principals.md: 甲校校长 → 乙校, 乙校校长
/// → 丙校, ...), one line each, then the overdue principals who may not
/// move; empty without principal moves to show.
pub fn principals_lines(data: &DataSet, plan: &RotationPlan) -> String {
    let p = &plan.principals;
    if p.sequences.is_empty() && p.stuck.is_empty() {
        return String::new();
    }
    let moves = p.moves().count();
    let mut out = format!(
        "\n{}\n",
        msg!(
            "report-principals-title",
            moves = moves,
            sequences = p.sequences.len()
        )
    );
    for s in &p.sequences {
        out.push_str(&format!("  {}\n", sequence_words(data, s)));
    }
    for st in &p.stuck {
        let t = &data.teachers[st.teacher];
        out.push_str(&format!(
            "  {}\n",
            msg!(
                "report-principal-stuck",
                teacher = t.id.as_str(),
                post = t.post().unwrap_or(crate::domain::Post::Principal).chinese(),
                name = t.name.as_str(),
                school = data.schools[t.school].name.as_str(),
                reason = st.reason.as_str()
            )
        ));
    }
    out
}

/// The `--format json` object (keys as in the contract, plus extras).
pub fn json(
    plan: &RotationPlan,
    rows: &[PlanRow],
    data: &DataSet,
    policy: &Policy,
    rules: &[crate::audit::UnitCount],
) -> String {
    let object = PlanJson {
        feasible: plan.feasible(),
        optimal: plan.feasible() && plan.optimal(),
        plan_year: policy.plan_year,
        as_of: policy.as_of().to_string(),
        figures: plan.figures(),
        districts: &plan.districts,
        infeasible: plan.infeasibilities(),
        ineligible: plan
            .ineligible
            .iter()
            .map(|(t, reason)| Ineligible {
                teacher: &data.teachers[*t].id,
                reason: reason.code(),
                detail: reason.to_string(),
            })
            .collect(),
        deterministic: !policy.timed(),
        level_match: policy.level_match,
        balance_goal: policy.balance,
        balance: super::indicators::balance_json(&plan.balance),
        rules,
        plan: rows,
        principals: policy.principals.then(|| principals_json(data, plan)),
        principals_not_moving: policy.principals.then(|| {
            plan.principals
                .stuck
                .iter()
                .map(|s| {
                    serde_json::json!({
                        "teacher": data.teachers[s.teacher].id,
                        "post": data.teachers[s.teacher].post().map(|p| p.chinese()),
                        "school": data.schools[data.teachers[s.teacher].school].id,
                        "reason": s.reason,
                    })
                })
                .collect()
        }),
    };
    serde_json::to_string_pretty(&object).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The changes against a baseline plan (`plan --baseline`, papers.md
/// "Objections and changes"): their number, then one line each with the
/// reason in words.
pub fn changes_table(changes: &[crate::plan::changes::Change], baseline: &str) -> String {
    let mut out = format!(
        "\n{}\n",
        msg!(
            "report-changes-title",
            file = baseline,
            count = changes.len()
        )
    );
    if changes.is_empty() {
        return out;
    }
    let mut t = TextTable::new(&[
        msg!("report-changes-col-teacher"),
        msg!("page-plan-col-name"),
        msg!("report-changes-col-before"),
        msg!("report-changes-col-after"),
        msg!("report-changes-col-reason"),
    ]);
    let none = msg!("report-changes-none").to_string();
    for c in changes {
        t.row(vec![
            c.teacher.clone(),
            c.name.clone(),
            c.before.clone().unwrap_or_else(|| none.clone()),
            c.after.clone().unwrap_or_else(|| none.clone()),
            msg!("report-change-reason", reason = c.reason.as_str()).to_string(),
        ]);
    }
    out.push_str(&t.render());
    out
}
