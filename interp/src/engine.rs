//! Engine-wide configuration and the registry that gives every function signature one id.

use crate::translate::Translator;
use crate::value::FuncType;
use rustc_hash::FxHashMap;
use std::sync::{Arc, Mutex};

pub use wasmparser::WasmFeatures;

/// How an [`Engine`] compiles and runs code. A plain struct with builder setters.
#[derive(Debug, Clone)]
pub struct Config {
    /// Maximum number of nested wasm calls; one more traps with "call stack exhausted".
    pub max_call_depth: u32,
    /// Maximum number of 64-bit value cells all frames together may use.
    pub max_value_stack: usize,
    /// Whether code is instrumented to charge fuel. The budget is set per store.
    pub consume_fuel: bool,
    /// The largest memory, in pages, any memory may reach (also caps declared maxima).
    pub max_memory_pages: u32,
    /// The WebAssembly features modules may use.
    pub features: WasmFeatures,
    /// Memoization mode; `None` runs the plain interpreter.
    pub memo: Option<crate::memo::MemoConfig>,
    /// Whether `Module::new` only validates function bodies, and each function is
    /// translated at its first call (as wasmi's default `CompilationMode::LazyTranslation`).
    /// Memo engines translate eagerly whatever this says: their stores number every
    /// function's memo units at instantiation.
    pub lazy_translation: bool,
    /// Whether an op right after the one that produced its operand takes it from a register
    /// (the threaded handlers' accumulator) rather than from its cell, and whether binary,
    /// compare-and-branch and sum-address ops and copies take a constant second operand (or
    /// source) as an immediate (the plain engine, and memo engines' plain layout). On by
    /// default; off gives the same results more slowly, and serves as the reference that
    /// checks both.
    pub accumulator: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            max_call_depth: 16_384,
            max_value_stack: 8 << 20,
            consume_fuel: false,
            max_memory_pages: 65_536,
            features: Config::supported_features(),
            memo: None,
            lazy_translation: true,
            accumulator: true,
        }
    }
}

impl Config {
    /// Every feature the interpreter implements: WebAssembly 2.0 without SIMD.
    pub fn supported_features() -> WasmFeatures {
        WasmFeatures::WASM2.difference(WasmFeatures::SIMD)
    }

    pub fn max_call_depth(mut self, depth: u32) -> Self {
        self.max_call_depth = depth;
        self
    }

    pub fn max_value_stack(mut self, cells: usize) -> Self {
        self.max_value_stack = cells;
        self
    }

    pub fn consume_fuel(mut self, on: bool) -> Self {
        self.consume_fuel = on;
        self
    }

    pub fn max_memory_pages(mut self, pages: u32) -> Self {
        self.max_memory_pages = pages;
        self
    }

    /// Turns memoization mode on (with `Some`) or off.
    pub fn memo(mut self, memo: Option<crate::memo::MemoConfig>) -> Self {
        self.memo = memo;
        self
    }

    /// Translates each function at its first call (`true`, the default) or all of them in
    /// `Module::new`.
    pub fn lazy_translation(mut self, on: bool) -> Self {
        self.lazy_translation = on;
        self
    }

    /// Turns the threaded handlers' accumulator and immediates on (the default) or off.
    pub fn accumulator(mut self, on: bool) -> Self {
        self.accumulator = on;
        self
    }

    /// Restricts the accepted features (for example to `WasmFeatures::WASM1`).
    /// Features outside [`Config::supported_features`] are rejected as unsupported anyway.
    pub fn features(mut self, features: WasmFeatures) -> Self {
        self.features = features;
        self
    }
}

/// Compiles modules and owns the signature registry. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    inner: Arc<EngineInner>,
}

#[derive(Debug, Default)]
struct EngineInner {
    config: Config,
    types: Mutex<TypeRegistry>,
    /// Translators between modules: their buffers are grown already, so a module's
    /// functions mostly translate without allocating (as wasmi's engine keeps its own).
    translators: Mutex<Vec<Translator>>,
}

#[derive(Debug, Default)]
struct TypeRegistry {
    ids: FxHashMap<FuncType, u32>,
    types: Vec<Arc<FuncType>>,
}

impl Engine {
    pub fn new(config: Config) -> Self {
        Engine { inner: Arc::new(EngineInner { config, types: Mutex::default(), translators: Mutex::default() }) }
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The engine-wide id of a signature: equal signatures get equal ids.
    pub(crate) fn intern_type(&self, ty: &FuncType) -> u32 {
        self.shared_type(ty).0
    }

    /// The engine-wide id of a signature, and the engine's copy of it, which modules share
    /// (so that a module's types allocate nothing once the engine has seen them).
    pub(crate) fn shared_type(&self, ty: &FuncType) -> (u32, Arc<FuncType>) {
        let mut reg = self.inner.types.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = reg.ids.get(ty) {
            return (id, reg.types[id as usize].clone());
        }
        let id = reg.types.len() as u32;
        let shared = Arc::new(ty.clone());
        reg.types.push(shared.clone());
        reg.ids.insert(ty.clone(), id);
        (id, shared)
    }

    /// A translator for one module: one a previous module gave back, or a new one.
    pub(crate) fn take_translator(&self) -> Translator {
        self.inner.translators.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default()
    }

    /// Keeps `translator` for the next module, unless a big function left it holding a lot.
    pub(crate) fn give_back_translator(&self, translator: Translator) {
        if translator.is_small() {
            self.inner.translators.lock().unwrap_or_else(|e| e.into_inner()).push(translator);
        }
    }

    pub(crate) fn same(&self, other: &Engine) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ValType;

    #[test]
    fn equal_signatures_share_an_id() {
        let e = Engine::default();
        let a = e.intern_type(&FuncType::new([ValType::I32], []));
        let b = e.intern_type(&FuncType::new([ValType::I64], []));
        let c = e.intern_type(&FuncType::new([ValType::I32], []));
        assert_eq!(a, c);
        assert_ne!(a, b);
    }
}
