//! Stage 1 of the pipeline, reading: the five files of a data set (schools,
//! teachers, needs, preferences, history) into the typed rows of
//! `crate::domain`, cross-checked as the contract says (data-format.md,
//! rosters.md). Everything downstream works on those rows and never looks at
//! a CSV cell again. Plan files (`plan`) are read here too.

mod biff;
pub mod cell;
pub mod date;
pub mod horizon;
pub mod plan;
pub mod roster;
pub mod sheet;
pub mod table;
pub mod text;
mod web;
mod zipped;

use crate::domain::*;
use crate::error::{Error, InputError};
use crate::messages::Message;
use crate::msg;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use table::{Column, Row, Table, optional, required};
use unicode_normalization::UnicodeNormalization;

/// A teachers.csv column that a policy rule filters on (rules.md, `column =
/// { name = ... }`): `column` as the rule names it, `rule` the rule's name
/// (for the error when the file lacks the column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wanted {
    pub column: String,
    pub rule: String,
}

/// Teachers (line, id) whose columns disagree (fit.md "Conflicts are
/// shown, not settled in silence"), for `check`'s warnings.
#[derive(Default)]
struct Conflicts {
    /// A backbone flag against a backbone level.
    backbone: Teachers,
    /// The ID number's birth date against `birth_date`.
    birth_date: Teachers,
    /// The ID number's sex against `sex`.
    sex: Teachers,
    /// An ID number with a wrong check character, read anyway: `birth_date`
    /// and `sex` have their own cells and it is not the id.
    check: Teachers,
}

/// Teachers as (line, id), in reading order.
type Teachers = Vec<(u64, String)>;

/// How many of `found` and the first (its id masked, rosters.md "Personal
/// data"), for a warning; `None` when there is none.
fn first_of(file: &str, found: &Teachers) -> Option<Message> {
    let (line, teacher) = found.first()?;
    Some(msg!(
        "read-conflict-first",
        file = file,
        count = found.len(),
        teacher = mask_id_cards(teacher).into_owned(),
        line = *line
    ))
}

/// Where each input file is; built from a folder and per-file flags.
#[derive(Debug, Clone, Default)]
pub struct DataPaths {
    pub schools: PathBuf,
    pub teachers: PathBuf,
    pub needs: Option<PathBuf>,
    pub preferences: Option<PathBuf>,
    pub history: Option<PathBuf>,
    /// More history files (`--history` given several times, programme.md):
    /// read after `history`, as one.
    pub more_history: Vec<PathBuf>,
}

impl DataPaths {
    /// The files in `dir` (when given), each replaced by its flag when the
    /// flag is given. Optional files in the folder are used when present.
    pub fn resolve(
        dir: Option<&Path>,
        schools: Option<PathBuf>,
        teachers: Option<PathBuf>,
        needs: Option<PathBuf>,
        preferences: Option<PathBuf>,
        history: Option<PathBuf>,
    ) -> Result<DataPaths, Error> {
        // `stem.csv`, else the first workbook `stem.xlsx`, ... that exists.
        let existing = |stem: &str| {
            let d = dir?;
            std::iter::once("csv")
                .chain(sheet::WORKBOOK_EXTENSIONS)
                .map(|ext| d.join(format!("{stem}.{ext}")))
                .find(|p| p.is_file())
        };
        let must = |flag: Option<PathBuf>, stem: &str| {
            flag.or_else(|| existing(stem))
                .or_else(|| dir.map(|d| d.join(format!("{stem}.csv"))))
                .ok_or_else(|| Error::Usage(msg!("read-no-data-file", stem = stem)))
        };
        let paths = DataPaths {
            schools: must(schools, "schools")?,
            teachers: must(teachers, "teachers")?,
            needs: needs.or_else(|| existing("needs")),
            preferences: preferences.or_else(|| existing("preferences")),
            history: history.or_else(|| existing("history")),
            more_history: Vec::new(),
        };
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Error::Usage(msg!("read-not-a-folder", path = d)));
        }
        Ok(paths)
    }

    /// Every input path, to refuse an output that would overwrite one.
    pub fn all(&self) -> Vec<&Path> {
        let mut all = vec![self.schools.as_path(), self.teachers.as_path()];
        all.extend(
            [&self.needs, &self.preferences, &self.history]
                .into_iter()
                .flatten()
                .map(PathBuf::as_path),
        );
        all.extend(self.more_history.iter().map(PathBuf::as_path));
        all
    }
}

const SCHOOL_COLUMNS: &[Column] = &[
    required("id", &["学校代码"]),
    optional("name", &["学校名称"]),
    required("area", &["城乡类型"]),
    optional("quality", &["优质学校"]),
    optional("level", &["学段"]),
    optional(
        "students",
        &["学生数", "在校学生数", "在校生数", "学生人数", "在籍学生数"],
    ),
    optional("district", &["区县"]),
    optional("lat", &["纬度"]),
    optional("lon", &["经度"]),
    optional("weak", &["薄弱学校"]),
    optional("group", &["教育集团", "学区", "集团"]),
];

/// `id` may be absent when `id_card` is given (the ID number is then the
/// id); the national template's headers are fallbacks (rosters.md).
const TEACHER_COLUMNS: &[Column] = &[
    optional("id", &["工号"]).or_else(&["教职工号"]),
    optional("name", &["姓名"]),
    required("school", &["学校代码"]).or_else(&["学校名称"]),
    required("subject", &["学科"]).or_else(&["任教学科", "教授科目", "任教课程"]),
    optional(
        "backbone",
        &[
            "骨干教师",
            "骨干类别",
            "骨干教师类型",
            "骨干教师级别",
            "骨干称号",
        ],
    ),
    optional("years_at_school", &["本校任教年限"]),
    optional("age", &["年龄"]),
    optional("eligible", &["符合交流条件"]),
    optional("exempt", &["免交流原因"]),
    optional("education", &["学历"]),
    // fit.md "Teaching level".
    optional("section", &["任教学段"]),
    optional(
        "certificate",
        &["教师资格种类", "教师资格证类别", "教师资格"],
    ),
    // rosters.md "New teacher columns".
    optional("sex", &["性别"]),
    optional("birth_date", &["出生日期", "出生年月"]),
    optional("id_card", &["身份证件号", "身份证号", "公民身份号码"]),
    optional(
        "school_entry",
        &["进本校年月", "进本校时间", "调入本校时间"],
    ),
    optional("work_start", &["参加工作年月", "参加工作时间"]),
    optional("title", &["专业技术职务", "专业技术职称", "职称"]),
    optional("status", &["人员状态"]),
    optional("established", &["是否在编"]),
    optional("special_grade", &["是否是特级教师", "是否特级教师"]),
    optional(
        "backbone_flag",
        &["是否是县级及以上骨干教师", "是否县级及以上骨干教师"],
    ),
    optional("exempt_until", &["免交流截止日期"]),
    optional("assign_to", &["指定交流学校"]),
    optional("must_rotate", &["必须交流"]),
    optional("term_years", &["交流期限"]),
    optional("volunteer", &["自愿报名", "本人申请"]),
    optional("points", &["积分"]),
    // principals.md "Data".
    optional("post", &["职务"]),
    optional("post_start", &["任现职时间"]),
    optional("post_years", &["任现职年限"]),
];

