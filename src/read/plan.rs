//! Plan files, as every command that takes `--plan` reads them: a plan
//! rotaplan wrote (plan.csv, plan.xlsx), one made by hand in a spreadsheet
//! with just `工号,交流学校`, or one typed from a published list, which
//! names each teacher by name and school (`姓名,原单位,交流学校`) or by ID
//! number (`身份证件号`). The reader settles who each row means, so that
//! the commands downstream see one shape: a line, a teacher id and a
//! receiving school.
//!
//! How a row names its teacher, first that the row fills: `teacher` (工号),
//! `id_card`, then `name` with `from_school` (rosters.md "Plans typed from
//! published lists"). A name or an ID number that matches no teacher, or
//! two, is bad input naming the row; an unknown id is left for the audit
//! to report (`unknown_teacher`).

use super::cell::shown;
use super::roster::parse_id_card;
use super::table::{Column, Row, Table, optional, required};
use super::{DataSet, Found, key, mask_id_card};
use crate::error::{Error, InputError};
use crate::messages::Message;
use crate::msg;
use rustc_hash::FxHashMap;
use std::path::Path;

/// The plan columns read; all others are looked up in the data set.
const PLAN_COLUMNS: &[Column] = &[
    optional("teacher", &["工号"]),
    optional("id_card", &["身份证件号", "身份证号", "公民身份号码"]),
    optional("name", &["姓名"]),
    optional(
        "from_school",
        &["原单位", "原学校", "派出学校", "原单位代码"],
    ),
    // Required, or `to_school_name` in its place (`read_plan`).
    optional(
        "to_school",
        &["交流学校", "接收学校", "交流单位", "交流学校代码"],
    ),
    optional("to_school_name", &["交流学校名称", "接收学校名称"]),
    // principals.md "Audit": a row with post 校长 is a principal's move.
    // 拟任职务 is the post a published list's section 校长交流 gives.
    optional("post", &["职务", "拟任职务"]),
];

/// The destination column, which a plan must have unless it has
/// `to_school_name` (fit.md: a row with only the destination's name).
const TO_SCHOOL: Column = required(
    "to_school",
    &["交流学校", "接收学校", "交流单位", "交流学校代码"],
);

/// The sheet of a plan workbook read (else the first).
const PLAN_SHEETS: &[&str] = &["plan", "交流名单", "方案", "交流方案"];

/// One row of a plan, its teacher settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanLine {
    /// The line (or sheet row) of the plan file.
    pub line: u64,
    /// The teacher's id: the `teacher` cell as written, or the id of the
    /// teacher the row's ID number or name and school name.
    pub teacher: String,
    /// The receiving school's id; the cell as written when no school has
    /// it as id or name.
    pub to_school: String,
    /// The row's `name` (姓名) when its teacher is named by 工号 or ID
    /// number: the audit compares it with the teacher's name
    /// (`name_mismatch`, fit.md "Conflicts are shown"). `None` when the
    /// cell is empty, or the name is what names the teacher.
    pub name: Option<String>,
    /// The row's `to_school_name` (交流学校名称) when it has one beside a
    /// `to_school`: the audit compares it with that school
    /// (`school_mismatch`, fit.md "Conflicts are shown").
    pub to_school_name: Option<String>,
    /// The 工号 as typed when it named the teacher only without its
    /// leading zeros (`467` for `000467`, as Excel turns them): a warning
    /// (`plan_warnings`).
    pub typed_without_zeros: Option<String>,
    /// The teachers a 工号 naming no one could be without leading zeros,
    /// when two or more are (`0101` and `00101` for `101`): the audit
    /// lists them in its `unknown_teacher` message (rosters.md "Ids
    /// without their zeros in plan files").
    pub candidates: Vec<String>,
}

impl PlanLine {
    /// The row's teacher and receiving school, where the data set knows
    /// them (ids compared as `key` does).
    pub fn resolve(&self, data: &DataSet) -> (Option<usize>, Option<usize>) {
        (
            data.teacher_by_id(&self.teacher),
            data.school_by_id(&self.to_school),
        )
    }
}

