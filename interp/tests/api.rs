//! End-to-end checks of the embedding API: calls, traps, imports, shared objects, limits.

use memowasm::{
    Config, Engine, Error, Extern, Func, FuncType, Global, GlobalType, Linker, Memory, MemoryType, Module, Store, Trap,
    ValType, Value,
};

fn instance(engine: &Engine, wat: &str) -> (Store, memowasm::Instance) {
    let module = Module::from_wat(engine, wat).unwrap();
    let mut store = Store::new(engine);
    let inst = Linker::new().instantiate(&mut store, &module).unwrap();
    (store, inst)
}

const FIB: &str = r#"(module
  (func $fib (export "fib") (param i32) (result i32)
    local.get 0 i32.const 2 i32.lt_u
    if (result i32) local.get 0
    else local.get 0 i32.const 1 i32.sub call $fib
         local.get 0 i32.const 2 i32.sub call $fib i32.add end)
  (func (export "fac") (param i64) (result i64) (local i64)
    i64.const 1 local.set 1
    block loop
      local.get 0 i64.eqz br_if 1
      local.get 1 local.get 0 i64.mul local.set 1
      local.get 0 i64.const 1 i64.sub local.set 0
      br 0 end end
    local.get 1)
  (func (export "div") (param i32 i32) (result i32) local.get 0 local.get 1 i32.div_s)
  (func $inf (export "inf") call $inf)
  (func (export "swap") (param i32 i32) (result i32 i32) local.get 1 local.get 0)
  (func (export "sel") (param i32 i32 i32) (result i32) local.get 0 local.get 1 local.get 2 select)
  (func (export "tbl") (param i32) (result i32)
    block block block local.get 0 br_table 0 1 2 end i32.const 10 return end i32.const 11 return end i32.const 12)
  (func (export "blockval") (param i32) (result i32)
    block (result i32) i32.const 7 local.get 0 br_if 0 drop i32.const 8 end)
  (func (export "tee") (param i32) (result i32) (local i32)
    local.get 0 i32.const 1 i32.add local.tee 1 local.get 1 i32.mul)
  (func (export "setkeep") (param i32) (result i32)
    local.get 0 i32.const 5 local.set 0 local.get 0 i32.add)
)"#;

#[test]
fn calls_and_control_flow() {
    let engine = Engine::default();
    let (mut s, i) = instance(&engine, FIB);
    let call = |s: &mut Store, name: &str, args: &[Value]| i.call(s, name, args);
    assert_eq!(call(&mut s, "fib", &[Value::I32(20)]).unwrap(), vec![Value::I32(6765)]);
    assert_eq!(call(&mut s, "fac", &[Value::I64(20)]).unwrap(), vec![Value::I64(2432902008176640000)]);
    assert_eq!(call(&mut s, "swap", &[Value::I32(1), Value::I32(2)]).unwrap(), vec![Value::I32(2), Value::I32(1)]);
    assert_eq!(call(&mut s, "sel", &[Value::I32(1), Value::I32(2), Value::I32(0)]).unwrap(), vec![Value::I32(2)]);
    assert_eq!(call(&mut s, "sel", &[Value::I32(1), Value::I32(2), Value::I32(3)]).unwrap(), vec![Value::I32(1)]);
    for (arg, want) in [(0, 10), (1, 11), (2, 12), (99, 12)] {
        assert_eq!(call(&mut s, "tbl", &[Value::I32(arg)]).unwrap(), vec![Value::I32(want)]);
    }
    assert_eq!(call(&mut s, "blockval", &[Value::I32(1)]).unwrap(), vec![Value::I32(7)]);
    assert_eq!(call(&mut s, "blockval", &[Value::I32(0)]).unwrap(), vec![Value::I32(8)]);
    assert_eq!(call(&mut s, "tee", &[Value::I32(4)]).unwrap(), vec![Value::I32(25)]);
    assert_eq!(call(&mut s, "setkeep", &[Value::I32(4)]).unwrap(), vec![Value::I32(9)]);
}