const NEED_COLUMNS: &[Column] = &[
    required("school", &["学校代码"]),
    required("subject", &["学科"]),
    required("count", &["需求人数"]),
    optional("weight", &["权重"]),
    optional("level", &["学段"]),
    // programme.md: a row with a school year applies only in that plan
    // year (`DataSet::keep_needs_of`).
    optional("year", &["年度"]),
];

const PREFERENCE_COLUMNS: &[Column] = &[
    required("teacher", &["工号"]),
    required("school", &["学校代码"]),
    required("rank", &["志愿顺序"]),
];

const HISTORY_COLUMNS: &[Column] = &[
    required("teacher", &["工号"]),
    required("year", &["年度"]),
    optional("school", &["学校代码"]),
    optional("end_year", &["结束年度"]),
    optional("form", &["交流形式"]),
    // An earlier plan file read as history (programme.md): its
    // `to_school` is the history's `school`, `transfer` says whether the
    // move was for good, and a principal's row (`post` 校长) is skipped.
    optional("to_school", &["交流学校", "交流学校代码"]),
    optional("transfer", &["是否调动"]),
    optional("post", &["职务"]),
];

/// The other columns of a plan file, read as history without a warning
/// that they are not read.
const PLAN_FILE_COLUMNS: &[&str] = &[
    "name",
    "subject",
    "backbone",
    "from_school",
    "distance_km",
    "district",
    "backbone_level",
    "from_school_name",
    "to_school_name",
    "preference_rank",
    "pin",
];

const AREAS: &[(&[&str], Area)] = &[
    (
        &["urban", "城区", "111", "主城区", "112", "城乡结合区"],
        Area::Urban,
    ),
    (
        &[
            "town",
            "镇区",
            "121",
            "镇中心区",
            "122",
            "镇乡结合区",
            "123",
            "特殊区域",
        ],
        Area::Town,
    ),
    (
        &["rural", "农村", "乡村", "210", "乡中心区", "220", "村庄"],
        Area::Rural,
    ),
];

const LEVELS: &[(&[&str], Level)] = &[
    (&["primary", "小学"], Level::Primary),
    (&["junior", "初中"], Level::Junior),
    (&["nine-year", "九年一贯制"], Level::NineYear),
];

/// One teaching level: a teacher's `section`, a need's `level` (fit.md
/// "Teaching level").
const SECTIONS: &[(&[&str], Level)] = &[
    (&["primary", "小学"], Level::Primary),
    (&["junior", "初中"], Level::Junior),
];

/// 学历 as the national system names them and their short forms (fit.md
/// "Words bureaus use").
const EDUCATIONS: &[(&[&str], Education)] = &[
    (
        &["below_secondary", "初中", "初中及以下"],
        Education::BelowSecondary,
    ),
    (
        &["secondary", "中等专业学校", "中专", "中师", "高中", "职高"],
        Education::Secondary,
    ),
    (
        &["associate", "大学专科", "专科", "大专"],
        Education::Associate,
    ),
    (&["bachelor", "大学本科", "本科"], Education::Bachelor),
    (
        &["master", "硕士研究生", "硕士", "研究生"],
        Education::Master,
    ),
    (&["doctor", "博士研究生", "博士"], Education::Doctor),
];

impl DataSet {
    /// Reads and cross-checks every file; the first bad input is the error.
    /// The same as `load_with(paths, &[])`.
    pub fn load(paths: &DataPaths) -> Result<DataSet, Error> {
        DataSet::load_with(paths, &[])
    }

    /// As `load`, also reading the teachers.csv columns the policy's rules
    /// filter on into `extra_columns` and each `Teacher::extra` (see
    /// `read_extra_columns`). A wanted column the file lacks is bad input.
    pub fn load_with(paths: &DataPaths, wanted: &[Wanted]) -> Result<DataSet, Error> {
        let mut data = DataSet {
            schools_file: file_name(&paths.schools),
            teachers_file: file_name(&paths.teachers),
            ..DataSet::default()
        };
        let schools = Table::read(&paths.schools, SCHOOL_COLUMNS, &["schools", "学校"])?;
        data.read_schools(&schools)?;
        data.files.push(schools.info());
        data.warnings
            .extend(unread_headers(&schools, SCHOOL_COLUMNS, &[]));
        let teachers = Table::read(&paths.teachers, TEACHER_COLUMNS, &["teachers", "教师"])?;
        let extra = data.extra_fields(&teachers, &paths.teachers, wanted)?;
        data.read_teachers(&teachers, &extra)?;
        data.files.push(teachers.info());
        data.warnings
            .extend(unread_fallbacks(&teachers, TEACHER_COLUMNS));
        let extra: Vec<String> = wanted.iter().map(|w| header_key(&w.column)).collect();
        data.warnings
            .extend(unread_headers(&teachers, TEACHER_COLUMNS, &extra));
        if let Some(path) = &paths.needs {
            let needs = Table::read(path, NEED_COLUMNS, &["needs", "需求"])?;
            data.read_needs(&needs)?;
            data.files.push(needs.info());
            data.warnings
                .extend(unread_headers(&needs, NEED_COLUMNS, &[]));
        }
        if let Some(path) = &paths.preferences {
            let preferences = Table::read(path, PREFERENCE_COLUMNS, &["preferences", "志愿"])?;
            data.read_preferences(&preferences)?;
            data.files.push(preferences.info());
            data.warnings
                .extend(unread_headers(&preferences, PREFERENCE_COLUMNS, &[]));
        }
        for path in paths.history.iter().chain(&paths.more_history) {
            let history = Table::read(path, HISTORY_COLUMNS, &["history", "交流记录"])?;
            data.read_history(&history)?;
            data.files.push(history.info());
            let plan_columns: Vec<String> =
                PLAN_FILE_COLUMNS.iter().map(|c| header_key(c)).collect();
            data.warnings
                .extend(unread_headers(&history, HISTORY_COLUMNS, &plan_columns));
        }
        Ok(data)
    }

