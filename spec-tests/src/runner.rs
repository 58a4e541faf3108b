//! Runs a script's commands in one engine: one arm per directive kind, each directive
//! behind `catch_unwind`, modules tracked by `$id` in a fresh store and linker per file.
//! The arms are written once, over the [`Backend`] of the engine's family.

use crate::backend::{Backend, Error};
use crate::compare::Observed;
use crate::memowasm_backend::Memowasm;
use crate::panics;
use crate::report::{EngineKind, EngineReport, Outcome};
use crate::script::{Action, Command, CommandKind, Encoded};
use crate::values::{show_expected, show_values, Expected, Val};
use crate::wasmi_backend::Wasmi;
use std::collections::{HashMap, HashSet};
use std::fmt;
use wasmparser::WasmFeatures;

/// Whether a trap message is the one the script expects: ours may be a prefix of the
/// expected text, which sometimes carries details ("uninitialized element 2").
pub fn trap_matches(got: &str, expected: &str) -> bool {
    !got.is_empty() && expected.starts_with(got)
}

/// One engine's run of a script: its report column, and for each command what its action
/// returned (`None` for commands without an action, or whose action could not run), for the
/// cross-engine comparison.
pub(crate) struct EngineRun {
    pub report: EngineReport,
    pub observed: Vec<Option<Observed>>,
}

/// Runs `commands` in a fresh store of `kind`; one outcome per command. In a memo engine,
/// a directive during which verify mode caught a stale cache entry fails.
pub(crate) fn run(commands: &[Command], kind: EngineKind, features: WasmFeatures, verbose: bool) -> EngineRun {
    let backend = match kind {
        EngineKind::Wasmi => Wasmi::new(features, verbose).map(|b| run_in(b, commands, kind, verbose)),
        _ => Memowasm::new(kind, features, verbose).map(|b| run_in(b, commands, kind, verbose)),
    };
    backend.unwrap_or_else(|e| {
        let mut report = EngineReport::new(kind);
        let first = commands.first().map_or((1, 1), |c| (c.line, c.col));
        report.record(first.0, first.1, "spectest", Outcome::fail("the spectest module", e.to_string()));
        EngineRun { report, observed: vec![None; commands.len()] }
    })
}

fn run_in<B: Backend>(backend: B, commands: &[Command], kind: EngineKind, verbose: bool) -> EngineRun {
    let mut report = EngineReport::new(kind);
    let mut observed = Vec::with_capacity(commands.len());
    let mut state = State::new(backend);
    for cmd in commands {
        let outcome = match panics::catch(|| state.execute(cmd)) {
            Ok(outcome) => outcome,
            Err(message) => {
                state.after_panic(cmd);
                Outcome::fail(expectation(cmd), format!("panicked: {message}"))
            }
        };
        observed.push(state.observed.take());
        let divergences = state.backend.take_memo_divergences();
        report.memo_divergences += divergences.len();
        let outcome = with_divergences(outcome, &divergences);
        if verbose {
            println!("{}:{} [{kind}] {} -> {outcome:?}", cmd.line, cmd.col, cmd.directive);
        }
        report.record(cmd.line, cmd.col, cmd.directive, outcome);
    }
    if let Some(hits) = state.backend.memo_hits() {
        report.hits = Some(hits);
    }
    EngineRun { report, observed }
}

/// The outcome of a directive during which verify mode caught `divergences` (stale memo
/// entries, each shown by its `Display`): unchanged when there are none, else a failure that
/// names the first divergence, how many more there were, and what the directive did.
pub(crate) fn with_divergences<D: fmt::Display>(outcome: Outcome, divergences: &[D]) -> Outcome {
    let Some(first) = divergences.first() else {
        return outcome;
    };
    let mut got = format!("memo divergence: {first}");
    if divergences.len() > 1 {
        got.push_str(&format!(" (and {} more)", divergences.len() - 1));
    }
    match outcome {
        Outcome::Pass => got.push_str("; the directive passed otherwise"),
        Outcome::Fail { expected, got: failed } => {
            got.push_str(&format!("; the directive also failed: expected {expected}, got {failed}"))
        }
        Outcome::Skip { reason } => got.push_str(&format!("; the directive was skipped: {reason}")),
    }
    Outcome::fail("no memo divergence", got)
}

