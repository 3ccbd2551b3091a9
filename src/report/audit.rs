//! How an audit is shown: the per-scope counts with pass or fail, then the
//! violations grouped by rule; or the JSON object of `--format json`.

use super::text::TextTable;
use crate::audit::{AuditReport, UnitCount};
use crate::messages::Message;
use crate::msg;
use crate::policy::Policy;
use crate::policy::rules::Builtin;
use std::collections::BTreeMap;

/// The two binding ratios, as the plan's and the audit's tables head
/// them: `rotate >= 0.1 of eligible teachers, backbone >= 0.2 of rotating`.
pub fn bounds(policy: &Policy) -> Message {
    msg!(
        "report-bounds",
        ratio = policy.min_rotation_ratio.to_string(),
        share = policy.min_backbone_share.to_string()
    )
}

pub fn table(report: &AuditReport, policy: &Policy) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        msg!("report-audit-title", bounds = bounds(policy)),
        msg!(
            "report-year-as-of",
            year = report.plan_year,
            as_of = &report.as_of
        )
    );
    let by_school = report.scopes.iter().any(|s| s.school.is_some());
    let mut header = vec![msg!("report-col-district")];
    if by_school {
        header.push(msg!("report-col-school"));
    }
    header.extend([
        msg!("report-col-eligible"),
        msg!("report-col-required"),
        msg!("report-col-rotating"),
        msg!("report-col-backbone"),
        msg!("report-audit-col-backbone-required"),
        msg!("report-audit-col-result"),
    ]);
    let mut t = TextTable::new(&header);
    for s in &report.scopes {
        let mut row = vec![if s.district.is_empty() {
            msg!("report-all").to_string()
        } else {
            s.district.clone()
        }];
        if by_school {
            row.push(s.school.clone().unwrap_or_default());
        }
        row.extend([
            s.eligible.to_string(),
            s.required.to_string(),
            s.rotating.to_string(),
            s.backbone.to_string(),
            s.backbone_required.to_string(),
            if s.ok {
                msg!("report-pass")
            } else {
                msg!("report-fail")
            }
            .to_string(),
        ]);
        t.row(row);
    }
    out.push_str(&t.render());
    out.push_str(&rule_lines(policy, &report.rules));
    if let (Some(filled), Some(total)) = (report.needs_filled, report.needs_total) {
        out.push_str(&format!(
            "\n{}\n",
            msg!("report-audit-needs-filled", filled = filled, total = total)
        ));
    }
    if report.violations.is_empty() {
        out.push_str(&format!("\n{}\n", msg!("report-audit-ok")));
        return out;
    }
    let mut by_rule: BTreeMap<&str, Vec<&crate::audit::Violation>> = BTreeMap::new();
    for v in &report.violations {
        by_rule.entry(&v.rule).or_default().push(v);
    }
    let n = report.violations.len();
    out.push_str(&format!("\n{}\n", msg!("report-audit-violations", n = n)));
    for (rule, list) in by_rule {
        out.push_str(&format!("\n{rule} ({}):\n", list.len()));
        for v in list {
            match v.line {
                Some(line) => out.push_str(&format!(
                    "  {}\n",
                    msg!(
                        "report-audit-line",
                        line = line,
                        message = v.message.clone()
                    )
                )),
                None => out.push_str(&format!("  {}\n", v.message)),
            }
        }
    }
    out
}

/// One line per rule beyond the two binding ratios (shown in the table
/// above them): its bound and how many of its units pass, e.g.
/// `毕业年级 30% (>= 30% of eligible): 3 of 3 units pass`.
pub fn rule_lines(policy: &Policy, units: &[UnitCount]) -> String {
    let mut out = String::new();
    for rule in policy.rules() {
        if matches!(
            rule.builtin,
            Some(Builtin::RotationRatio | Builtin::BackboneShare)
        ) {
            continue;
        }
        let mine: Vec<&UnitCount> = units.iter().filter(|u| u.rule == rule.name).collect();
        if mine.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(&format!("\n{}\n", msg!("report-rules")));
        }
        let pass = mine.iter().filter(|u| u.ok).count();
        let line = msg!(
            "report-rule-units",
            rule = rule.describe(),
            pass = pass,
            units = mine.len()
        );
        if pass == mine.len() {
            out.push_str(&format!("  {line}\n"));
        } else {
            out.push_str(&format!("  {line}  {}\n", msg!("report-fail")));
        }
    }
    out
}

pub fn json(report: &AuditReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
