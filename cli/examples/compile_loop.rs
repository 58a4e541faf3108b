//! Compiles one module N times in one engine, for counting instructions per `Module::new`
//! with callgrind: the difference between runs with N = 11 and N = 1, divided by 10, is
//! one compilation (start-up and the engine cancel out). Compilers: `memowasm` (default,
//! lazy translation), `memowasm-eager`, `wasmi-lazy` (wasmi's default), `wasmi-eager`.
//! With `keep` after N the modules stay alive to the end, for peak memory
//! (`/usr/bin/time -f %M`).
//!
//! ```text
//! cargo build --release -p memowasm-cli --example compile_loop
//! valgrind --tool=callgrind target/release/examples/compile_loop memowasm bench/wasm/sha256.wasm 11
//! ```

use anyhow::{anyhow, bail, Context};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (compiler, file, n, keep) = match &args[..] {
        [_, c, f, n] => (c, f, n, false),
        [_, c, f, n, k] if k == "keep" => (c, f, n, true),
        _ => bail!("usage: compile_loop memowasm|memowasm-eager|wasmi-lazy|wasmi-eager FILE N [keep]"),
    };
    let mut kept_memowasm = Vec::new();
    let mut kept_wasmi = Vec::new();
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {file}"))?;
    let n: usize = n.parse().map_err(|_| anyhow!("N must be a count, not {n:?}"))?;
    match compiler.as_str() {
        "memowasm" | "memowasm-eager" => {
            let config = memowasm::Config::default().lazy_translation(compiler == "memowasm");
            let engine = memowasm::Engine::new(config);
            for _ in 0..n {
                let m = std::hint::black_box(memowasm::Module::new(&engine, &bytes).map_err(|e| anyhow!("{e}"))?);
                if keep {
                    kept_memowasm.push(m);
                }
            }
        }
        "wasmi-lazy" | "wasmi-eager" => {
            let mut config = wasmi::Config::default();
            if compiler == "wasmi-eager" {
                config.compilation_mode(wasmi::CompilationMode::Eager);
            }
            let engine = wasmi::Engine::new(&config);
            for _ in 0..n {
                let m = std::hint::black_box(wasmi::Module::new(&engine, &bytes).map_err(|e| anyhow!("{e}"))?);
                if keep {
                    kept_wasmi.push(m);
                }
            }
        }
        other => bail!("unknown compiler {other:?}"),
    }
    Ok(())
}
