//! A data set as the files `read` reads back: schools.csv, teachers.csv,
//! needs.csv, history.csv and preferences.csv with the contract's English
//! headers (data-format.md, rosters.md, programme.md), one value per cell
//! in the words the readers take. `horizon` writes each year's data
//! folder with them (programme.md "Looking ahead"), so that `plan` and
//! `audit` on that folder see what the horizon planned on.
//!
//! What is written is what rotaplan understood, not the bureau's file
//! as it was: a `special_grade` or a backbone flag is in `backbone`, the
//! ID number's birth date and sex in `birth_date` and `sex`. The ID
//! number itself is not written (rosters.md "Personal data"), except as
//! the id of a roster that has no other (as plan files do).

use super::{BOM, text_cell};
use crate::domain::{Area, DataSet, Education, Level, Sex, Teacher};
use chrono::NaiveDate;

/// schools.csv's columns, in order.
pub const SCHOOL_COLUMNS: [&str; 11] = [
    "id", "name", "area", "quality", "level", "students", "district", "lat", "lon", "weak", "group",
];

/// teachers.csv's columns, in order; the data set's extra columns (those
/// the policy's rules filter on, `DataSet::extra_columns`) follow.
pub const TEACHER_COLUMNS: [&str; 28] = [
    "id",
    "name",
    "school",
    "subject",
    "backbone",
    "years_at_school",
    "age",
    "eligible",
    "exempt",
    "exempt_until",
    "education",
    "section",
    "certificate",
    "sex",
    "birth_date",
    "school_entry",
    "work_start",
    "title",
    "status",
    "established",
    "assign_to",
    "must_rotate",
    "term_years",
    "volunteer",
    "points",
    "post",
    "post_start",
    "post_years",
];

/// needs.csv's columns: the rows of one plan year, without `year`.
pub const NEED_COLUMNS: [&str; 5] = ["school", "subject", "count", "weight", "level"];

/// history.csv's columns (programme.md "Terms, returns and transfers").
pub const HISTORY_COLUMNS: [&str; 6] =
    ["teacher", "school", "year", "end_year", "form", "transfer"];

/// preferences.csv's columns.
pub const PREFERENCE_COLUMNS: [&str; 3] = ["teacher", "school", "rank"];

/// The bytes of schools.csv: UTF-8 after the byte-order mark, text cells
/// guarded (`text_cell`), coordinates in degrees as read.
pub fn schools_csv(data: &DataSet) -> std::io::Result<Vec<u8>> {
    csv_bytes(&SCHOOL_COLUMNS, |w| {
        for s in &data.schools {
            let (lat, lon) = match s.location {
                Some((lat, lon)) => (lat.to_string(), lon.to_string()),
                None => (String::new(), String::new()),
            };
            w.write_record([
                &*text_cell(&s.id),
                &*text_cell(&s.name),
                area_word(s.area),
                boolean(s.quality),
                s.level.map_or("", level_word),
                &s.students.map(|n| n.to_string()).unwrap_or_default(),
                &*text_cell(&s.district),
                &lat,
                &lon,
                boolean(s.weak),
                &*text_cell(&s.group),
            ])?;
        }
        Ok(())
    })
}

/// The bytes of teachers.csv, as `schools_csv`: `TEACHER_COLUMNS`, then
/// the extra columns by their names.
pub fn teachers_csv(data: &DataSet) -> std::io::Result<Vec<u8>> {
    let mut header: Vec<&str> = TEACHER_COLUMNS.to_vec();
    header.extend(data.extra_columns.iter().map(String::as_str));
    csv_bytes(&header, |w| {
        for t in &data.teachers {
            let mut record = teacher_cells(data, t);
            record.extend((0..data.extra_columns.len()).map(|i| text_cell(t.extra(i)).into()));
            w.write_record(&record)?;
        }
        Ok(())
    })
}

