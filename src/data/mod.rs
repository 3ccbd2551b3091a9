//! The data set: schools, teachers, needs, preferences and history, read
//! and cross-checked as the contract says. Everything downstream works on
//! these typed rows and never looks at a CSV cell again.

pub mod cell;
pub mod sheet;
pub mod table;

use crate::error::{Error, InputError};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use table::{Column, Row, Table, optional, required};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Area {
    Urban,
    Rural,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Primary,
    Junior,
    NineYear,
}

/// A teacher's highest degree (学历), lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Education {
    /// 中专 (and 中师): the degree a primary teacher must hold.
    Secondary,
    /// 大专: the degree a junior-secondary teacher must hold.
    Associate,
    Bachelor,
    Master,
    Doctor,
}

/// A backbone teacher's level; any level above `None` counts as backbone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backbone {
    None,
    County,
    City,
    Province,
}

impl Backbone {
    pub fn is_backbone(self) -> bool {
        self != Backbone::None
    }

    /// The level as written in files: `none`, `county`, `city`, `province`
    /// (as serde writes it in JSON).
    pub fn name(self) -> &'static str {
        match self {
            Backbone::None => "none",
            Backbone::County => "county",
            Backbone::City => "city",
            Backbone::Province => "province",
        }
    }
}

#[derive(Debug, Clone)]
pub struct School {
    pub id: String,
    pub name: String,
    pub area: Area,
    pub quality: bool,
    pub level: Option<Level>,
    pub students: Option<u32>,
    pub district: String,
    /// (latitude, longitude) in degrees.
    pub location: Option<(f64, f64)>,
}

impl School {
    /// Urban schools and quality schools send teachers.
    pub fn is_sending(&self) -> bool {
        self.area == Area::Urban || self.quality
    }

    /// Rural schools that are not quality schools receive them.
    pub fn is_receiving(&self) -> bool {
        self.area == Area::Rural && !self.quality
    }
}

#[derive(Debug, Clone)]
pub struct Teacher {
    pub id: String,
    pub name: String,
    /// Index into `DataSet::schools`.
    pub school: usize,
    /// Shared: a province has 600,000 teachers and a dozen subjects.
    pub subject: Arc<str>,
    pub backbone: Backbone,
    pub years_at_school: Option<u32>,
    pub age: Option<u32>,
    pub eligible: Option<bool>,
    pub exempt: Option<String>,
    /// `None` when the `education` column is absent or the cell empty.
    pub education: Option<Education>,
}

/// A receiving school's need for teachers of one subject.
#[derive(Debug, Clone)]
pub struct RuralNeed {
    pub school: usize,
    pub subject: String,
    pub count: u32,
    pub weight: f64,
}

#[derive(Debug, Clone)]
pub struct Preference {
    pub teacher: usize,
    pub school: usize,
    pub rank: u32,
}

#[derive(Debug, Clone)]
pub struct PastRotation {
    pub teacher: usize,
    pub year: i64,
    pub school: Option<usize>,
}

/// A whole data set, with the ids resolved to indices.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    pub schools: Vec<School>,
    pub teachers: Vec<Teacher>,
    /// `None` when no needs.csv was given (audit then skips `over_need`).
    pub needs: Option<Vec<RuralNeed>>,
    pub preferences: Vec<Preference>,
    pub history: Vec<PastRotation>,
    /// Id -> index. FxHash: ids are not attacker-chosen keys, and SipHash
    /// was a visible share of loading a province.
    pub school_index: FxHashMap<String, usize>,
    pub teacher_index: FxHashMap<String, usize>,
}

/// Where each input file is; built from a folder and per-file flags.
#[derive(Debug, Clone, Default)]
pub struct DataPaths {
    pub schools: PathBuf,
    pub teachers: PathBuf,
    pub needs: Option<PathBuf>,
    pub preferences: Option<PathBuf>,
    pub history: Option<PathBuf>,
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
                .ok_or_else(|| {
                    Error::Usage(format!("no {stem}.csv: give the data folder or --{stem}"))
                })
        };
        let paths = DataPaths {
            schools: must(schools, "schools")?,
            teachers: must(teachers, "teachers")?,
            needs: needs.or_else(|| existing("needs")),
            preferences: preferences.or_else(|| existing("preferences")),
            history: history.or_else(|| existing("history")),
        };
        if let Some(d) = dir
            && !d.is_dir()
        {
            return Err(Error::Usage(format!("{}: not a folder", d.display())));
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
        all
    }
}