    /// The school `text` names: its id, or else its name when no other
    /// school has that name (rosters.md "Values").
    ///
    /// Errors: no such school; a name that several schools share (naming
    /// their ids).
    pub fn school_named(&self, text: &str) -> Result<usize, Message> {
        match self.find_school(text) {
            Some(Found::One(s)) => Ok(s),
            Some(Found::Many) => {
                let k = key(text);
                let ids: Vec<&str> = self
                    .schools
                    .iter()
                    .filter(|s| key(&s.name) == k)
                    .map(|s| s.id.as_str())
                    .collect();
                Err(msg!(
                    "read-school-name-ambiguous",
                    name = cell::shown(text),
                    ids = ids.join(", ")
                ))
            }
            None => Err(msg!(
                "read-unknown-school-named",
                school = cell::shown(text),
                file = self.schools_file()
            )),
        }
    }

    /// The subject `text` names, as first spelled (teachers first, then
    /// needs), shared by every teacher and need of it.
    fn subject(&mut self, text: &str) -> Arc<str> {
        let k = key(text);
        if let Some(first) = self.subjects.get(&*k) {
            return first.clone();
        }
        let first: Arc<str> = Arc::from(text);
        self.subjects.insert(k.into_owned(), first.clone());
        first
    }

    fn read_schools(&mut self, table: &Table) -> Result<(), InputError> {
        table.for_each_row(|row| {
            let id = row.require("id")?.to_string();
            let area = row
                .choice("area", AREAS, |found| {
                    msg!("read-expected-area", found = found)
                })?
                .ok_or_else(|| row.error("area", msg!("read-empty-required")))?;
            let lat = row.number("lat", -90.0..=90.0)?;
            let lon = row.number("lon", -180.0..=180.0)?;
            let location = match (lat, lon) {
                (Some(lat), Some(lon)) => Some((lat, lon)),
                (None, None) => None,
                (Some(_), None) => return Err(row.error("lon", msg!("read-latitude-alone"))),
                (None, Some(_)) => return Err(row.error("lat", msg!("read-longitude-alone"))),
            };
            let school = School {
                name: row.get("name").unwrap_or(&id).to_string(),
                area,
                quality: row.boolean("quality")?.unwrap_or(false),
                level: row.choice("level", LEVELS, |found| {
                    msg!("read-expected-level", found = found)
                })?,
                students: row.count("students")?,
                district: row.get("district").unwrap_or_default().to_string(),
                location,
                weak: row.boolean("weak")?.unwrap_or(false),
                group: row.get("group").unwrap_or_default().to_string(),
                id,
            };
            insert_unique(
                &mut self.school_index,
                &school.id,
                self.schools.len(),
                &row,
                "id",
            )?;
            if let Some(name) = row.get("name") {
                Found::note(
                    &mut self.school_names,
                    key(name).into_owned(),
                    self.schools.len(),
                );
            }
            self.schools.push(school);
            Ok(())
        })
    }

    /// The field index in `table` of each column in `wanted`, and their
    /// names into `extra_columns` (each name once, in the order given). A
    /// header matches when equal after NFKC and the removal of all white
    /// space, ASCII letters in any case, whether or not it is also a field rotaplan reads.
    ///
    /// Errors: a column the file lacks, "rule `R` filters on column `C`,
    /// which teachers.csv does not have" (naming the file as given).
    fn extra_fields(
        &mut self,
        table: &Table,
        path: &Path,
        wanted: &[Wanted],
    ) -> Result<Vec<usize>, InputError> {
        let headers: Vec<String> = table.headers().iter().map(|h| header_key(h)).collect();
        let mut fields = Vec::new();
        for w in wanted {
            if self.extra_columns.contains(&w.column) {
                continue;
            }
            let key = header_key(&w.column);
            let Some(field) = headers.iter().position(|h| *h == key) else {
                let name = path
                    .file_name()
                    .unwrap_or(path.as_os_str())
                    .to_string_lossy();
                return Err(InputError::new(
                    &table.file,
                    msg!(
                        "read-rule-column-missing",
                        rule = w.rule.as_str(),
                        column = w.column.as_str(),
                        file = &*name
                    ),
                ));
            };
            self.extra_columns.push(w.column.clone());
            fields.push(field);
        }
        Ok(fields)
    }