#[test]
fn traps_carry_spec_messages() {
    let engine = Engine::default();
    let (mut s, i) = instance(&engine, FIB);
    let err = i.call(&mut s, "div", &[Value::I32(1), Value::I32(0)]).unwrap_err();
    assert_eq!(err, Error::Trap(Trap::IntegerDivideByZero));
    let err = i.call(&mut s, "div", &[Value::I32(i32::MIN), Value::I32(-1)]).unwrap_err();
    assert_eq!(err.to_string(), "trap: integer overflow");
    // Infinite recursion is a trap, not a native stack overflow.
    let err = i.call(&mut s, "inf", &[]).unwrap_err();
    assert_eq!(err, Error::Trap(Trap::CallStackExhausted));
    // The store stays usable after a trap.
    assert_eq!(i.call(&mut s, "fib", &[Value::I32(10)]).unwrap(), vec![Value::I32(55)]);
}

#[test]
fn call_depth_is_configurable() {
    let engine = Engine::new(Config::default().max_call_depth(50));
    let (mut s, i) = instance(&engine, FIB);
    assert!(i.call(&mut s, "fib", &[Value::I32(20)]).is_ok());
    let wat = r#"(module (func $d (export "d") (param i32) (result i32)
        local.get 0 i32.eqz if (result i32) i32.const 0 else local.get 0 i32.const 1 i32.sub call $d end))"#;
    let (mut s, i) = instance(&engine, wat);
    assert!(i.call(&mut s, "d", &[Value::I32(40)]).is_ok());
    assert_eq!(i.call(&mut s, "d", &[Value::I32(60)]).unwrap_err(), Error::Trap(Trap::CallStackExhausted));
}

#[test]
fn fuel_traps_deterministically() {
    let engine = Engine::new(Config::default().consume_fuel(true));
    let (mut s, i) = instance(&engine, FIB);
    s.set_fuel(1_000_000);
    assert_eq!(i.call(&mut s, "fib", &[Value::I32(10)]).unwrap(), vec![Value::I32(55)]);
    let used = 1_000_000 - s.fuel().unwrap();
    assert!(used > 100, "fib(10) used {used} fuel");
    s.set_fuel(used);
    assert!(i.call(&mut s, "fib", &[Value::I32(10)]).is_ok());
    assert_eq!(s.fuel(), Some(0));
    s.set_fuel(used - 1);
    assert_eq!(i.call(&mut s, "fib", &[Value::I32(10)]).unwrap_err(), Error::Trap(Trap::OutOfFuel));
}

#[test]
fn api_misuse_is_an_error() {
    let engine = Engine::default();
    let (mut s, i) = instance(&engine, FIB);
    assert!(matches!(i.call(&mut s, "nope", &[]), Err(Error::Api(_))));
    assert!(matches!(i.call(&mut s, "fib", &[]), Err(Error::Api(_))));
    assert!(matches!(i.call(&mut s, "fib", &[Value::I64(1)]), Err(Error::Api(_))));
    assert!(matches!(Module::new(&engine, b"\0asm\x02"), Err(Error::Malformed { .. })));
    let invalid = wat::parse_str("(module (func (result i32) i64.const 1))").unwrap();
    assert!(matches!(Module::new(&engine, &invalid), Err(Error::Invalid { .. })));
}

#[test]
fn call_into_writes_results_in_place_and_checks_their_number() {
    let engine = Engine::default();
    let (mut s, i) = instance(&engine, FIB);
    let fib = i.get_func(&s, "fib").unwrap();
    let mut out = [Value::I64(7)];
    fib.call_into(&mut s, &[Value::I32(10)], &mut out).unwrap();
    assert_eq!(out, [Value::I32(55)]);
    // Called again, the value stack keeps its length and the result is the same.
    fib.call_into(&mut s, &[Value::I32(10)], &mut out).unwrap();
    assert_eq!(out, [Value::I32(55)]);
    assert!(matches!(fib.call_into(&mut s, &[Value::I32(10)], &mut []), Err(Error::Api(_))));
    assert!(matches!(fib.call_into(&mut s, &[Value::I32(1)], &mut [Value::I32(0), Value::I32(0)]), Err(Error::Api(_))));
}

