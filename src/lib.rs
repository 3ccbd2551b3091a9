//! rotaplan: plans the yearly rotation of teachers from urban and quality
//! schools to rural schools (交流轮岗) as a mixed-integer program on HiGHS,
//! and audits any plan against the rules.
//!
//! The modules follow the pipeline, one folder a stage, in this order:
//!
//! 1. `read`: the files into the typed rows of `domain`, with positions;
//! 2. `eligibility`: who may rotate, and why not;
//! 3. `model`: groups, arcs and rule scopes per district, as a small MILP;
//! 4. `solve`: the lexicographic MILP on HiGHS;
//! 5. `assign`: from flows to individual teachers;
//! 6. `audit`: the independent checker of any plan;
//! 7. `report`: what the planner reads (tables, CSV, JSON, workbook, page).
//!
//! Beside them: `domain` (the types every stage uses), `policy` (the
//! policy, exact ratios, the rules as values), `indicators` (the 优质均衡
//! teacher indicators), `messages` (the catalogue of every text a person
//! reads). Above them: `plan` drives the stages per district (with the
//! fixes when the rules cannot be met, and compare's scenarios), and `cmd`
//! holds one file per command, dispatched by `cli`. Imports run one way:
//! a stage never imports `plan`, `cmd` or `cli`, and `model` never imports
//! `solve`. The `generate` command's synthetic data sets live apart in
//! `generate`.

// Beside the stages: what every stage reads.
pub mod domain;
pub mod error;
pub mod geo;
pub mod indicators;
pub mod messages;
pub mod policy;
pub mod progress;

// The pipeline's stages, in order (one group each, so that rustfmt keeps
// the order).
pub mod read;

pub mod eligibility;

pub mod model;

pub mod solve;

pub mod assign;

pub mod audit;

pub mod report;

// Above the stages: the drivers, then the commands.
pub mod plan;

pub mod cli;
pub mod cmd;

// Apart from the core: synthetic data sets.
pub mod generate;

pub use error::{Error, Result};
