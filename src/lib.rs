//! rotaplan: plans the yearly rotation of teachers from urban and quality
//! schools to rural schools (交流轮岗) as a mixed-integer program on HiGHS,
//! and audits any plan against the two binding ratios.
//!
//! The modules follow the pipeline: `data` reads the files, `policy` holds
//! the rules and exact ratios, `eligibility` decides who may rotate,
//! `model` groups teachers into a small MILP per district, `solve` runs
//! HiGHS, `assign` picks the individuals, `plan` ties these together and
//! `report` writes what the planner reads.

pub mod assign;
pub mod audit;
pub mod check;
pub mod cli;
pub mod compare;
pub mod data;
pub mod eligibility;
pub mod error;
pub mod generate;
pub mod geo;
pub mod indicators;
pub mod model;
pub mod plan;
pub mod policy;
pub mod progress;
pub mod report;
pub mod retirement;
pub mod rules;
pub mod solve;

pub use error::{Error, Result};
