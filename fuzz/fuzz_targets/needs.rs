//! `needs.csv` as fuzzed bytes, the other files of the small valid data set
//! beside it; a data set that loads is then audited.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotaplan_fuzz::{Files, exercise, load, policy};

fuzz_target!(|bytes: &[u8]| {
    let files = Files {
        needs: Some(bytes),
        ..Files::VALID
    };
    if let Ok(data) = load(&files) {
        exercise(&data, &policy());
    }
});
