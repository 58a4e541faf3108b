//! The `memo_hazards` target: a generator of our own, built on `arbitrary`, of valid modules
//! around the invalidation bug classes of the soundness model, and plans that warm their memo
//! units up and then change what they depend on.
//!
//! A module has a memory, five mutable globals (i32, i32, i64, f32, f64) and an immutable one,
//! a funcref table with active and passive element segments over small callees `$k0`-`$k3`
//! (`$k3` of another type), active data segments at chunk boundaries and a passive one. Then:
//! - *hot* functions `h0`, `h1`, ...: typed random code whose loads, global reads,
//!   `call_indirect`s, `memory.size`s and `table.get`s sit at chunk-boundary addresses
//!   (classes 1, 2), with `memory.grow` (5), trapping operations (6), bulk memory and table
//!   operations and segment drops (7, 8), global reads and writes (9), nested blocks that leave
//!   by `br_if`/`br_table` to outer labels and by `return`, blocks with up to 12 parameters
//!   that differ in the deepest (10), float inputs (11), and calls of lower hot functions
//!   (nested units); a copy of a hot function that reads `$g1` where the original reads `$g0`
//!   (12, two functions with equal block offsets);
//! - `rec`, a recursion whose depth the plan drives to the call-depth limit (12);
//! - *mutators* `m_*`: one store, fill, copy, init, grow, drop, global or table write each.
//!
//! The plan runs a hot call more times than the memo threshold, then a mutation aimed at what
//! hot code reads (a mutator, a host write or a host global set), then the hot call again.
//! The configuration fuzzes the memo knobs (hash and version widths included: classes 3, 4),
//! fuel (exhausted inside blocks) and the call-depth limit. Engines: plain and memo, plus
//! memo-aggressive one time in four; they are one family, so they must agree bit for bit.
//!
//! One input in sixteen is a two-instance scenario instead ([`super::linked`]).

use super::{memo_config::memo_config, plan::ParamType, run_case, Case, Exec};
use crate::engine::EngineConfig;
use crate::plan::{Plan, Step};
use crate::repro::{EngineSpec, MemoConfigRecord, RunConfig};
use crate::value::DiffValue;
use arbitrary::{Result, Unstructured};
use memowasm::MemoConfig;
use std::fmt::Write;

/// Steps in a plan at most.
pub const MAX_STEPS: usize = 48;

/// Addresses that hot code reads and mutations write: chunk boundaries of every chunk size
/// (64 B to 4 KiB), and the end of the first page.
pub const ADDRS: &[u32] =
    &[0, 4, 8, 16, 60, 61, 62, 64, 120, 124, 126, 128, 252, 256, 1020, 1024, 4088, 4092, 4094, 4096, 65528, 65532];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    I32,
    I64,
    F32,
    F64,
}

impl Ty {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Ty::I32 => "i32",
            Ty::I64 => "i64",
            Ty::F32 => "f32",
            Ty::F64 => "f64",
        }
    }

    pub(crate) fn param(self) -> ParamType {
        match self {
            Ty::I32 => ParamType::I32,
            Ty::I64 => ParamType::I64,
            Ty::F32 => ParamType::F32,
            Ty::F64 => ParamType::F64,
        }
    }
}

/// A function the plan can call.
#[derive(Debug, Clone)]
pub(crate) struct Sig {
    pub name: String,
    pub params: Vec<Ty>,
    /// What the arguments aim at (see [`arg_for`]).
    pub roles: Vec<Role>,
}

/// What an argument of a mutator means, so that the plan aims it at what hot code reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Any value.
    Any,
    /// A memory address near [`ADDRS`].
    Addr,
    /// A small length or count.
    Len,
    /// A table index.
    Slot,
}

/// Module-wide choices.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub mem_max: u32,
    pub table_min: u32,
    pub table_max: u32,
    pub tables: bool,
    pub bulk: bool,
    pub floats: bool,
    /// Another engine family runs the code (wasmi, through the spec runner): no operations
    /// whose NaN payloads or signs the spec leaves open may reach an integer.
    pub cross_family: bool,
    /// The memory, table and globals are imported from module `A` (see [`super::linked`]).
    pub imported: bool,
}

impl Shape {
    pub(crate) fn arbitrary(u: &mut Unstructured<'_>, cross_family: bool, imported: bool) -> Result<Shape> {
        let table_min = u.int_in_range(3..=6)?;
        Ok(Shape {
            mem_max: u.int_in_range(1..=3)?,
            table_min,
            table_max: table_min + u.int_in_range(0..=4)?,
            tables: u.ratio(3, 4)?,
            bulk: u.ratio(3, 4)?,
            floats: u.ratio(2, 3)?,
            cross_family,
            imported,
        })
    }
}

/// A generated module: its text and what a plan can call.
#[derive(Debug, Clone)]
pub(crate) struct Generated {
    pub text: String,
    pub hot: Vec<Sig>,
    pub mutators: Vec<Sig>,
    /// `rec` is exported.
    pub rec: bool,
}

struct Label {
    /// Types a branch to it carries.
    arity: Vec<Ty>,
    is_loop: bool,
}

