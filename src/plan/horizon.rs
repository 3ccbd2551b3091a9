//! The years ahead (programme.md "Looking ahead: `rotaplan horizon`"):
//! the data set of each year of a horizon from the input and the earlier
//! years' plans, and what the years add up to (coverage). Each year is
//! planned exactly as `plan` plans it, by `rotaplan horizon` on the
//! year's data folder as written (`report::data`), so that `plan` on that
//! folder gives the year's plan again.

use crate::domain::{DataSet, PastRotation, Preference};
use crate::policy::Policy;
use rustc_hash::FxHashMap;

/// A rotation of an earlier year of the horizon, by index into the input
/// data set: it becomes a history row of the later years (a plan file
/// read as history, programme.md), and a transfer moves the teacher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Index into the input's `teachers`.
    pub teacher: usize,
    /// The receiving school, by index (the schools do not change).
    pub school: usize,
    /// The plan year the rotation starts.
    pub year: i64,
    /// The last school year of the term; `None` for a transfer.
    pub end_year: Option<i64>,
    pub transfer: bool,
    /// A principal's move (principals.md), not a rotation: the teacher is
    /// 校长 at `school` from then on, with years in the post counted from
    /// 0, and no history row.
    pub principal: bool,
}

/// The data set of the horizon's year `k` (plan year `policy.plan_year`,
/// `k` years after the first) from `input` and the rotations `planned` in
/// the years before it (programme.md "Looking ahead"):
///
/// * the teachers whose retirement date (rules.md, under `policy`) is on
///   or before `policy.as_of()` are left out, in the first year too, with
///   their history and preferences; the others are kept in the input's
///   order, nobody new;
/// * `years_at_school` and `age` are `k` more (dates stay, measured at
///   the year's `as_of`); the years spent away are not counted by
///   eligibility from the history (programme.md "Years after a return");
/// * a teacher transferred in year Y0 is at the receiving school, with
///   `Y - Y0 - 1` years there (0 in the first year they are on its
///   roster) and no `school_entry`; so is a principal or vice principal
///   who took a post (principals.md), now its 校长 with as many years in
///   the post;
/// * from the second year on, the roster's pins (`assign_to`,
///   `must_rotate`) are dropped: they are decisions of the first year's
///   plan, and a teacher pinned again after a rotation would be a pin on
///   a teacher who is away (an infeasible year by rules.md "Pins");
/// * the history is the input's, then `planned`;
/// * the needs are those that apply in the year
///   (`DataSet::keep_needs_of`), without their `year`.
pub fn year_data(input: &DataSet, policy: &Policy, k: u32, planned: &[Planned]) -> DataSet {
    let as_of = policy.as_of();
    let year = policy.plan_year;
    let retired = |t: &crate::domain::Teacher| {
        crate::eligibility::retires_on(t, policy).is_some_and(|day| day <= as_of)
    };
    // Input index -> index in the year's roster.
    let mut at: Vec<Option<usize>> = vec![None; input.teachers.len()];
    let mut teachers = Vec::with_capacity(input.teachers.len());
    let transfers: FxHashMap<usize, &Planned> = planned
        .iter()
        .filter(|p| p.transfer)
        .map(|p| (p.teacher, p))
        .collect();
    for (i, t) in input.teachers.iter().enumerate() {
        if retired(t) {
            continue;
        }
        let mut t = t.clone();
        t.years_at_school = t.years_at_school.map(|y| y + k);
        t.age = t.age.map(|a| a + k);
        if let Some(years) = t.post_years() {
            t.details_mut().post_years = Some(years + k);
        }
        if k > 0 {
            t.assign_to = None;
            t.must_rotate = false;
        }
        if let Some(moved) = transfers.get(&i) {
            let since = u32::try_from(year - moved.year - 1).unwrap_or(0);
            t.school = moved.school;
            t.years_at_school = Some(since);
            if t.school_entry().is_some() {
                t.details_mut().school_entry = None;
            }
            if moved.principal {
                let d = t.details_mut();
                d.post = Some(crate::domain::Post::Principal);
                d.post_start = None;
                d.post_years = Some(since);
            }
        }
        at[i] = Some(teachers.len());
        teachers.push(t);
    }
    let history = input
        .history
        .iter()
        .cloned()
        .chain(
            planned
                .iter()
                .filter(|p| !p.principal)
                .map(|p| PastRotation {
                    teacher: p.teacher,
                    year: p.year,
                    school: Some(p.school),
                    end_year: p.end_year,
                    form: None,
                    transfer: p.transfer,
                }),
        )
        .filter_map(|mut p| {
            p.teacher = at[p.teacher]?;
            Some(p)
        })
        .collect();
    let preferences = input
        .preferences
        .iter()
        .filter_map(|p| {
            Some(Preference {
                teacher: at[p.teacher]?,
                ..p.clone()
            })
        })
        .collect();
    let mut data = DataSet {
        schools: input.schools.clone(),
        teachers,
        needs: input.needs.clone(),
        preferences,
        history,
        extra_columns: input.extra_columns.clone(),
        ..DataSet::default()
    };
    data.keep_needs_of(year);
    for need in data.needs.iter_mut().flatten() {
        need.year = None;
    }
    data
}

