//! The `spectest` host module the official scripts import: print functions, four globals,
//! a table and a memory, with the values and limits the spec interpreter gives them. Defined
//! for memowasm ([`define`]) and, the same, for wasmi ([`define_wasmi`]).

use memowasm::{
    Error, Func, FuncType, Global, GlobalType, Linker, Memory, MemoryType, RefType, Store, Table, TableType, ValType,
    Value,
};

/// The print functions and their parameters.
const PRINTS: [(&str, &[ValType]); 7] = {
    use ValType::{F32, F64, I32, I64};
    [
        ("print", &[]),
        ("print_i32", &[I32]),
        ("print_i64", &[I64]),
        ("print_f32", &[F32]),
        ("print_f64", &[F64]),
        ("print_i32_f32", &[I32, F32]),
        ("print_f64_f64", &[F64, F64]),
    ]
};

/// The globals, all immutable.
const GLOBALS: [(&str, Value); 4] = [
    ("global_i32", Value::I32(666)),
    ("global_i64", Value::I64(666)),
    ("global_f32", Value::F32(0x4426_a666)),           // 666.6
    ("global_f64", Value::F64(0x4084_d4cc_cccc_cccd)), // 666.6
];

/// The table: funcref, 10 elements, at most 20.
const TABLE: TableType = TableType { element: RefType::FuncRef, min: 10, max: Some(20) };

/// The memory: 1 page, at most 2.
const MEMORY: MemoryType = MemoryType { min: 1, max: Some(2) };

/// Creates the `spectest` objects in `store` and defines them in `linker`.
/// With `verbose`, the print functions write their arguments to stdout; otherwise they are silent.
pub fn define(store: &mut Store, linker: &mut Linker, verbose: bool) -> Result<(), Error> {
    for (name, params) in PRINTS {
        let f = Func::new(store, FuncType::new(params, []), move |args: &[Value]| {
            if verbose {
                let shown: Vec<String> = args.iter().map(|a| a.to_string()).collect();
                println!("spectest.{name}: {}", shown.join(" "));
            }
            Ok(Vec::new())
        });
        linker.define("spectest", name, f);
    }

    for (name, value) in GLOBALS {
        let g = Global::new(store, GlobalType { content: value.ty(), mutable: false }, value)?;
        linker.define("spectest", name, g);
    }

    let table = Table::new(store, TABLE, Value::FuncRef(None))?;
    linker.define("spectest", "table", table);

    let memory = Memory::new(store, MEMORY)?;
    linker.define("spectest", "memory", memory);
    Ok(())
}