/// The generator state of one function.
struct Gen<'u, 'a> {
    u: &'u mut Unstructured<'a>,
    shape: &'u Shape,
    out: String,
    /// Parameters, then locals.
    locals: Vec<Ty>,
    params: usize,
    /// Loop counters: never assigned by generated code.
    reserved: Vec<usize>,
    labels: Vec<Label>,
    results: Vec<Ty>,
    /// Instructions left.
    budget: i32,
    loops: u32,
    /// Hot functions this one may call (lower indices: no recursion), and calls left.
    callees: &'u [(Sig, Vec<Ty>)],
    calls_left: u32,
}

const MAX_EXPR_DEPTH: u32 = 4;
const MAX_STMT_DEPTH: u32 = 3;

impl Gen<'_, '_> {
    fn emit(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push(' ');
    }

    fn local_of(&mut self, ty: Ty) -> Result<Option<usize>> {
        let candidates: Vec<usize> = (0..self.locals.len()).filter(|&i| self.locals[i] == ty).collect();
        if candidates.is_empty() {
            return Ok(None);
        }
        Ok(Some(*self.u.choose(&candidates)?))
    }

    fn new_local(&mut self, ty: Ty) -> usize {
        self.locals.push(ty);
        self.locals.len() - 1
    }

    fn konst(&mut self, ty: Ty) -> Result<()> {
        let u = &mut *self.u;
        let text = match ty {
            Ty::I32 => format!("i32.const {}", u.choose(super::plan::I32_EDGES)?),
            Ty::I64 => format!("i64.const {}", u.choose(super::plan::I64_EDGES)?),
            Ty::F32 => format!("i32.const {} f32.reinterpret_i32", *u.choose(super::plan::F32_EDGES)? as i32),
            Ty::F64 => format!("i64.const {} f64.reinterpret_i64", *u.choose(super::plan::F64_EDGES)? as i64),
        };
        self.emit(&text);
        Ok(())
    }