    /// Teachers, with the cells of `extra` (field indices, in the order of
    /// `extra_columns`) into each `Teacher::extra`.
    ///
    /// Without an `id` column the ID number (`id_card`) is the id.
    fn read_teachers(&mut self, table: &Table, extra: &[usize]) -> Result<(), InputError> {
        self.ids_are_id_cards = table.position("id").is_none();
        if self.ids_are_id_cards && table.position("id_card").is_none() {
            return Err(
                InputError::new(&table.file, msg!("read-missing-teacher-id"))
                    .at(table.header_line())
                    .column("id"),
            );
        }
        let id_column = if self.ids_are_id_cards {
            "id_card"
        } else {
            "id"
        };
        let rows = table.rows_hint();
        self.teachers.reserve(rows);
        self.teacher_index.reserve(rows, &self.teachers);
        // Spelling -> subject: most rows repeat a spelling already met,
        // and then need no normalising.
        let mut spellings: FxHashMap<String, Arc<str>> = FxHashMap::default();
        // Education words not known (line, word): a warning, not an error
        // (fit.md "Words bureaus use"); the teacher counts as not above the
        // required degree.
        let mut unknown_education: Vec<(u64, String)> = Vec::new();
        let mut conflicts = Conflicts::default();
        table.for_each_row(|row| {
            // The ID number gives the id (without `id`), and the birth
            // date and the sex when their own cells are empty.
            // fit.md "Conflicts are shown": a wrong check character is a
            // warning when the number is not the id and the birth date and
            // the sex have their own cells (which are then used).
            let lenient = !self.ids_are_id_cards
                && row.get("birth_date").is_some()
                && row.get("sex").is_some();
            let (id_card, wrong_check) = match row.id_card_lenient("id_card", lenient)? {
                Some((card, wrong)) => (Some(card), wrong),
                None => (None, false),
            };
            let id = match &id_card {
                Some(card) if self.ids_are_id_cards => card.number.clone(),
                _ => row.require(id_column)?.to_string(),
            };
            let school = self.school_ref(&row, "school")?;
            let level = row.backbone("backbone")?;
            let mut backbone = level.unwrap_or(Backbone::None);
            if row.boolean("special_grade")? == Some(true) {
                backbone = backbone.max(Backbone::Province);
            }
            let flag = row.boolean("backbone_flag")?;
            // fit.md "Conflicts are shown": a flag and a level that
            // disagree; the higher of the two is used.
            if let (Some(flag), Some(level)) = (flag, level)
                && flag != (level >= Backbone::County)
            {
                conflicts.backbone.push((row.line, id.clone()));
            }
            if flag == Some(true) {
                backbone = backbone.max(Backbone::County);
            }
            // The columns win over the ID number; a difference is shown.
            let own_birth = row.date("birth_date")?;
            let own_sex = row.sex("sex")?;
            if wrong_check {
                conflicts.check.push((row.line, id.clone()));
            } else if let Some(card) = &id_card {
                if own_birth.is_some_and(|d| d != card.birth_date) {
                    conflicts.birth_date.push((row.line, id.clone()));
                }
                if own_sex.is_some_and(|s| s != card.sex) {
                    conflicts.sex.push((row.line, id.clone()));
                }
            }
            let birth_date = own_birth.or(id_card.as_ref().map(|c| c.birth_date));
            let sex = own_sex.or(id_card.as_ref().map(|c| c.sex));
            let assign_to = match row.get("assign_to") {
                Some(_) => Some(self.school_ref(&row, "assign_to")?),
                None => None,
            };
            let spelled = row.require("subject")?;
            let subject = match spellings.get(spelled) {
                Some(subject) => subject.clone(),
                None => {
                    let subject = self.subject(spelled);
                    spellings.insert(spelled.to_string(), subject.clone());
                    subject
                }
            };
            if let Some(card) = &id_card {
                Found::note(&mut self.id_cards, card.number.clone(), self.teachers.len());
            }
            // Cells in the order a row with several bad ones has always
            // named the first.
            let years_at_school = row.count("years_at_school")?;
            let age = row.count("age")?;
            if own_birth.is_some() {
                self.ages_from.birth_date += 1;
            } else if birth_date.is_some() {
                self.ages_from.id_card += 1;
            } else if age.is_some() {
                self.ages_from.age += 1;
            }
            let eligible = row.boolean("eligible")?;
            let education = row.get("education").and_then(|word| {
                let known = EDUCATIONS
                    .iter()
                    .find(|(names, _)| names.iter().any(|n| n.eq_ignore_ascii_case(word)));
                if known.is_none() {
                    unknown_education.push((row.line, word.to_string()));
                }
                known.map(|(_, e)| *e)
            });
            let section = row.choice("section", SECTIONS, |found| {
                msg!("read-expected-section", found = found)
            })?;
            let certificate = match row.get("certificate") {
                Some(cell) => Some(Certificate::parse(cell).ok_or_else(|| {
                    row.error(
                        "certificate",
                        msg!("read-expected-certificate", found = cell::shown(cell)),
                    )
                })?),
                None => None,
            };
            let school_entry = row.date("school_entry")?;
            let work_start = row.date("work_start")?;
            let title = row.title("title")?;
            let status = row.status("status")?;
            let established = row.boolean("established")?;
            let exempt_until = row.date("exempt_until")?;
            let must_rotate = row.boolean("must_rotate")?.unwrap_or(false);
            let term = match row.get("term_years") {
                Some(cell) => Some(crate::domain::Term::parse(cell).ok_or_else(|| {
                    row.error(
                        "term_years",
                        msg!("read-expected-term", found = cell::shown(cell)),
                    )
                })?),
                None => None,
            };
            let post = row.get("post").and_then(Post::parse);
            // A year alone is 1 September of that year (principals.md).
            let post_start = match row.get("post_start").and_then(year_alone) {
                Some(year) => chrono::NaiveDate::from_ymd_opt(year, 9, 1),
                None => row.date("post_start")?,
            };
            let post_years = row.count("post_years")?;
            let volunteer = row.boolean("volunteer")?.unwrap_or(false);
            let points = row.number("points", -1e12..=1e12)?.unwrap_or(0.0) + 0.0;
            let details = Details {
                exempt: row.get("exempt").map(str::to_string),
                id_card: id_card.map(|c| c.number),
                school_entry,
                work_start,
                exempt_until,
                term,
                volunteer,
                points,
                pinned_after_years: false,
                post,
                post_start,
                post_years,
                extra: extra.iter().map(|&i| extra_cell(row.field(i))).collect(),
            };
            let teacher = Teacher {
                // Lines past u32 would need a file of hundreds of GB.
                line: u32::try_from(row.line).unwrap_or(u32::MAX),
                name: row.get("name").unwrap_or_default().to_string(),
                school,
                subject,
                backbone,
                years_at_school,
                age,
                eligible,
                education,
                section,
                certificate,
                sex,
                birth_date,
                title,
                status,
                established,
                assign_to,
                must_rotate,
                details: details.boxed(),
                id,
            };
            self.teachers.push(teacher);
            let at = self.teachers.len() - 1;
            if !self.teacher_index.insert(&self.teachers, at) {
                return Err(duplicate_id(&row, id_column, &self.teachers[at].id));
            }
            Ok(())
        })?;
        self.one_principal_per_school(&table.file)?;
        let file = table.file.as_str();
        // Each warning names the column whose value was used (or checked).
        let conflict =
            |code: &'static str, found: &Teachers, column: &str, say: fn(Message) -> Message| {
                let first = first_of(file, found)?;
                Some(
                    Warning::new(code, say(first))
                        .file(file)
                        .line(found[0].0)
                        .column(column),
                )
            };
        self.warnings.extend(
            [
                conflict(
                    "backbone_conflict",
                    &conflicts.backbone,
                    "backbone_flag",
                    |first| msg!("read-conflict-backbone", first = first),
                ),
                conflict(
                    "birth_date_conflict",
                    &conflicts.birth_date,
                    "birth_date",
                    |first| msg!("read-conflict-birth-date", first = first),
                ),
                conflict("sex_conflict", &conflicts.sex, "sex", |first| {
                    msg!("read-conflict-sex", first = first)
                }),
                conflict("id_card_check", &conflicts.check, "id_card", |first| {
                    msg!("read-conflict-id-card-check", first = first)
                }),
            ]
            .into_iter()
            .flatten(),
        );
        if let Some((line, word)) = unknown_education.first() {
            self.warnings.push(
                Warning::new(
                    "education_unknown",
                    msg!(
                        "read-education-unknown",
                        file = table.file.as_str(),
                        count = unknown_education.len(),
                        found = cell::shown(word),
                        line = *line
                    ),
                )
                .file(table.file.as_str())
                .line(*line)
                .column("education"),
            );
        }
        Ok(())
    }

    /// At most one 校长 per school, whatever the policy (principals.md
    /// "Data"): a second is bad input naming both rows.
    fn one_principal_per_school(&self, file: &str) -> Result<(), InputError> {
        let mut first: HashMap<usize, &Teacher> = HashMap::new();
        for t in &self.teachers {
            if t.post() != Some(Post::Principal) {
                continue;
            }
            if let Some(other) = first.insert(t.school, t) {
                return Err(InputError::new(
                    file,
                    msg!(
                        "read-two-principals",
                        school = self.schools[t.school].id.as_str(),
                        first = mask_id_cards(&other.id).into_owned(),
                        first_line = other.line,
                        second = mask_id_cards(&t.id).into_owned()
                    ),
                )
                .at(u64::from(t.line))
                .column("post"));
            }
        }
        Ok(())
    }

    fn read_needs(&mut self, table: &Table) -> Result<(), InputError> {
        let mut needs = Vec::new();
        // (school, subject, level): a nine-year school may need a subject
        // at each level.
        let mut seen: HashMap<(usize, String, Option<Level>, Option<i64>), u64> = HashMap::new();
        table.for_each_row(|row| {
            let school = self.school_ref(&row, "school")?;
            if !self.schools[school].may_receive() {
                return Err(row.error(
                    "school",
                    msg!(
                        "read-need-not-receiving",
                        school = self.schools[school].id.as_str()
                    ),
                ));
            }
            let subject = self.subject(row.require("subject")?).to_string();
            let level = row.choice("level", SECTIONS, |found| {
                msg!("read-expected-section", found = found)
            })?;
            // fit.md "Teaching level": a level the school does not teach.
            if let Some(level) = level
                && !Levels::of_school(self.schools[school].level).covers(Levels::of(level))
            {
                return Err(row.error(
                    "level",
                    msg!(
                        "read-need-level-not-taught",
                        school = self.schools[school].id.as_str(),
                        level = Levels::of(level).chinese()
                    ),
                ));
            }
            let year = row.school_year("year")?;
            if let Some(first) = seen.insert((school, subject.clone(), level, year), row.line) {
                return Err(row.row_error(msg!(
                    "read-need-twice",
                    school = self.schools[school].id.as_str(),
                    subject = subject.as_str(),
                    first = first
                )));
            }
            let count = row
                .count("count")?
                .ok_or_else(|| row.error("count", msg!("read-empty-required")))?;
            let weight = row.number("weight", 0.0..=1e9)?.unwrap_or(1.0);
            needs.push(RuralNeed {
                school,
                subject,
                count,
                weight,
                level,
                line: u32::try_from(row.line).unwrap_or(u32::MAX),
                year,
            });
            Ok(())
        })?;
        self.needs = Some(needs);
        Ok(())
    }

    fn read_preferences(&mut self, table: &Table) -> Result<(), InputError> {
        table.for_each_row(|row| {
            let teacher = self.teacher_ref(&row, "teacher")?;
            let school = self.school_ref(&row, "school")?;
            let rank = row
                .count("rank")?
                .ok_or_else(|| row.error("rank", msg!("read-empty-required")))?;
            if rank == 0 {
                return Err(row.error("rank", msg!("read-rank-zero")));
            }
            self.preferences.push(Preference {
                teacher,
                school,
                rank,
            });
            Ok(())
        })
    }

    fn read_history(&mut self, table: &Table) -> Result<(), InputError> {
        if table.position("school").is_some() && table.position("to_school").is_some() {
            return Err(
                InputError::new(&table.file, msg!("read-history-two-schools"))
                    .at(table.header_line())
                    .column("to_school"),
            );
        }
        table.for_each_row(|row| {
            if row
                .get("post")
                .is_some_and(|post| Post::parse(post) == Some(Post::Principal))
            {
                return Ok(());
            }
            let teacher = self.teacher_ref(&row, "teacher")?;
            let year = row
                .school_year("year")?
                .ok_or_else(|| row.error("year", msg!("read-empty-required")))?;
            let column = if row.get("to_school").is_some() {
                "to_school"
            } else {
                "school"
            };
            let school = match row.get(column) {
                Some(_) => Some(self.school_ref(&row, column)?),
                None => None,
            };
            let transfer = row.boolean("transfer")?.unwrap_or(false);
            let end_year = row.school_year("end_year")?;
            if let Some(end) = end_year
                && end < year
            {
                return Err(row.error(
                    "end_year",
                    msg!("read-end-year-before", end = end, year = year),
                ));
            }
            self.history.push(PastRotation {
                teacher,
                year,
                school,
                end_year,
                form: row.get("form").map(str::to_string),
                transfer,
            });
            Ok(())
        })
    }

    /// The school in column `column` of `row`, by id or name
    /// (`school_named`).
    fn school_ref(&self, row: &Row, column: &str) -> Result<usize, InputError> {
        let text = row.require(column)?;
        self.school_named(text)
            .map_err(|why| row.error(column, why))
    }

    fn teacher_ref(&self, row: &Row, column: &str) -> Result<usize, InputError> {
        let id = row.require(column)?;
        self.teacher_by_id(id).ok_or_else(|| {
            row.error(
                column,
                msg!(
                    "read-unknown-teacher",
                    teacher = cell::shown(id),
                    file = self.teachers_file()
                ),
            )
        })
    }
}

