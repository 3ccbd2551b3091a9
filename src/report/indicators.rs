//! How the quality-balance indicators are shown: per school each
//! indicator per 100 students (before -> after), marked where it is below
//! the threshold; per district and level each CV against its limit; and
//! the JSON of `--format json`.

use super::text::TextTable;
use crate::domain::DataSet;
use crate::indicators::{Balance, Indicator, Indicators, SchoolIndicators, Worst};
use crate::messages::Message;
use crate::msg;
use crate::policy::BalanceGoal;
use serde_json::{Value, json};

/// `0.625`, or `-` when there is no value: three decimals, so that a CV
/// of 0.501 over its limit of 0.50 does not read as 0.50, and more (up
/// to six) when it is above `bound` by less than three show: 0.5004, not
/// 0.500, over 0.50.
pub fn cv(v: Option<f64>, bound: f64) -> String {
    let Some(v) = v else {
        return "-".to_string();
    };
    let mut shown = format!("{v:.3}");
    for places in 4..=6 {
        if v <= bound || shown.parse::<f64>().is_ok_and(|s| s > bound) {
            break;
        }
        shown = format!("{v:.places$}");
    }
    shown
}

/// A CV marked `!` when above its limit (else a space, so that the
/// numbers of a column line up).
fn cv_marked(v: Option<f64>, limit: f64) -> String {
    match v {
        Some(x) if x > limit => format!("{}!", cv(v, limit)),
        v => format!("{} ", cv(v, limit)),
    }
}

/// `before -> after` (or `before` without a plan), each marked.
fn change(before: String, after: Option<String>) -> String {
    match after {
        Some(after) => format!("{before} -> {after}"),
        None => before,
    }
}

/// The CV lines of a plan or an indicators report: one row per district
/// and level, one column per indicator, `before -> after`.
pub fn balance_table(balance: &[Balance]) -> String {
    let indicators: Vec<Indicator> = Indicator::ALL
        .into_iter()
        .filter(|i| balance.iter().any(|b| b.indicator == *i))
        .collect();
    let mut header = vec![
        msg!("report-col-district").to_string(),
        msg!("report-col-level").to_string(),
    ];
    header.extend(indicators.iter().map(|i| i.label().to_string()));
    let mut t = TextTable::new(&header);
    // After a plan a CV can be gone (no teacher of the kind left): `-`.
    let planned = balance.iter().any(|b| b.cv_after.is_some());
    let mut rows = balance.chunk_by(|a, b| a.district == b.district && a.level == b.level);
    for chunk in rows.by_ref() {
        let first = &chunk[0];
        let mut row = vec![
            if first.district.is_empty() {
                msg!("report-all").to_string()
            } else {
                first.district.clone()
            },
            format!("{} ({})", first.level.chinese(), first.schools),
        ];
        for i in &indicators {
            row.push(match chunk.iter().find(|b| b.indicator == *i) {
                Some(b) => change(
                    cv_marked(b.cv_before, b.limit),
                    planned.then(|| cv_marked(b.cv_after, b.limit)),
                ),
                None => "-".to_string(),
            });
        }
        t.row(row);
    }
    t.render()
}

/// The text after the plan's summary table: the CVs, then each planned
/// CV the plan does not keep (to 3 decimals, so that 0.501 over 0.50
/// shows), and how to keep them: `balance = "keep"`, or under it, that
/// these are the least the rules allow, or (marked `*`, for the
/// `unproven` districts, whose harm stage stopped at its time limit) the
/// least found (objectives.md `balance`).
pub fn plan_section(balance: &[Balance], goal: BalanceGoal, unproven: &[&str]) -> String {
    if balance.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n{}\n{}",
        msg!("report-balance-plan-title"),
        balance_table(balance)
    );
    let lost: Vec<&Balance> = crate::indicators::not_kept(balance).collect();
    if lost.is_empty() {
        return out;
    }
    let newly_failing = lost.iter().filter(|b| b.passes_before()).count();
    out.push_str(&format!(
        "\n{}\n",
        msg!(
            "report-not-kept",
            lost = lost.len(),
            planned = balance.len(),
            newly = newly_failing
        )
    ));
    let not_proven =
        |b: &Balance| goal != BalanceGoal::Report && unproven.contains(&b.district.as_str());
    for b in &lost {
        let district = if b.district.is_empty() {
            msg!("report-all").to_string()
        } else {
            b.district.clone()
        };
        let line = msg!(
            "report-not-kept-cv",
            district = district,
            level = b.level.chinese(),
            indicator = b.indicator.label(),
            before = cv(b.cv_before, b.limit),
            after = cv(b.cv_after, b.allowed().unwrap_or(b.limit)),
            limit = format!("{:.2}", b.limit),
            mark = if not_proven(b) { " *" } else { "" }
        );
        out.push_str(&format!("  {line}\n"));
    }
    let goal_name = goal.name();
    let marked = lost.iter().filter(|b| not_proven(b)).count();
    if goal == BalanceGoal::Report {
        for line in msg!("report-keep-advice").to_string().lines() {
            out.push_str(&format!("  {line}\n"));
        }
        return out;
    }
    let (least, found) = (not_kept_note(goal, true), not_kept_note(goal, false));
    let lines = if marked == 0 {
        vec![msg!("report-not-kept-all", goal = goal_name, note = least)]
    } else if marked == lost.len() {
        vec![msg!(
            "report-not-kept-all-marked",
            goal = goal_name,
            note = found
        )]
    } else {
        vec![
            msg!(
                "report-not-kept-some-marked",
                goal = goal_name,
                note = found
            ),
            msg!("report-not-kept-others", note = least),
        ]
    };
    for line in lines {
        out.push_str(&format!("  {line}\n"));
    }
    out
}