    fn global(&mut self, ty: Ty, write: bool) -> Result<&'static str> {
        Ok(match ty {
            Ty::I32 if write => *self.u.choose(&["$g0", "$g1"])?,
            Ty::I32 => *self.u.choose(&["$g0", "$g1", "$g0", "$g5"])?,
            Ty::I64 => "$g2",
            Ty::F32 => "$g3",
            Ty::F64 => "$g4",
        })
    }

    fn leaf(&mut self, ty: Ty) -> Result<()> {
        match self.u.int_in_range(0..=3)? {
            0 => self.konst(ty),
            1 => match self.local_of(ty)? {
                Some(l) => {
                    self.emit(&format!("local.get {l}"));
                    Ok(())
                }
                None => self.konst(ty),
            },
            2 => {
                let g = self.global(ty, false)?;
                self.emit(&format!("global.get {g}"));
                Ok(())
            }
            _ => self.load(ty),
        }
    }

    /// An i32 address: a chunk-boundary constant, a parameter masked or raw, or both.
    fn addr(&mut self) -> Result<()> {
        match self.u.int_in_range(0..=4)? {
            0 | 1 => {
                let a = *self.u.choose(ADDRS)?;
                self.emit(&format!("i32.const {a}"));
            }
            2 => match self.local_of(Ty::I32)? {
                Some(l) => {
                    let mask = *self.u.choose(&[0xff, 0xfff, 0xffff, 0x1ffff])?;
                    self.emit(&format!("local.get {l} i32.const {mask} i32.and"));
                }
                None => self.emit("i32.const 64"),
            },
            3 => match self.local_of(Ty::I32)? {
                Some(l) => self.emit(&format!("local.get {l}")),
                None => self.emit("i32.const 4094"),
            },
            _ => {
                let a = *self.u.choose(ADDRS)?;
                match self.local_of(Ty::I32)? {
                    Some(l) => self.emit(&format!("local.get {l} i32.const 7 i32.and i32.const {a} i32.add")),
                    None => self.emit(&format!("i32.const {a}")),
                }
            }
        }
        Ok(())
    }

    fn offset(&mut self) -> Result<String> {
        Ok(match self.u.int_in_range(0..=5)? {
            0 => format!(" offset={}", self.u.choose(&[1u32, 4, 60, 4092])?),
            _ => String::new(),
        })
    }

    fn load(&mut self, ty: Ty) -> Result<()> {
        self.addr()?;
        let op = match ty {
            Ty::I32 => *self.u.choose(&["i32.load", "i32.load8_s", "i32.load8_u", "i32.load16_s", "i32.load16_u"])?,
            Ty::I64 => *self.u.choose(&["i64.load", "i64.load8_u", "i64.load16_s", "i64.load32_s", "i64.load32_u"])?,
            Ty::F32 => "f32.load",
            Ty::F64 => "f64.load",
        };
        let off = self.offset()?;
        self.emit(&format!("{op}{off}"));
        Ok(())
    }

    fn expr(&mut self, ty: Ty, depth: u32) -> Result<()> {
        self.budget -= 1;
        if depth >= MAX_EXPR_DEPTH || self.budget <= 0 {
            return self.leaf(ty);
        }
        let d = depth + 1;
        let choice = self.u.int_in_range(0..=15)?;
        match (ty, choice) {
            (_, 0..=2) => self.leaf(ty)?,
            (_, 3) => self.load(ty)?,
            (_, 4) => self.block_expr(ty, d)?,
            (_, 5) => self.if_expr(ty, d)?,
            (_, 6) => {
                self.expr(ty, d)?;
                self.expr(ty, d)?;
                self.expr(Ty::I32, d)?;
                self.emit("select");
            }
            (_, 7) if !self.callees.iter().any(|(_, r)| r == &[ty]) || self.calls_left == 0 => self.leaf(ty)?,
            (_, 7) => {
                let fitting: Vec<usize> = (0..self.callees.len()).filter(|&i| self.callees[i].1 == [ty]).collect();
                let i = *self.u.choose(&fitting)?;
                self.call(i, d)?;
            }
            (Ty::I32, 8) => {
                let op = *self.u.choose(&[
                    "i32.add",
                    "i32.sub",
                    "i32.mul",
                    "i32.and",
                    "i32.or",
                    "i32.xor",
                    "i32.shl",
                    "i32.shr_u",
                    "i32.rotl",
                    "i32.eq",
                    "i32.lt_s",
                    "i32.gt_u",
                    "i32.div_s",
                    "i32.div_u",
                    "i32.rem_s",
                ])?;
                self.expr(Ty::I32, d)?;
                self.expr(Ty::I32, d)?;
                self.emit(op);
            }
            (Ty::I32, 9) => {
                let op = *self.u.choose(&["i32.eqz", "i32.clz", "i32.popcnt", "i32.extend8_s", "i32.extend16_s"])?;
                self.expr(Ty::I32, d)?;
                self.emit(op);
            }
            (Ty::I32, 10) => {
                // memory.grow by 0 or 1 page: the size changes until the maximum, then -1.
                match self.local_of(Ty::I32)? {
                    Some(l) if self.u.arbitrary()? => self.emit(&format!("local.get {l} i32.const 1 i32.and")),
                    _ => {
                        let delta = if self.u.arbitrary()? { "i32.const 1" } else { "i32.const 0" };
                        self.emit(delta);
                    }
                }
                self.emit("memory.grow");
            }
            (Ty::I32, 11) if self.shape.tables => {
                self.expr(Ty::I32, d)?;
                self.slot()?;
                match self.u.int_in_range(0..=2)? {
                    0 => self.emit("call_indirect $tab (type $kt)"),
                    1 => self.emit("table.get $tab ref.is_null i32.xor"),
                    _ => self.emit("drop table.size $tab i32.add"),
                }
            }
            (Ty::I32, 11) => self.emit("memory.size"),
            (Ty::I32, 12) => {
                let k = *self.u.choose(&["$k0", "$k1", "$k2"])?;
                self.expr(Ty::I32, d)?;
                self.emit(&format!("call {k}"));
            }
            (Ty::I32, 13) => {
                let (inner, op) = match self.u.int_in_range(0..=4)? {
                    0 => (Ty::I64, "i32.wrap_i64"),
                    1 if self.shape.floats && !self.shape.cross_family => (Ty::F32, "i32.reinterpret_f32"),
                    2 if self.shape.floats => (Ty::F64, *self.u.choose(&["i32.trunc_f64_s", "i32.trunc_sat_f64_u"])?),
                    3 if self.shape.floats => (Ty::F32, "f32.ne"),
                    _ => (Ty::I64, "i64.eqz"),
                };
                self.expr(inner, d)?;
                if op == "f32.ne" {
                    self.expr(Ty::F32, d)?;
                }
                self.emit(op);
            }
            (Ty::I32, 14) => self.many_params(d)?,
            (Ty::I64, 8..=10) => {
                let op = *self.u.choose(&[
                    "i64.add",
                    "i64.sub",
                    "i64.mul",
                    "i64.xor",
                    "i64.shl",
                    "i64.rotr",
                    "i64.div_u",
                    "i64.rem_s",
                ])?;
                self.expr(Ty::I64, d)?;
                self.expr(Ty::I64, d)?;
                self.emit(op);
            }
            (Ty::I64, 11..=12) => {
                self.expr(Ty::I32, d)?;
                let op = *self.u.choose(&["i64.extend_i32_s", "i64.extend_i32_u"])?;
                self.emit(op);
            }
            (Ty::I64, 13) if self.shape.floats && !self.shape.cross_family => {
                self.expr(Ty::F64, d)?;
                self.emit("i64.reinterpret_f64");
            }
            (Ty::F32 | Ty::F64, 8..=10) => {
                let mut ops = vec!["add", "sub", "mul", "div"];
                if !self.shape.cross_family {
                    ops.extend(["min", "max", "copysign"]);
                }
                let op = *self.u.choose(&ops)?;
                self.expr(ty, d)?;
                self.expr(ty, d)?;
                self.emit(&format!("{}.{op}", ty.name()));
            }
            (Ty::F32 | Ty::F64, 11..=12) => {
                let op = *self.u.choose(&["neg", "abs", "sqrt", "ceil", "nearest", "trunc"])?;
                self.expr(ty, d)?;
                self.emit(&format!("{}.{op}", ty.name()));
            }
            (Ty::F32, 13) => {
                self.expr(Ty::F64, d)?;
                self.emit("f32.demote_f64");
            }
            (Ty::F64, 13) => {
                self.expr(Ty::F32, d)?;
                self.emit("f64.promote_f32");
            }
            (Ty::F32 | Ty::F64, 14) => {
                self.expr(Ty::I32, d)?;
                self.emit(&format!("{}.convert_i32_s", ty.name()));
            }
            _ => self.leaf(ty)?,
        }
        Ok(())
    }

    /// A table index: a small constant (past the end sometimes) or a parameter masked.
    fn slot(&mut self) -> Result<()> {
        match self.local_of(Ty::I32)? {
            Some(l) if self.u.arbitrary()? => self.emit(&format!("local.get {l} i32.const 7 i32.and")),
            _ => {
                let i = self.u.int_in_range(0..=self.shape.table_max + 1)?;
                self.emit(&format!("i32.const {i}"));
            }
        }
        Ok(())
    }

    fn call(&mut self, i: usize, depth: u32) -> Result<()> {
        self.calls_left -= 1;
        let callee = self.callees[i].0.clone();
        for &p in &callee.params {
            self.expr(p, depth)?;
        }
        self.emit(&format!("call ${}", callee.name));
        Ok(())
    }

    /// A block with 9 to 12 i32 parameters that differ only in the deepest one (an input),
    /// folded into one result by non-commutative operations.
    fn many_params(&mut self, depth: u32) -> Result<()> {
        let n = self.u.int_in_range(9..=12)?;
        self.expr(Ty::I32, depth)?;
        for i in 1..n {
            self.emit(&format!("i32.const {i}"));
        }
        let params = vec!["i32"; n].join(" ");
        self.emit(&format!("block (param {params}) (result i32)"));
        for _ in 1..n {
            let op = *self.u.choose(&["i32.sub", "i32.rotl", "i32.xor", "i32.shl", "i32.add"])?;
            self.emit(op);
        }
        self.emit("end");
        Ok(())
    }

    fn block_expr(&mut self, ty: Ty, depth: u32) -> Result<()> {
        self.emit(&format!("block (result {})", ty.name()));
        self.labels.push(Label { arity: vec![ty], is_loop: false });
        self.stmts(depth.min(MAX_STMT_DEPTH), 2)?;
        if self.u.arbitrary()? {
            // Leave early, carrying a value, when an input says so.
            self.expr(ty, depth)?;
            self.expr(Ty::I32, depth)?;
            self.emit("br_if 0 drop");
        }
        self.expr(ty, depth)?;
        self.labels.pop();
        self.emit("end");
        Ok(())
    }

    fn if_expr(&mut self, ty: Ty, depth: u32) -> Result<()> {
        self.expr(Ty::I32, depth)?;
        self.emit(&format!("if (result {})", ty.name()));
        self.labels.push(Label { arity: vec![ty], is_loop: false });
        self.stmts(depth.min(MAX_STMT_DEPTH), 1)?;
        self.expr(ty, depth)?;
        self.emit("else");
        self.stmts(depth.min(MAX_STMT_DEPTH), 1)?;
        self.expr(ty, depth)?;
        self.labels.pop();
        self.emit("end");
        Ok(())
    }

    fn stmts(&mut self, depth: u32, max: u32) -> Result<()> {
        for _ in 0..self.u.int_in_range(0..=max)? {
            if self.budget <= 0 {
                break;
            }
            self.stmt(depth)?;
        }
        Ok(())
    }

    fn any_ty(&mut self) -> Result<Ty> {
        Ok(if self.shape.floats {
            *self.u.choose(&[Ty::I32, Ty::I32, Ty::I64, Ty::F32, Ty::F64])?
        } else {
            *self.u.choose(&[Ty::I32, Ty::I32, Ty::I64])?
        })
    }

    /// Labels a statement may branch to: blocks and ifs that carry nothing (never loops, whose
    /// back edges the generator controls), as relative depths.
    fn exits(&self) -> Vec<usize> {
        let n = self.labels.len();
        (0..n).filter(|&i| !self.labels[i].is_loop && self.labels[i].arity.is_empty()).map(|i| n - 1 - i).collect()
    }

    fn stmt(&mut self, depth: u32) -> Result<()> {
        self.budget -= 1;
        let d = depth + 1;
        let nested = depth < MAX_STMT_DEPTH && self.budget > 4;
        match self.u.int_in_range(0..=17)? {
            0..=2 => {
                let mut ops = vec![
                    ("i32.store", Ty::I32),
                    ("i32.store8", Ty::I32),
                    ("i32.store16", Ty::I32),
                    ("i64.store", Ty::I64),
                    ("i64.store32", Ty::I64),
                ];
                if self.shape.floats && !self.shape.cross_family {
                    ops.extend([("f32.store", Ty::F32), ("f64.store", Ty::F64)]);
                }
                let (op, ty) = *self.u.choose(&ops)?;
                self.addr()?;
                self.expr(ty, d)?;
                let off = self.offset()?;
                self.emit(&format!("{op}{off}"));
            }
            3 | 4 => {
                let ty = self.any_ty()?;
                let g = self.global(ty, true)?;
                self.expr(ty, d)?;
                self.emit(&format!("global.set {g}"));
            }
            5 => {
                let ty = self.any_ty()?;
                let writable: Vec<usize> =
                    (0..self.locals.len()).filter(|&i| self.locals[i] == ty && !self.reserved.contains(&i)).collect();
                match self.u.choose(&writable) {
                    Ok(&l) => {
                        self.expr(ty, d)?;
                        self.emit(&format!("local.set {l}"));
                    }
                    Err(_) => {
                        self.expr(ty, d)?;
                        self.emit("drop");
                    }
                }
            }
            6 => {
                let ty = self.any_ty()?;
                self.expr(ty, d)?;
                self.emit("drop");
            }
            7 if self.shape.bulk => match self.u.int_in_range(0..=3)? {
                0 => {
                    self.addr()?;
                    self.expr(Ty::I32, d)?;
                    self.len()?;
                    self.emit("memory.fill");
                }
                1 => {
                    self.addr()?;
                    self.addr()?;
                    self.len()?;
                    self.emit("memory.copy");
                }
                2 => {
                    self.addr()?;
                    let n = self.u.int_in_range(0..=8)?;
                    self.emit(&format!("i32.const {n}"));
                    self.len()?;
                    self.emit("memory.init $d0");
                }
                _ => self.emit("data.drop $d0"),
            },
            8 if self.shape.tables => match self.u.int_in_range(0..=5)? {
                0 | 1 => {
                    self.slot()?;
                    let f = *self.u.choose(&["ref.func $k0", "ref.func $k1", "ref.func $k3", "ref.null func"])?;
                    self.emit(&format!("{f} table.set $tab"));
                }
                2 => {
                    self.emit("ref.null func");
                    let n = self.u.int_in_range(0..=2)?;
                    self.emit(&format!("i32.const {n}"));
                    self.emit("table.grow $tab drop");
                }
                3 => {
                    self.slot()?;
                    self.emit("ref.func $k2");
                    let n = self.u.int_in_range(0..=3)?;
                    self.emit(&format!("i32.const {n}"));
                    self.emit("table.fill $tab");
                }
                4 if self.shape.bulk => {
                    self.slot()?;
                    let n = self.u.int_in_range(0..=3)?;
                    self.emit(&format!("i32.const {n}"));
                    let n = self.u.int_in_range(0..=3)?;
                    self.emit(&format!("i32.const {n}"));
                    self.emit("table.init $tab $e0");
                }
                _ if self.shape.bulk => self.emit("elem.drop $e0"),
                _ => {
                    self.slot()?;
                    self.slot()?;
                    self.emit("i32.const 1 table.copy $tab $tab");
                }
            },
            9 | 10 if nested => {
                self.expr(Ty::I32, d)?;
                self.emit("if");
                self.labels.push(Label { arity: vec![], is_loop: false });
                self.stmts(d, 3)?;
                if self.u.arbitrary()? {
                    self.emit("else");
                    self.stmts(d, 2)?;
                }
                self.labels.pop();
                self.emit("end");
            }
            11 | 12 if nested => {
                self.emit("block");
                self.labels.push(Label { arity: vec![], is_loop: false });
                self.stmts(d, 4)?;
                self.labels.pop();
                self.emit("end");
            }
            13 if nested && self.loops < 2 => self.bounded_loop(d)?,
            14 => {
                let exits = self.exits();
                if let Ok(&k) = self.u.choose(&exits) {
                    self.expr(Ty::I32, d)?;
                    self.emit(&format!("br_if {k}"));
                }
            }
            15 if nested => {
                // Two fresh blocks and the enclosing exits, chosen by an input.
                self.emit("block block");
                self.labels.push(Label { arity: vec![], is_loop: false });
                self.labels.push(Label { arity: vec![], is_loop: false });
                let exits = self.exits();
                let mut targets = Vec::new();
                for _ in 0..self.u.int_in_range(1..=4)? {
                    targets.push(*self.u.choose(&exits)?);
                }
                let default = *self.u.choose(&exits)?;
                self.expr(Ty::I32, d)?;
                let list: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
                self.emit(&format!("br_table {} {default}", list.join(" ")));
                self.labels.pop();
                self.emit("end");
                self.stmts(d, 2)?;
                self.labels.pop();
                self.emit("end");
            }
            16 => {
                // Return early when an input says so.
                self.expr(Ty::I32, d)?;
                self.emit("if");
                self.labels.push(Label { arity: vec![], is_loop: false });
                for ty in self.results.clone() {
                    self.expr(ty, d)?;
                }
                if self.u.ratio(1, 4)? {
                    self.emit("unreachable");
                } else {
                    self.emit("return");
                }
                self.labels.pop();
                self.emit("end");
            }
            _ if self.calls_left > 0 && !self.callees.is_empty() && self.loops == 0 => {
                let i = self.u.choose_index(self.callees.len())?;
                let results = self.callees[i].1.len();
                self.call(i, d)?;
                for _ in 0..results {
                    self.emit("drop");
                }
            }
            _ => {
                self.expr(Ty::I32, d)?;
                self.emit("drop");
            }
        }
        Ok(())
    }

    fn len(&mut self) -> Result<()> {
        match self.local_of(Ty::I32)? {
            Some(l) if self.u.ratio(1, 4)? => self.emit(&format!("local.get {l} i32.const 15 i32.and")),
            _ => {
                let n = *self.u.choose(&[0u32, 1, 4, 8, 16])?;
                self.emit(&format!("i32.const {n}"));
            }
        }
        Ok(())
    }

    /// A loop that runs 1 to 8 times (a constant, or an input masked): its counter is a fresh
    /// local that nothing else writes.
    fn bounded_loop(&mut self, depth: u32) -> Result<()> {
        let c = self.new_local(Ty::I32);
        self.reserved.push(c);
        self.loops += 1;
        self.emit(&format!("i32.const 0 local.set {c} loop"));
        self.labels.push(Label { arity: vec![], is_loop: true });
        self.stmts(depth, 3)?;
        self.emit(&format!("local.get {c} i32.const 1 i32.add local.tee {c}"));
        match self.local_of(Ty::I32)? {
            Some(l) if l != c && self.u.arbitrary()? => self.emit(&format!("local.get {l} i32.const 7 i32.and")),
            _ => {
                let n = self.u.int_in_range(1..=6)?;
                self.emit(&format!("i32.const {n}"));
            }
        }
        self.emit("i32.lt_u br_if 0");
        self.labels.pop();
        self.loops -= 1;
        self.emit("end");
        Ok(())
    }
}