/// One teacher's cells, in the order of `TEACHER_COLUMNS`.
fn teacher_cells(data: &DataSet, t: &Teacher) -> Vec<String> {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let flag = |b: Option<bool>| b.map(boolean).unwrap_or_default().to_string();
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |s: &str| text_cell(s).into_owned();
    let status = t.status.map(|s| match s.leave_word() {
        Some(word) => word.to_string(),
        None => s.0.to_string(),
    });
    vec![
        text(&t.id),
        text(&t.name),
        text(&data.schools[t.school].id),
        text(&t.subject),
        t.backbone.name().to_string(),
        number(t.years_at_school),
        number(t.age),
        flag(t.eligible),
        text(t.exempt().unwrap_or_default()),
        day(t.exempt_until()),
        t.education
            .map(education_word)
            .unwrap_or_default()
            .to_string(),
        t.section.map(level_word).unwrap_or_default().to_string(),
        t.certificate
            .map(|c| c.key())
            .unwrap_or_default()
            .to_string(),
        t.sex.map(sex_word).unwrap_or_default().to_string(),
        day(t.birth_date),
        day(t.school_entry()),
        day(t.work_start()),
        t.title.map(|t| t.chinese()).unwrap_or_default().to_string(),
        status.unwrap_or_default(),
        flag(t.established),
        t.assign_to
            .map(|s| text(&data.schools[s].id))
            .unwrap_or_default(),
        boolean(t.must_rotate).to_string(),
        t.term().map(|term| term.key()).unwrap_or_default(),
        boolean(t.volunteer()).to_string(),
        Some(t.points())
            .filter(|&p| p != 0.0)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        t.post()
            .map(|p| p.chinese())
            .unwrap_or_default()
            .to_string(),
        day(t.post_start()),
        number(t.post_years()),
    ]
}

/// The bytes of needs.csv, `None` when the data set has no needs: each
/// need as it applies in the plan year (`DataSet::keep_needs_of`), its
/// weight and level when it has them.
pub fn needs_csv(data: &DataSet) -> Option<std::io::Result<Vec<u8>>> {
    let needs = data.needs.as_ref()?;
    Some(csv_bytes(&NEED_COLUMNS, |w| {
        for n in needs {
            w.write_record([
                &*text_cell(&data.schools[n.school].id),
                &*text_cell(&n.subject),
                &n.count.to_string(),
                &n.weight.to_string(),
                n.level.map_or("", level_word),
            ])?;
        }
        Ok(())
    }))
}

/// The bytes of history.csv: every past rotation, its school by id.
pub fn history_csv(data: &DataSet) -> std::io::Result<Vec<u8>> {
    csv_bytes(&HISTORY_COLUMNS, |w| {
        for p in &data.history {
            w.write_record([
                &*text_cell(&data.teachers[p.teacher].id),
                &*p.school
                    .map(|s| text_cell(&data.schools[s].id))
                    .unwrap_or_default(),
                &p.year.to_string(),
                &p.end_year.map(|y| y.to_string()).unwrap_or_default(),
                &*text_cell(p.form.as_deref().unwrap_or_default()),
                boolean(p.transfer),
            ])?;
        }
        Ok(())
    })
}

/// The bytes of preferences.csv, `None` when the data set has none.
pub fn preferences_csv(data: &DataSet) -> Option<std::io::Result<Vec<u8>>> {
    if data.preferences.is_empty() {
        return None;
    }
    Some(csv_bytes(&PREFERENCE_COLUMNS, |w| {
        for p in &data.preferences {
            w.write_record([
                &*text_cell(&data.teachers[p.teacher].id),
                &*text_cell(&data.schools[p.school].id),
                &p.rank.to_string(),
            ])?;
        }
        Ok(())
    }))
}

/// A CSV file's bytes: the byte-order mark, `header`, then what `rows`
/// writes.
fn csv_bytes(
    header: &[&str],
    rows: impl FnOnce(&mut csv::Writer<&mut Vec<u8>>) -> std::io::Result<()>,
) -> std::io::Result<Vec<u8>> {
    let mut bytes = BOM.to_vec();
    {
        let mut w = csv::Writer::from_writer(&mut bytes);
        w.write_record(header)?;
        rows(&mut w)?;
        w.flush()?;
    }
    Ok(bytes)
}

