//! Lowers a parsed `.wast` file into owned [`Command`]s: modules encoded to binary once,
//! arguments and result patterns converted, so every engine runs the same list.

use crate::values::{self, Expected};
use memowasm::Value;
use wast::core::Module as WatModule;
use wast::lexer::Lexer;
use wast::parser::{self, ParseBuffer};
use wast::{QuoteWat, Wast, WastDirective, WastExecute, WastInvoke, Wat};

/// A module as the script gives it: binary, or the text encoder's error message.
pub type Encoded = Result<Vec<u8>, String>;

/// One directive of a script, located in its file.
#[derive(Debug, Clone)]
pub struct Command {
    /// 1-based position of the directive.
    pub line: u32,
    pub col: u32,
    /// The directive as written (`assert_return`, `module definition`, ...), for reports.
    pub directive: &'static str,
    pub kind: CommandKind,
}

/// What a call or read targets: an instance by `$id`, or the most recent one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Invoke { module: Option<String>, name: String, args: Vec<Value> },
    Get { module: Option<String>, global: String },
}

impl Action {
    pub fn module(&self) -> Option<&str> {
        match self {
            Action::Invoke { module, .. } | Action::Get { module, .. } => module.as_deref(),
        }
    }
}

/// One arm per directive kind the runner understands.
#[derive(Debug, Clone)]
pub enum CommandKind {
    /// `module`: compile and instantiate, named `$id` if given.
    Module {
        name: Option<String>,
        module: Encoded,
    },
    /// `module definition`: compile only, for a later `module instance`.
    ModuleDefinition {
        name: Option<String>,
        module: Encoded,
    },
    /// `module instance $inst $def`.
    ModuleInstance {
        instance: Option<String>,
        module: Option<String>,
    },
    /// `register "name" $id?`.
    Register {
        name: String,
        module: Option<String>,
    },
    /// A bare `invoke`: must not trap.
    Invoke(Action),
    AssertReturn {
        action: Action,
        expected: Vec<Expected>,
    },
    /// `assert_return (module ...)`: the module must instantiate.
    AssertReturnModule {
        module: Encoded,
    },
    AssertTrap {
        action: Action,
        message: String,
    },
    /// `assert_trap (module ...)`, the spec's assert_uninstantiable: instantiation must trap.
    AssertUninstantiable {
        module: Encoded,
        message: String,
    },
    AssertExhaustion {
        action: Action,
        message: String,
    },
    AssertInvalid {
        module: Encoded,
        message: String,
    },
    AssertMalformed {
        module: Encoded,
        message: String,
    },
    AssertUnlinkable {
        module: Encoded,
        message: String,
    },
    /// A directive this runner does not run (threads, exceptions, components, ...), or one
    /// whose values it cannot represent (v128, GC references). The reason says which.
    Unsupported {
        reason: String,
    },
}

/// A script that does not parse as `.wast`: the position and message of the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub col: u32,
    pub message: String,
}

/// Parses `.wast` text into commands.
pub fn parse(contents: &str) -> Result<Vec<Command>, ParseError> {
    let to_error = |e: wast::Error| {
        let (line, col) = e.span().linecol_in(contents);
        ParseError { line: line as u32 + 1, col: col as u32 + 1, message: e.message() }
    };
    let mut lexer = Lexer::new(contents);
    // Some spec files deliberately contain bidirectional-override characters in strings.
    lexer.allow_confusing_unicode(true);
    let buf = ParseBuffer::new_with_lexer(lexer).map_err(to_error)?;
    let wast = parser::parse::<Wast<'_>>(&buf).map_err(to_error)?;
    Ok(wast.directives.into_iter().map(|d| lower(contents, d)).collect())
}

fn lower(contents: &str, directive: WastDirective<'_>) -> Command {
    let (line, col) = directive.span().linecol_in(contents);
    let name = directive_name(&directive);
    let kind = match lower_kind(directive) {
        Ok(kind) => kind,
        Err(reason) => CommandKind::Unsupported { reason },
    };
    Command { line: line as u32 + 1, col: col as u32 + 1, directive: name, kind }
}

