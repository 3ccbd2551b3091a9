//! Nothing harmful in or out (papers.md "CSV for Excel and WPS", "Writing
//! files", "What a message may hold"; rosters.md "Text guards on ids"),
//! through the binary.

mod common;
use common::*;

const SCHOOLS: &str = "id,name,area,district\n\
U1,城区实验小学,urban,大丰\n\
R1,草堰小学,rural,大丰\n";

/// Ten teachers of 数学 at U1 with 8 years, T0 backbone; `name0` is T0's
/// name. One place at R1.
fn county(name0: &str) -> DataDir {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..10 {
        let name = if i == 0 {
            name0.to_string()
        } else {
            format!("教师{i}")
        };
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("T{i},{name},U1,数学,{backbone},8\n");
    }
    DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n")
}

/// A name that a spreadsheet would run as a formula is written with a
/// leading apostrophe, and `audit` reads the plan back as written.
#[test]
fn plan_csv_guards_formula_text_and_audit_reads_it_back() {
    let dir = county("\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"");
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = read_csv_rows(&dir.file("plan.csv"));
    assert_eq!(rows.len(), 2, "one rotation: {rows:?}");
    assert_eq!(rows[1][0], "T0");
    assert_eq!(rows[1][1], "'=HYPERLINK(\"http://x\",\"click\")");
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `="000101"` (a web export's guard on an id's zeros) is the text
/// `000101`: a plan typed with the plain id matches it.
#[test]
fn text_guarded_ids_are_their_text() {
    let mut t = String::from("id,name,school,subject,backbone,years_at_school\n");
    for i in 0..10 {
        let backbone = if i == 0 { "county" } else { "none" };
        t += &format!("\"=\"\"00010{i}\"\"\",教师{i},U1,数学,{backbone},8\n");
    }
    let dir = DataDir::tables(SCHOOLS, &t, "school,subject,count\nR1,数学,1\n");
    dir.write(
        "hand.csv",
        "teacher,from_school,to_school\n000100,U1,R1\n".as_bytes(),
    );
    let out = rotaplan_pinned(dir.path(), &["audit", ".", "--plan", "hand.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = rotaplan_pinned(dir.path(), &["plan", ".", "--out", "plan.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read_csv_rows(&dir.file("plan.csv"))[1][0], "000100");
}
