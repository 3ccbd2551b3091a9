//! A whole small data set through `plan` and `audit`.
//!
//! The input is up to six parts split at 0xFF bytes (a byte neither UTF-8
//! nor GB18030 uses): schools.csv, teachers.csv, needs.csv, then optional
//! policy.toml keys (laid over the fuzz policy when they parse), and
//! preferences.csv and history.csv. Inputs over 4 KiB are skipped so that
//! the models stay small.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rotaplan_fuzz::{Files, load, plan_and_audit, policy};

const MAX_INPUT: usize = 4096;

fuzz_target!(|bytes: &[u8]| {
    if bytes.len() > MAX_INPUT {
        return;
    }
    let mut parts = bytes.split(|&b| b == 0xFF);
    let (Some(schools), Some(teachers), Some(needs)) = (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let policy_text = parts.next();
    let files = Files {
        schools,
        teachers,
        needs: Some(needs),
        preferences: parts.next(),
        history: parts.next(),
    };
    let Ok(data) = load(&files) else {
        return;
    };
    let mut policy = policy();
    if let Some(text) = policy_text.and_then(|t| std::str::from_utf8(t).ok())
        && let Ok((p, _)) = policy.overlay_toml("policy.toml", text)
        && let Ok(p) = p.checked("policy.toml")
    {
        policy = p;
    }
    policy.time_limit_seconds = policy.time_limit_seconds.min(5.0);
    plan_and_audit(&data, &policy);
});
