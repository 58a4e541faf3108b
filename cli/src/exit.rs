//! Exit codes and error lines. 0: success; 1: the program trapped, or a spec run disagreed
//! with the expectations; 2: bad input (one line `error: ...`); 3: a panic, reported as one
//! line `internal error: ...` (with a backtrace only when RUST_BACKTRACE asks for one).

use std::backtrace::{Backtrace, BacktraceStatus};
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::Mutex;

pub const TRAPPED: u8 = 1;
pub const FAILED: u8 = 1;
pub const BAD_INPUT: u8 = 2;
pub const INTERNAL: u8 = 3;

/// The first panic of the process: message, location and any backtrace.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Runs a command: `Err` is bad input, a panic an internal error.
pub fn main(command: impl FnOnce() -> anyhow::Result<ExitCode>) -> ExitCode {
    panic::set_hook(Box::new(|info| {
        let message = memowasm_spec::panics::payload_message(info.payload());
        let mut text = match info.location() {
            Some(loc) => format!("{message} (at {}:{})", loc.file(), loc.line()),
            None => message,
        };
        let backtrace = Backtrace::capture();
        if backtrace.status() == BacktraceStatus::Captured {
            text.push_str(&format!("\n{backtrace}"));
        }
        let mut first = PANIC.lock().unwrap_or_else(|e| e.into_inner());
        first.get_or_insert(text);
    }));
    match panic::catch_unwind(AssertUnwindSafe(command)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("error: {}", one_line(&format!("{e:#}")));
            ExitCode::from(BAD_INPUT)
        }
        Err(_) => {
            let text = PANIC.lock().unwrap_or_else(|e| e.into_inner()).take();
            eprintln!("internal error: {}", text.as_deref().unwrap_or("panic"));
            ExitCode::from(INTERNAL)
        }
    }
}

/// Parses the command line. Help and version print as usual; a usage error becomes
/// `Err` with clap's first line, so it prints as one `error:` line and exits 2.
pub fn parse_args<T: clap::Parser>() -> anyhow::Result<T> {
    T::try_parse().or_else(|e| {
        use clap::error::ErrorKind;
        match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
            _ => {
                let text = e.to_string();
                let first = text.lines().next().unwrap_or("invalid arguments");
                anyhow::bail!("{}", first.trim_start_matches("error: "))
            }
        }
    })
}

/// Joins the non-empty lines of a message with spaces.
pub fn one_line(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_exit_2_and_panics_exit_3() {
        assert_eq!(main(|| Ok(ExitCode::SUCCESS)), ExitCode::SUCCESS);
        assert_eq!(main(|| anyhow::bail!("bad")), ExitCode::from(BAD_INPUT));
        assert_eq!(main(|| panic!("boom")), ExitCode::from(INTERNAL));
    }

    #[test]
    fn messages_become_one_line() {
        assert_eq!(one_line("a\n  b\n\nc "), "a b c");
        assert_eq!(one_line("plain"), "plain");
    }
}
