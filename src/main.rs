//! The `rotaplan` binary: everything lives in the library; this maps the
//! command line to an exit status.

fn main() {
    rotaplan::report::remove_temporaries_on_interrupt();
    std::process::exit(rotaplan::cli::run(std::env::args_os()));
}
