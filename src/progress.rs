//! Progress of long runs (a province's districts, a sweep's scenarios):
//! the library reports through the `Progress` trait; the command line
//! draws a bar on stderr only when stderr is a terminal, so that pipes,
//! logs and tests stay quiet.

use std::io::IsTerminal;

/// Told how far a run is.
pub trait Progress: Sync {
    /// The number of steps, once known.
    fn total(&self, _steps: u64) {}
    /// One step done.
    fn step(&self) {}
}

/// Reports nothing.
pub struct Quiet;

impl Progress for Quiet {}

/// A bar on stderr, drawn only when stderr is a terminal.
pub struct Bar(indicatif::ProgressBar);

impl Bar {
    /// `what` names the steps (districts, scenarios).
    pub fn new(what: crate::messages::Message) -> Bar {
        let bar = if std::io::stderr().is_terminal() {
            indicatif::ProgressBar::new(0)
        } else {
            indicatif::ProgressBar::hidden()
        };
        let style = indicatif::ProgressStyle::with_template(&format!(
            "{{elapsed:>4}} [{{bar:30}}] {{pos}}/{{len}} {what}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style.progress_chars("=> "));
        Bar(bar)
    }
}

impl Progress for Bar {
    fn total(&self, steps: u64) {
        self.0.set_length(steps);
    }

    fn step(&self) {
        self.0.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
