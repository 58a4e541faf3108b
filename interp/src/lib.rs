//! memowasm: a WebAssembly interpreter with a memoization mode.
//!
//! The embedding API in brief:
//!
//! ```
//! use memowasm::{Engine, Linker, Module, Store, Value};
//! let engine = Engine::default();
//! let module = Module::from_wat(&engine, r#"(module (func (export "add") (param i32 i32) (result i32)
//!     local.get 0 local.get 1 i32.add))"#).unwrap();
//! let mut store = Store::new(&engine);
//! let instance = Linker::new().instantiate(&mut store, &module).unwrap();
//! let out = instance.call(&mut store, "add", &[Value::I32(2), Value::I32(3)]).unwrap();
//! assert_eq!(out, vec![Value::I32(5)]);
//! ```

mod engine;
mod error;
mod exec;
mod instance;
mod ir;
pub mod memo;
mod module;
pub mod semantics;
mod store;
mod translate;
mod value;

pub use engine::{Config, Engine, WasmFeatures};
pub use error::{Error, Trap};
pub use instance::{Instance, Linker};
pub use memo::{MemoConfig, MemoDivergence, MemoPolicy, MemoStats};
pub use module::{CompiledFunc, ExportType, ExternType, ImportType, Module};
pub use store::{Extern, Func, Global, HostFunc, Memory, Store, Table};
pub use value::{FuncType, GlobalType, MemoryType, RefType, TableType, ValType, Value};

/// Size of a WebAssembly page in bytes.
pub const PAGE_SIZE: usize = 65536;
