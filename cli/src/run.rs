//! `memowasm run`: instantiate a module (binary or text) and call one export with
//! arguments parsed by its parameter types; print the results, or the trap.

use crate::exit;
use anyhow::{anyhow, bail, Context};
use clap::Args;
use memowasm::{Config, Engine, Error, ExternType, Linker, MemoConfig, Module, Store, ValType, Value};
use std::path::PathBuf;
use std::process::ExitCode;

/// Run a WebAssembly module: instantiate it (its start function runs) and call an export.
#[derive(Args)]
pub struct RunArgs {
    /// The module: binary (.wasm) or text (.wat).
    file: PathBuf,
    /// The exported function to call. Without it the module is only instantiated.
    #[arg(long, value_name = "NAME")]
    invoke: Option<String>,
    /// Arguments, parsed by the parameter types: integers in decimal or 0x hex, floats in
    /// decimal, inf, nan or 0x + raw bits, references as null (or a number for externref).
    /// Put `--` before them if one starts with `-` but is not a decimal number (`-- -inf`).
    #[arg(value_name = "ARGS", allow_negative_numbers = true)]
    args: Vec<String>,
    /// Instruction budget; running out traps with "all fuel consumed".
    #[arg(long, value_name = "N")]
    fuel: Option<u64>,
    /// Maximum depth of nested calls; one more traps with "call stack exhausted".
    #[arg(long, value_name = "N")]
    max_call_depth: Option<u32>,
    /// Call the export this many times (a memo cache warms up across calls).
    #[arg(long, value_name = "N", default_value_t = 1)]
    repeat: u32,
    /// Print the interpreter's translation of every function (ops and frame cells; memo
    /// probes too with --memo) instead of running.
    #[arg(long)]
    ir: bool,
    #[command(flatten)]
    memo: MemoArgs,
}

/// Memoization mode's options.
#[derive(Args)]
pub struct MemoArgs {
    /// Run in memoization mode.
    #[arg(long)]
    memo: bool,
    /// Executions of a unit before it is looked up and cached (default 10).
    #[arg(long, value_name = "N")]
    memo_threshold: Option<u32>,
    /// Most cached entries, evicted least recently used first (default 5000).
    #[arg(long, value_name = "N")]
    memo_capacity: Option<usize>,
    /// Memory versioning granularity in bytes, a power of two (default 4096).
    #[arg(long, value_name = "BYTES")]
    memo_chunk: Option<u32>,
    /// Re-execute every hit and compare with the cached effects; stale entries are reported.
    #[arg(long)]
    memo_verify: bool,
    /// Print memo statistics (totals and the busiest units) on stderr.
    #[arg(long)]
    stats: bool,
}

impl MemoArgs {
    /// The memo configuration asked for, or `None` for the plain interpreter.
    pub fn config(&self) -> anyhow::Result<Option<MemoConfig>> {
        let tuned = self.memo_threshold.is_some()
            || self.memo_capacity.is_some()
            || self.memo_chunk.is_some()
            || self.memo_verify
            || self.stats;
        if !self.memo {
            if tuned {
                bail!("--memo-* options and --stats need --memo");
            }
            return Ok(None);
        }
        let c = MemoConfig::default().verify(self.memo_verify);
        tune_memo(c, self.memo_threshold, self.memo_capacity, self.memo_chunk).map(Some)
    }
}

/// Applies the `--memo-threshold`, `--memo-capacity` and `--memo-chunk` options, checked.
pub(crate) fn tune_memo(
    mut c: MemoConfig,
    threshold: Option<u32>,
    capacity: Option<usize>,
    chunk: Option<u32>,
) -> anyhow::Result<MemoConfig> {
    if let Some(n) = threshold {
        c = c.threshold(n);
    }
    if let Some(n) = capacity {
        if n == 0 {
            bail!("--memo-capacity must be at least 1");
        }
        c = c.capacity(n);
    }
    if let Some(b) = chunk {
        if !b.is_power_of_two() || b < 8 {
            bail!("--memo-chunk must be a power of two of at least 8 bytes, got {b}");
        }
        c = c.chunk_size(b);
    }
    Ok(c)
}