/// What the outputs say of a CV the plan does not keep (objectives.md
/// `balance`): under "report" how to keep it; under "keep" or "improve"
/// that it is the least the rules allow, when the district's harm stage
/// was `proven`, or else the least found in its time.
pub fn not_kept_note(goal: BalanceGoal, proven: bool) -> Message {
    match (goal, proven) {
        (BalanceGoal::Report, _) => msg!("report-note-report"),
        (_, true) => msg!("report-note-proven"),
        (_, false) => msg!("report-note-found"),
    }
}

/// The whole `rotaplan indicators` report.
pub fn table(data: &DataSet, ind: &Indicators) -> String {
    let shown: Vec<Indicator> = ind.computed().collect();
    let mut header = vec![
        msg!("report-col-school").to_string(),
        msg!("report-indicators-col-name").to_string(),
        msg!("report-col-level").to_string(),
        msg!("report-indicators-col-students").to_string(),
    ];
    header.extend(shown.iter().map(|i| i.label().to_string()));
    let mut t = TextTable::new(&header);
    for s in &ind.schools {
        let school = &data.schools[s.school];
        let mut row = vec![
            school.id.clone(),
            school.name.clone(),
            s.level.chinese().to_string(),
            s.students.to_string(),
        ];
        for &i in &shown {
            let value = |counts| {
                let below = if s.meets(i, counts) { " " } else { "*" };
                format!("{:.2}{below}", s.value(i, counts))
            };
            row.push(change(value(&s.before), s.after.as_ref().map(value)));
        }
        t.row(row);
    }
    let planned = if ind.schools.iter().any(|s| s.after.is_some()) {
        "yes"
    } else {
        "no"
    };
    let mut out = format!("{}\n\n", msg!("report-indicators-title", planned = planned));
    out.push_str(&t.render());
    if !ind.education_given {
        out.push_str(&format!(
            "\n{}\n",
            msg!(
                "report-indicators-no-education",
                file = data.teachers_file()
            )
        ));
    }
    if !ind.ungraded.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            msg!("report-indicators-ungraded", count = ind.ungraded.len())
        ));
    }
    out.push_str(&format!(
        "\n{}\n{}",
        msg!("report-balance-title"),
        balance_table(&ind.balance)
    ));
    out
}

fn school_json(data: &DataSet, s: &SchoolIndicators, shown: &[Indicator]) -> Value {
    let school = &data.schools[s.school];
    let side = |counts: &[u64; 3], i: Indicator| {
        json!({
            "count": counts[i.index()],
            "per_100_students": s.value(i, counts),
            "meets": s.meets(i, counts),
        })
    };
    let indicators: serde_json::Map<String, Value> = shown
        .iter()
        .map(|&i| {
            let mut v = json!({
                "threshold_per_100": s.level.threshold_tenths(i) as f64 / 10.0,
                "before": side(&s.before, i),
            });
            if let Some(after) = &s.after {
                v["after"] = side(after, i);
            }
            (i.key().to_string(), v)
        })
        .collect();
    json!({
        "school": school.id,
        "name": school.name,
        "district": school.district,
        "level": s.level,
        "students": s.students,
        "indicators": indicators,
    })
}

/// The `--format json` object of `rotaplan indicators`.
pub fn json(data: &DataSet, ind: &Indicators) -> String {
    let shown: Vec<Indicator> = ind.computed().collect();
    let value = json!({
        "schools": ind.schools.iter().map(|s| school_json(data, s, &shown)).collect::<Vec<_>>(),
        "balance": balance_json(&ind.balance),
        "education_given": ind.education_given,
        "ungraded": ind.ungraded.iter().map(|&s| data.schools[s].id.as_str()).collect::<Vec<_>>(),
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The CV rows with their pass flags and `kept`, for every JSON output's
/// `balance`: one entry per district, level and indicator (backbone,
/// sports and arts, and education when the data set gives it:
/// objectives.md, fit.md "Balance: the education indicator counts").
pub fn balance_json(balance: &[Balance]) -> Value {
    balance
        .iter()
        .map(|b| {
            let mut v = row_json(b);
            v["kept"] = json!(b.kept());
            v
        })
        .collect()
}

fn row_json(b: &Balance) -> Value {
    let mut v = serde_json::to_value(b).unwrap_or(Value::Null);
    v["passes_before"] = json!(b.passes_before());
    v["passes_after"] = json!(b.passes_after());
    v
}

/// `primary_backbone` style column names for the worst-CV columns of
/// compare's CSV.
pub fn worst_key(w: &Worst) -> String {
    format!("{}_{}", w.level.key(), w.indicator.key())
}

#[cfg(test)]
mod tests {
    use super::cv;

    #[test]
    fn a_cv_just_over_its_bound_shows_enough_decimals_to_tell() {
        assert_eq!(cv(Some(0.50032), 0.5), "0.5003");
        assert_eq!(cv(Some(0.5000004), 0.5), "0.500000");
        assert_eq!(cv(Some(0.501), 0.5), "0.501");
        assert_eq!(cv(Some(0.4999), 0.5), "0.500");
        assert_eq!(cv(Some(0.7), 0.5), "0.700");
        assert_eq!(cv(None, 0.5), "-");
    }
}