/// [`define`] for wasmi: the same names, types and values.
pub fn define_wasmi<T>(
    store: &mut wasmi::Store<T>,
    linker: &mut wasmi::Linker<T>,
    verbose: bool,
) -> Result<(), wasmi::Error> {
    let ty = |t: ValType| match t {
        ValType::I32 => wasmi::ValType::I32,
        ValType::I64 => wasmi::ValType::I64,
        ValType::F32 => wasmi::ValType::F32,
        ValType::F64 => wasmi::ValType::F64,
        ValType::FuncRef => wasmi::ValType::FuncRef,
        ValType::ExternRef => wasmi::ValType::ExternRef,
    };
    for (name, params) in PRINTS {
        let func_ty = wasmi::FuncType::new(params.iter().map(|&p| ty(p)), []);
        let f = wasmi::Func::new(&mut *store, func_ty, move |_, args: &[wasmi::Val], _: &mut [wasmi::Val]| {
            if verbose {
                let shown: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
                println!("spectest.{name}: {}", shown.join(" "));
            }
            Ok(())
        });
        linker.define("spectest", name, f)?;
    }

    for (name, value) in GLOBALS {
        let value = match value {
            Value::I32(x) => wasmi::Val::I32(x),
            Value::I64(x) => wasmi::Val::I64(x),
            Value::F32(b) => wasmi::Val::F32(wasmi::F32::from_bits(b)),
            Value::F64(b) => wasmi::Val::F64(wasmi::F64::from_bits(b)),
            Value::FuncRef(_) | Value::ExternRef(_) => unreachable!("spectest globals are numbers"),
        };
        let g = wasmi::Global::new(&mut *store, value, wasmi::Mutability::Const);
        linker.define("spectest", name, g)?;
    }

    let table_ty = wasmi::TableType::new(wasmi::RefType::Func, TABLE.min, TABLE.max);
    let table = wasmi::Table::new(&mut *store, table_ty, wasmi::Ref::Func(wasmi::Nullable::Null))?;
    linker.define("spectest", "table", table)?;

    let memory = wasmi::Memory::new(&mut *store, wasmi::MemoryType::new(MEMORY.min, MEMORY.max))?;
    linker.define("spectest", "memory", memory)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use memowasm::{Engine, Extern};

    #[test]
    fn defines_every_spectest_export() {
        let engine = Engine::default();
        let mut store = Store::new(&engine);
        let mut linker = Linker::new();
        define(&mut store, &mut linker, false).unwrap();

        let Some(Extern::Global(g)) = linker.get("spectest", "global_f64") else { panic!("no global_f64") };
        assert_eq!(g.get(&store), Value::F64(666.6f64.to_bits()));
        assert!(!g.ty(&store).mutable);
        let Some(Extern::Table(t)) = linker.get("spectest", "table") else { panic!("no table") };
        assert_eq!(t.ty(&store), TableType { element: RefType::FuncRef, min: 10, max: Some(20) });
        let Some(Extern::Memory(m)) = linker.get("spectest", "memory") else { panic!("no memory") };
        assert_eq!(m.ty(&store), MemoryType { min: 1, max: Some(2) });
        let Some(Extern::Func(f)) = linker.get("spectest", "print_i32_f32") else { panic!("no print_i32_f32") };
        assert_eq!(f.ty(&store), FuncType::new([ValType::I32, ValType::F32], []));
        for name in ["print", "print_i32", "print_i64", "print_f32", "print_f64", "print_f64_f64"] {
            assert!(matches!(linker.get("spectest", name), Some(Extern::Func(_))), "{name}");
        }
    }

    /// wasmi's `spectest` has the same names, types and values.
    #[test]
    fn wasmi_defines_the_same_exports() {
        let engine = wasmi::Engine::default();
        let mut store = wasmi::Store::new(&engine, ());
        let mut linker = wasmi::Linker::new(&engine);
        define_wasmi(&mut store, &mut linker, false).unwrap();
        let get = |name: &str| linker.get(&store, "spectest", name);
        for (name, params) in PRINTS {
            let Some(wasmi::Extern::Func(f)) = get(name) else { panic!("no {name}") };
            let ty = f.ty(&store);
            assert_eq!(ty.params().len(), params.len(), "{name}");
            assert!(ty.results().is_empty(), "{name}");
        }
        for (name, value) in GLOBALS {
            let Some(wasmi::Extern::Global(g)) = get(name) else { panic!("no {name}") };
            assert_eq!(g.ty(&store).mutability(), wasmi::Mutability::Const, "{name}");
            let bits = match g.get(&store) {
                wasmi::Val::I32(x) => Value::I32(x),
                wasmi::Val::I64(x) => Value::I64(x),
                wasmi::Val::F32(x) => Value::F32(x.to_bits()),
                wasmi::Val::F64(x) => Value::F64(x.to_bits()),
                other => panic!("{name}: {other:?}"),
            };
            assert_eq!(bits, value, "{name}");
        }
        assert_eq!(GLOBALS[3].1, Value::F64(666.6f64.to_bits()));
        assert_eq!(GLOBALS[2].1, Value::F32(666.6f32.to_bits()));
        let Some(wasmi::Extern::Table(t)) = get("table") else { panic!("no table") };
        assert_eq!((t.size(&store), t.ty(&store).maximum()), (10, Some(20)));
        let Some(wasmi::Extern::Memory(m)) = get("memory") else { panic!("no memory") };
        assert_eq!((m.size(&store), m.ty(&store).maximum()), (1, Some(2)));
    }
}