/// What a command expects, for a report of a panic.
fn expectation(cmd: &Command) -> String {
    match &cmd.kind {
        CommandKind::Module { .. } | CommandKind::ModuleInstance { .. } | CommandKind::AssertReturnModule { .. } => {
            "module instantiates".into()
        }
        CommandKind::ModuleDefinition { .. } => "module compiles".into(),
        CommandKind::Register { .. } => "instance is registered".into(),
        CommandKind::Invoke(_) => "call returns".into(),
        CommandKind::AssertReturn { expected, .. } => show_expected(expected),
        CommandKind::AssertTrap { message, .. } | CommandKind::AssertUninstantiable { message, .. } => {
            format!("trap: {message}")
        }
        CommandKind::AssertExhaustion { message, .. } => format!("exhaustion trap: {message}"),
        CommandKind::AssertInvalid { message, .. } => format!("invalid: {message}"),
        CommandKind::AssertMalformed { message, .. } => format!("malformed: {message}"),
        CommandKind::AssertUnlinkable { message, .. } => format!("link error: {message}"),
        CommandKind::Unsupported { reason } => reason.clone(),
    }
}

/// A module or instance slot: usable, or why directives that need it cannot run.
#[derive(Clone)]
enum Slot<T> {
    Ready(T),
    /// Uses a feature the engine does not support: dependents are skipped.
    Unsupported(String),
    /// Failed (the text says where): dependents fail.
    Failed(String),
}

impl<T: Clone> Slot<T> {
    /// The object, or the outcome of a directive that depends on it.
    fn get(&self) -> Result<T, Outcome> {
        match self {
            Slot::Ready(x) => Ok(x.clone()),
            Slot::Unsupported(reason) => Err(Outcome::skip(reason.clone())),
            Slot::Failed(why) => Err(Outcome::fail("a usable module", why.clone())),
        }
    }
}

struct State<B: Backend> {
    backend: B,
    /// The most recent instance: the target of actions without `$id`.
    current: Option<Slot<B::Instance>>,
    instances: HashMap<String, Slot<B::Instance>>,
    definitions: HashMap<String, Slot<B::Module>>,
    last_definition: Option<Slot<B::Module>>,
    /// `register` names whose instance was unsupported: modules importing them are skipped.
    unsupported_names: HashSet<String>,
    /// What the last command's action did, if it had one that ran.
    observed: Option<Observed>,
}

impl<B: Backend> State<B> {
    fn new(backend: B) -> State<B> {
        State {
            backend,
            current: None,
            instances: HashMap::new(),
            definitions: HashMap::new(),
            last_definition: None,
            unsupported_names: HashSet::new(),
            observed: None,
        }
    }

    /// After a panic, the module a command was creating is unusable.
    fn after_panic(&mut self, cmd: &Command) {
        match &cmd.kind {
            CommandKind::Module { name, .. } => self.set_instance(name.clone(), failed_at(cmd.line)),
            CommandKind::ModuleInstance { instance, .. } => self.set_instance(instance.clone(), failed_at(cmd.line)),
            CommandKind::ModuleDefinition { name, .. } => self.set_definition(name.clone(), failed_at(cmd.line)),
            _ => {}
        }
    }