fn directive_name(directive: &WastDirective<'_>) -> &'static str {
    use WastDirective as D;
    match directive {
        D::Module(_) => "module",
        D::ModuleDefinition(_) => "module definition",
        D::ModuleInstance { .. } => "module instance",
        D::Register { .. } => "register",
        D::Invoke(_) => "invoke",
        D::AssertReturn { .. } => "assert_return",
        D::AssertTrap { .. } => "assert_trap",
        D::AssertExhaustion { .. } => "assert_exhaustion",
        D::AssertInvalid { .. } => "assert_invalid",
        D::AssertMalformed { .. } => "assert_malformed",
        D::AssertUnlinkable { .. } => "assert_unlinkable",
        D::AssertInvalidCustom { .. } => "assert_invalid_custom",
        D::AssertMalformedCustom { .. } => "assert_malformed_custom",
        D::AssertException { .. } => "assert_exception",
        D::AssertSuspension { .. } => "assert_suspension",
        D::Thread(_) => "thread",
        D::Wait { .. } => "wait",
    }
}

/// `Err` is the reason the directive cannot run: an unsupported directive kind or value.
fn lower_kind(directive: WastDirective<'_>) -> Result<CommandKind, String> {
    use WastDirective as D;
    Ok(match directive {
        D::Module(mut m) => CommandKind::Module { name: module_name(&m)?, module: encode(&mut m)? },
        D::ModuleDefinition(mut m) => CommandKind::ModuleDefinition { name: module_name(&m)?, module: encode(&mut m)? },
        D::ModuleInstance { instance, module, .. } => CommandKind::ModuleInstance {
            instance: instance.map(|i| i.name().to_string()),
            module: module.map(|i| i.name().to_string()),
        },
        D::Register { name, module, .. } => {
            CommandKind::Register { name: name.to_string(), module: module.map(|i| i.name().to_string()) }
        }
        D::Invoke(invoke) => CommandKind::Invoke(lower_invoke(&invoke)?),
        D::AssertReturn { exec: WastExecute::Wat(mut wat), results, .. } if results.is_empty() => {
            CommandKind::AssertReturnModule { module: encode_wat(&mut wat)? }
        }
        D::AssertReturn { exec, results, .. } => CommandKind::AssertReturn {
            action: lower_action(exec)?,
            expected: results.iter().map(values::expected).collect::<Result<_, _>>()?,
        },
        D::AssertTrap { exec: WastExecute::Wat(mut wat), message, .. } => {
            CommandKind::AssertUninstantiable { module: encode_wat(&mut wat)?, message: message.to_string() }
        }
        D::AssertTrap { exec, message, .. } => {
            CommandKind::AssertTrap { action: lower_action(exec)?, message: message.to_string() }
        }
        D::AssertExhaustion { call, message, .. } => {
            CommandKind::AssertExhaustion { action: lower_invoke(&call)?, message: message.to_string() }
        }
        D::AssertInvalid { mut module, message, .. } => {
            CommandKind::AssertInvalid { module: encode(&mut module)?, message: message.to_string() }
        }
        D::AssertMalformed { mut module, message, .. } => {
            CommandKind::AssertMalformed { module: encode(&mut module)?, message: message.to_string() }
        }
        D::AssertUnlinkable { mut module, message, .. } => {
            CommandKind::AssertUnlinkable { module: encode_wat(&mut module)?, message: message.to_string() }
        }
        D::AssertInvalidCustom { .. } | D::AssertMalformedCustom { .. } => {
            return Err(unsupported_directive("custom-section annotations"))
        }
        D::AssertException { .. } => return Err(unsupported_directive("exception handling")),
        D::AssertSuspension { .. } => return Err(unsupported_directive("stack switching")),
        D::Thread(_) | D::Wait { .. } => return Err(unsupported_directive("threads")),
    })
}

/// The reason for a directive kind the runner does not run.
fn unsupported_directive(proposal: &str) -> String {
    format!("unsupported directive ({proposal})")
}

fn module_name(m: &QuoteWat<'_>) -> Result<Option<String>, String> {
    match m {
        QuoteWat::QuoteComponent(..) | QuoteWat::Wat(Wat::Component(_)) => Err(unsupported_directive("components")),
        _ => Ok(m.name().map(|id| id.name().to_string())),
    }
}

/// Encodes a module; a text error is kept as the module's value, a component is unsupported.
fn encode(m: &mut QuoteWat<'_>) -> Result<Encoded, String> {
    match m {
        QuoteWat::QuoteComponent(..) | QuoteWat::Wat(Wat::Component(_)) => Err(unsupported_directive("components")),
        _ => Ok(m.encode().map_err(|e| e.message())),
    }
}

fn encode_wat(m: &mut Wat<'_>) -> Result<Encoded, String> {
    match m {
        Wat::Module(module) => Ok(encode_module(module)),
        Wat::Component(_) => Err(unsupported_directive("components")),
    }
}

fn encode_module(m: &mut WatModule<'_>) -> Encoded {
    m.encode().map_err(|e| e.message())
}

fn lower_action(exec: WastExecute<'_>) -> Result<Action, String> {
    match exec {
        WastExecute::Invoke(invoke) => lower_invoke(&invoke),
        WastExecute::Get { module, global, .. } => {
            Ok(Action::Get { module: module.map(|i| i.name().to_string()), global: global.to_string() })
        }
        WastExecute::Wat(_) => Err(unsupported_directive("a module with expected results")),
    }
}

fn lower_invoke(invoke: &WastInvoke<'_>) -> Result<Action, String> {
    Ok(Action::Invoke {
        module: invoke.module.map(|i| i.name().to_string()),
        name: invoke.name.to_string(),
        args: invoke.args.iter().map(values::arg).collect::<Result<_, _>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_directives_with_positions() {
        let text = r#"(module $m (func (export "f") (param i32) (result i32) local.get 0))
(assert_return (invoke $m "f" (i32.const 7)) (i32.const 7))
  (assert_trap (invoke "f" (i32.const 0)) "unreachable")
(assert_malformed (module quote "(func") "unexpected end")
(register "m" $m)
(assert_return (invoke "g" (v128.const i32x4 0 0 0 0)))
"#;
        let cmds = parse(text).unwrap();
        assert_eq!(cmds.len(), 6);
        assert!(matches!(&cmds[0].kind, CommandKind::Module { name: Some(n), module: Ok(_) } if n == "m"));
        assert_eq!((cmds[1].line, cmds[1].col), (2, 2));
        assert!(matches!(&cmds[1].kind, CommandKind::AssertReturn {
            action: Action::Invoke { module: Some(m), args, .. }, expected } if m == "m"
                && args == &[Value::I32(7)] && expected == &[Expected::I32(7)]));
        assert_eq!((cmds[2].line, cmds[2].col), (3, 4));
        assert_eq!(cmds[2].directive, "assert_trap");
        // The quoted text does not parse: the error travels as the module's value.
        assert!(matches!(&cmds[3].kind, CommandKind::AssertMalformed { module: Err(_), .. }));
        assert!(matches!(&cmds[4].kind, CommandKind::Register { name, module: Some(_) } if name == "m"));
        assert!(matches!(&cmds[5].kind, CommandKind::Unsupported { reason } if reason.contains("v128")));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse("(module)\n  (assert_return (invoke \"f\")").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(!err.message.is_empty());
    }
}