/// Reads the plan at `path` (CSV in any encoding the data files may use,
/// or a workbook's sheet `plan`), settling each row's teacher in `data`.
///
/// Errors: a plan that names no teacher column (`teacher`, `id_card`, or
/// `name` with `from_school`), an empty teacher or `to_school` cell, a
/// name or ID number that matches no teacher or several, a school name
/// that several schools share, besides every error of reading a table.
pub fn read_plan(path: &Path, data: &DataSet) -> Result<Vec<PlanLine>, Error> {
    read_plan_parts(path, data).map(|(teachers, _)| teachers)
}

/// As `read_plan`, the rows of principals' moves apart (principals.md
/// "Audit": a row with `post` = 校长; without a `post` column every row is
/// a teacher's): (the teachers' rows, the principals' rows).
pub fn read_plan_parts(
    path: &Path,
    data: &DataSet,
) -> Result<(Vec<PlanLine>, Vec<PlanLine>), Error> {
    let table = Table::read(path, PLAN_COLUMNS, PLAN_SHEETS)?;
    let has = |column: &str| table.position(column).is_some();
    let by_name = has("name") && has("from_school");
    if !has("teacher") && !has("id_card") && !by_name {
        return Err(
            InputError::new(&table.file, msg!("read-plan-no-teacher-column"))
                .at(table.header_line())
                .column("teacher")
                .into(),
        );
    }
    if !has("to_school") && !has("to_school_name") {
        return Err(
            super::table::missing_column(&table.file, &TO_SCHOOL, table.header_line()).into(),
        );
    }
    // The column an empty row is reported in: the first way the plan has.
    let first = ["teacher", "id_card", "name"]
        .into_iter()
        .find(|c| has(c))
        .unwrap_or("teacher");
    let names = by_name.then(|| NameIndex::new(data));
    let mut zeros: Option<FxHashMap<String, Vec<usize>>> = None;
    let mut lines = Vec::new();
    let mut principals = Vec::new();
    // A published list (its first column 序号, papers.md): a line with
    // text, not a number, in its first cell alone is no row (the closing
    // note, or the title of the section 校长交流); a header after it starts
    // the section, whose rows are principals' moves (principals.md) with
    // 姓名, 原单位 and 交流学校 where the teachers' list has them. A numbered
    // row without a teacher is still an error.
    let published = table
        .headers()
        .first()
        .is_some_and(|h| super::table::header_name(h) == "序号");
    let width = table.headers().len();
    let (mut after_text, mut section) = (false, false);
    table.for_each_row(|row| {
        if published {
            let text_alone = !row.field(0).chars().all(|c| c.is_ascii_digit())
                && (1..width).all(|i| row.field(i).is_empty());
            if text_alone {
                after_text = true;
                return Ok(());
            }
            if std::mem::take(&mut after_text) && super::table::header_name(row.field(0)) == "序号"
            {
                section = true;
                return Ok(());
            }
        }
        let principal = section
            || row.get("post").is_some_and(|p| {
                crate::domain::Post::parse(p) == Some(crate::domain::Post::Principal)
            });
        let mut typed_without_zeros = None;
        let mut candidates = Vec::new();
        let (teacher, by_name) = if let Some(id) = row.get("teacher") {
            let mut teacher = id.to_string();
            if data.teacher_by_id(id).is_none() {
                let index = zeros.get_or_insert_with(|| ids_without_zeros(data));
                match index.get(id.trim_start_matches('0')).map(Vec::as_slice) {
                    Some([t]) => {
                        teacher = data.teachers[*t].id.clone();
                        typed_without_zeros = Some(id.to_string());
                    }
                    Some(several) => {
                        candidates = several
                            .iter()
                            .map(|&t| data.teachers[t].id.clone())
                            .collect();
                    }
                    None => {}
                }
            }
            (teacher, false)
        } else if let Some(number) = row.get("id_card") {
            (
                data.teachers[with_id_card(data, &row, number)?].id.clone(),
                false,
            )
        } else if let (Some(names), Some(name)) = (&names, row.get("name")) {
            (
                data.teachers[names.find(data, &row, name)?].id.clone(),
                true,
            )
        } else {
            return Err(row.error(first, msg!("read-empty-required")));
        };
        // A row with only the destination's name (`to_school` empty) is
        // read by that name, as a `to_school` cell is (rosters.md).
        let (to_school, to_school_name) = match (row.get("to_school"), row.get("to_school_name")) {
            (None, Some(name)) => (receiving_school(data, &row, "to_school_name", name)?, None),
            (_, name) => {
                // Without a `to_school` column, its name's column is the
                // one an empty cell is reported in.
                let column = if has("to_school") {
                    "to_school"
                } else {
                    "to_school_name"
                };
                let text = row.require(column)?;
                (
                    receiving_school(data, &row, "to_school", text)?,
                    name.map(str::to_string),
                )
            }
        };
        let line = PlanLine {
            line: row.line,
            teacher,
            to_school,
            name: row.get("name").filter(|_| !by_name).map(str::to_string),
            to_school_name,
            typed_without_zeros,
            candidates,
        };
        if principal {
            principals.push(line);
        } else {
            lines.push(line);
        }
        Ok(())
    })?;
    Ok((lines, principals))
}

