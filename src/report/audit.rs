//! How an audit is shown: the per-scope counts with pass or fail, then the
//! violations grouped by rule; or the JSON object of `--format json`.

use super::text::TextTable;
use crate::audit::{AuditReport, UnitCount};
use crate::policy::Policy;
use crate::policy::rules::Builtin;
use std::collections::BTreeMap;

pub fn table(report: &AuditReport, policy: &Policy) -> String {
    let mut out = format!(
        "rotaplan audit: rotate >= {} of eligible teachers, backbone >= {} of rotating\n\
         plan year {}, eligibility as of {}\n\n",
        policy.min_rotation_ratio, policy.min_backbone_share, report.plan_year, report.as_of
    );
    let by_school = report.scopes.iter().any(|s| s.school.is_some());
    let mut header = vec!["district"];
    if by_school {
        header.push("school");
    }
    header.extend([
        "eligible",
        "required",
        "rotating",
        "backbone",
        "backbone required",
        "result",
    ]);
    let mut t = TextTable::new(&header);
    for s in &report.scopes {
        let mut row = vec![if s.district.is_empty() {
            "(all)".to_string()
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
            if s.ok { "pass" } else { "FAIL" }.to_string(),
        ]);
        t.row(row);
    }
    out.push_str(&t.render());
    out.push_str(&rule_lines(policy, &report.rules));
    if let (Some(filled), Some(total)) = (report.needs_filled, report.needs_total) {
        out.push_str(&format!("\nneeds filled: {filled} of {total}\n"));
    }
    if report.violations.is_empty() {
        out.push_str("\nOK: the plan meets every rule.\n");
        return out;
    }
    let mut by_rule: BTreeMap<&str, Vec<&crate::audit::Violation>> = BTreeMap::new();
    for v in &report.violations {
        by_rule.entry(&v.rule).or_default().push(v);
    }
    let n = report.violations.len();
    out.push_str(&format!(
        "\nFAIL: {n} violation{}\n",
        if n == 1 { "" } else { "s" }
    ));
    for (rule, list) in by_rule {
        out.push_str(&format!("\n{rule} ({}):\n", list.len()));
        for v in list {
            match v.line {
                Some(line) => out.push_str(&format!("  line {line}: {}\n", v.message)),
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
            out.push_str("\nrules:\n");
        }
        let pass = mine.iter().filter(|u| u.ok).count();
        out.push_str(&format!(
            "  {}: {pass} of {} units pass{}\n",
            rule.describe(),
            mine.len(),
            if pass == mine.len() { "" } else { "  FAIL" }
        ));
    }
    out
}

pub fn json(report: &AuditReport) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