    fn execute(&mut self, cmd: &Command) -> Outcome {
        match &cmd.kind {
            CommandKind::Module { name, module } => {
                let (slot, outcome) = match self.compile(module) {
                    Ok(m) => self.instantiate(&m, cmd.line),
                    Err(outcome) => (dependent_slot(&outcome, cmd.line), outcome),
                };
                self.set_instance(name.clone(), slot);
                outcome
            }
            CommandKind::ModuleDefinition { name, module } => {
                let (slot, outcome) = match self.compile(module) {
                    Ok(m) => (Slot::Ready(m), Outcome::Pass),
                    Err(outcome) => (dependent_slot(&outcome, cmd.line), outcome),
                };
                self.set_definition(name.clone(), slot);
                outcome
            }
            CommandKind::ModuleInstance { instance, module } => {
                let def = match module {
                    Some(name) => self.definitions.get(name).cloned(),
                    None => self.last_definition.clone(),
                };
                let (slot, outcome) = match def.map(|d| d.get()) {
                    None => (failed_at(cmd.line), Outcome::fail("a module definition", "none by that name")),
                    Some(Ok(m)) => self.instantiate(&m, cmd.line),
                    Some(Err(outcome)) => (dependent_slot(&outcome, cmd.line), outcome),
                };
                self.set_instance(instance.clone(), slot);
                outcome
            }
            CommandKind::Register { name, module } => match self.instance_slot(module.as_deref()).get() {
                Ok(instance) => match self.backend.register(name, &instance) {
                    Ok(()) => Outcome::Pass,
                    Err(e) => Outcome::fail("instance is registered", e.to_string()),
                },
                Err(outcome) => {
                    if matches!(outcome, Outcome::Skip { .. }) {
                        self.unsupported_names.insert(name.clone());
                    }
                    outcome
                }
            },
            CommandKind::Invoke(action) => match self.perform(action) {
                Ok(Ok(_)) => Outcome::Pass,
                Ok(Err(e)) => Outcome::fail("call returns", e.to_string()),
                Err(outcome) => outcome,
            },
            CommandKind::AssertReturn { action, expected } => match self.perform(action) {
                Ok(Ok(values)) => check_results(expected, &values),
                Ok(Err(e)) => Outcome::fail(show_expected(expected), e.to_string()),
                Err(outcome) => outcome,
            },
            CommandKind::AssertReturnModule { module } => match self.compile(module) {
                Ok(m) => self.instantiate(&m, cmd.line).1,
                Err(outcome) => outcome,
            },
            CommandKind::AssertTrap { action, message } => match self.perform(action) {
                Ok(result) => check_trap(message, result.map(|v| show_values(&v))),
                Err(outcome) => outcome,
            },
            CommandKind::AssertUninstantiable { module, message } => match self.compile(module) {
                Ok(m) => match self.unlinkable_dependency(&m) {
                    Some(outcome) => outcome,
                    None => check_trap(message, self.backend.instantiate(&m).map(|_| "instance".into())),
                },
                Err(outcome) => outcome,
            },
            CommandKind::AssertExhaustion { action, message } => match self.perform(action) {
                Ok(result) => check_trap(message, result.map(|v| show_values(&v))),
                Err(outcome) => outcome,
            },
            CommandKind::AssertInvalid { module, message } => check_rejected(module, message, self.compile_raw(module)),
            CommandKind::AssertMalformed { module, message } => {
                check_rejected(module, message, self.compile_raw(module))
            }
            CommandKind::AssertUnlinkable { module, message } => match self.compile(module) {
                Ok(m) => match self.unlinkable_dependency(&m) {
                    Some(outcome) => outcome,
                    None => match self.backend.instantiate(&m) {
                        Err(Error::Link(_)) => Outcome::Pass,
                        Err(e) => Outcome::fail(format!("link error: {message}"), e.to_string()),
                        Ok(_) => Outcome::fail(format!("link error: {message}"), "instantiated"),
                    },
                },
                Err(outcome) => outcome,
            },
            CommandKind::Unsupported { reason } => Outcome::skip(reason.clone()),
        }
    }

    fn compile_raw(&mut self, module: &Encoded) -> Option<Result<B::Module, Error>> {
        module.as_ref().ok().map(|bytes| self.backend.compile(bytes))
    }

    /// Compiles a module that must be valid; `Err` is the directive's outcome when it is not
    /// (a skip when the module is unsupported).
    fn compile(&mut self, module: &Encoded) -> Result<B::Module, Outcome> {
        match self.compile_raw(module) {
            Some(Ok(m)) => Ok(m),
            Some(Err(Error::Unsupported(message))) => Err(Outcome::skip(format!("unsupported module: {message}"))),
            Some(Err(e)) => Err(Outcome::fail("a valid module", e.to_string())),
            None => {
                let text = module.as_ref().err().cloned().unwrap_or_default();
                Err(Outcome::fail("a valid module", format!("text format error: {text}")))
            }
        }
    }

    /// Instantiates `m`; the slot for the new instance and the directive's outcome.
    fn instantiate(&mut self, m: &B::Module, line: u32) -> (Slot<B::Instance>, Outcome) {
        if let Some(outcome) = self.unlinkable_dependency(m) {
            return (dependent_slot(&outcome, line), outcome);
        }
        match self.backend.instantiate(m) {
            Ok(instance) => (Slot::Ready(instance), Outcome::Pass),
            Err(e) => (failed_at(line), Outcome::fail("module instantiates", e.to_string())),
        }
    }

    /// A skip if `m` imports from a registered module that was itself unsupported.
    fn unlinkable_dependency(&self, m: &B::Module) -> Option<Outcome> {
        let imports = self.backend.import_modules(m);
        let name = imports.iter().find(|name| self.unsupported_names.contains(*name))?;
        Some(Outcome::skip(format!("imports from {name:?}, an unsupported module")))
    }

