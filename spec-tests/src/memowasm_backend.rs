//! The memowasm engines (`plain`, `memo`, `memo-aggressive`) behind the runner's [`Backend`].

use crate::backend::{self, Backend};
use crate::report::EngineKind;
use crate::spectest;
use crate::values::Val;
use memowasm::{Config, Engine, Error, Instance, Linker, Module, Store, Value};
use wasmparser::WasmFeatures;

/// The engine configuration for `kind` running scripts written for `features`.
pub fn config(kind: EngineKind, features: WasmFeatures) -> Config {
    Config::default().features(crate::to_memowasm(features)).memo(kind.memo_config())
}

/// One memowasm store per script.
pub(crate) struct Memowasm {
    engine: Engine,
    store: Store,
    linker: Linker,
}

impl Memowasm {
    pub(crate) fn new(kind: EngineKind, features: WasmFeatures, verbose: bool) -> Result<Memowasm, backend::Error> {
        let engine = Engine::new(config(kind, features));
        let mut store = Store::new(&engine);
        let mut linker = Linker::new();
        spectest::define(&mut store, &mut linker, verbose).map_err(error)?;
        Ok(Memowasm { engine, store, linker })
    }
}

impl Backend for Memowasm {
    type Module = Module;
    type Instance = Instance;

    fn compile(&mut self, bytes: &[u8]) -> Result<Module, backend::Error> {
        Module::new(&self.engine, bytes).map_err(error)
    }

    fn import_modules(&self, m: &Module) -> Vec<String> {
        m.imports().iter().map(|imp| imp.module.clone()).collect()
    }

    fn instantiate(&mut self, m: &Module) -> Result<Instance, backend::Error> {
        self.linker.instantiate(&mut self.store, m).map_err(error)
    }

    fn register(&mut self, name: &str, instance: &Instance) -> Result<(), backend::Error> {
        self.linker.define_instance(&self.store, name, *instance);
        Ok(())
    }

    fn call(&mut self, instance: &Instance, name: &str, args: &[Value]) -> Result<Vec<Val>, backend::Error> {
        let values = instance.call(&mut self.store, name, args).map_err(error)?;
        Ok(values.into_iter().map(Val::from).collect())
    }

    fn get(&mut self, instance: &Instance, global: &str) -> Result<Val, backend::Error> {
        match instance.get_global(&self.store, global) {
            Some(g) => Ok(g.get(&self.store).into()),
            None => Err(backend::Error::Other(format!("no exported global named {global:?}"))),
        }
    }

    fn take_memo_divergences(&mut self) -> Vec<String> {
        self.store.take_memo_divergences().iter().map(|d| d.to_string()).collect()
    }

    fn memo_hits(&self) -> Option<u64> {
        self.store.memo_stats().map(|s| s.totals.hits)
    }
}

/// memowasm's error in the runner's shape; a trap keeps its spec message.
fn error(e: Error) -> backend::Error {
    match e {
        Error::Malformed { .. } => backend::Error::Malformed(e.to_string()),
        Error::Invalid { .. } => backend::Error::Invalid(e.to_string()),
        Error::Unsupported { message, .. } => backend::Error::Unsupported(message),
        Error::Link(m) => backend::Error::Link(m),
        Error::Trap(t) => backend::Error::Trap(backend::Trap::new(t.message())),
        Error::Api(m) => backend::Error::Other(m),
    }
}
