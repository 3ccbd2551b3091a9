//! `rotaplan compare`: what-if scenarios side by side. The data set is read
//! once; each scenario is a policy (the baseline, a scenario file laid
//! over it, or one point of a `--sweep` cross product) planned in parallel
//! with rayon, and summed up in one row. An infeasible scenario keeps its
//! row and its reason; it never stops the others.

use crate::domain::DataSet;
use crate::error::{Error, InputError};
use crate::indicators::{self, Worst};
use crate::msg;
use crate::plan::{Figures, RotationPlan, plan};
use crate::policy::Policy;
use crate::progress::{Progress, Quiet};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// A named policy to plan with.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub policy: Policy,
}

/// The baseline, then each scenario file, then each point of the sweeps'
/// cross product, all laid over `base`.
pub fn scenarios(
    base: &Policy,
    files: &[&Path],
    sweeps: &[String],
) -> Result<Vec<Scenario>, Error> {
    let mut all = vec![Scenario {
        name: "baseline".to_string(),
        policy: base.clone(),
    }];
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(*path, e))?;
        let source = path.display().to_string();
        let (policy, name) = base.overlay_toml(&source, &text)?;
        all.push(Scenario {
            name: name.unwrap_or_else(|| stem(path)),
            policy: policy.checked(&source, Some(&text))?,
        });
    }
    let axes = sweeps
        .iter()
        .map(|s| parse_sweep(s))
        .collect::<Result<Vec<_>, _>>()?;
    let points = axes
        .iter()
        .try_fold(1usize, |n, (_, values)| n.checked_mul(values.len()))
        .filter(|&n| n <= MAX_SCENARIOS);
    if points.is_none() {
        return Err(Error::Usage(msg!(
            "plan-sweep-too-many",
            most = MAX_SCENARIOS
        )));
    }
    for point in cross_product(&axes) {
        let mut policy = base.clone();
        for (key, value) in &point {
            policy = overlay_value(&policy, key, value)?;
        }
        all.push(Scenario {
            name: point
                .iter()
                .map(|(k, v)| format!("{}={v}", short_key(k)))
                .collect::<Vec<_>>()
                .join(" "),
            policy: policy.checked("--sweep", None)?,
        });
    }
    Ok(all)
}

/// The most scenarios a sweep may make: each is a whole plan.
const MAX_SCENARIOS: usize = 10_000;

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// A policy key as shown in a sweep scenario's name, short enough for a
/// table row.
fn short_key(key: &str) -> &str {
    match key {
        "min_rotation_ratio" => "ratio",
        "min_backbone_share" => "backbone",
        "max_rotation_ratio" => "max_ratio",
        "max_subject_share" => "subject_share",
        "min_years_at_school" => "min_years",
        "cooldown_years" => "cooldown",
        "time_limit_seconds" => "time_limit",
        "improve_indicators" => "indicators",
        other => other,
    }
}

/// `KEY=V1,V2,...` into the key and its values.
fn parse_sweep(text: &str) -> Result<(String, Vec<String>), Error> {
    let bad = || Error::Usage(msg!("plan-sweep-expected", sweep = text));
    let (key, values) = text.split_once('=').ok_or_else(bad)?;
    let values: Vec<String> = values.split(',').map(|v| v.trim().to_string()).collect();
    if key.trim().is_empty() || values.iter().any(String::is_empty) {
        return Err(bad());
    }
    Ok((key.trim().to_string(), values))
}

/// One policy key set to a value given on the command line: as a TOML
/// value when it is one (`0.12`, `55`), else as text (`school`).
fn overlay_value(policy: &Policy, key: &str, value: &str) -> Result<Policy, InputError> {
    let source = format!("--sweep {key}");
    // `priority` (programme.md) is a list: its stages joined by `+`
    // (`volunteer+points`), `none` for no stage.
    if key == "priority" {
        let stages: Vec<toml::Value> = value
            .split('+')
            .map(str::trim)
            .filter(|s| !s.is_empty() && *s != "none")
            .map(|s| toml::Value::String(s.to_string()))
            .collect();
        let text = format!("priority = {}\n", toml::Value::Array(stages));
        return Ok(policy.overlay_toml(&source, &text)?.0);
    }
    let as_value = format!("{key} = {value}\n");
    let as_text = format!("{key} = {}\n", toml::Value::String(value.to_string()));
    let text = if as_value.parse::<toml::Table>().is_ok() {
        as_value
    } else {
        as_text
    };
    let (policy, _) = policy.overlay_toml(&source, &text)?;
    Ok(policy)
}

fn cross_product(axes: &[(String, Vec<String>)]) -> Vec<Vec<(String, String)>> {
    if axes.is_empty() {
        return Vec::new();
    }
    axes.iter().fold(vec![Vec::new()], |points, (key, values)| {
        points
            .iter()
            .flat_map(|p| {
                values.iter().map(move |v| {
                    let mut next = p.clone();
                    next.push((key.clone(), v.clone()));
                    next
                })
            })
            .collect()
    })
}