/// The receiving school `text` (the cell of `column`) names, as a school
/// id: by id or unique name; the cell as written when no school has it
/// (the audit's `unknown_school`).
fn receiving_school(
    data: &DataSet,
    row: &Row,
    column: &str,
    text: &str,
) -> Result<String, InputError> {
    match data.find_school(text) {
        Some(Found::One(s)) => Ok(data.schools[s].id.clone()),
        // The name is ambiguous: `school_named` says which schools share it.
        Some(Found::Many) => match data.school_named(text) {
            Ok(s) => Ok(data.schools[s].id.clone()),
            Err(why) => Err(row.error(column, why)),
        },
        None => Ok(text.to_string()),
    }
}

/// The teacher with the ID number in the row's `id_card` cell.
fn with_id_card(data: &DataSet, row: &Row, number: &str) -> Result<usize, InputError> {
    let card = parse_id_card(number).map_err(|why| row.error("id_card", why))?;
    match data.id_cards.get(&card.number) {
        Some(&Found::One(t)) => Ok(t),
        Some(Found::Many) => Err(row.error(
            "id_card",
            msg!(
                "read-plan-id-card-shared",
                file = data.teachers_file(),
                number = mask_id_card(&card.number)
            ),
        )),
        None => Err(row.error(
            "id_card",
            msg!(
                "read-plan-id-card-unknown",
                file = data.teachers_file(),
                number = mask_id_card(&card.number)
            ),
        )),
    }
}

/// (school, name as compared) -> the teacher or teachers of that name
/// there, for plans that name teachers.
struct NameIndex(FxHashMap<(usize, String), Found>);

impl NameIndex {
    fn new(data: &DataSet) -> NameIndex {
        let mut map = FxHashMap::default();
        for (t, teacher) in data.teachers.iter().enumerate() {
            let entry = map.entry((teacher.school, key(&teacher.name).into_owned()));
            entry
                .and_modify(|f| *f = Found::Many)
                .or_insert(Found::One(t));
        }
        NameIndex(map)
    }

    /// The one teacher named `name` at the row's `from_school` (by id or
    /// name).
    fn find(&self, data: &DataSet, row: &Row, name: &str) -> Result<usize, InputError> {
        let text = row.require("from_school")?;
        let school = data
            .school_named(text)
            .map_err(|why| row.error("from_school", why))?;
        let id = &data.schools[school].id;
        match self.0.get(&(school, key(name).into_owned())) {
            Some(&Found::One(t)) => Ok(t),
            Some(Found::Many) => {
                let ids: Vec<&str> = data
                    .teachers
                    .iter()
                    .filter(|t| t.school == school && key(&t.name) == key(name))
                    .map(|t| t.id.as_str())
                    .collect();
                Err(row.error(
                    "name",
                    msg!(
                        "read-plan-name-shared",
                        count = ids.len(),
                        name = shown(name),
                        school = id.as_str(),
                        ids = ids.join(", ")
                    ),
                ))
            }
            None => Err(row.error(
                "name",
                msg!(
                    "read-plan-name-unknown",
                    name = shown(name),
                    school = id.as_str(),
                    file = data.teachers_file()
                ),
            )),
        }
    }
}