/// Who rotated over a horizon (programme.md "Looking ahead", JSON
/// `coverage`): of the teachers eligible in at least one year, those who
/// rotate in at least one of the horizon's own plans. History's rotations
/// do not count; a teacher left out later still counts.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Coverage {
    /// Teachers eligible in at least one year.
    pub eligible: usize,
    /// Of them, those who rotate at least once.
    pub rotated: usize,
    /// The ids of the others, in the input roster's order.
    pub never: Vec<String>,
    /// `rotated / eligible`, 0 when nobody is eligible.
    pub share: f64,
}

impl Coverage {
    /// Coverage from, per input teacher (by index), whether they were
    /// eligible in some year and whether they rotated in some year.
    pub fn of(input: &DataSet, eligible: &[bool], rotated: &[bool]) -> Coverage {
        let mut c = Coverage::default();
        for (i, t) in input.teachers.iter().enumerate() {
            if !eligible[i] {
                continue;
            }
            c.eligible += 1;
            if rotated[i] {
                c.rotated += 1;
            } else {
                c.never.push(t.id.clone());
            }
        }
        c.share = if c.eligible == 0 {
            0.0
        } else {
            c.rotated as f64 / c.eligible as f64
        };
        c
    }
}

/// What one year of a horizon planned (programme.md "Looking ahead",
/// JSON `years[]`): an infeasible year rotates nobody, so its figures
/// count no rotation and its CVs stay as they were.
#[derive(Debug, Clone)]
pub struct YearResult {
    pub year: i64,
    /// The day the year's ages and years are measured.
    pub as_of: chrono::NaiveDate,
    pub feasible: bool,
    /// The plan's figures over every district.
    pub figures: super::Figures,
    /// The ids of the teachers returning this year (rotations, not
    /// transfers, with `end_year` = the year before), in history order.
    pub returning: Vec<String>,
    /// The 优质均衡 CVs before and after the year's plan.
    pub balance: Vec<crate::indicators::Balance>,
    /// Why the year is infeasible, with the fixes; empty when feasible.
    pub infeasible: Vec<crate::error::Infeasibility>,
}

impl YearResult {
    /// The year of `plan`, made on `data` under `policy`.
    pub fn of(data: &DataSet, policy: &Policy, plan: &super::RotationPlan) -> YearResult {
        let feasible = plan.feasible();
        let mut figures = plan.figures();
        let mut balance = plan.balance.clone();
        if !feasible {
            figures.rotating = 0;
            figures.backbone = 0;
            figures.needs_filled = 0;
            figures.total_distance_km = 0.0;
            figures.mean_distance_km = None;
            for b in &mut balance {
                b.cv_after = b.cv_before;
            }
        }
        YearResult {
            year: policy.plan_year,
            as_of: policy.as_of(),
            feasible,
            figures,
            returning: crate::eligibility::returns::returning(data, policy)
                .into_iter()
                .map(|i| data.teachers[data.history[i].teacher].id.clone())
                .collect(),
            balance,
            infeasible: plan.infeasibilities(),
        }
    }

    /// The CVs the year's plan does not keep (`Balance::kept`).
    pub fn cvs_not_kept(&self) -> usize {
        self.balance.iter().filter(|b| !b.kept()).count()
    }
}