fn val_list(tys: &[Ty]) -> String {
    tys.iter().map(|t| t.name()).collect::<Vec<_>>().join(" ")
}

/// Generates a module (see the module documentation).
pub(crate) fn generate(u: &mut Unstructured<'_>, shape: &Shape) -> Result<Generated> {
    let mut m = String::from("(module\n  (type $kt (func (param i32) (result i32)))\n");
    let mem_ty = format!("1 {}", shape.mem_max);
    let table_ty = format!("{} {} funcref", shape.table_min, shape.table_max);
    let global_tys = [("$g0", "i32"), ("$g1", "i32"), ("$g2", "i64"), ("$g3", "f32"), ("$g4", "f64")];
    if shape.imported {
        let _ = writeln!(m, "  (import \"A\" \"mem\" (memory $mem {mem_ty}))");
        for (g, t) in global_tys {
            let _ = writeln!(m, "  (import \"A\" \"{}\" (global {g} (mut {t})))", &g[1..]);
        }
        if shape.tables {
            let _ = writeln!(m, "  (import \"A\" \"tab\" (table $tab {table_ty}))");
        }
    } else {
        let _ = writeln!(m, "  (memory $mem (export \"mem\") {mem_ty})");
        for (g, t) in global_tys {
            let init = u.int_in_range(0..=3)?;
            let _ = writeln!(m, "  (global {g} (export \"{}\") (mut {t}) ({t}.const {init}))", &g[1..]);
        }
        if shape.tables {
            let _ = writeln!(m, "  (table $tab (export \"tab\") {table_ty})");
        }
    }
    let _ = writeln!(m, "  (global $g5 i32 (i32.const 7))");
    // Callees of call_indirect: $k3 has another type.
    m.push_str("  (func $k0 (type $kt) local.get 0 i32.const 1 i32.add)\n");
    m.push_str("  (func $k1 (type $kt) local.get 0 global.get $g0 i32.add)\n");
    m.push_str("  (func $k2 (type $kt) local.get 0 i32.const 0xfff i32.and i32.load)\n");
    m.push_str("  (func $k3 (param i32) (result i64) local.get 0 i64.extend_i32_u)\n");
    if shape.tables {
        m.push_str("  (elem (table $tab) (i32.const 0) func $k0 $k1 $k2)\n");
        m.push_str("  (elem $e0 func $k2 $k0 $k1 $k3)\n");
    }
    m.push_str("  (elem declare func $k3)\n");
    for _ in 0..u.int_in_range(1..=3)? {
        let at = *u.choose(&[0u32, 56, 60, 120, 4088, 4092])?;
        let bytes: Vec<u8> = (0..8).map(|_| u.arbitrary()).collect::<Result<_>>()?;
        let _ = writeln!(m, "  (data (i32.const {at}) \"{}\")", escape(&bytes));
    }
    if shape.bulk {
        let bytes: Vec<u8> = (0..16).map(|_| u.arbitrary()).collect::<Result<_>>()?;
        let _ = writeln!(m, "  (data $d0 \"{}\")", escape(&bytes));
    }

    // Hot functions, each calling only lower ones.
    let mut hot: Vec<(Sig, Vec<Ty>)> = Vec::new();
    let n_hot = u.int_in_range(1..=4)?;
    let mut i = 0;
    while hot.len() < n_hot {
        let tys: &[Ty] =
            if shape.floats { &[Ty::I32, Ty::I32, Ty::I64, Ty::F32, Ty::F64] } else { &[Ty::I32, Ty::I64] };
        let params: Vec<Ty> = if u.ratio(1, 10)? {
            vec![Ty::I32; u.int_in_range(9..=12)?]
        } else {
            (0..u.int_in_range(0..=3)?).map(|_| u.choose(tys).copied()).collect::<Result<_>>()?
        };
        let results: Vec<Ty> = match u.int_in_range(0..=5)? {
            0 => vec![],
            1 => vec![*u.choose(tys)?, *u.choose(tys)?],
            _ => vec![*u.choose(tys)?],
        };
        let budget = u.int_in_range(8..=40)?;
        let callees = hot.clone();
        let mut g = Gen {
            u: &mut *u,
            shape,
            out: String::new(),
            locals: params.clone(),
            params: params.len(),
            reserved: Vec::new(),
            labels: Vec::new(),
            results: results.clone(),
            budget,
            loops: 0,
            callees: &callees,
            calls_left: 2,
        };
        for _ in 0..g.u.int_in_range(0..=2)? {
            let ty = g.any_ty()?;
            g.locals.push(ty);
        }
        g.stmts(0, 5)?;
        for &ty in &results {
            g.expr(ty, 0)?;
        }
        let locals = val_list(&g.locals[g.params..]);
        let body = std::mem::take(&mut g.out);
        let sig = format!("(param {}) (result {})", val_list(&params), val_list(&results));
        // The same code reading another global: equal block offsets in two functions.
        let twin = body.contains("$g0") && u.ratio(1, 3)?;
        let mut bodies = vec![body.clone()];
        if twin {
            bodies.push(body.replace("$g0", "$g1"));
        }
        for body in bodies {
            let name = format!("h{i}");
            let _ = writeln!(m, "  (func ${name} (export \"{name}\") {sig} (local {locals})\n    {body})");
            let roles = vec![Role::Any; params.len()];
            hot.push((Sig { name, params: params.clone(), roles }, results.clone()));
            i += 1;
        }
    }

    // A recursion whose depth the plan drives to the call-depth limit.
    let rec = u.ratio(1, 3)?;
    if rec {
        let mut g = Gen {
            u: &mut *u,
            shape,
            out: String::new(),
            locals: vec![Ty::I32],
            params: 1,
            reserved: vec![0],
            labels: vec![Label { arity: vec![Ty::I32], is_loop: false }],
            results: vec![Ty::I32],
            budget: 8,
            loops: 0,
            callees: &[],
            calls_left: 0,
        };
        g.expr(Ty::I32, 1)?;
        let leaf = std::mem::take(&mut g.out);
        let locals = val_list(&g.locals[1..]);
        let _ = writeln!(
            m,
            "  (func $rec (export \"rec\") (param i32) (result i32) (local {locals})\n    \
             local.get 0 i32.eqz if (result i32) {leaf} else local.get 0 i32.const 1 i32.sub call $rec \
             global.get $g0 i32.add end)"
        );
    }

    // Mutators: a random selection, at least two.
    let mut all: Vec<(&str, &str, Vec<Role>)> = vec![
        ("m_store8", "(param i32 i32) local.get 0 local.get 1 i32.store8", vec![Role::Addr, Role::Any]),
        ("m_store32", "(param i32 i32) local.get 0 local.get 1 i32.store", vec![Role::Addr, Role::Any]),
        ("m_store64", "(param i32 i64) local.get 0 local.get 1 i64.store", vec![Role::Addr, Role::Any]),
        ("m_grow", "(param i32) (result i32) local.get 0 memory.grow", vec![Role::Len]),
        ("m_gset0", "(param i32) local.get 0 global.set $g0", vec![Role::Any]),
        ("m_gset2", "(param i64) local.get 0 global.set $g2", vec![Role::Any]),
    ];
    if shape.bulk {
        all.extend([
            (
                "m_fill",
                "(param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.fill",
                vec![Role::Addr, Role::Any, Role::Len],
            ),
            (
                "m_copy",
                "(param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.copy",
                vec![Role::Addr, Role::Addr, Role::Len],
            ),
            (
                "m_init",
                "(param i32 i32 i32) local.get 0 local.get 1 local.get 2 memory.init $d0",
                vec![Role::Addr, Role::Len, Role::Len],
            ),
            ("m_ddrop", "data.drop $d0", vec![]),
        ]);
    }
    if shape.tables {
        all.extend([
            ("m_tnull", "(param i32) local.get 0 ref.null func table.set $tab", vec![Role::Slot]),
            ("m_tset", "(param i32) local.get 0 ref.func $k1 table.set $tab", vec![Role::Slot]),
            ("m_tbad", "(param i32) local.get 0 ref.func $k3 table.set $tab", vec![Role::Slot]),
            ("m_tgrow", "(param i32) (result i32) ref.null func local.get 0 table.grow $tab", vec![Role::Len]),
        ]);
        if shape.bulk {
            all.extend([
                (
                    "m_tinit",
                    "(param i32 i32 i32) local.get 0 local.get 1 local.get 2 table.init $tab $e0",
                    vec![Role::Slot, Role::Len, Role::Len],
                ),
                ("m_edrop", "elem.drop $e0", vec![]),
            ]);
        }
    }
    let mut mutators = Vec::new();
    for (name, body, roles) in all {
        if mutators.len() < 2 || u.ratio(1, 2)? {
            let _ = writeln!(m, "  (func ${name} (export \"{name}\") {body})");
            let params = roles.iter().map(|_| Ty::I32).collect::<Vec<_>>();
            let params = if name == "m_store64" || name == "m_gset2" {
                params.iter().enumerate().map(|(i, &t)| if i + 1 == roles.len() { Ty::I64 } else { t }).collect()
            } else {
                params
            };
            mutators.push(Sig { name: name.into(), params, roles });
        }
    }
    m.push_str(")\n");
    Ok(Generated { text: m, hot: hot.into_iter().map(|(s, _)| s).collect(), mutators, rec })
}