#[test]
fn imports_are_shared_store_objects() {
    let engine = Engine::default();
    let mut store = Store::new(&engine);
    let mem = Memory::new(&mut store, MemoryType { min: 1, max: Some(2) }).unwrap();
    let g = Global::new(&mut store, GlobalType { content: ValType::I32, mutable: true }, Value::I32(3)).unwrap();
    let log = Func::new(&mut store, FuncType::new([ValType::I32], [ValType::I32]), |args| match args[0] {
        Value::I32(x) => Ok(vec![Value::I32(x * 2)]),
        _ => Err(Trap::Host),
    });
    let mut linker = Linker::new();
    linker.define("env", "mem", mem).define("env", "g", g).define("env", "dbl", Extern::Func(log));
    let wat = r#"(module
        (import "env" "mem" (memory 1 2)) (import "env" "g" (global $g (mut i32)))
        (import "env" "dbl" (func $dbl (param i32) (result i32)))
        (func (export "store") (param i32 i32) local.get 0 local.get 1 i32.store)
        (func (export "load") (param i32) (result i32) local.get 0 i32.load)
        (func (export "bump") (result i32) global.get $g call $dbl global.set $g global.get $g)
        (func (export "grow") (result i32) i32.const 1 memory.grow))"#;
    let module = Module::from_wat(&engine, wat).unwrap();
    let a = linker.instantiate(&mut store, &module).unwrap();
    let b = linker.instantiate(&mut store, &module).unwrap();
    a.call(&mut store, "store", &[Value::I32(8), Value::I32(77)]).unwrap();
    assert_eq!(b.call(&mut store, "load", &[Value::I32(8)]).unwrap(), vec![Value::I32(77)]);
    mem.write(&mut store, 8, &5i32.to_le_bytes()).unwrap();
    assert_eq!(a.call(&mut store, "load", &[Value::I32(8)]).unwrap(), vec![Value::I32(5)]);
    assert_eq!(b.call(&mut store, "bump", &[]).unwrap(), vec![Value::I32(6)]);
    assert_eq!(g.get(&store), Value::I32(6));
    g.set(&mut store, Value::I32(10)).unwrap();
    assert_eq!(a.call(&mut store, "bump", &[]).unwrap(), vec![Value::I32(20)]);
    assert_eq!(a.call(&mut store, "grow", &[]).unwrap(), vec![Value::I32(1)]);
    assert_eq!(b.call(&mut store, "grow", &[]).unwrap(), vec![Value::I32(-1)]);
    assert_eq!(mem.size(&store), 2);
    let bad = Module::from_wat(&engine, r#"(module (import "env" "mem" (memory 3)))"#).unwrap();
    assert!(matches!(linker.instantiate(&mut store, &bad), Err(Error::Link(_))));
}

#[test]
fn multi_value_branches_out_of_a_function() {
    // Each br_table entry and br_if path must move the results itself: one path's
    // copies must not be assumed by another (found by v2 func.wast).
    let engine = Engine::default();
    let (mut s, i) = instance(
        &engine,
        r#"(module
        (func (export "t") (param i32) (result i32 i64)
          (br_table 0 0 (i32.const 50) (i64.const 51) (local.get 0))
          (i32.const 51) (i64.const 52))
        (func (export "f") (param i32) (result i32 i64)
          (br_if 0 (i32.const 1) (i64.const 2) (local.get 0))
          drop drop (i32.const 3) (i64.const 4)))"#,
    );
    for arg in [0, 1, 10, -100] {
        assert_eq!(i.call(&mut s, "t", &[Value::I32(arg)]).unwrap(), vec![Value::I32(50), Value::I64(51)]);
    }
    assert_eq!(i.call(&mut s, "f", &[Value::I32(1)]).unwrap(), vec![Value::I32(1), Value::I64(2)]);
    assert_eq!(i.call(&mut s, "f", &[Value::I32(0)]).unwrap(), vec![Value::I32(3), Value::I64(4)]);
}
