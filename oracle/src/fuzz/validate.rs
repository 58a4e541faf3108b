//! The `validate` target: memowasm's decoder, validator and translator never panic, and accept
//! or reject exactly as wasmparser does with the same features.
//!
//! An input that starts with the wasm magic is taken as a module as it is (so `.wasm` files
//! seed libFuzzer directly). Otherwise its first byte chooses: arbitrary bytes behind a valid
//! header, or a wasm-smith module (memowasm's feature set, or wasm-smith's defaults with their
//! 3.0 proposals) with up to eight mutations (byte flips, interesting bytes, deletions,
//! duplications, insertions, truncation). The feature set is fuzzed too (each WebAssembly 2.0
//! proposal on or off), and the module is compiled with memo units half of the time.

use super::{differential::swarm_config, Exec, Finding, Ran};
use arbitrary::{Result, Unstructured};
use memowasm::{Config, Engine, MemoConfig, Module};
use std::panic::{self, AssertUnwindSafe};
use wasmparser::WasmFeatures;

const HEADER: &[u8] = b"\0asm\x01\0\0\0";

/// The bytes to check, the features and whether memo mode compiles them.
pub fn decode(data: &[u8]) -> Result<(Vec<u8>, WasmFeatures, bool)> {
    if data.starts_with(b"\0asm") {
        return Ok((data.to_vec(), memowasm_spec::supported_features(), false));
    }
    let mut u = Unstructured::new(data);
    let mode = u.int_in_range(0..=3u8)?;
    let mut features = memowasm_spec::supported_features();
    for f in [
        WasmFeatures::SATURATING_FLOAT_TO_INT,
        WasmFeatures::SIGN_EXTENSION,
        WasmFeatures::MULTI_VALUE,
        WasmFeatures::BULK_MEMORY,
        WasmFeatures::REFERENCE_TYPES,
    ] {
        if u.ratio(1, 6)? {
            features.remove(f);
        }
    }
    let memo = u.arbitrary()?;
    let bytes = match mode {
        0 => {
            let mut b = HEADER.to_vec();
            b.extend_from_slice(u.take_rest());
            b
        }
        1 => {
            let module = wasm_smith::Module::new(wasm_smith::Config::default(), &mut u)?;
            mutate(&mut u, module.to_bytes())?
        }
        _ => {
            let config = swarm_config(&mut u)?;
            let module = wasm_smith::Module::new(config, &mut u)?;
            mutate(&mut u, module.to_bytes())?
        }
    };
    Ok((bytes, features, memo))
}

fn mutate(u: &mut Unstructured<'_>, mut b: Vec<u8>) -> Result<Vec<u8>> {
    for _ in 0..u.int_in_range(0..=8)? {
        if b.len() <= HEADER.len() {
            break;
        }
        // Mostly past the header, where it gets interesting.
        let at = u.int_in_range(HEADER.len()..=b.len() - 1)?;
        match u.int_in_range(0..=5)? {
            0 => b[at] ^= 1 << u.int_in_range(0..=7)?,
            1 => b[at] = *u.choose(&[0x00, 0x01, 0x40, 0x7f, 0x80, 0xff, 0x0b, 0x60, 0x70, 0x6f])?,
            2 => {
                let end = (at + u.int_in_range(1..=8)?).min(b.len());
                b.drain(at..end);
            }
            3 => {
                let end = (at + u.int_in_range(1..=8)?).min(b.len());
                let copy = b[at..end].to_vec();
                b.splice(at..at, copy);
            }
            4 => {
                let n = u.int_in_range(1..=4)?;
                let bytes: Vec<u8> = (0..n).map(|_| u.arbitrary()).collect::<Result<_>>()?;
                b.splice(at..at, bytes);
            }
            _ => b.truncate(at),
        }
    }
    Ok(b)
}

/// Checks `bytes` as memowasm and wasmparser see them; `None` when they agree.
pub fn check(bytes: &[u8], features: WasmFeatures, memo: bool) -> Option<String> {
    let expected = wasmparser::Validator::new_with_features(features).validate_all(bytes).map(|_| ());
    let engine = Engine::new(
        Config::default().features(memowasm_spec::to_memowasm(features)).memo(memo.then(MemoConfig::aggressive)),
    );
    let got = match panic::catch_unwind(AssertUnwindSafe(|| Module::new(&engine, bytes).map(|_| ()))) {
        Ok(r) => r,
        Err(p) => {
            let message = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            return Some(format!("memowasm panicked compiling the module (memo {memo}): {message}"));
        }
    };
    match (&expected, &got) {
        (Ok(()), Ok(())) | (Err(_), Err(_)) => None,
        _ => Some(format!(
            "memowasm and wasmparser disagree (features {features:?}, memo {memo}):\n  wasmparser: {}\n  memowasm:   {}",
            expected.map_or_else(|e| format!("rejects: {} (at offset {:#x})", e.message(), e.offset()), |_| "accepts".into()),
            got.map_or_else(|e| format!("rejects: {e}"), |_| "accepts".into()),
        )),
    }
}

/// Runs one `validate` input.
pub fn run(data: &[u8]) -> Exec {
    let (bytes, features, memo) = match decode(data) {
        Ok(d) => d,
        Err(e) => return Exec::Skipped(e.to_string()),
    };
    match check(&bytes, features, memo) {
        None => Exec::Ran(Ran { steps: 1, ..Ran::default() }),
        Some(report) => Exec::Found(Box::new(Finding::Validate { bytes, report })),
    }
}