/// The plan lines of `moves` (teacher, receiving school), numbered as
/// plan.csv numbers its rows (the header is line 1): what the plan command
/// audits before it writes.
pub fn lines_of(data: &DataSet, moves: impl IntoIterator<Item = (usize, usize)>) -> Vec<PlanLine> {
    moves
        .into_iter()
        .zip(2..)
        .map(|((t, s), line)| PlanLine {
            line,
            teacher: data.teachers[t].id.clone(),
            to_school: data.schools[s].id.clone(),
            name: None,
            to_school_name: None,
            typed_without_zeros: None,
            candidates: Vec::new(),
        })
        .collect()
}

/// The warnings of reading a plan (`file` as given): each row whose 工号
/// named its teacher only without leading zeros (rosters.md "Ids without
/// their zeros in plan files").
pub fn plan_warnings(file: &str, lines: &[PlanLine]) -> Vec<crate::domain::Warning> {
    lines
        .iter()
        .filter_map(|l| {
            let typed = l.typed_without_zeros.as_deref()?;
            Some(
                crate::domain::Warning::new(
                    "plan_id_without_zeros",
                    msg!(
                        "read-plan-id-without-zeros",
                        typed = typed,
                        id = l.teacher.as_str()
                    ),
                )
                .file(file)
                .line(l.line)
                .column("teacher"),
            )
        })
        .collect()
}

/// Teachers by their id without leading zeros, for plan rows whose 工号
/// lost them in Excel; only ids that begin with a zero are listed.
fn ids_without_zeros(data: &DataSet) -> FxHashMap<String, Vec<usize>> {
    let mut index: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (t, teacher) in data.teachers.iter().enumerate() {
        if teacher.id.starts_with('0') {
            index
                .entry(teacher.id.trim_start_matches('0').to_string())
                .or_default()
                .push(t);
        }
    }
    index
}

/// The moves a plan stands for, as (teacher, receiving school) indices:
/// each teacher's first row that names a known teacher and school (the
/// audit reports the other rows).
pub fn moves(data: &DataSet, lines: &[PlanLine]) -> Vec<(usize, usize)> {
    let mut seen = vec![false; data.teachers.len()];
    lines
        .iter()
        .filter_map(|l| match l.resolve(data) {
            (Some(t), Some(s)) if !std::mem::replace(&mut seen[t], true) => Some((t, s)),
            _ => None,
        })
        .collect()
}

/// As `moves`, for a command that takes the plan as given (`indicators`):
/// an unknown teacher or school, or a teacher listed twice, is bad input
/// in `file`.
pub fn checked_moves(
    data: &DataSet,
    file: &str,
    lines: &[PlanLine],
) -> Result<Vec<(usize, usize)>, InputError> {
    let mut first: FxHashMap<usize, u64> = FxHashMap::default();
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let bad = |column: &str, message: Message| {
            InputError::new(file, message).at(l.line).column(column)
        };
        let (teacher, school) = l.resolve(data);
        let teacher = teacher.ok_or_else(|| {
            bad(
                "teacher",
                msg!(
                    "read-unknown-teacher",
                    teacher = shown(&l.teacher),
                    file = data.teachers_file()
                ),
            )
        })?;
        let school = school.ok_or_else(|| {
            bad(
                "to_school",
                msg!(
                    "read-unknown-school",
                    school = shown(&l.to_school),
                    file = data.schools_file()
                ),
            )
        })?;
        if let Some(line) = first.insert(teacher, l.line) {
            return Err(bad(
                "teacher",
                msg!(
                    "read-plan-teacher-twice",
                    teacher = shown(&l.teacher),
                    line = line
                ),
            ));
        }
        out.push((teacher, school));
    }
    Ok(out)
}
