//! A plan file (`rotaplan audit --plan`) as fuzzed bytes, audited against
//! the small valid data set.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotaplan::audit::read_plan;
use rotaplan_fuzz::{audit_and_render, policy, put, valid_data};

fuzz_target!(|bytes: &[u8]| {
    let data = valid_data();
    let path = put("plan.csv", Some(bytes));
    if let Ok(lines) = read_plan(&path, data) {
        let report = audit_and_render(data, &policy(), &lines);
        assert!(
            report.rotating <= lines.len() as u64,
            "more rotating than plan lines"
        );
    }
});