/// A cell that is a year alone (`2018`, `2018年`), as `post_start` takes
/// one (principals.md "Data").
fn year_alone(cell: &str) -> Option<i32> {
    let k = key(cell);
    let y = k.strip_suffix('年').unwrap_or(&k);
    (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse().ok())
        .flatten()
}

/// A header or a wanted column's name as compared (`table::header_name`).
fn header_key(s: &str) -> String {
    table::header_name(s)
}

/// An extra column's cell as rules compare it: trimmed and NFKC (empty
/// when blank).
fn extra_cell(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    let nfkc: String = s.nfkc().collect();
    nfkc.trim().to_string()
}

/// Inserts `id` (as compared) into `index`; an id already there is bad
/// input in column `column`.
fn insert_unique(
    index: &mut FxHashMap<String, usize>,
    id: &str,
    value: usize,
    row: &Row,
    column: &str,
) -> Result<(), InputError> {
    if index.insert(key(id).into_owned(), value).is_some() {
        return Err(duplicate_id(row, column, id));
    }
    Ok(())
}

/// The error for an id that an earlier row of the file already has.
fn duplicate_id(row: &Row, column: &str, id: &str) -> InputError {
    row.error(
        column,
        msg!("read-duplicate-id", id = cell::shown(&mask_id_cards(id))),
    )
}

