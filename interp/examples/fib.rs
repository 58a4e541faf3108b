//! Runs `fib(N)` from bench/wat/fib.wat and prints the result and the time taken.
use memowasm::{Engine, Linker, Module, Store, Value};

fn main() {
    let n: i32 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(30);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/fib.wat");
    let text = std::fs::read_to_string(path).expect("bench/wat/fib.wat");
    let engine = Engine::default();
    let module = Module::from_wat(&engine, &text).expect("valid module");
    let mut store = Store::new(&engine);
    let instance = Linker::new().instantiate(&mut store, &module).expect("instantiates");
    let t = std::time::Instant::now();
    let out = instance.call(&mut store, "fib", &[Value::I32(n)]).expect("runs");
    println!("fib({n}) = {} in {:?}", out[0], t.elapsed());
}