impl RunArgs {
    pub fn execute(self) -> anyhow::Result<ExitCode> {
        let path = self.file.display().to_string();
        let data = std::fs::read(&self.file).with_context(|| format!("cannot read {path}"))?;
        let bytes = wat::parse_bytes(&data).map_err(|e| anyhow!("{path}: {}", wat_error_line(&e)))?;

        let mut config = Config::default();
        if let Some(depth) = self.max_call_depth {
            config = config.max_call_depth(depth);
        }
        if self.fuel.is_some() {
            config = config.consume_fuel(true);
        }
        if self.repeat == 0 {
            bail!("--repeat must be at least 1");
        }
        config = config.memo(self.memo.config()?);
        let engine = Engine::new(config);
        let module = Module::new(&engine, &bytes).map_err(|e| anyhow!("{path}: {e}"))?;
        if self.ir {
            print!("{}", module.disassemble());
            return Ok(ExitCode::SUCCESS);
        }

        // Check the call before instantiating, so bad arguments never run the start function.
        let call = match &self.invoke {
            Some(name) => Some((name.as_str(), parse_args(&module, name, &self.args)?)),
            None if !self.args.is_empty() => bail!("arguments given without --invoke NAME"),
            None => None,
        };

        let mut store = Store::new(&engine);
        if let Some(fuel) = self.fuel {
            store.set_fuel(fuel);
        }
        let mut linker = Linker::new();
        memowasm_spec::spectest::define(&mut store, &mut linker, false)?;
        let instance = match linker.instantiate(&mut store, &module) {
            Ok(instance) => instance,
            Err(e) => return trapped_or_error(e),
        };
        let mut code = ExitCode::SUCCESS;
        if let Some((name, args)) = call {
            let func = instance.get_func(&store, name).ok_or_else(|| anyhow!("no exported function named {name:?}"))?;
            let mut results = vec![Value::I32(0); func.ty(&store).results.len()];
            for i in 0..self.repeat {
                match func.call_into(&mut store, &args, &mut results) {
                    Ok(()) if i + 1 == self.repeat => results.iter().for_each(|v| println!("{v}")),
                    Ok(()) => {}
                    Err(e) => {
                        code = trapped_or_error(e)?;
                        break;
                    }
                }
            }
        }
        if let Some(stats) = store.memo_stats().filter(|_| self.memo.stats) {
            eprint!("{}", crate::stats::table(&stats, 10));
        }
        let divergences = store.memo_divergences();
        for d in divergences {
            eprintln!("memo divergence: {d}");
        }
        if !divergences.is_empty() {
            return Ok(ExitCode::from(exit::TRAPPED));
        }
        Ok(code)
    }
}

/// A trap prints `trap: <message>` and exits 1; anything else is an error.
fn trapped_or_error(e: Error) -> anyhow::Result<ExitCode> {
    match e.as_trap() {
        Some(trap) => {
            eprintln!("trap: {trap}");
            Ok(ExitCode::from(exit::TRAPPED))
        }
        None => Err(e.into()),
    }
}

/// The `wat` error in one line: `file:line:col: message` where the text says where.
pub(crate) fn wat_error_line(e: &wat::Error) -> String {
    let text = e.to_string();
    let mut lines = text.lines();
    let message = lines.next().unwrap_or("invalid text").trim().to_string();
    match lines.find_map(|l| l.trim().strip_prefix("--> ")) {
        Some(location) => {
            let location = location.trim_start_matches("<anon>:");
            format!("{location}: {message}")
        }
        None => exit::one_line(&text),
    }
}

/// The arguments for export `name`, checked against its parameter types.
pub(crate) fn parse_args(module: &Module, name: &str, args: &[String]) -> anyhow::Result<Vec<Value>> {
    let exports = module.exports();
    let ty = match exports.iter().find(|e| e.name == name).map(|e| &e.ty) {
        Some(ExternType::Func(ty)) => ty.clone(),
        Some(_) => bail!("export {name:?} is not a function"),
        None => {
            let funcs: Vec<&str> =
                exports.iter().filter(|e| matches!(e.ty, ExternType::Func(_))).map(|e| e.name.as_str()).collect();
            bail!("no exported function named {name:?} (exported functions: {})", list_or_none(&funcs))
        }
    };
    if args.len() != ty.params.len() {
        let params: Vec<String> = ty.params.iter().map(|p| p.to_string()).collect();
        bail!(
            "{name:?} takes {} argument(s) ({}), got {}",
            params.len(),
            list_or_none(&params.iter().map(String::as_str).collect::<Vec<_>>()),
            args.len()
        );
    }
    args.iter()
        .zip(&ty.params)
        .enumerate()
        .map(|(i, (text, &ty))| {
            parse_value(text, ty).ok_or_else(|| anyhow!("argument {} ({text:?}) is not a valid {ty}", i + 1))
        })
        .collect()
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// Parses one argument as a value of `ty`; `None` if it is not one.
fn parse_value(text: &str, ty: ValType) -> Option<Value> {
    match ty {
        ValType::I32 => parse_int(text, 32).map(|v| Value::I32(v as u32 as i32)),
        ValType::I64 => parse_int(text, 64).map(|v| Value::I64(v as u64 as i64)),
        ValType::F32 => match hex_bits(text) {
            Some(bits) => u32::try_from(bits).ok().map(Value::F32),
            None => text.parse::<f32>().ok().map(|f| Value::F32(f.to_bits())),
        },
        ValType::F64 => match hex_bits(text) {
            Some(bits) => u64::try_from(bits).ok().map(Value::F64),
            None => text.parse::<f64>().ok().map(|f| Value::F64(f.to_bits())),
        },
        ValType::FuncRef => (text == "null").then_some(Value::FuncRef(None)),
        ValType::ExternRef if text == "null" => Some(Value::ExternRef(None)),
        ValType::ExternRef => text.parse().ok().map(|n| Value::ExternRef(Some(n))),
    }
}

/// An integer of `bits` width, signed or unsigned decimal or `0x` hex (the bit pattern),
/// as a value whose low `bits` bits are the result.
fn parse_int(text: &str, bits: u32) -> Option<i128> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let magnitude = match digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0X")) {
        Some(hex) => u128::from_str_radix(hex, 16).ok()?,
        None if digits.bytes().all(|b| b.is_ascii_digit()) => digits.parse::<u128>().ok()?,
        None => return None,
    };
    let value = if negative { -i128::try_from(magnitude).ok()? } else { i128::try_from(magnitude).ok()? };
    let fits = value >= -(1i128 << (bits - 1)) && value < (1i128 << bits);
    fits.then_some(value)
}