fn escape(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

/// An argument for a parameter of `role` and type `ty`.
pub(crate) fn arg_for(u: &mut Unstructured<'_>, role: Role, ty: Ty) -> Result<DiffValue> {
    let small = |v: i64| match ty {
        Ty::I64 => DiffValue::I64(v),
        _ => DiffValue::I32(v as i32),
    };
    Ok(match role {
        Role::Any => super::plan::value(u, ty.param())?,
        Role::Addr => {
            let a = *u.choose(ADDRS)? as i64 + u.int_in_range(-3..=3)?;
            small(a.max(0))
        }
        Role::Len => small(*u.choose(&[0i64, 1, 2, 4, 8, 16])?),
        Role::Slot => small(u.int_in_range(0..=8)?),
    })
}

/// What a `memo_hazards` input decodes to.
#[derive(Debug, Clone)]
pub enum Decoded {
    /// One module in lockstep.
    Module(Case),
    /// A two-instance `.wast` scenario ([`super::linked`]).
    Script(String),
}

/// Decodes a `memo_hazards` input: one in sixteen is a two-instance script, the rest a module,
/// its plan and its engines.
pub fn decode(data: &[u8]) -> Result<Decoded> {
    let mut u = Unstructured::new(data);
    if u.ratio(1, 16)? && !u.is_empty() {
        return super::linked::script(&mut u).map(Decoded::Script);
    }
    let memo = memo_config(&mut u)?;
    let aggressive = u.ratio(1, 4)?;
    let fuel = match u.int_in_range(0..=2)? {
        0 => None,
        1 => Some(100_000),
        _ => Some(u.int_in_range(30..=3000)?),
    };
    let depth = if u.ratio(1, 3)? { u.int_in_range(8..=64)? } else { 1024 };
    let shape = Shape::arbitrary(&mut u, false, false)?;
    let generated = generate(&mut u, &shape)?;
    // The generator makes valid modules by construction: text it cannot parse is a panic
    // (a finding of the campaign), and `run` validates what it parses.
    let wasm = match wat::parse_str(&generated.text) {
        Ok(wasm) => wasm,
        Err(e) => panic!("memo_hazards generated text that does not parse: {e}\n{}", generated.text),
    };
    let plan = plan(&mut u, &generated, memo.threshold, depth)?;
    let mut engines = vec![EngineSpec::Plain, EngineSpec::Memo { name: "memo".into(), memo: (&memo).into() }];
    if aggressive {
        engines.push(EngineSpec::Memo {
            name: "memo-aggressive".into(),
            memo: MemoConfigRecord::from(&MemoConfig::aggressive()),
        });
    }
    let config =
        RunConfig { engine: EngineConfig::default().fuel(fuel).max_call_depth(depth), canonical_nans: false, engines };
    Ok(Decoded::Module(Case { wasm, plan, config }))
}

/// The plan: episodes of a hot call repeated past `threshold`, a mutation, and the hot call
/// again; `rec` calls near `depth`.
pub(crate) fn plan(u: &mut Unstructured<'_>, g: &Generated, threshold: u32, depth: u32) -> Result<Plan> {
    let mut pool = Vec::new();
    for sig in &g.hot {
        for _ in 0..u.int_in_range(1..=2)? {
            pool.push(call(u, sig)?);
        }
    }
    if g.rec {
        // Near the limit only when it is low: every level of a recursion is a unit whose
        // recording nests in the ones above, so a deep one costs its depth squared.
        let n = if depth <= 128 { (depth as i64 + u.int_in_range(-6..=2)?).max(0) } else { u.int_in_range(0..=40)? };
        pool.push(Step::Call { export: "rec".into(), args: vec![DiffValue::I32(n as i32)] });
        pool.push(Step::Call { export: "rec".into(), args: vec![DiffValue::I32(u.int_in_range(0..=5)?)] });
    }
    let mut steps = Vec::new();
    while steps.len() < MAX_STEPS && !u.is_empty() {
        let hot = u.choose(&pool)?.clone();
        let warm = threshold as usize + u.int_in_range(0..=2)?;
        for _ in 0..warm {
            steps.push(hot.clone());
        }
        for _ in 0..u.int_in_range(1..=2)? {
            steps.push(mutation(u, g)?);
        }
        for _ in 0..u.int_in_range(1..=3)? {
            steps.push(hot.clone());
        }
    }
    steps.truncate(MAX_STEPS);
    Ok(Plan { steps })
}

fn call(u: &mut Unstructured<'_>, sig: &Sig) -> Result<Step> {
    let args = sig.params.iter().zip(&sig.roles).map(|(&t, &r)| arg_for(u, r, t)).collect::<Result<_>>()?;
    Ok(Step::Call { export: sig.name.clone(), args })
}

/// A change of what hot code depends on: a mutator call, a host write near [`ADDRS`], a host
/// set of a global, or another hot call (which may write too).
fn mutation(u: &mut Unstructured<'_>, g: &Generated) -> Result<Step> {
    Ok(match u.int_in_range(0..=5)? {
        0..=2 => {
            let sig = u.choose(&g.mutators)?;
            call(u, sig)?
        }
        3 => {
            let len = u.int_in_range(1..=8)?;
            let addr = (*u.choose(ADDRS)? as i64 + u.int_in_range(-4..=4)?).clamp(0, 65536 - len as i64) as u32;
            let bytes = (0..len).map(|_| u.arbitrary()).collect::<Result<_>>()?;
            Step::WriteMemory { export: "mem".into(), addr, bytes }
        }
        4 => {
            let (export, ty) = *u.choose(&[("g0", Ty::I32), ("g1", Ty::I32), ("g2", Ty::I64), ("g3", Ty::F32)])?;
            Step::SetGlobal { export: export.into(), value: super::plan::value(u, ty.param())? }
        }
        _ => {
            let sig = u.choose(&g.hot)?;
            call(u, sig)?
        }
    })
}

/// Runs one `memo_hazards` input.
pub fn run(data: &[u8]) -> Exec {
    match decode(data) {
        Ok(Decoded::Module(case)) => match crate::validate(&case.wasm) {
            Ok(()) => run_case(case),
            Err(e) => Exec::Found(Box::new(super::Finding::Validate {
                report: format!("memo_hazards generated an invalid module: {e}"),
                bytes: case.wasm,
            })),
        },
        Ok(Decoded::Script(text)) => super::linked::run_script(text),
        Err(e) => Exec::Skipped(e.to_string()),
    }
}
