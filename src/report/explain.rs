//! How `rotaplan explain` is shown: the teacher, the reasons, where the
//! plan sends them, and the plan's figures beside the alternative's.

use super::text::TextTable;
use crate::msg;
use crate::plan::explain::{Explanation, Figures};

/// The explanation as text.
pub fn table(e: &Explanation) -> String {
    let mut out = format!(
        "{}\n",
        msg!(
            "report-explain-teacher",
            teacher = e.teacher.as_str(),
            name = e.name.as_str(),
            school = e.school.as_str()
        )
    );
    if e.reasons.is_empty() {
        out += &format!("{}\n", msg!("report-explain-eligible"));
    } else {
        out += &format!("{}\n", msg!("report-explain-not-eligible"));
        for r in &e.reasons {
            out += &format!("  {} ({})\n", r, r.code());
        }
    }
    out += &format!(
        "{}\n",
        match &e.to_school {
            Some(s) => msg!("report-explain-rotates", school = s.as_str()),
            None => msg!("report-explain-stays"),
        }
    );
    for v in &e.priority {
        out += &format!(
            "{}\n",
            msg!(
                "report-explain-priority",
                stage = v.stage.as_str(),
                value = v.value
            )
        );
    }
    let Some(alt) = &e.alternative else {
        return out;
    };
    out += &format!(
        "\n{}\n",
        msg!("report-explain-alternative", kind = alt.kind)
    );
    let Some(other) = &alt.figures else {
        out += &format!("{}\n", msg!("report-explain-infeasible"));
        return out;
    };
    let mut t = TextTable::new(&[
        msg!("report-explain-col-figure"),
        msg!("report-explain-col-plan"),
        msg!("report-explain-col-alternative"),
    ]);
    let row = |label, f: &dyn Fn(&Figures) -> String| vec![label, f(&e.plan), f(other)];
    t.row(row(msg!("report-col-rotating").to_string(), &|f| {
        f.rotating.to_string()
    }));
    t.row(row(msg!("report-explain-needs-filled").to_string(), &|f| {
        f.needs_filled.to_string()
    }));
    t.row(row(msg!("report-explain-distance").to_string(), &|f| {
        super::km(f.total_distance_km)
    }));
    t.row(row(msg!("report-explain-cvs-kept").to_string(), &|f| {
        format!("{} / {}", f.cvs_kept, f.cvs)
    }));
    for (k, m) in e.plan.margins.iter().enumerate() {
        let place = m.school.clone().unwrap_or_else(|| m.district.clone());
        t.row(vec![
            msg!(
                "report-explain-margin",
                rule = m.rule.as_str(),
                place = place
            )
            .to_string(),
            m.margin.to_string(),
            other
                .margins
                .get(k)
                .map_or("-".to_string(), |o| o.margin.to_string()),
        ]);
    }
    out += &t.render();
    out += &format!(
        "\n{}\n",
        msg!("report-explain-changes", count = other.changes.len())
    );
    let none = msg!("report-changes-none").to_string();
    for c in &other.changes {
        out += &format!(
            "  {} {}: {} -> {}\n",
            c.teacher,
            c.name,
            c.before.clone().unwrap_or_else(|| none.clone()),
            c.after.clone().unwrap_or_else(|| none.clone())
        );
    }
    out
}