    fn set_instance(&mut self, name: Option<String>, slot: Slot<B::Instance>) {
        if let Some(name) = name {
            self.instances.insert(name, slot.clone());
        }
        self.current = Some(slot);
    }

    fn set_definition(&mut self, name: Option<String>, slot: Slot<B::Module>) {
        if let Some(name) = name {
            self.definitions.insert(name, slot.clone());
        }
        self.last_definition = Some(slot);
    }

    fn instance_slot(&self, name: Option<&str>) -> Slot<B::Instance> {
        let slot = match name {
            Some(name) => self.instances.get(name),
            None => self.current.as_ref(),
        };
        slot.cloned().unwrap_or_else(|| match name {
            Some(name) => Slot::Failed(format!("no module named ${name}")),
            None => Slot::Failed("no module defined yet".into()),
        })
    }

    /// Runs an action: `Err` when its instance is unusable, else the engine's result, which
    /// is also kept for the cross-engine comparison.
    fn perform(&mut self, action: &Action) -> Result<Result<Vec<Val>, Error>, Outcome> {
        let instance = self.instance_slot(action.module()).get()?;
        let result = match action {
            Action::Invoke { name, args, .. } => self.backend.call(&instance, name, args),
            Action::Get { global, .. } => self.backend.get(&instance, global).map(|v| vec![v]),
        };
        self.observed = Some(Observed::of(&result));
        Ok(result)
    }
}

/// The slot for what the directive at `line` could not make, because of `outcome`.
fn dependent_slot<T>(outcome: &Outcome, line: u32) -> Slot<T> {
    match outcome {
        Outcome::Skip { reason } => Slot::Unsupported(reason.clone()),
        _ => failed_at(line),
    }
}

/// The slot of a module that failed at `line`.
fn failed_at<T>(line: u32) -> Slot<T> {
    Slot::Failed(format!("the module at line {line} failed"))
}

fn check_results(expected: &[Expected], got: &[Val]) -> Outcome {
    let ok = expected.len() == got.len() && expected.iter().zip(got).all(|(e, v)| e.matches(v));
    if ok {
        Outcome::Pass
    } else {
        Outcome::fail(show_expected(expected), show_values(got))
    }
}

/// `result` is what happened instead of a trap when it is `Ok`.
fn check_trap(message: &str, result: Result<String, Error>) -> Outcome {
    let expected = format!("trap: {message}");
    match result {
        Err(Error::Trap(trap)) if trap.matches(message) => Outcome::Pass,
        Err(e) => Outcome::fail(expected, e.to_string()),
        Ok(got) => Outcome::fail(expected, got),
    }
}