/// The raw bits of a float given as `0x...`.
fn hex_bits(text: &str) -> Option<u128> {
    let hex = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X"))?;
    u128::from_str_radix(hex, 16).ok().or(Some(u128::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_decimal_and_hex() {
        assert_eq!(parse_value("42", ValType::I32), Some(Value::I32(42)));
        assert_eq!(parse_value("-1", ValType::I32), Some(Value::I32(-1)));
        assert_eq!(parse_value("4294967295", ValType::I32), Some(Value::I32(-1)));
        assert_eq!(parse_value("0xffffffff", ValType::I32), Some(Value::I32(-1)));
        assert_eq!(parse_value("-2147483648", ValType::I32), Some(Value::I32(i32::MIN)));
        assert_eq!(parse_value("4294967296", ValType::I32), None);
        assert_eq!(parse_value("-2147483649", ValType::I32), None);
        assert_eq!(parse_value("0x8000000000000000", ValType::I64), Some(Value::I64(i64::MIN)));
        assert_eq!(parse_value("-9223372036854775808", ValType::I64), Some(Value::I64(i64::MIN)));
        assert_eq!(parse_value("18446744073709551616", ValType::I64), None);
        for bad in ["", "-", "1.5", "abc", "0x", "+-1", "1e3"] {
            assert_eq!(parse_value(bad, ValType::I32), None, "{bad:?}");
        }
    }

    #[test]
    fn floats_in_decimal_special_and_bits() {
        assert_eq!(parse_value("1.5", ValType::F32), Some(Value::F32(1.5f32.to_bits())));
        assert_eq!(parse_value("-0", ValType::F64), Some(Value::F64(0x8000_0000_0000_0000)));
        assert_eq!(parse_value("inf", ValType::F32), Some(Value::F32(f32::INFINITY.to_bits())));
        assert_eq!(parse_value("-inf", ValType::F64), Some(Value::F64(f64::NEG_INFINITY.to_bits())));
        assert!(matches!(parse_value("nan", ValType::F32), Some(Value::F32(b)) if f32::from_bits(b).is_nan()));
        assert_eq!(parse_value("0x7fa00001", ValType::F32), Some(Value::F32(0x7fa0_0001)));
        assert_eq!(parse_value("0x1ffffffff", ValType::F32), None);
        assert_eq!(parse_value("0xzz", ValType::F64), None);
        assert_eq!(parse_value("one", ValType::F64), None);
    }

    #[test]
    fn references() {
        assert_eq!(parse_value("null", ValType::FuncRef), Some(Value::FuncRef(None)));
        assert_eq!(parse_value("3", ValType::FuncRef), None);
        assert_eq!(parse_value("null", ValType::ExternRef), Some(Value::ExternRef(None)));
        assert_eq!(parse_value("3", ValType::ExternRef), Some(Value::ExternRef(Some(3))));
    }

    #[test]
    fn wat_errors_fit_on_one_line() {
        let e = wat::parse_str("(module (func (result i32) i32.const))").unwrap_err();
        let line = wat_error_line(&e);
        assert!(!line.contains('\n'), "{line}");
        assert!(line.starts_with("1:"), "{line}");
    }
}