/// A file's name without its folder, for messages.
fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or(path.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// A warning for each header of `table` that is a fallback of one of
/// `columns` (rosters.md: the national template's names) but is not read,
/// as the column is read from its own header or a fallback further left.
fn unread_fallbacks(table: &Table, columns: &[Column]) -> Vec<Warning> {
    let info = table.info();
    let mut warnings = Vec::new();
    for column in columns {
        let Some(used) = info.header_of(column.key) else {
            continue;
        };
        for header in &info.ignored {
            let name = header_key(header);
            if column.fallbacks.iter().any(|f| header_key(f) == name) {
                warnings.push(
                    Warning::new(
                        "fallback_ignored",
                        msg!(
                            "read-fallback-ignored",
                            file = table.file.as_str(),
                            header = header,
                            used = used,
                            column = column.key
                        ),
                    )
                    .file(table.file.as_str())
                    .line(info.header_row)
                    .column(header.as_str()),
                );
            }
        }
    }
    warnings
}

/// A warning for each header of `table` that is not read and is close to
/// the name of a column of `columns` the file does not have (fit.md
/// "Headers", `near_miss`), naming every such column. The columns a
/// policy's rules read (`extra`, by name as compared) are read, not
/// warned about; a column the file has under another header is not
/// offered.
fn unread_headers(table: &Table, columns: &[Column], extra: &[String]) -> Vec<Warning> {
    let info = table.info();
    let mut warnings = Vec::new();
    for header in &info.ignored {
        let name = header_key(header);
        if name.is_empty() || extra.contains(&name) {
            continue;
        }
        let mut known: Vec<String> = Vec::new();
        for column in columns {
            if info.header_of(column.key).is_some() {
                continue;
            }
            let names = std::iter::once(column.key)
                .chain(column.aliases.iter().copied())
                .chain(column.fallbacks.iter().copied());
            for alias in names {
                let alias_name = header_key(alias);
                if alias_name == name {
                    // A fallback not read: `unread_fallbacks` says so.
                    known.clear();
                    break;
                }
                if near_miss(&name, &alias_name) {
                    let shown = format!("`{alias}` ({})", column.key);
                    if !known.contains(&shown) {
                        known.push(shown);
                    }
                }
            }
        }
        if known.is_empty() {
            continue;
        }
        warnings.push(
            Warning::new(
                "header_not_read",
                msg!(
                    "read-header-not-read",
                    header = header.as_str(),
                    file = table.file.as_str(),
                    known = known.join(", ")
                ),
            )
            .file(table.file.as_str())
            .line(info.header_row)
            .column(header.as_str()),
        );
    }
    warnings
}

/// Whether a header not read, `header`, is close to a known column's
/// name `known` (both as compared, `table::header_name`), fit.md
/// "Headers": an edit distance in characters of at most 1 to a name of up
/// to 4 characters, at most 2 to a longer one; or `header` holds a name
/// of at least 3 characters inside it.
pub fn near_miss(header: &str, known: &str) -> bool {
    let length = known.chars().count();
    if length == 0 || header == known {
        return false;
    }
    if length >= 3 && header.contains(known) {
        return true;
    }
    let limit = if length <= 4 { 1 } else { 2 };
    strsim::levenshtein(header, known) <= limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// fit.md "Headers": 1 edit to a name of up to 4 characters, 2 to a
    /// longer one, counted in characters; or a name of 3 or more inside.
    #[test]
    fn near_miss_headers() {
        // 4 characters: 1 edit, not 2.
        assert!(near_miss("出生年份", "出生年月"));
        assert!(!near_miss("出生日子", "出生年月"));
        // 5 characters: 2 edits, not 3.
        assert!(near_miss("进入本校年月", "进本校年月"));
        assert!(near_miss("进入本校年份", "进本校年月"));
        assert!(!near_miss("进本时间", "进本校年月"));
        // Characters, not bytes: one Chinese character is one edit (3
        // bytes).
        assert!(near_miss("学段", "学科"));
        // Inside: an alias of 3 characters or more.
        assert!(near_miss("教师姓名备注", "姓名备"));
        assert!(near_miss("本校任教年限(年)", "本校任教年限"));
        assert!(!near_miss("学科名称是什么", "学科"));
        // The same name is no near miss (it is read).
        assert!(!near_miss("学科", "学科"));
    }

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    /// A data set from CSV texts of schools and teachers (and history).
    fn read(schools: &str, teachers: &str, wanted: &[Wanted]) -> Result<DataSet, InputError> {
        let mut data = DataSet::default();
        data.read_schools(&Table::parse(
            "schools.csv",
            schools.into(),
            SCHOOL_COLUMNS,
        )?)?;
        let table = Table::parse("teachers.csv", teachers.into(), TEACHER_COLUMNS)?;
        let extra = data.extra_fields(&table, Path::new("d/teachers.csv"), wanted)?;
        data.read_teachers(&table, &extra)?;
        Ok(data)
    }

    const SCHOOLS: &str = "id,area,薄弱学校,教育集团\nU1,urban,,一中集团 \nR1,rural,√,\n";

    #[test]
    fn ids_names_and_subjects_compare_as_keys() {
        let schools = "id,name,area\nU1,城关小学,urban\nU2,实验 小学,urban\nU3,城关小学,urban\nR1,河口小学,rural\n";
        let teachers = "id,school,subject,assign_to\nＴ１,U1,语\u{3000}文,河口小学\nT2,实验小学,语文,\nT3,Ｕ２,数 学,R1\n";
        let mut d = read(schools, teachers, &[]).unwrap();
        assert_eq!(d.teacher_by_id("T1"), Some(0));
        assert_eq!(d.teachers[0].id, "Ｔ１", "shown as first spelt");
        assert_eq!(d.teachers[1].school, 1, "by its name");
        assert_eq!(d.teachers[2].school, 1, "by its id, full width");
        assert_eq!(d.teachers[0].assign_to, Some(3));
        assert_eq!(&*d.teachers[0].subject, "语\u{3000}文");
        assert!(Arc::ptr_eq(&d.teachers[0].subject, &d.teachers[1].subject));
        assert_eq!(&*d.teachers[2].subject, "数 学");
        // Needs carry the teachers' spelling; a second spelling of one
        // subject at one school is a duplicate row.
        let needs = "school,subject,count\nR1,语文,1\nR1,数学\u{a0},1\n";
        d.read_needs(&Table::parse("needs.csv", needs.into(), NEED_COLUMNS).unwrap())
            .unwrap();
        let got: Vec<&str> = d
            .needs
            .as_ref()
            .unwrap()
            .iter()
            .map(|n| n.subject.as_str())
            .collect();
        assert_eq!(got, ["语\u{3000}文", "数 学"]);
        let needs = "school,subject,count\nR1,语文,1\nR1,语 文,1\n";
        let e = d
            .read_needs(&Table::parse("needs.csv", needs.into(), NEED_COLUMNS).unwrap())
            .unwrap_err();
        assert!(e.message.to_string().contains("a second row"), "{e}");
        // A name two schools share names neither.
        let e = read(schools, "id,school,subject\nT1,城关小学,语文\n", &[]).unwrap_err();
        assert_eq!((e.line, e.column.as_deref()), (Some(2), Some("school")));
        assert!(
            e.message.to_string().contains("ambiguous: schools U1, U3"),
            "{e}"
        );
        let e = read(schools, "id,school,subject\nT1,城东小学,语文\n", &[]).unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("unknown school `城东小学` (not in schools.csv"),
            "{e}"
        );
        let e = read(schools, "id,school,subject\nT1,U1,语文\nＴ1,U1,语文\n", &[]).unwrap_err();
        assert!(e.message.to_string().contains("duplicate id"), "{e}");
    }

    #[test]
    fn national_template_headers_are_fallbacks() {
        let t = "教职工号,学校名称,任教学科,教授科目\nT1,河口小学,语文,数学\n";
        let schools = "id,name,area\nU1,城关小学,urban\nR1,河口小学,rural\n";
        let d = read(schools, t, &[]).unwrap();
        let t0 = &d.teachers[0];
        assert_eq!((t0.id.as_str(), t0.school, &*t0.subject), ("T1", 1, "语文"));
        // The code wins over the name, 工号 over 教职工号, 学科 over 任教学科.
        let t = "教职工号,工号,学校名称,学校代码,任教课程,学科\nX,T1,城关小学,R1,数学,语文\n";
        let d = read(schools, t, &[]).unwrap();
        let t0 = &d.teachers[0];
        assert_eq!((t0.id.as_str(), t0.school, &*t0.subject), ("T1", 1, "语文"));
    }

    #[test]
    fn without_id_the_id_number_is_the_id() {
        let t = "身份证件号,school,subject\n11010519491231002x,U1,数学\n";
        let d = read(SCHOOLS, t, &[]).unwrap();
        assert!(d.ids_are_id_cards);
        assert_eq!(d.teachers[0].id, "11010519491231002X");
        assert_eq!(d.id_cards.get("11010519491231002X"), Some(&Found::One(0)));
        let e = read(SCHOOLS, "school,subject\nU1,数学\n", &[]).unwrap_err();
        assert!(
            e.message
                .to_string()
                .contains("missing required column `id`"),
            "{e}"
        );
        let t =
            "身份证件号,school,subject\n11010519491231002X,U1,数学\n11010519491231002X,U1,语文\n";
        let e = read(SCHOOLS, t, &[]).unwrap_err();
        assert_eq!(e.column.as_deref(), Some("id_card"));
        assert!(!e.to_string().contains("11010519491231002X"), "{e}");
    }

    #[test]
    fn schools_weak_and_group() {
        let d = read(SCHOOLS, "id,school,subject\n", &[]).unwrap();
        assert_eq!(
            (d.schools[0].weak, d.schools[0].group.as_str()),
            (false, "一中集团")
        );
        assert_eq!((d.schools[1].weak, d.schools[1].group.as_str()), (true, ""));
    }

    #[test]
    fn national_roster_columns() {
        let teachers = "工号,学校代码,学科,性别,出生年月,身份证号,进本校年月,参加工作时间,职称,人员状态,\
                        是否在编,是否是特级教师,是否县级及以上骨干教师,骨干称号,免交流截止日期,指定交流学校,必须交流\n\
                        T1,U1,数学,女,1975.03,11010519491231002X,2010年9月,19950801,小学高级,205 交流轮岗,\
                        是,否,√,,2027-08-31,R1,是\n\
                        T2,U1,语文,,,11010519491231002X,,,,,,是,,市级骨干教师,,,\n\
                        T3,U1,语文,,,,,,,,,,是,校级,,,\n";
        let d = read(SCHOOLS, teachers, &[]).unwrap();
        let t = &d.teachers[0];
        assert_eq!(t.sex, Some(Sex::Female));
        assert_eq!(
            t.birth_date,
            day(1975, 3, 1),
            "the column wins over the ID number"
        );
        assert_eq!(t.id_card(), Some("11010519491231002X"));
        assert_eq!(t.school_entry(), day(2010, 9, 1));
        assert_eq!(t.work_start(), day(1995, 8, 1));
        assert_eq!(t.title, Some(Title::First));
        assert_eq!(t.status, Some(PostStatus::AWAY));
        assert_eq!(t.established, Some(true));
        assert_eq!(t.backbone, Backbone::County);
        assert_eq!(t.exempt_until(), day(2027, 8, 31));
        assert_eq!(t.assign_to, Some(1));
        assert!(t.must_rotate);
        let t = &d.teachers[1];
        assert_eq!(
            (t.sex, t.birth_date),
            (Some(Sex::Female), day(1949, 12, 31))
        );
        assert_eq!(t.backbone, Backbone::Province, "特级 lifts 市级");
        assert_eq!(
            (t.established, t.must_rotate, t.assign_to),
            (None, false, None)
        );
        assert_eq!(
            d.teachers[2].backbone,
            Backbone::County,
            "the flag lifts 校级"
        );
        assert!(d.teachers[2].details.is_none(), "nothing kept out of line");
    }

    #[test]
    fn bad_roster_cells_name_the_column() {
        let cases = [
            (
                "birth_date",
                "2019-02-30",
                "expected a date such as 1975-03-12 or 1975年3月",
            ),
            ("id_card", "110105194912310021", "1101**********0021"),
            ("sex", "x", "expected a sex"),
            ("title", "四级", "expected a title"),
            ("status", "212", "expected a status"),
            ("backbone", "maybe", "expected a boolean or a level"),
            ("established", "perhaps", "expected a boolean"),
            ("assign_to", "X9", "unknown school `X9`"),
            ("exempt_until", "2027-13", "expected a date"),
        ];
        for (column, value, needle) in cases {
            let t = format!("id,school,subject,{column}\nT1,U1,数学,{value}\n");
            let e = read(SCHOOLS, &t, &[]).unwrap_err();
            assert_eq!(
                (e.line, e.column.as_deref()),
                (Some(2), Some(column)),
                "{e}"
            );
            assert!(e.message.to_string().contains(needle), "{column}: {e}");
            if column == "id_card" {
                assert!(!e.to_string().contains(value), "never whole: {e}");
            }
        }
    }

    #[test]
    fn extra_columns_for_rules() {
        let teachers =
            "id,school,subject, 任教年级 ,姓名\nT1,U1,数学,九年级,张三\nT2,U1,语文, ,李四\n";
        let wanted = |column: &str| Wanted {
            column: column.into(),
            rule: "毕业年级".into(),
        };
        let d = read(
            SCHOOLS,
            teachers,
            &[wanted("任教年级"), wanted("姓名"), wanted("任教年级")],
        )
        .unwrap();
        assert_eq!(d.extra_columns, ["任教年级", "姓名"]);
        fn extra(t: &Teacher) -> [&str; 2] {
            [t.extra(0), t.extra(1)]
        }
        assert_eq!(extra(&d.teachers[0]), ["九年级", "张三"]);
        assert_eq!(d.teachers[0].name, "张三", "also a mapped field");
        assert_eq!(extra(&d.teachers[1]), ["", "李四"]);
        // Full-width letters and case.
        let t = "id,school,subject,ＧＲＡＤＥ\nT1,U1,数学,ｇ９\n";
        let d = read(SCHOOLS, t, &[wanted("grade")]).unwrap();
        assert_eq!(d.teachers[0].extra(0), "g9");
        // Blank extra cells are no details.
        let t = "id,school,subject,grade\nT1,U1,数学, \n";
        let d = read(SCHOOLS, t, &[wanted("grade")]).unwrap();
        assert_eq!(
            (d.teachers[0].extra(0), d.teachers[0].details.is_none()),
            ("", true)
        );
        let e = read(SCHOOLS, teachers, &[wanted("职务")]).unwrap_err();
        assert_eq!(
            e.message.to_string(),
            "rule `毕业年级` filters on column `职务`, which teachers.csv does not have"
        );
        assert_eq!((e.file.as_str(), e.line), ("teachers.csv", None));
    }

    #[test]
    fn history_years_end_years_and_forms() {
        let mut d = read(SCHOOLS, "id,school,subject\nT1,U1,数学\n", &[]).unwrap();
        let h = "teacher,年度,结束年度,交流形式\nT1,2021-2022学年,2023,支教\nT1,2020-09-01,,\n";
        d.read_history(&Table::parse("history.csv", h.into(), HISTORY_COLUMNS).unwrap())
            .unwrap();
        let got: Vec<_> = d
            .history
            .iter()
            .map(|r| (r.year, r.end_year, r.form.as_deref()))
            .collect();
        assert_eq!(got, [(2021, Some(2023), Some("支教")), (2020, None, None)]);
        let h = "teacher,year,end_year\nT1,2021,2020\n";
        let e = d
            .read_history(&Table::parse("history.csv", h.into(), HISTORY_COLUMNS).unwrap())
            .unwrap_err();
        assert_eq!(e.column.as_deref(), Some("end_year"), "{e}");
    }

    #[test]
    fn backbone_names_are_what_json_writes() {
        for b in [
            Backbone::None,
            Backbone::County,
            Backbone::City,
            Backbone::Province,
        ] {
            assert_eq!(serde_json::to_value(b).unwrap(), b.name());
        }
    }
}
