//! `pc`: the command line. Not implemented yet.

fn main() -> std::process::ExitCode {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("pc: not implemented yet");
    }
    std::process::ExitCode::from(2)
}