/// `assert_invalid` and `assert_malformed`: any rejection passes -- by the text encoder, as
/// malformed, as invalid, or as unsupported (a module outside the configured features is
/// invalid for that suite). Error messages differ between implementations and are not compared.
fn check_rejected<M>(module: &Encoded, message: &str, compiled: Option<Result<M, Error>>) -> Outcome {
    match compiled {
        None => {
            debug_assert!(module.is_err());
            Outcome::Pass
        }
        Some(Err(Error::Malformed(_) | Error::Invalid(_) | Error::Unsupported(_))) => Outcome::Pass,
        Some(Err(e)) => Outcome::fail(format!("rejected: {message}"), e.to_string()),
        Some(Ok(_)) => Outcome::fail(format!("rejected: {message}"), "module compiled"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_messages_match_by_prefix() {
        assert!(trap_matches("uninitialized element", "uninitialized element 2"));
        assert!(trap_matches("integer divide by zero", "integer divide by zero"));
        assert!(!trap_matches("integer overflow", "integer divide by zero"));
        assert!(!trap_matches("out of bounds memory access", "out of bounds"));
        assert!(!trap_matches("", "unreachable"));
    }

    #[test]
    fn results_must_match_in_number_and_value() {
        assert_eq!(check_results(&[Expected::I32(1)], &[Val::I32(1)]), Outcome::Pass);
        assert!(matches!(check_results(&[Expected::I32(1)], &[Val::I32(2)]), Outcome::Fail { .. }));
        assert!(matches!(check_results(&[Expected::I32(1)], &[]), Outcome::Fail { .. }));
        assert!(matches!(check_results(&[], &[Val::I32(1)]), Outcome::Fail { .. }));
    }

    /// A hand-made divergence: the real engine should never produce one, so the plumbing
    /// from a divergence to a failed directive is tested with a constructed report.
    fn divergence(func_index: u32) -> memowasm::MemoDivergence {
        use memowasm::{Config, Engine, Linker, Module, Store};
        // (module (func (export "f")))
        let wasm = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0\x03\x02\x01\0\x07\x05\x01\x01f\0\0\x0a\x04\x01\x02\0\x0b";
        let engine = Engine::new(Config::default());
        let mut store = Store::new(&engine);
        let module = Module::new(&engine, wasm).unwrap();
        let instance = Linker::new().instantiate(&mut store, &module).unwrap();
        let func = instance.get_func(&store, "f").unwrap();
        memowasm::MemoDivergence {
            unit: memowasm::memo::UnitId { func, func_index, block: 1, start_ip: 3, end_ip: 9, offset: 0x2a },
            inputs: vec![(0, 7)],
            missed: "memory 0 chunk 2".into(),
            cached: "result 1".into(),
            real: "result 2".into(),
        }
    }

    #[test]
    fn a_memo_divergence_fails_the_directive() {
        let none: &[memowasm::MemoDivergence] = &[];
        assert_eq!(with_divergences(Outcome::Pass, none), Outcome::Pass);
        assert_eq!(with_divergences(Outcome::skip("x"), none), Outcome::skip("x"));

        let one = [divergence(5)];
        let text = one[0].to_string();
        assert!(text.contains("func 5 block 1") && text.contains("memory 0 chunk 2"), "{text}");
        let Outcome::Fail { expected, got } = with_divergences(Outcome::Pass, &one) else { panic!("not a failure") };
        assert_eq!(expected, "no memo divergence");
        assert_eq!(got, format!("memo divergence: {text}; the directive passed otherwise"));

        let two = [divergence(5), divergence(6)];
        let Outcome::Fail { got, .. } = with_divergences(Outcome::fail("[1:i32]", "[2:i32]"), &two) else {
            panic!("not a failure")
        };
        assert_eq!(
            got,
            format!("memo divergence: {text} (and 1 more); the directive also failed: expected [1:i32], got [2:i32]")
        );
    }

    /// The divergence becomes a failure of its engine's column, which the expectations judge
    /// like any other: unexpected unless listed for that engine.
    #[test]
    fn a_divergence_failure_is_reported_per_engine() {
        let mut column = EngineReport::new(EngineKind::MemoAggressive);
        column.record(3, 2, "assert_return", with_divergences(Outcome::Pass, &[divergence(0)]));
        assert_eq!(column.failed(), 1);
        assert!(column.failures[0].got.starts_with("memo divergence: stale memo entry for func 0"));
        let plain = EngineReport::new(EngineKind::Plain);
        let report = crate::FileReport { engines: vec![plain, column], ..crate::FileReport::new("v1/x.wast") };
        let verdict = crate::Expectations::default().check(std::slice::from_ref(&report));
        assert_eq!(verdict.unexpected_failures.len(), 1);
        let line = verdict.unexpected_failures[0].to_string();
        let expected = "v1/x.wast:3:2 [memo-aggressive] assert_return: expected no memo divergence, \
                        got memo divergence: stale memo entry for func 0 block 1";
        assert!(line.starts_with(expected), "{line}");
        let listed = crate::Expectations::parse("v1/x.wast:3 [memo-aggressive] a known memo bug").unwrap();
        assert!(listed.check(&[report]).is_ok());
    }

    #[test]
    fn traps_are_checked_by_kind_and_message() {
        use crate::backend::Trap;
        assert_eq!(check_trap("unreachable", Err(Error::Trap(Trap::new("unreachable")))), Outcome::Pass);
        let wrong = check_trap("unreachable", Err(Error::Trap(Trap::new("integer overflow"))));
        assert_eq!(wrong, Outcome::fail("trap: unreachable", "trap: integer overflow"));
        // A wasmi table trap stands for both of the spec's table traps.
        let table = Trap { message: "out of bounds table access", also: Some("undefined element") };
        assert_eq!(check_trap("undefined element", Err(Error::Trap(table))), Outcome::Pass);
        assert!(matches!(check_trap("unreachable", Ok("[]".into())), Outcome::Fail { .. }));
        assert!(matches!(check_trap("unreachable", Err(Error::Link("x".into()))), Outcome::Fail { .. }));
    }
}