const SCHOOL_COLUMNS: &[Column] = &[
    required("id", &["学校代码"]),
    optional("name", &["学校名称"]),
    required("area", &["城乡类型"]),
    optional("quality", &["优质学校"]),
    optional("level", &["学段"]),
    optional("students", &["学生数"]),
    optional("district", &["区县"]),
    optional("lat", &["纬度"]),
    optional("lon", &["经度"]),
];

const TEACHER_COLUMNS: &[Column] = &[
    required("id", &["工号"]),
    optional("name", &["姓名"]),
    required("school", &["学校代码"]),
    required("subject", &["学科"]),
    optional("backbone", &["骨干教师"]),
    optional("years_at_school", &["本校任教年限"]),
    optional("age", &["年龄"]),
    optional("eligible", &["符合交流条件"]),
    optional("exempt", &["免交流原因"]),
    optional("education", &["学历"]),
];

const NEED_COLUMNS: &[Column] = &[
    required("school", &["学校代码"]),
    required("subject", &["学科"]),
    required("count", &["需求人数"]),
    optional("weight", &["权重"]),
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
];

const AREAS: &[(&[&str], Area)] = &[
    (&["urban", "城区"], Area::Urban),
    (&["rural", "农村", "乡村", "镇区"], Area::Rural),
];

const LEVELS: &[(&[&str], Level)] = &[
    (&["primary", "小学"], Level::Primary),
    (&["junior", "初中"], Level::Junior),
    (&["nine-year", "九年一贯制"], Level::NineYear),
];

const EDUCATIONS: &[(&[&str], Education)] = &[
    (&["secondary", "中专", "中师"], Education::Secondary),
    (&["associate", "大专", "专科"], Education::Associate),
    (&["bachelor", "本科"], Education::Bachelor),
    (&["master", "硕士", "研究生"], Education::Master),
    (&["doctor", "博士"], Education::Doctor),
];

const BACKBONE_LEVELS: &[(&[&str], Backbone)] = &[
    (&["none", "无"], Backbone::None),
    (&["county", "县级"], Backbone::County),
    (&["city", "市级"], Backbone::City),
    (&["province", "省级"], Backbone::Province),
];

impl DataSet {
    /// Reads and cross-checks every file; the first bad input is the error.
    pub fn load(paths: &DataPaths) -> Result<DataSet, Error> {
        let mut data = DataSet::default();
        data.read_schools(&Table::read(
            &paths.schools,
            SCHOOL_COLUMNS,
            &["schools", "学校"],
        )?)?;
        data.read_teachers(&Table::read(
            &paths.teachers,
            TEACHER_COLUMNS,
            &["teachers", "教师"],
        )?)?;
        if let Some(path) = &paths.needs {
            data.read_needs(&Table::read(path, NEED_COLUMNS, &["needs", "需求"])?)?;
        }
        if let Some(path) = &paths.preferences {
            data.read_preferences(&Table::read(
                path,
                PREFERENCE_COLUMNS,
                &["preferences", "志愿"],
            )?)?;
        }
        if let Some(path) = &paths.history {
            data.read_history(&Table::read(
                path,
                HISTORY_COLUMNS,
                &["history", "交流记录"],
            )?)?;
        }
        Ok(data)
    }

    /// The district of a school.
    pub fn district_of(&self, school: usize) -> &str {
        &self.schools[school].district
    }

    fn read_schools(&mut self, table: &Table) -> Result<(), InputError> {
        table.for_each_row(|row| {
            let id = row.require("id")?.to_string();
            let area = row
                .choice("area", AREAS, "urban or rural (城区, 农村, 乡村, 镇区)")?
                .ok_or_else(|| row.error("area", "empty cell in a required column"))?;
            let lat = row.number("lat", -90.0..=90.0)?;
            let lon = row.number("lon", -180.0..=180.0)?;
            let location = match (lat, lon) {
                (Some(lat), Some(lon)) => Some((lat, lon)),
                (None, None) => None,
                (Some(_), None) => return Err(row.error("lon", "latitude given without longitude")),
                (None, Some(_)) => return Err(row.error("lat", "longitude given without latitude")),
            };
            let school = School {
                name: row.get("name").unwrap_or(&id).to_string(),
                area,
                quality: row.boolean("quality")?.unwrap_or(false),
                level: row.choice(
                    "level",
                    LEVELS,
                    "primary, junior or nine-year (小学, 初中, 九年一贯制)",
                )?,
                students: row.count("students")?,
                district: row.get("district").unwrap_or_default().to_string(),
                location,
                id,
            };
            insert_unique(
                &mut self.school_index,
                &school.id,
                self.schools.len(),
                &row,
                "id",
            )?;
            self.schools.push(school);
            Ok(())
        })
    }