/// The first infeasible year and the rules it breaks, each once, in the
/// order found (JSON `first_infeasible`); `None` when every year is
/// feasible.
pub fn first_infeasible(years: &[YearResult]) -> Option<(i64, Vec<String>)> {
    let year = years.iter().find(|y| !y.feasible)?;
    let mut rules: Vec<String> = Vec::new();
    for i in &year.infeasible {
        if !rules.contains(&i.rule) {
            rules.push(i.rule.clone());
        }
    }
    Some((year.year, rules))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Area, RuralNeed, School, Sex, Teacher};
    use chrono::NaiveDate;

    fn input() -> DataSet {
        let school = |id: &str, area| School {
            id: id.into(),
            name: id.into(),
            area,
            quality: false,
            level: None,
            students: None,
            district: String::new(),
            location: None,
            weak: false,
            group: String::new(),
        };
        let teacher = |id: &str| Teacher {
            id: id.into(),
            subject: "数学".into(),
            years_at_school: Some(7),
            age: Some(40),
            ..Teacher::default()
        };
        let need = |count, year| RuralNeed {
            school: 1,
            subject: "数学".into(),
            count,
            weight: 1.0,
            level: None,
            line: 2,
            year,
        };
        let mut d = DataSet {
            schools: vec![school("U", Area::Urban), school("R", Area::Rural)],
            teachers: ["T0", "T1", "T2"].into_iter().map(teacher).collect(),
            needs: Some(vec![need(1, None), need(2, Some(2027))]),
            ..DataSet::default()
        };
        // T2, a woman born 1972-06-01, retires at 55 under the fixed rule.
        d.teachers[2].sex = Some(Sex::Female);
        d.teachers[2].birth_date = NaiveDate::from_ymd_opt(1972, 6, 1);
        d.teachers[0].must_rotate = true;
        d
    }

    fn policy(year: i64) -> Policy {
        Policy {
            plan_year: year,
            retirement: crate::policy::retirement::Retirement::Fixed {
                male: 60,
                female: 55,
            },
            ..Policy::default()
        }
    }

    #[test]
    fn years_advance_the_retired_leave_and_transfers_move() {
        let first = year_data(&input(), &policy(2026), 0, &[]);
        assert_eq!(first.teachers.len(), 3, "T2 retires on 2027-06-01");
        assert!(first.teachers[0].must_rotate, "the first year keeps pins");
        assert_eq!(first.needs.as_ref().unwrap()[0].count, 1);
        let planned = [
            Planned {
                teacher: 0,
                school: 1,
                year: 2026,
                end_year: Some(2026),
                transfer: false,
                principal: false,
            },
            Planned {
                teacher: 1,
                school: 1,
                year: 2026,
                end_year: None,
                transfer: true,
                principal: false,
            },
        ];
        let second = year_data(&input(), &policy(2027), 1, &planned);
        assert_eq!(second.teachers.len(), 2, "T2 retired before 2027-08-31");
        let t0 = &second.teachers[0];
        assert_eq!(
            (t0.school, t0.years_at_school, t0.age),
            (0, Some(8), Some(41))
        );
        assert!(!t0.must_rotate, "pins are the first year's");
        let t1 = &second.teachers[1];
        assert_eq!((t1.school, t1.years_at_school), (1, Some(0)));
        assert_eq!(second.history.len(), 2);
        assert_eq!(second.history[0].end_year, Some(2026));
        // 2027's needs: the row without a year and the row of 2027.
        let needs = second.needs.as_ref().unwrap();
        assert_eq!((needs.len(), needs[0].count, needs[0].year), (1, 3, None));
        let third = year_data(&input(), &policy(2028), 2, &planned);
        assert_eq!(third.teachers[1].years_at_school, Some(1));
        assert_eq!(third.needs.as_ref().unwrap()[0].count, 1);
    }

    #[test]
    fn coverage_counts_each_teacher_once() {
        let data = input();
        let c = Coverage::of(&data, &[true, true, false], &[true, false, true]);
        assert_eq!(
            (c.eligible, c.rotated, c.never.clone()),
            (2, 1, vec!["T1".into()])
        );
        assert_eq!(c.share, 0.5);
    }
}