/// One scenario's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub scenario: String,
    /// The plan year and the day eligibility was measured.
    pub plan_year: i64,
    pub as_of: String,
    /// `optimal`, `not_proven_optimal`, `infeasible` or `error`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// An infeasible scenario's rules that cannot be met, each with what
    /// would fix it (rules.md).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub infeasible: Vec<crate::error::Infeasibility>,
    #[serde(flatten)]
    pub figures: Figures,
    /// The largest share of one sending school's eligible teachers that
    /// leaves, from 0 to 1 (0 when no sending school has eligible
    /// teachers); `None` when the scenario was not solved.
    pub max_leave_share: Option<f64>,
    pub max_leave_school: Option<String>,
    /// Quality-balance CVs (backbone, sports & arts) the plan does not
    /// keep (objectives.md); `None` when not solved.
    pub cvs_not_kept: Option<u64>,
    pub solve_seconds: f64,
    /// Per level and indicator, the largest CV over the districts, before
    /// and after the plan (empty when not solved).
    pub balance: Vec<Worst>,
    #[serde(skip)]
    pub plan: Option<RotationPlan>,
}

/// Plans every scenario in parallel; rows in the scenarios' order.
pub fn run(data: &DataSet, scenarios: &[Scenario]) -> Vec<Row> {
    run_with(data, scenarios, &Quiet)
}

/// `run`, telling `progress` of each scenario planned.
pub fn run_with(data: &DataSet, scenarios: &[Scenario], progress: &dyn Progress) -> Vec<Row> {
    progress.total(scenarios.len() as u64);
    scenarios
        .par_iter()
        .map(|s| {
            let start = std::time::Instant::now();
            // A scenario's refills and pins (programme.md), as `plan`
            // under its policy has them.
            let result = if crate::eligibility::changes_data(&s.policy) {
                let mut own = data.clone();
                crate::eligibility::add_programme(&mut own, &s.policy);
                plan(&own, &s.policy)
            } else {
                plan(data, &s.policy)
            };
            progress.step();
            let mut row = row(&s.name, result, start.elapsed().as_secs_f64());
            row.plan_year = s.policy.plan_year;
            row.as_of = s.policy.as_of().to_string();
            // fit.md: without students the balance is not computed, and
            // `cv!` shows `-`, not 0.
            if crate::indicators::balance_not_computed(data) {
                row.cvs_not_kept = None;
            }
            row
        })
        .collect()
}

fn row(name: &str, result: Result<RotationPlan, Error>, seconds: f64) -> Row {
    let mut row = Row {
        scenario: name.to_string(),
        plan_year: 0,
        as_of: String::new(),
        status: "optimal",
        reason: None,
        infeasible: Vec::new(),
        figures: Figures::default(),
        max_leave_share: None,
        max_leave_school: None,
        cvs_not_kept: None,
        solve_seconds: seconds,
        balance: Vec::new(),
        plan: None,
    };
    let plan = match result {
        Ok(plan) => plan,
        Err(e) => {
            row.status = "error";
            row.reason = Some(e.to_string());
            return row;
        }
    };
    row.figures = plan.figures();
    if !plan.feasible() {
        row.status = "infeasible";
        row.infeasible = plan.infeasibilities();
        row.reason = Some(
            plan.infeasibilities()
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        );
        return row;
    }
    if !plan.optimal() {
        row.status = "not_proven_optimal";
    }
    // As in the plan's JSON: 0, with no school, when no sending school
    // has eligible teachers (objectives.md); null only when not solved.
    row.max_leave_share = Some(0.0);
    if let Some((school, share)) = largest_leave_share(&plan) {
        row.max_leave_school = Some(school);
        row.max_leave_share = Some(share);
    }
    row.balance = indicators::worst(&plan.balance);
    row.cvs_not_kept = Some(indicators::not_kept(&plan.balance).count() as u64);
    row.plan = Some(plan);
    row
}

/// The largest leave share over the plan's districts, exactly (the
/// smallest school id on a tie), as (school id, share).
fn largest_leave_share(plan: &RotationPlan) -> Option<(String, f64)> {
    plan.districts
        .iter()
        .filter_map(|d| Some((d.max_leave?, d.max_leave_school.clone()?, d.max_leave_share)))
        .reduce(|best, next| {
            let (a, b) = (
                u128::from(next.0.0) * u128::from(best.0.1),
                u128::from(best.0.0) * u128::from(next.0.1),
            );
            if a > b || (a == b && next.1.as_bytes() < best.1.as_bytes()) {
                next
            } else {
                best
            }
        })
        .map(|(_, school, share)| (school, share))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweeps_form_a_cross_product_in_order() {
        let base = Policy::default();
        let sweeps = vec![
            "min_rotation_ratio=0.10,0.12".to_string(),
            "scope=district,school".to_string(),
        ];
        let s = scenarios(&base, &[], &sweeps).unwrap();
        let names: Vec<&str> = s.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "baseline",
                "ratio=0.10 scope=district",
                "ratio=0.10 scope=school",
                "ratio=0.12 scope=district",
                "ratio=0.12 scope=school"
            ]
        );
        assert_eq!(
            s[3].policy.min_rotation_ratio,
            crate::policy::Ratio::new(3, 25)
        );
    }

    #[test]
    fn unknown_sweep_key_names_the_key() {
        let e = scenarios(&Policy::default(), &[], &["ratio=0.1".to_string()]).unwrap_err();
        assert!(e.to_string().contains("ratio"), "{e}");
        assert_eq!(e.exit_code(), 2);
        assert!(parse_sweep("min_rotation_ratio").is_err());
        assert!(parse_sweep("min_rotation_ratio=0.1,").is_err());
        // 10^5 scenarios are refused before any is made.
        let wide = "min_years_at_school=1,2,3,4,5,6,7,8,9,10".to_string();
        let e = scenarios(&Policy::default(), &[], &vec![wide; 5]).unwrap_err();
        assert!(e.to_string().contains("10000 scenarios"), "{e}");
    }
}
