//! memowasm-oracle: differential testing of memowasm. Two traits ([`DiffEngine`],
//! [`DiffInstance`]), a value type ([`DiffValue`]) and a three-way [`Verdict`].
//!
//! A [`Plan`] of steps (calls, host writes to exported memories and globals, reads) runs in
//! lockstep ([`run_plan`]) in several engines: memowasm plain, memowasm in memo mode with any
//! `MemoConfig` (verify mode's findings included), and wasmi. After every step the outcomes and
//! all exported state are compared. A divergence leaves a reproducer ([`write_reproducer`]).
//!
//! ```
//! use memowasm_oracle::{run_plan, EngineConfig, Memo, Plain, Plan, RunOptions, Verdict, Wasmi};
//! let wasm = wat::parse_str(r#"(module (func (export "sq") (param i32) (result i32)
//!     local.get 0 local.get 0 i32.mul))"#).unwrap();
//! let plan = Plan::generate(&wasm, 50, 0);
//! let config = EngineConfig::default();
//! let mut engines: Vec<Box<dyn memowasm_oracle::DiffEngine>> = vec![
//!     Box::new(Plain::new(config.clone())),
//!     Box::new(Memo::new("memo", memowasm::MemoConfig::aggressive(), config.clone())),
//!     Box::new(Wasmi::new(config)),
//! ];
//! let verdict = run_plan(&wasm, &plan, &mut engines, RunOptions::default());
//! assert!(matches!(verdict, Verdict::Match { memo_hits, .. } if memo_hits > 0));
//! ```

mod engine;
pub mod fuzz;
mod lockstep;
mod memowasm_engine;
mod plan;
pub mod reduce;
mod repro;
pub mod tiebreak;
mod value;
mod wasmi_engine;

pub use engine::{DiffEngine, DiffInstance, EngineConfig, Failure, FailureKind, Resource, TrapKind};
pub use lockstep::{run_plan, Difference, Divergence, Outcome, RunOptions, Verdict, CHUNK};
pub use memowasm_engine::{Memo, Plain};
pub use plan::{Plan, Step};
pub use repro::{load_reproducer, module_hash, write_reproducer, EngineSpec, MemoConfigRecord, Reproducer, RunConfig};
pub use value::{DiffValue, FuncRef, NanMode, TableEntry};
pub use wasmi_engine::Wasmi;

/// Checks that `wasm` is a valid module within memowasm's feature set (WebAssembly 2.0
/// without SIMD), independently of the engines under test.
pub fn validate(wasm: &[u8]) -> Result<(), String> {
    wasmparser::Validator::new_with_features(memowasm_spec::supported_features())
        .validate_all(wasm)
        .map(|_| ())
        .map_err(|e| format!("invalid module: {} (at offset {:#x})", e.message(), e.offset()))
}

/// Checks that the oracle can run `wasm`: valid (see [`validate`]) and without imports, since
/// the adapters provide none.
pub fn check_runnable(wasm: &[u8]) -> Result<(), String> {
    validate(wasm)?;
    for payload in wasmparser::Parser::new(0).parse_all(wasm) {
        if let Ok(wasmparser::Payload::ImportSection(reader)) = payload {
            if let Some(imp) = reader.into_imports().next() {
                let imp = imp.map_err(|e| e.message().to_string())?;
                return Err(format!(
                    "the module imports {}::{}, and the oracle provides no imports",
                    imp.module, imp.name
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runnable_modules() {
        let ok = wat::parse_str(r#"(module (func (export "f")))"#).unwrap();
        assert_eq!(super::check_runnable(&ok), Ok(()));
        let imports = wat::parse_str(r#"(module (import "env" "g" (global i32)))"#).unwrap();
        assert!(super::check_runnable(&imports).unwrap_err().contains("env::g"));
        let simd = wat::parse_str(r#"(module (func (result v128) v128.const i64x2 0 0))"#).unwrap();
        assert!(super::validate(&simd).is_err(), "SIMD is outside the feature set");
    }
}
