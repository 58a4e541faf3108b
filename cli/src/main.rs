//! `memowasm`: run a WebAssembly module, or run spec tests against the interpreter.
//! One file per subcommand; `exit` maps errors and panics to one line and an exit code.

mod exit;
mod run;
mod spec;
mod stats;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// A WebAssembly interpreter with a memoization mode, and its conformance suite.
#[derive(Parser)]
#[command(name = "memowasm", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Run(run::RunArgs),
    Spec(spec::SpecArgs),
}

fn main() -> ExitCode {
    exit::main(|| match exit::parse_args::<Cli>()?.command {
        Command::Run(args) => args.execute(),
        Command::Spec(args) => args.execute(),
    })
}
