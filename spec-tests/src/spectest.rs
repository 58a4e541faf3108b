//! The `spectest` host module the official scripts import: print functions, four globals,
//! a table and a memory, with the values and limits the spec interpreter gives them.

use memowasm::{
    Error, Func, FuncType, Global, GlobalType, Linker, Memory, MemoryType, RefType, Store, Table, TableType, ValType,
    Value,
};

/// Creates the `spectest` objects in `store` and defines them in `linker`.
/// With `verbose`, the print functions write their arguments to stdout; otherwise they are silent.
pub fn define(store: &mut Store, linker: &mut Linker, verbose: bool) -> Result<(), Error> {
    use ValType::{F32, F64, I32, I64};
    let prints: [(&str, &[ValType]); 7] = [
        ("print", &[]),
        ("print_i32", &[I32]),
        ("print_i64", &[I64]),
        ("print_f32", &[F32]),
        ("print_f64", &[F64]),
        ("print_i32_f32", &[I32, F32]),
        ("print_f64_f64", &[F64, F64]),
    ];
    for (name, params) in prints {
        let f = Func::new(store, FuncType::new(params, []), move |args: &[Value]| {
            if verbose {
                let shown: Vec<String> = args.iter().map(|a| a.to_string()).collect();
                println!("spectest.{name}: {}", shown.join(" "));
            }
            Ok(Vec::new())
        });
        linker.define("spectest", name, f);
    }

    let globals = [
        ("global_i32", Value::I32(666)),
        ("global_i64", Value::I64(666)),
        ("global_f32", Value::F32(666.6f32.to_bits())),
        ("global_f64", Value::F64(666.6f64.to_bits())),
    ];
    for (name, value) in globals {
        let g = Global::new(store, GlobalType { content: value.ty(), mutable: false }, value)?;
        linker.define("spectest", name, g);
    }

    let table_ty = TableType { element: RefType::FuncRef, min: 10, max: Some(20) };
    let table = Table::new(store, table_ty, Value::FuncRef(None))?;
    linker.define("spectest", "table", table);

    let memory = Memory::new(store, MemoryType { min: 1, max: Some(2) })?;
    linker.define("spectest", "memory", memory);
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
}
