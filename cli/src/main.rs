//! `memowasm`: run a module (plain or memoized), run the spec suites, compare engines in
//! lockstep, benchmark and profile memo mode. One file per subcommand; `exit` maps errors
//! and panics to one line and an exit code.

mod bench;
mod diff;
mod exit;
mod fuzz;
mod profile;
mod reduce;
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
    Diff(diff::DiffArgs),
    Bench(bench::BenchArgs),
    Profile(profile::ProfileArgs),
    Fuzz(fuzz::FuzzArgs),
    Reduce(reduce::ReduceArgs),
}

fn main() -> ExitCode {
    exit::main(|| match exit::parse_args::<Cli>()?.command {
        Command::Run(args) => args.execute(),
        Command::Spec(args) => args.execute(),
        Command::Diff(args) => args.execute(),
        Command::Bench(args) => args.execute(),
        Command::Profile(args) => args.execute(),
        Command::Fuzz(args) => args.execute(),
        Command::Reduce(args) => args.execute(),
    })
}