    fn read_teachers(&mut self, table: &Table) -> Result<(), InputError> {
        let rows = table.rows_hint();
        self.teachers.reserve(rows);
        self.teacher_index.reserve(rows);
        let mut subjects: FxHashSet<Arc<str>> = FxHashSet::default();
        table.for_each_row(|row| {
            let id = row.require("id")?.to_string();
            let school = self.school_ref(&row, "school")?;
            let backbone = match row.get("backbone") {
                None => Backbone::None,
                Some(s) => match cell::parse_bool(s) {
                    Some(true) => Backbone::County,
                    Some(false) => Backbone::None,
                    None => row
                        .choice(
                            "backbone",
                            BACKBONE_LEVELS,
                            "a boolean or a level: none, county, city, province (无, 县级, 市级, 省级)",
                        )?
                        .unwrap_or(Backbone::None),
                },
            };
            let teacher = Teacher {
                name: row.get("name").unwrap_or_default().to_string(),
                school,
                subject: intern(&mut subjects, row.require("subject")?),
                backbone,
                years_at_school: row.count("years_at_school")?,
                age: row.count("age")?,
                eligible: row.boolean("eligible")?,
                exempt: row.get("exempt").map(str::to_string),
                education: row.choice(
                    "education",
                    EDUCATIONS,
                    "a degree: secondary, associate, bachelor, master, doctor (中专, 大专, 本科, 硕士, 博士)",
                )?,
                id,
            };
            insert_unique(
                &mut self.teacher_index,
                &teacher.id,
                self.teachers.len(),
                &row,
                "id",
            )?;
            self.teachers.push(teacher);
            Ok(())
        })
    }

    fn read_needs(&mut self, table: &Table) -> Result<(), InputError> {
        let mut needs = Vec::new();
        let mut seen: HashMap<(usize, String), u64> = HashMap::new();
        table.for_each_row(|row| {
            let school = self.school_ref(&row, "school")?;
            if !self.schools[school].is_receiving() {
                return Err(row.error(
                    "school",
                    format!(
                        "school `{}` is urban or a quality school: only rural, non-quality schools can have needs",
                        self.schools[school].id
                    ),
                ));
            }
            let subject = row.require("subject")?.to_string();
            if let Some(first) = seen.insert((school, subject.clone()), row.line) {
                return Err(row.row_error(format!(
                    "a second row for school `{}` and subject `{subject}` (the first is line {first})",
                    self.schools[school].id
                )));
            }
            let count = row
                .count("count")?
                .ok_or_else(|| row.error("count", "empty cell in a required column"))?;
            let weight = row.number("weight", 0.0..=1e9)?.unwrap_or(1.0);
            needs.push(RuralNeed {
                school,
                subject,
                count,
                weight,
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
                .ok_or_else(|| row.error("rank", "empty cell in a required column"))?;
            if rank == 0 {
                return Err(row.error("rank", "expected a rank >= 1 (1 = first choice), found `0`"));
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
        table.for_each_row(|row| {
            let teacher = self.teacher_ref(&row, "teacher")?;
            let year = row
                .integer("year")?
                .ok_or_else(|| row.error("year", "empty cell in a required column"))?;
            let school = match row.get("school") {
                Some(_) => Some(self.school_ref(&row, "school")?),
                None => None,
            };
            self.history.push(PastRotation {
                teacher,
                year,
                school,
            });
            Ok(())
        })
    }

    fn school_ref(&self, row: &Row, key: &str) -> Result<usize, InputError> {
        let id = row.require(key)?;
        self.school_index.get(id).copied().ok_or_else(|| {
            row.error(
                key,
                format!("unknown school {} (not in schools.csv)", cell::shown(id)),
            )
        })
    }

    fn teacher_ref(&self, row: &Row, key: &str) -> Result<usize, InputError> {
        let id = row.require(key)?;
        self.teacher_index.get(id).copied().ok_or_else(|| {
            row.error(
                key,
                format!("unknown teacher {} (not in teachers.csv)", cell::shown(id)),
            )
        })
    }
}

fn intern(known: &mut FxHashSet<Arc<str>>, text: &str) -> Arc<str> {
    if let Some(shared) = known.get(text) {
        return shared.clone();
    }
    let shared: Arc<str> = Arc::from(text);
    known.insert(shared.clone());
    shared
}

fn insert_unique(
    index: &mut FxHashMap<String, usize>,
    id: &str,
    value: usize,
    row: &Row,
    key: &str,
) -> Result<(), InputError> {
    if index.insert(id.to_string(), value).is_some() {
        return Err(row.error(key, format!("duplicate id {}", cell::shown(id))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