fn boolean(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

fn area_word(area: Area) -> &'static str {
    match area {
        Area::Urban => "urban",
        Area::Town => "town",
        Area::Rural => "rural",
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Primary => "primary",
        Level::Junior => "junior",
        Level::NineYear => "nine-year",
    }
}

fn education_word(e: Education) -> &'static str {
    match e {
        Education::BelowSecondary => "below_secondary",
        Education::Secondary => "secondary",
        Education::Associate => "associate",
        Education::Bachelor => "bachelor",
        Education::Master => "master",
        Education::Doctor => "doctor",
    }
}

fn sex_word(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::DataSet;
    use crate::read::DataPaths;
    use std::path::Path;

    /// Writes `data`'s files into `dir` and reads them back.
    fn round_trip(data: &DataSet, dir: &Path) -> DataSet {
        std::fs::write(dir.join("schools.csv"), super::schools_csv(data).unwrap()).unwrap();
        std::fs::write(dir.join("teachers.csv"), super::teachers_csv(data).unwrap()).unwrap();
        std::fs::write(dir.join("history.csv"), super::history_csv(data).unwrap()).unwrap();
        if let Some(needs) = super::needs_csv(data) {
            std::fs::write(dir.join("needs.csv"), needs.unwrap()).unwrap();
        }
        if let Some(prefs) = super::preferences_csv(data) {
            std::fs::write(dir.join("preferences.csv"), prefs.unwrap()).unwrap();
        }
        let paths = DataPaths::resolve(Some(dir), None, None, None, None, None).unwrap();
        DataSet::load(&paths).unwrap()
    }

    /// What a teacher is, without where it was read.
    fn shown(data: &DataSet) -> Vec<String> {
        let mut t: Vec<String> = data
            .teachers
            .iter()
            .map(|t| {
                let mut t = t.clone();
                t.line = 0;
                if let Some(d) = &mut t.details {
                    d.id_card = None;
                }
                format!("{t:?}")
            })
            .collect();
        t.extend(data.schools.iter().map(|s| format!("{s:?}")));
        t.extend(data.history.iter().map(|p| format!("{p:?}")));
        t.extend(data.preferences.iter().map(|p| format!("{p:?}")));
        t.extend(
            data.needs
                .iter()
                .flatten()
                .map(|n| format!("{:?}", (n.school, &n.subject, n.count, n.weight, n.level))),
        );
        t
    }

    #[test]
    fn rosters_from_the_field_read_back_as_they_were_read() {
        // The bundled county, and every case folder (Chinese headers,
        // workbooks, dates instead of years, GBK, ...) that reads alone.
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut folders = vec![root.join("data/sample-county")];
        let mut cases: Vec<_> = std::fs::read_dir(root.join("tests/cases"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        cases.sort();
        folders.extend(cases);
        let mut read = 0;
        for folder in folders {
            let Ok(paths) = DataPaths::resolve(Some(&folder), None, None, None, None, None) else {
                continue;
            };
            let Ok(data) = DataSet::load(&paths) else {
                continue;
            };
            read += 1;
            let dir = tempfile::tempdir().unwrap();
            let again = round_trip(&data, dir.path());
            assert_eq!(shown(&again), shown(&data), "{}", folder.display());
            // A second round changes nothing, byte for byte.
            let dir2 = tempfile::tempdir().unwrap();
            round_trip(&again, dir2.path());
            for file in ["schools.csv", "teachers.csv", "history.csv"] {
                let a = std::fs::read(dir.path().join(file)).unwrap();
                let b = std::fs::read(dir2.path().join(file)).unwrap();
                assert!(a == b, "{file} of {} differs", folder.display());
            }
        }
        assert!(read >= 8, "only {read} folders read");
    }
}
