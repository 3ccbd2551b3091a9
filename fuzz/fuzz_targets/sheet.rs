//! A workbook's bytes as teachers.xlsx: calamine reads it (its panics are
//! caught and reported as a damaged workbook), then the sheet goes through
//! the same header mapping and row walk as a CSV file. A crash, a hang or
//! running out of memory here is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotaplan::read::sheet::Sheet;
use rotaplan::read::table::{Column, Table, optional, required};

const COLUMNS: &[Column] = &[
    required("id", &["工号"]),
    optional("name", &["姓名"]),
    required("school", &["学校代码"]),
    optional("backbone", &["骨干教师"]),
    optional("years_at_school", &["本校任教年限"]),
];

fuzz_target!(|bytes: &[u8]| {
    let Ok(sheet) = Sheet::parse("teachers.xlsx", bytes.to_vec(), &["teachers", "教师"]) else {
        return;
    };
    let Ok(table) = Table::from_sheet("teachers.xlsx", sheet, COLUMNS) else {
        return;
    };
    let _ = table.for_each_row(|row| {
        let _ = row.get("name");
        let _ = row.require("id")?;
        let _ = row.get("years_at_school");
        Ok(())
    });
});
