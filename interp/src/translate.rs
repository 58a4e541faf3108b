//! Translation of one validated function body into the register IR (see [`crate::ir`]).
//!
//! The translator validates and translates in a single pass ([`Translator::translate`]),
//! or validates alone ([`Translator::validate`], in `Module::new`) and translates alone
//! later ([`Translator::translate_valid`], at a function's first call). It keeps a virtual operand
//! stack whose entries say where each value lives: in its own temporary cell, in a local,
//! or in a constant cell. `local.get` and constants emit nothing; an op reads its operands
//! wherever they are, and a following `local.set` retargets the op's result straight into
//! the local. At every control-flow join (block, loop and if entry) the virtual entries
//! are materialized into their temporaries, so all paths into a label agree on where the
//! values are.

use crate::error::Error;
use crate::ir::{Op, Slot};
use crate::module::{CompiledFunc, MemoBlock, MemoExit, ModuleInner};
use rustc_hash::FxHashMap;
use wasmparser::{
    BlockType, FuncToValidate, FuncValidator, FuncValidatorAllocations, FunctionBody, Operator, ValidatorResources,
    VisitOperator,
};

/// Where an operand-stack value lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operand {
    /// In the temporary cell of its stack position.
    Temp,
    /// Still in the local (or constant) cell it was read from.
    At(Slot),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Block,
    Loop,
    If,
    Else,
}

#[derive(Debug)]
struct Ctrl {
    kind: Kind,
    /// Operand stack height below the frame's parameters.
    height: u32,
    params: u32,
    results: u32,
    /// For loops, the start; otherwise unknown until `end`.
    loop_start: u32,
    /// Ops whose branch target is this frame's end.
    fixups: Vec<usize>,
    /// For an `if`: the conditional jump to patch to the `else` (or the end).
    else_fixup: Option<usize>,
    /// The code after the last `br`/`return`/`unreachable` in this frame is dead.
    unreachable: bool,
    /// The whole frame is dead (it was entered from dead code).
    dead: bool,
    /// The memo unit this frame opened, if any.
    memo: Option<u32>,
    /// For an `if` with one result: the op that wrote the result at the end of the `then`
    /// arm (`Some(None)`: that arm does not reach the end; `None`: no single writer).
    then_writer: Option<Option<usize>>,
}

/// The ops that wrote the single result of an `if`/`else` just ended, into `slot`, one at
/// the end of each arm that reaches the end, while the code was `len` ops long: a
/// `local.set` right after can retarget them instead of copying.
#[derive(Clone, Copy)]
struct IfResult {
    writers: [Option<usize>; 2],
    slot: Slot,
    len: usize,
}

/// Reusable translation buffers.
#[derive(Default)]
pub(crate) struct Translator {
    code: Vec<Op>,
    offsets: Vec<u32>,
    stack: Vec<Operand>,
    ctrl: Vec<Ctrl>,
    consts: Vec<u64>,
    const_slots: FxHashMap<u64, Slot>,
    indirect: Vec<(u32, u32, u32)>,
    num_locals: u32,
    temp_base: u32,
    max_height: u32,
    /// The op just emitted and the cell it wrote, if its result may be retargeted.
    last_result: Option<(usize, Slot)>,
    if_result: Option<IfResult>,
    /// The `Fuel` op charging the current straight-line region, when fuel is on.
    fuel_op: Option<usize>,
    consume_fuel: bool,
    /// Whether memo units are emitted (the engine has memoization on).
    memo: bool,
    memo_blocks: Vec<MemoBlock>,
    memo_exits: Vec<MemoExit>,
    /// Per block, loop and if (in order of appearance): whether it may be a memo unit.
    eligible: Vec<bool>,
    /// Whether the function body may be a memo unit.
    body_eligible: bool,
    /// Blocks, loops and ifs seen so far, indexing `eligible`.
    blocks_seen: usize,
    offset: u32,
    /// The validator's buffers, handed from one body to the next.
    validator_allocs: FuncValidatorAllocations,
}

fn invalid(e: wasmparser::BinaryReaderError) -> Error {
    Error::Invalid { message: e.message().to_string(), offset: e.offset() }
}

fn malformed(e: wasmparser::BinaryReaderError) -> Error {
    Error::Malformed { message: e.message().to_string(), offset: e.offset() }
}

/// A decoding error of an operator: SIMD operators, which the decoder is built without,
/// are unsupported rather than malformed.
fn undecodable(e: wasmparser::BinaryReaderError) -> Error {
    if e.message().starts_with("unexpected SIMD opcode") {
        return Error::Unsupported { message: "SIMD operators".into(), offset: e.offset() };
    }
    malformed(e)
}

fn unterminated(offset: usize) -> Error {
    Error::Invalid { message: "function body not terminated".into(), offset }
}

/// An operator after the `end` that closed the body. The decoder does not check for it,
/// and the validator only when asked at the end; nothing may translate it.
fn beyond_end(offset: usize) -> Error {
    Error::Invalid { message: "operators remaining after end of function".into(), offset }
}

fn unsupported(what: &str, offset: u32) -> Error {
    Error::Unsupported { message: what.to_string(), offset: offset as usize }
}

/// Where the constants of the body being translated provisionally live. Their cells come
/// right after the locals, below the temporaries, but how many there are is known only at
/// the end of the body, which is then renumbered ([`Translator::renumber`]). Temporaries
/// stay far below: a body has fewer than 2^23 bytes, and locals are limited to 50 000.
const CONST_BASE: Slot = 1 << 31;

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator").field("code_capacity", &self.code.capacity()).finish_non_exhaustive()
    }
}

/// The most ops a translator kept between modules may have room for (1 MiB of code).
const KEPT_CODE_CAPACITY: usize = 1 << 16;

impl Translator {
    /// Whether the buffers are small enough to keep for another module.
    pub fn is_small(&self) -> bool {
        self.code.capacity() <= KEPT_CODE_CAPACITY
    }

    /// Validates and translates one function body, decoding each operator once.
    pub fn translate(
        &mut self,
        m: &ModuleInner,
        func: FuncToValidate<ValidatorResources>,
        body: &FunctionBody<'_>,
    ) -> Result<CompiledFunc, Error> {
        let index = func.index;
        let mut v = func.into_validator(std::mem::take(&mut self.validator_allocs));
        let func = self.translate_body(m, index, Some(&mut v), body)?;
        self.validator_allocs = v.into_allocations();
        Ok(func)
    }

    /// Translates one function body that [`Translator::validate`] accepted, without
    /// validating it again (lazy translation, at the function's first call).
    pub fn translate_valid(
        &mut self,
        m: &ModuleInner,
        index: u32,
        body: &FunctionBody<'_>,
    ) -> Result<CompiledFunc, Error> {
        self.translate_body(m, index, None, body)
    }

    /// Validates one function body with the decoding and the errors of
    /// [`Translator::translate`], and translates nothing.
    pub fn validate(&mut self, func: FuncToValidate<ValidatorResources>, body: &FunctionBody<'_>) -> Result<(), Error> {
        let mut v = func.into_validator(std::mem::take(&mut self.validator_allocs));
        let mut reader = body.get_binary_reader();
        v.read_locals(&mut reader).map_err(invalid)?;
        reader.set_features(*v.features());
        let mut pass = ValidatePass { validator: &mut v, offset: 0 };
        while !reader.eof() {
            pass.offset = reader.original_position();
            if pass.validator.control_stack_height() == 0 {
                return Err(beyond_end(pass.offset));
            }
            reader.visit_operator(&mut pass).map_err(undecodable)?.map_err(invalid)?;
        }
        if v.control_stack_height() != 0 {
            return Err(unterminated(reader.original_position()));
        }
        self.validator_allocs = v.into_allocations();
        Ok(())
    }

    /// Translates a body, validating it on the way when given its validator.
    fn translate_body(
        &mut self,
        m: &ModuleInner,
        index: u32,
        mut v: Option<&mut FuncValidator<ValidatorResources>>,
        body: &FunctionBody<'_>,
    ) -> Result<CompiledFunc, Error> {
        let ty = m.types[m.func_types[index as usize] as usize].clone();
        // Locals.
        let mut reader = body.get_binary_reader();
        let num_locals = match v.as_deref_mut() {
            Some(v) => {
                v.read_locals(&mut reader).map_err(invalid)?;
                v.len_locals()
            }
            None => {
                let mut n = ty.params.len() as u32;
                for _ in 0..reader.read_var_u32().map_err(malformed)? {
                    n = n.saturating_add(reader.read_var_u32().map_err(malformed)?);
                    reader.read::<wasmparser::ValType>().map_err(malformed)?;
                }
                n
            }
        };
        self.reset(m, num_locals);
        if self.memo {
            self.scan_memo_units(m, body)?;
        }
        self.ctrl.push(Ctrl {
            kind: Kind::Block,
            height: 0,
            params: 0,
            results: ty.results.len() as u32,
            loop_start: 0,
            fixups: Vec::new(),
            else_fixup: None,
            unreachable: false,
            dead: false,
            memo: None,
            then_writer: None,
        });
        let num_params = ty.params.len() as u32;
        self.open_memo_unit(|_| (0..num_params).collect());
        self.start_fuel_region();
        reader.set_features(m.engine.config().features.intersection(crate::Config::supported_features()));
        let mut pass = FuncPass { translator: self, validator: v, module: m, offset: 0 };
        while !reader.eof() {
            pass.offset = reader.original_position();
            if pass.translator.ctrl.is_empty() {
                return Err(beyond_end(pass.offset));
            }
            pass.translator.offset = pass.offset as u32;
            reader.visit_operator(&mut pass).map_err(undecodable)??;
        }
        if !self.ctrl.is_empty() {
            return Err(unterminated(reader.original_position()));
        }
        self.temp_base = num_locals
            .checked_add(self.consts.len() as u32)
            .filter(|&b| b < u32::MAX / 2)
            .ok_or_else(|| unsupported("too many locals", 0))?;
        self.renumber();
        let mut frame_size = self.temp_base + self.max_height;
        if !self.memo && !self.consume_fuel {
            self.thread_returns();
        }
        self.analyze_memo_blocks(m);
        let declared = (num_locals - num_params) as usize;
        // Short starts are padded, so that most frames start with one fixed-size copy; the
        // padding zeroes temporaries, which the body writes before it reads them.
        let mut init = vec![0; (declared + self.consts.len()).max(crate::exec::SMALL_INIT)];
        init[declared..declared + self.consts.len()].copy_from_slice(&self.consts);
        if declared + self.consts.len() < crate::exec::SMALL_INIT {
            frame_size = frame_size.max(num_params + crate::exec::SMALL_INIT as u32);
        }
        // The buffers stay for the next body; the function gets copies of exactly their size.
        let mut func = CompiledFunc {
            index,
            num_params,
            num_results: ty.results.len() as u32,
            num_locals,
            consts: self.consts.clone(),
            init: init.into_boxed_slice(),
            frame_size,
            code: self.code.clone(),
            threaded: Box::default(),
            offsets: self.offsets.clone(),
            indirect: self.indirect.clone(),
            memo_blocks: std::mem::take(&mut self.memo_blocks),
            memo_exits: std::mem::take(&mut self.memo_exits),
        };
        // The loop reads cells and ops unchecked; this is what makes that sound.
        let globals = m.global_types.len() as u32;
        if let Err(e) = crate::exec::check_code(&func, |op| call_arity(m, &func.indirect, op), globals) {
            panic!("translation of function {index} broke an invariant: {e}");
        }
        func.threaded =
            crate::exec::thread_code(&func.code, m.engine.config().accumulator, Some((num_locals, &func.consts)));
        Ok(func)
    }

    /// Clears the buffers for a body with `num_locals` locals (parameters included).
    fn reset(&mut self, m: &ModuleInner, num_locals: u32) {
        self.code.clear();
        self.offsets.clear();
        self.stack.clear();
        self.ctrl.clear();
        self.consts.clear();
        self.const_slots.clear();
        self.indirect.clear();
        self.max_height = 0;
        self.last_result = None;
        self.if_result = None;
        self.fuel_op = None;
        self.consume_fuel = m.engine.config().consume_fuel;
        self.memo = m.engine.config().memo.is_some();
        self.memo_blocks.clear();
        self.memo_exits.clear();
        self.eligible.clear();
        self.body_eligible = false;
        self.blocks_seen = 0;
        self.num_locals = num_locals;
        // Until the constants are counted, the temporaries start right after the locals.
        self.temp_base = num_locals;
    }

    /// With memo on: decodes the body once before translating it, to find which blocks,
    /// loops and ifs (and the body) may be memo units: those big enough to pay for a lookup,
    /// or that call out, which is never cheap.
    fn scan_memo_units(&mut self, m: &ModuleInner, body: &FunctionBody<'_>) -> Result<(), Error> {
        let min_ops = m.engine.config().memo.as_ref().map_or(0, |c| c.min_unit_ops);
        let mut open: Vec<(usize, u32, bool)> = Vec::new();
        let (mut count, mut body_calls) = (0u32, false);
        let mut ops = body.get_operators_reader().map_err(malformed)?;
        while !ops.eof() {
            // Errors surface in the validating pass; here we just stop.
            let Ok(op) = ops.read() else { break };
            count += 1;
            match op {
                Operator::Block { .. } | Operator::Loop { .. } | Operator::If { .. } => {
                    open.push((self.eligible.len(), count, false));
                    self.eligible.push(false);
                }
                Operator::End => {
                    if let Some((ordinal, start, calls)) = open.pop() {
                        self.eligible[ordinal] = calls || count - start >= min_ops;
                        if let Some(parent) = open.last_mut() {
                            parent.2 |= calls;
                        }
                    }
                }
                Operator::Call { .. } | Operator::CallIndirect { .. } => {
                    if let Some(parent) = open.last_mut() {
                        parent.2 = true;
                    }
                    body_calls = true;
                }
                _ => {}
            }
        }
        self.body_eligible = body_calls || count >= min_ops;
        Ok(())
    }

    /// Gives the constants their cells right after the locals (in order of first use) and
    /// moves the temporaries up past them: until the end of the body the constants sat at
    /// [`CONST_BASE`] and the temporaries right after the locals.
    fn renumber(&mut self) {
        let n = self.consts.len() as u32;
        if n == 0 {
            return;
        }
        let locals = self.num_locals;
        let cell = |s: &mut Slot| {
            if *s >= CONST_BASE {
                *s = *s - CONST_BASE + locals;
            } else if *s >= locals {
                *s += n;
            }
        };
        for op in &mut self.code {
            op.for_each_slot_mut(cell);
        }
        for b in &mut self.memo_blocks {
            b.inputs.iter_mut().for_each(cell);
        }
        for e in &mut self.memo_exits {
            cell(&mut e.cells);
        }
    }

    // ---- emission helpers ----

    fn emit(&mut self, op: Op) -> usize {
        self.code.push(op);
        self.offsets.push(self.offset);
        self.last_result = None;
        self.code.len() - 1
    }

    /// Emits an op whose result lands in `dst`, remembering it for retargeting.
    fn emit_result(&mut self, op: Op, dst: Slot) {
        let at = self.emit(op);
        self.last_result = Some((at, dst));
    }

    fn here(&self) -> u32 {
        self.code.len() as u32
    }

    fn start_fuel_region(&mut self) {
        if self.consume_fuel {
            self.fuel_op = Some(self.emit(Op::Fuel { amount: 0 }));
        }
    }

    fn charge_fuel(&mut self) {
        if let Some(i) = self.fuel_op {
            if let Op::Fuel { amount } = &mut self.code[i] {
                *amount = amount.saturating_add(1);
            }
        }
    }

    /// Marks the current position as a jump target.
    fn bind_here(&mut self) {
        self.last_result = None;
        self.start_fuel_region();
    }

    fn patch(&mut self, at: usize, target: u32) {
        let op = &mut self.code[at];
        match op.branch_target_mut() {
            Some(t) => *t = target,
            None => unreachable!("patching a non-branch {op:?}"),
        }
    }

    /// Emits a branch to `target` taken when `cond` is nonzero (`when`) or zero. If `cond`
    /// is the fresh result of the comparison just emitted, the two fuse into one op.
    fn emit_cond_branch(&mut self, cond: Slot, when: bool, target: u32) -> usize {
        let last = self.code.len().wrapping_sub(1);
        if self.last_result == Some((last, cond)) {
            if let Some(fused) = self.code[last].branch_on(when, target) {
                self.code[last] = fused;
                self.last_result = None;
                return last;
            }
        }
        self.emit(if when { Op::BrIfNez { cond, target } } else { Op::BrIfEqz { cond, target } })
    }

    // ---- operand stack ----

    fn height(&self) -> u32 {
        self.stack.len() as u32
    }

    fn temp(&self, pos: u32) -> Slot {
        self.temp_base + pos
    }

    fn slot_at(&self, pos: u32) -> Slot {
        match self.stack[pos as usize] {
            Operand::Temp => self.temp(pos),
            Operand::At(s) => s,
        }
    }

    fn push_temp(&mut self) -> Slot {
        self.stack.push(Operand::Temp);
        self.max_height = self.max_height.max(self.height());
        self.temp(self.height() - 1)
    }

    fn pop(&mut self) -> Slot {
        let pos = self.height() - 1;
        let s = self.slot_at(pos);
        self.stack.pop();
        s
    }

    /// Moves the value at `pos` into its own temporary.
    fn materialize(&mut self, pos: u32) {
        if let Operand::At(src) = self.stack[pos as usize] {
            let dst = self.temp(pos);
            self.emit(Op::Copy { dst, src });
            self.stack[pos as usize] = Operand::Temp;
        }
    }

    fn materialize_from(&mut self, from: u32) {
        for pos in from..self.height() {
            self.materialize(pos);
        }
    }

    /// Before `local` is written, values still reading it get their own cells.
    fn preserve_local(&mut self, local: Slot) {
        for pos in 0..self.height() {
            if self.stack[pos as usize] == Operand::At(local) {
                self.materialize(pos);
            }
        }
    }

    // ---- control ----

    fn block_arity(&self, m: &ModuleInner, bt: BlockType) -> (u32, u32) {
        match bt {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(i) => {
                let t = &m.types[i as usize];
                (t.params.len() as u32, t.results.len() as u32)
            }
        }
    }

    fn reachable(&self) -> bool {
        self.ctrl.last().is_some_and(|c| !c.unreachable)
    }

    fn push_ctrl(&mut self, kind: Kind, params: u32, results: u32) {
        let dead = !self.reachable();
        let height = if dead { self.height() } else { self.height() - params };
        self.ctrl.push(Ctrl {
            kind,
            height,
            params,
            results,
            loop_start: 0,
            fixups: Vec::new(),
            else_fixup: None,
            unreachable: dead,
            dead,
            memo: None,
            then_writer: None,
        });
        self.if_result = None;
    }

    /// Opens a memo unit for the innermost frame, starting here, if it is eligible.
    /// `inputs` are the cells it reads that the body analysis cannot see (parameters, an
    /// `if` condition).
    fn open_memo_unit(&mut self, inputs: impl FnOnce(&Self) -> Vec<Slot>) {
        let eligible = if self.ctrl.len() == 1 {
            self.body_eligible
        } else {
            self.blocks_seen += 1;
            self.eligible.get(self.blocks_seen - 1).copied().unwrap_or(false)
        };
        if !self.memo || !eligible || self.ctrl.last().is_some_and(|c| c.dead) {
            return;
        }
        let block = self.memo_blocks.len() as u32;
        let start = self.emit(Op::MemoEnter { block }) as u32;
        self.memo_blocks.push(MemoBlock {
            start,
            end: u32::MAX,
            offset: self.offset,
            inputs: inputs(self).into(),
            writes: Box::new([]),
        });
        self.ctrl.last_mut().expect("control frame").memo = Some(block);
    }

    /// The memo units a branch to label `depth` leaves, innermost first: those of the
    /// frames it jumps out of, and a loop's own unit (its label re-enters it) or the
    /// function's (a return). A block's own unit is left by the `MemoLeave` at its end label.
    fn units_left(&self, depth: u32) -> Vec<u32> {
        let n = self.ctrl.len();
        let t = n - 1 - depth as usize;
        let mut units: Vec<u32> = self.ctrl[t + 1..].iter().rev().filter_map(|c| c.memo).collect();
        let target = &self.ctrl[t];
        if target.kind == Kind::Loop || t == 0 {
            units.extend(target.memo);
        }
        units
    }

    fn emit_leave(&mut self, units: Vec<u32>, cells: Slot, n: u32) {
        if !units.is_empty() {
            let exit = self.memo_exits.len() as u32;
            self.memo_exits.push(MemoExit { units: units.into(), cells, n });
            self.emit(Op::MemoLeave { exit });
        }
    }

    /// Replaces a jump to a `Return` by the `Return` itself, and a copy into the one cell
    /// a `Return` returns by a `Return` of the copy's source. The ops they replace may stay
    /// reachable from elsewhere, so nothing is removed. Not with memo probes or fuel ops,
    /// whose positions matter.
    fn thread_returns(&mut self) {
        for i in 0..self.code.len() {
            if let Op::Br { target } = self.code[i] {
                if let ret @ Op::Return { .. } = self.code[target as usize] {
                    self.code[i] = ret;
                }
            }
        }
        for i in 1..self.code.len() {
            if let (Op::Copy { dst, src }, Op::Return { src: from, n: 1 }) = (self.code[i - 1], self.code[i]) {
                if from == dst {
                    self.code[i - 1] = Op::Return { src, n: 1 };
                }
            }
        }
    }

    /// Computes each memo unit's end, input cells and written cells from its code.
    fn analyze_memo_blocks(&mut self, m: &ModuleInner) {
        let indirect = &self.indirect;
        let arity = |op: &Op| call_arity(m, indirect, op);
        let (num_locals, code) = (self.num_locals, &self.code);
        for b in &mut self.memo_blocks {
            let end = if b.end == u32::MAX { code.len() as u32 } else { b.end };
            b.end = end;
            let mut inputs: Vec<Slot> = b.inputs.to_vec();
            let mut writes: Vec<Slot> = Vec::new();
            for op in &code[b.start as usize + 1..end as usize] {
                op.for_each_slot(arity, |slot, write| {
                    // Locals read or written are inputs: a local written on one path only
                    // keeps its entry value on the other, and replay restores it. Written
                    // temporaries are outputs only where an exit carries them (MemoLeave).
                    if slot < num_locals {
                        inputs.push(slot);
                        if write {
                            writes.push(slot);
                        }
                    }
                });
            }
            inputs.sort_unstable();
            inputs.dedup();
            writes.sort_unstable();
            writes.dedup();
            b.inputs = inputs.into();
            b.writes = writes.into();
        }
    }

    fn set_unreachable(&mut self) {
        let c = self.ctrl.last_mut().expect("control frame");
        c.unreachable = true;
        let h = c.height as usize;
        self.stack.truncate(h);
    }

    /// Copies the top `arity` values into the cells starting at stack position `height`.
    fn copy_top_to(&mut self, height: u32, arity: u32) {
        let top = self.height() - arity;
        for k in 0..arity {
            let src = self.slot_at(top + k);
            let dst = self.temp(height + k);
            if src != dst {
                self.emit(Op::Copy { dst, src });
            }
        }
    }

    /// Whether a branch to `depth` needs value moves before the jump.
    fn branch_needs_copies(&self, depth: u32) -> bool {
        let c = &self.ctrl[self.ctrl.len() - 1 - depth as usize];
        let arity = if c.kind == Kind::Loop { c.params } else { c.results };
        let top = self.height() - arity;
        (0..arity).any(|k| self.slot_at(top + k) != self.temp(c.height + k))
    }

    /// Emits moves and the jump of an unconditional branch to label `depth`.
    fn emit_branch(&mut self, depth: u32) {
        let i = self.ctrl.len() - 1 - depth as usize;
        if i == 0 {
            self.emit_return();
            return;
        }
        let (kind, height, arity, start) = {
            let c = &self.ctrl[i];
            let arity = if c.kind == Kind::Loop { c.params } else { c.results };
            (c.kind, c.height, arity, c.loop_start)
        };
        self.copy_top_to(height, arity);
        let leave = self.units_left(depth);
        let cells = self.temp(height);
        self.emit_leave(leave, cells, arity);
        if kind == Kind::Loop {
            self.emit_back_edge(start);
        } else {
            let at = self.emit(Op::Br { target: u32::MAX });
            self.ctrl[i].fixups.push(at);
        }
    }

    /// Emits the jump back to a loop's first op. When that op is a conditional branch out
    /// of the loop, the jump takes the test along instead (the negated branch back to the
    /// op after it, then a jump where the test would have gone), saving one op per
    /// iteration. Not with memo probes or fuel ops, whose positions matter.
    fn emit_back_edge(&mut self, start: u32) {
        // A loop whose body is still empty has no head yet.
        let head = self.code.get(start as usize).copied();
        let rotated =
            (!self.memo && !self.consume_fuel).then(|| head.and_then(Op::negate)).flatten().and_then(|mut neg| {
                let exit = *neg.branch_target_mut()?;
                *neg.branch_target_mut()? = start + 1;
                // An exit not yet bound must be pending in some label's list, to be patched
                // along with the head.
                let pending = (exit == u32::MAX)
                    .then(|| self.ctrl.iter().position(|c| c.fixups.contains(&(start as usize))))
                    .map(|label| label.map(|l| (l, exit)));
                match pending {
                    None => Some((neg, None, exit)),
                    Some(Some((label, exit))) => Some((neg, Some(label), exit)),
                    Some(None) => None,
                }
            });
        match rotated {
            Some((neg, label, exit)) => {
                self.emit(neg);
                let at = self.emit(Op::Br { target: exit });
                if let Some(l) = label {
                    self.ctrl[l].fixups.push(at);
                }
            }
            None => {
                self.emit(Op::Br { target: start });
            }
        }
    }

    fn emit_return(&mut self) {
        let n = self.ctrl[0].results;
        let top = self.height() - n;
        if n > 1 {
            // Several results must be contiguous. Copy them into their temporaries without
            // marking them materialized: on a conditional path the other path did not copy.
            for pos in top..top + n {
                let (src, dst) = (self.slot_at(pos), self.temp(pos));
                if src != dst {
                    self.emit(Op::Copy { dst, src });
                }
            }
        }
        let src = match n {
            0 => 0,
            1 => self.slot_at(top),
            _ => self.temp(top),
        };
        let leave = self.units_left(self.ctrl.len() as u32 - 1);
        self.emit_leave(leave, src, n);
        self.emit(Op::Return { src, n });
    }

    fn op_end(&mut self) {
        let c = self.ctrl.last().expect("control frame");
        if c.dead {
            self.ctrl.pop();
            return;
        }
        let mut else_writer = Some(None);
        if !c.unreachable {
            if self.ctrl.len() == 1 {
                self.emit_return();
            } else {
                let (h, r) = (c.height, c.results);
                else_writer = self.end_arm(h, r).map(Some);
            }
        }
        let c = self.ctrl.pop().expect("control frame");
        if self.ctrl.is_empty() {
            return;
        }
        // An `if`/`else` whose single result each arm's last op writes, and which no other
        // branch leaves with a value: a `local.set` right after may retarget those ops.
        let arm_jumps = usize::from(c.then_writer.is_some_and(|w| w.is_some()));
        self.if_result = match (c.then_writer, else_writer) {
            (Some(then), Some(other))
                if c.kind == Kind::Else
                    && c.results == 1
                    && c.memo.is_none()
                    && !self.memo
                    && !self.consume_fuel
                    && c.fixups.len() == arm_jumps =>
            {
                Some(IfResult { writers: [then, other], slot: self.temp(c.height), len: 0 })
            }
            _ => None,
        };
        let here = self.here();
        let joined = !c.fixups.is_empty() || c.else_fixup.is_some();
        for at in c.fixups {
            self.patch(at, here);
        }
        if let Some(at) = c.else_fixup {
            self.patch(at, here);
        }
        if let Some(block) = c.memo {
            self.memo_blocks[block as usize].end = here;
            let cells = self.temp(c.height);
            self.emit_leave(vec![block], cells, c.results);
        }
        if joined {
            self.bind_here();
        }
        self.stack.truncate(c.height as usize);
        for _ in 0..c.results {
            self.push_temp();
        }
        if let Some(r) = &mut self.if_result {
            r.len = self.code.len();
        }
    }

    /// Moves an arm's results into place at its end; returns the op that wrote its single
    /// result cell last, if that is the arm's last op (`None` otherwise).
    fn end_arm(&mut self, height: u32, arity: u32) -> Option<usize> {
        let before = self.code.len();
        let produced = self.last_result;
        self.copy_top_to(height, arity);
        let slot = self.temp(height);
        match self.code.len() - before {
            1 if arity == 1 => Some(before),
            0 if arity == 1 && produced == Some((before.wrapping_sub(1), slot)) => Some(before - 1),
            _ => None,
        }
    }

    /// For `local.set local` right after an `if`/`else` ([`IfResult`]): points each arm's
    /// result writer at `local`, so no copy follows. Not when a pending operand still
    /// reads `local` (it would see the new value early).
    fn retarget_if_result(&mut self, local: Slot) -> bool {
        let Some(r) = self.if_result else { return false };
        let pos = self.height() - 1;
        let fits = r.len == self.code.len()
            && self.stack[pos as usize] == Operand::Temp
            && self.temp(pos) == r.slot
            && !self.stack.contains(&Operand::At(local));
        if !fits {
            return false;
        }
        let mut ops: Vec<(usize, Op)> = Vec::with_capacity(2);
        for at in r.writers.into_iter().flatten() {
            let mut op = self.code[at];
            if !op.set_result(local) {
                return false;
            }
            ops.push((at, op));
        }
        for (at, op) in ops {
            self.code[at] = op;
        }
        self.if_result = None;
        true
    }

    fn op_else(&mut self) {
        let c = self.ctrl.last().expect("control frame");
        if c.dead {
            self.ctrl.last_mut().expect("control frame").kind = Kind::Else;
            return;
        }
        let writer = if !c.unreachable {
            let (h, r) = (c.height, c.results);
            let writer = self.end_arm(h, r);
            let at = self.emit(Op::Br { target: u32::MAX });
            self.ctrl.last_mut().expect("control frame").fixups.push(at);
            writer.map(Some)
        } else {
            Some(None)
        };
        let here = self.here();
        let c = self.ctrl.last_mut().expect("control frame");
        c.then_writer = writer;
        c.kind = Kind::Else;
        c.unreachable = false;
        let (h, p) = (c.height, c.params);
        if let Some(at) = c.else_fixup.take() {
            self.patch(at, here);
        }
        self.bind_here();
        self.stack.truncate(h as usize);
        for _ in 0..p {
            self.push_temp();
        }
    }

    fn op_br_table(&mut self, targets: &wasmparser::BrTable<'_>) -> Result<(), Error> {
        let index = self.pop();
        let mut depths = targets.targets().collect::<Result<Vec<u32>, _>>().map_err(malformed)?;
        depths.push(targets.default());
        let len = depths.len() as u32 - 1;
        self.emit(Op::BrTable { index, len });
        let table_start = self.code.len();
        for _ in 0..=len {
            self.emit(Op::Br { target: u32::MAX });
        }
        // Direct entries jump straight to their label; the others to a stub that moves
        // the values first (or returns).
        for (k, &depth) in depths.iter().enumerate() {
            let at = table_start + k;
            let i = self.ctrl.len() - 1 - depth as usize;
            if i != 0 && !self.branch_needs_copies(depth) && self.units_left(depth).is_empty() {
                if self.ctrl[i].kind == Kind::Loop {
                    let start = self.ctrl[i].loop_start;
                    self.patch(at, start);
                } else {
                    self.ctrl[i].fixups.push(at);
                }
            } else {
                let here = self.here();
                self.patch(at, here);
                self.emit_branch(depth);
            }
        }
        self.set_unreachable();
        Ok(())
    }

    fn op_call(&mut self, params: u32, results: u32, op: impl FnOnce(Slot) -> Op) {
        let base_pos = self.height() - params;
        self.materialize_from(base_pos);
        let base = self.temp(base_pos);
        self.emit(op(base));
        self.stack.truncate(base_pos as usize);
        for _ in 0..results {
            self.push_temp();
        }
        // A call may need more cells than its arguments: its results.
        self.max_height = self.max_height.max(base_pos + results.max(params));
    }

    /// Pops `n` operands that must sit in consecutive cells; returns the first cell.
    fn pop_consecutive(&mut self, n: u32) -> Slot {
        let base_pos = self.height() - n;
        self.materialize_from(base_pos);
        self.stack.truncate(base_pos as usize);
        self.temp(base_pos)
    }

    /// Folds the load or store just emitted, at offset 0, into the `i32.add` right before
    /// it that computed its address into a temporary (`before`: the last result when the
    /// access was reached): one op reading the address as the sum, in the add's place. The
    /// temporary is the access's operand alone (a stack value is consumed once), so
    /// nothing else reads it. Not with fuel, whose charges count ops. With memo probes it
    /// is safe: a probe between the two clears the last result, so none is crossed.
    fn fuse_address(&mut self, before: Option<(usize, Slot)>) {
        if self.consume_fuel {
            return;
        }
        let n = self.code.len();
        let Some(add) = n.checked_sub(2) else { return };
        let (Some((at, sum)), Op::I32Add { dst, a, b }) = (before, self.code[add]) else { return };
        if at != add || dst != sum {
            return;
        }
        let Some(fused) = self.code[n - 1].with_address_sum(sum, a, b) else { return };
        self.code[add] = fused;
        self.code.pop();
        self.offsets.pop();
        // A load's result (the last result) now comes from the fused op; a store has none.
        self.last_result = self.last_result.map(|(_, loaded)| (add, loaded));
    }

    fn unary(&mut self, make: impl FnOnce(Slot, Slot) -> Op) {
        let src = self.pop();
        let dst = self.push_temp();
        self.emit_result(make(dst, src), dst);
    }

    fn binary(&mut self, make: impl FnOnce(Slot, Slot, Slot) -> Op) {
        let b = self.pop();
        let a = self.pop();
        let dst = self.push_temp();
        self.emit_result(make(dst, a, b), dst);
    }

    fn push_const(&mut self, cell: u64) {
        let next = CONST_BASE + self.consts.len() as u32;
        let slot = *self.const_slots.entry(cell).or_insert(next);
        if slot == next {
            self.consts.push(cell);
        }
        self.stack.push(Operand::At(slot));
        self.max_height = self.max_height.max(self.height());
    }

    fn local_set(&mut self, local: Slot, tee: bool) {
        if self.retarget_if_result(local) {
            let pos = self.height() - 1;
            if tee {
                self.stack[pos as usize] = Operand::At(local);
            } else {
                self.stack.pop();
            }
            return;
        }
        self.preserve_local(local);
        let pos = self.height() - 1;
        let top = self.stack[pos as usize];
        let retarget = top == Operand::Temp
            && self.last_result == Some((self.code.len() - 1, self.temp(pos)))
            && self.code.last_mut().is_some_and(|op| op.set_result(local));
        if retarget {
            self.last_result = None;
            if tee {
                self.stack[pos as usize] = Operand::At(local);
            } else {
                self.stack.pop();
            }
            return;
        }
        let src = self.slot_at(pos);
        if src != local {
            self.emit(Op::Copy { dst: local, src });
        }
        if !tee {
            self.stack.pop();
        }
    }

    fn translate_op(&mut self, m: &ModuleInner, op: &Operator<'_>) -> Result<(), Error> {
        use Operator as O;
        if !self.reachable() {
            // Dead code: only the block structure matters.
            match op {
                O::Block { .. } | O::Loop { .. } | O::If { .. } => {
                    // Keep the count of blocks in step with the eligibility prescan.
                    self.blocks_seen += 1;
                    self.push_ctrl(Kind::Block, 0, 0)
                }
                O::Else => {
                    let c = self.ctrl.last().expect("control frame");
                    if !c.dead && c.kind == Kind::If {
                        self.op_else();
                    }
                }
                O::End => self.op_end(),
                _ => {}
            }
            return Ok(());
        }
        self.charge_fuel();
        macro_rules! un {
            ($v:ident) => {
                self.unary(|dst, src| Op::$v { dst, src })
            };
        }
        macro_rules! bin {
            ($v:ident) => {
                self.binary(|dst, a, b| Op::$v { dst, a, b })
            };
        }
        macro_rules! load {
            ($v:ident, $memarg:expr) => {{
                let offset = $memarg.offset as u32;
                let before = self.last_result;
                self.unary(|dst, addr| Op::$v { dst, addr, offset });
                self.fuse_address(before);
            }};
        }
        macro_rules! store {
            ($v:ident, $memarg:expr) => {{
                let offset = $memarg.offset as u32;
                let before = self.last_result;
                let val = self.pop();
                let addr = self.pop();
                self.emit(Op::$v { addr, val, offset });
                self.fuse_address(before);
            }};
        }
        match *op {
            O::Nop => {}
            O::Unreachable => {
                self.emit(Op::Unreachable);
                self.set_unreachable();
            }
            O::Block { blockty } => {
                let (p, r) = self.block_arity(m, blockty);
                self.materialize_from(0);
                self.push_ctrl(Kind::Block, p, r);
                let h = self.height();
                self.open_memo_unit(|t| (h - p..h).map(|pos| t.temp(pos)).collect());
            }
            O::Loop { blockty } => {
                let (p, r) = self.block_arity(m, blockty);
                self.materialize_from(0);
                self.push_ctrl(Kind::Loop, p, r);
                self.last_result = None;
                let start = self.here();
                let h = self.height();
                self.open_memo_unit(|t| (h - p..h).map(|pos| t.temp(pos)).collect());
                self.start_fuel_region();
                self.ctrl.last_mut().expect("control frame").loop_start = start;
            }
            O::If { blockty } => {
                let (p, r) = self.block_arity(m, blockty);
                let cond = self.pop();
                self.materialize_from(0);
                self.push_ctrl(Kind::If, p, r);
                let h = self.height();
                self.open_memo_unit(|t| (h - p..h).map(|pos| t.temp(pos)).chain([cond]).collect());
                let at = self.emit_cond_branch(cond, false, u32::MAX);
                self.ctrl.last_mut().expect("control frame").else_fixup = Some(at);
                self.bind_here();
            }
            O::Else => self.op_else(),
            O::End => self.op_end(),
            O::Br { relative_depth } => {
                self.emit_branch(relative_depth);
                self.set_unreachable();
            }
            O::BrIf { relative_depth } => {
                let cond = self.pop();
                let i = self.ctrl.len() - 1 - relative_depth as usize;
                if i != 0 && !self.branch_needs_copies(relative_depth) && self.units_left(relative_depth).is_empty() {
                    if self.ctrl[i].kind == Kind::Loop {
                        let target = self.ctrl[i].loop_start;
                        self.emit_cond_branch(cond, true, target);
                    } else {
                        let at = self.emit_cond_branch(cond, true, u32::MAX);
                        self.ctrl[i].fixups.push(at);
                    }
                } else {
                    let skip = self.emit_cond_branch(cond, false, u32::MAX);
                    self.emit_branch(relative_depth);
                    let here = self.here();
                    self.patch(skip, here);
                }
                self.bind_here();
            }
            O::BrTable { ref targets } => self.op_br_table(targets)?,
            O::Return => {
                self.emit_return();
                self.set_unreachable();
            }
            O::Call { function_index } => {
                let t = &m.types[m.func_types[function_index as usize] as usize];
                let (p, r) = (t.params.len() as u32, t.results.len() as u32);
                self.op_call(p, r, |base| Op::Call { func: function_index, base });
                self.bind_here();
            }
            O::CallIndirect { type_index, table_index } => {
                let t = &m.types[type_index as usize];
                let (p, r) = (t.params.len() as u32, t.results.len() as u32);
                let index = self.pop();
                let sig = self.indirect.len() as u32;
                self.indirect.push((table_index, m.type_ids[type_index as usize], type_index));
                // The index may sit in the callee's frame: the call reads it first.
                self.op_call(p, r, |base| Op::CallIndirect { index, base, sig });
                self.bind_here();
            }
            O::Drop => {
                self.stack.pop();
            }
            O::Select | O::TypedSelect { .. } => {
                let cond = self.pop();
                let b = self.pop();
                let pos = self.height() - 1;
                self.materialize(pos);
                let dst = self.temp(pos);
                self.emit(Op::Select { dst, cond, b });
            }
            O::LocalGet { local_index } => {
                self.stack.push(Operand::At(local_index));
                self.max_height = self.max_height.max(self.height());
            }
            O::LocalSet { local_index } => self.local_set(local_index, false),
            O::LocalTee { local_index } => self.local_set(local_index, true),
            O::GlobalGet { global_index } => {
                let dst = self.push_temp();
                self.emit_result(Op::GlobalGet { dst, global: global_index }, dst);
            }
            O::GlobalSet { global_index } => {
                let src = self.pop();
                self.emit(Op::GlobalSet { global: global_index, src });
            }
            O::I32Load { memarg } | O::F32Load { memarg } => load!(Load32, memarg),
            O::I64Load { memarg } | O::F64Load { memarg } => load!(Load64, memarg),
            O::I32Load8S { memarg } => load!(I32Load8S, memarg),
            O::I32Load8U { memarg } => load!(I32Load8U, memarg),
            O::I32Load16S { memarg } => load!(I32Load16S, memarg),
            O::I32Load16U { memarg } => load!(I32Load16U, memarg),
            O::I64Load8S { memarg } => load!(I64Load8S, memarg),
            O::I64Load8U { memarg } => load!(I64Load8U, memarg),
            O::I64Load16S { memarg } => load!(I64Load16S, memarg),
            O::I64Load16U { memarg } => load!(I64Load16U, memarg),
            O::I64Load32S { memarg } => load!(I64Load32S, memarg),
            O::I64Load32U { memarg } => load!(I64Load32U, memarg),
            O::I32Store { memarg } | O::F32Store { memarg } | O::I64Store32 { memarg } => {
                store!(Store32, memarg)
            }
            O::I64Store { memarg } | O::F64Store { memarg } => store!(Store64, memarg),
            O::I32Store8 { memarg } | O::I64Store8 { memarg } => store!(Store8, memarg),
            O::I32Store16 { memarg } | O::I64Store16 { memarg } => store!(Store16, memarg),
            O::MemorySize { .. } => {
                let dst = self.push_temp();
                self.emit_result(Op::MemorySize { dst }, dst);
            }
            O::MemoryGrow { .. } => {
                let delta = self.pop();
                let dst = self.push_temp();
                self.emit(Op::MemoryGrow { dst, delta });
            }
            O::MemoryFill { .. } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::MemoryFill { base });
            }
            O::MemoryCopy { .. } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::MemoryCopy { base });
            }
            O::MemoryInit { data_index, .. } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::MemoryInit { base, data: data_index });
            }
            O::DataDrop { data_index } => {
                self.emit(Op::DataDrop { data: data_index });
            }
            O::TableGet { table } => {
                let index = self.pop();
                let dst = self.push_temp();
                self.emit_result(Op::TableGet { dst, index, table }, dst);
            }
            O::TableSet { table } => {
                let val = self.pop();
                let index = self.pop();
                self.emit(Op::TableSet { index, val, table });
            }
            O::TableSize { table } => {
                let dst = self.push_temp();
                self.emit_result(Op::TableSize { dst, table }, dst);
            }
            O::TableGrow { table } => {
                let base = self.pop_consecutive(2);
                self.push_temp();
                self.emit(Op::TableGrow { base, table });
            }
            O::TableFill { table } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::TableFill { base, table });
            }
            O::TableCopy { dst_table, src_table } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::TableCopy { base, dst_table, src_table });
            }
            O::TableInit { elem_index, table } => {
                let base = self.pop_consecutive(3);
                self.emit(Op::TableInit { base, table, elem: elem_index });
            }
            O::ElemDrop { elem_index } => {
                self.emit(Op::ElemDrop { elem: elem_index });
            }
            O::RefNull { .. } => self.push_const(0),
            O::RefIsNull => un!(I64Eqz),
            O::RefFunc { function_index } => {
                let dst = self.push_temp();
                self.emit_result(Op::RefFunc { dst, func: function_index }, dst);
            }
            O::I32Const { value } => self.push_const(value as u32 as u64),
            O::I64Const { value } => self.push_const(value as u64),
            O::F32Const { value } => self.push_const(value.bits() as u64),
            O::F64Const { value } => self.push_const(value.bits()),
            // Reinterpretations do not change a cell.
            O::I32ReinterpretF32 | O::F32ReinterpretI32 | O::I64ReinterpretF64 | O::F64ReinterpretI64 => {}
            O::I32Eqz => un!(I32Eqz),
            O::I32Eq => bin!(I32Eq),
            O::I32Ne => bin!(I32Ne),
            O::I32LtS => bin!(I32LtS),
            O::I32LtU => bin!(I32LtU),
            O::I32GtS => bin!(I32GtS),
            O::I32GtU => bin!(I32GtU),
            O::I32LeS => bin!(I32LeS),
            O::I32LeU => bin!(I32LeU),
            O::I32GeS => bin!(I32GeS),
            O::I32GeU => bin!(I32GeU),
            O::I64Eqz => un!(I64Eqz),
            O::I64Eq => bin!(I64Eq),
            O::I64Ne => bin!(I64Ne),
            O::I64LtS => bin!(I64LtS),
            O::I64LtU => bin!(I64LtU),
            O::I64GtS => bin!(I64GtS),
            O::I64GtU => bin!(I64GtU),
            O::I64LeS => bin!(I64LeS),
            O::I64LeU => bin!(I64LeU),
            O::I64GeS => bin!(I64GeS),
            O::I64GeU => bin!(I64GeU),
            O::F32Eq => bin!(F32Eq),
            O::F32Ne => bin!(F32Ne),
            O::F32Lt => bin!(F32Lt),
            O::F32Gt => bin!(F32Gt),
            O::F32Le => bin!(F32Le),
            O::F32Ge => bin!(F32Ge),
            O::F64Eq => bin!(F64Eq),
            O::F64Ne => bin!(F64Ne),
            O::F64Lt => bin!(F64Lt),
            O::F64Gt => bin!(F64Gt),
            O::F64Le => bin!(F64Le),
            O::F64Ge => bin!(F64Ge),
            O::I32Clz => un!(I32Clz),
            O::I32Ctz => un!(I32Ctz),
            O::I32Popcnt => un!(I32Popcnt),
            O::I32Add => bin!(I32Add),
            O::I32Sub => bin!(I32Sub),
            O::I32Mul => bin!(I32Mul),
            O::I32DivS => bin!(I32DivS),
            O::I32DivU => bin!(I32DivU),
            O::I32RemS => bin!(I32RemS),
            O::I32RemU => bin!(I32RemU),
            O::I32And => bin!(I32And),
            O::I32Or => bin!(I32Or),
            O::I32Xor => bin!(I32Xor),
            O::I32Shl => bin!(I32Shl),
            O::I32ShrS => bin!(I32ShrS),
            O::I32ShrU => bin!(I32ShrU),
            O::I32Rotl => bin!(I32Rotl),
            O::I32Rotr => bin!(I32Rotr),
            O::I64Clz => un!(I64Clz),
            O::I64Ctz => un!(I64Ctz),
            O::I64Popcnt => un!(I64Popcnt),
            O::I64Add => bin!(I64Add),
            O::I64Sub => bin!(I64Sub),
            O::I64Mul => bin!(I64Mul),
            O::I64DivS => bin!(I64DivS),
            O::I64DivU => bin!(I64DivU),
            O::I64RemS => bin!(I64RemS),
            O::I64RemU => bin!(I64RemU),
            O::I64And => bin!(I64And),
            O::I64Or => bin!(I64Or),
            O::I64Xor => bin!(I64Xor),
            O::I64Shl => bin!(I64Shl),
            O::I64ShrS => bin!(I64ShrS),
            O::I64ShrU => bin!(I64ShrU),
            O::I64Rotl => bin!(I64Rotl),
            O::I64Rotr => bin!(I64Rotr),
            O::F32Abs => un!(F32Abs),
            O::F32Neg => un!(F32Neg),
            O::F32Ceil => un!(F32Ceil),
            O::F32Floor => un!(F32Floor),
            O::F32Trunc => un!(F32Trunc),
            O::F32Nearest => un!(F32Nearest),
            O::F32Sqrt => un!(F32Sqrt),
            O::F32Add => bin!(F32Add),
            O::F32Sub => bin!(F32Sub),
            O::F32Mul => bin!(F32Mul),
            O::F32Div => bin!(F32Div),
            O::F32Min => bin!(F32Min),
            O::F32Max => bin!(F32Max),
            O::F32Copysign => bin!(F32Copysign),
            O::F64Abs => un!(F64Abs),
            O::F64Neg => un!(F64Neg),
            O::F64Ceil => un!(F64Ceil),
            O::F64Floor => un!(F64Floor),
            O::F64Trunc => un!(F64Trunc),
            O::F64Nearest => un!(F64Nearest),
            O::F64Sqrt => un!(F64Sqrt),
            O::F64Add => bin!(F64Add),
            O::F64Sub => bin!(F64Sub),
            O::F64Mul => bin!(F64Mul),
            O::F64Div => bin!(F64Div),
            O::F64Min => bin!(F64Min),
            O::F64Max => bin!(F64Max),
            O::F64Copysign => bin!(F64Copysign),
            O::I32WrapI64 => un!(I32WrapI64),
            O::I32TruncF32S => un!(I32TruncF32S),
            O::I32TruncF32U => un!(I32TruncF32U),
            O::I32TruncF64S => un!(I32TruncF64S),
            O::I32TruncF64U => un!(I32TruncF64U),
            O::I64ExtendI32S => un!(I64ExtendI32S),
            O::I64ExtendI32U => un!(I64ExtendI32U),
            O::I64TruncF32S => un!(I64TruncF32S),
            O::I64TruncF32U => un!(I64TruncF32U),
            O::I64TruncF64S => un!(I64TruncF64S),
            O::I64TruncF64U => un!(I64TruncF64U),
            O::F32ConvertI32S => un!(F32ConvertI32S),
            O::F32ConvertI32U => un!(F32ConvertI32U),
            O::F32ConvertI64S => un!(F32ConvertI64S),
            O::F32ConvertI64U => un!(F32ConvertI64U),
            O::F32DemoteF64 => un!(F32DemoteF64),
            O::F64ConvertI32S => un!(F64ConvertI32S),
            O::F64ConvertI32U => un!(F64ConvertI32U),
            O::F64ConvertI64S => un!(F64ConvertI64S),
            O::F64ConvertI64U => un!(F64ConvertI64U),
            O::F64PromoteF32 => un!(F64PromoteF32),
            O::I32Extend8S => un!(I32Extend8S),
            O::I32Extend16S => un!(I32Extend16S),
            O::I64Extend8S => un!(I64Extend8S),
            O::I64Extend16S => un!(I64Extend16S),
            O::I64Extend32S => un!(I64Extend32S),
            O::I32TruncSatF32S => un!(I32TruncSatF32S),
            O::I32TruncSatF32U => un!(I32TruncSatF32U),
            O::I32TruncSatF64S => un!(I32TruncSatF64S),
            O::I32TruncSatF64U => un!(I32TruncSatF64U),
            O::I64TruncSatF32S => un!(I64TruncSatF32S),
            O::I64TruncSatF32U => un!(I64TruncSatF32U),
            O::I64TruncSatF64S => un!(I64TruncSatF64S),
            O::I64TruncSatF64U => un!(I64TruncSatF64U),
            _ => return Err(unsupported(&format!("operator {op:?}"), self.offset)),
        }
        Ok(())
    }
}

/// One body's pass through [`BinaryReader::visit_operator`](wasmparser::BinaryReader::visit_operator):
/// each operator is decoded once, validated (unless the body was validated before), then
/// translated, as wasmi does it. The translation still takes an [`Operator`], built from
/// the visited arguments.
struct FuncPass<'t> {
    translator: &'t mut Translator,
    validator: Option<&'t mut FuncValidator<ValidatorResources>>,
    module: &'t ModuleInner,
    /// Byte offset of the operator being visited.
    offset: usize,
}

/// A body's validation alone, with the decoding and the errors of [`FuncPass`]. Its
/// output is wasmparser's error (one pointer) rather than [`Error`], which is returned
/// through memory: it is converted once, when the body turns out invalid.
struct ValidatePass<'t> {
    validator: &'t mut FuncValidator<ValidatorResources>,
    offset: usize,
}

/// The `visit_*` methods of [`FuncPass`]: validate with the validator's `$visitor` (if
/// any), then translate.
macro_rules! define_visit {
    ($visitor:ident $( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        $(
            fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
                if let Some(v) = self.validator.as_deref_mut() {
                    v.$visitor(self.offset).$visit($($($arg.clone()),*)?).map_err(invalid)?;
                }
                self.translator.translate_op(self.module, &Operator::$op $({ $($arg),* })?)
            }
        )*
    };
}

macro_rules! define_visit_core {
    ($($t:tt)*) => { define_visit!(visitor $($t)*); };
}

impl<'a> VisitOperator<'a> for FuncPass<'_> {
    type Output = Result<(), Error>;

    wasmparser::for_each_visit_operator!(define_visit_core);
}

/// The `visit_*` methods of [`ValidatePass`]: the validator's `$visitor` only.
macro_rules! define_validate {
    ($visitor:ident $( @$proposal:ident $op:ident $({ $($arg:ident: $argty:ty),* })? => $visit:ident ($($ann:tt)*) )*) => {
        $(
            fn $visit(&mut self $($(, $arg: $argty)*)?) -> Self::Output {
                self.validator.$visitor(self.offset).$visit($($($arg),*)?)
            }
        )*
    };
}

macro_rules! define_validate_core {
    ($($t:tt)*) => { define_validate!(visitor $($t)*); };
}

impl<'a> VisitOperator<'a> for ValidatePass<'_> {
    type Output = Result<(), wasmparser::BinaryReaderError>;

    wasmparser::for_each_visit_operator!(define_validate_core);
}

/// `(params, results)` of a call op; `(0, 0)` for any other op.
fn call_arity(m: &ModuleInner, indirect: &[(u32, u32, u32)], op: &Op) -> (u32, u32) {
    let t = match *op {
        Op::Call { func, .. } => &m.types[m.func_types[func as usize] as usize],
        Op::CallIndirect { sig, .. } => &m.types[indirect[sig as usize].2 as usize],
        _ => return (0, 0),
    };
    (t.params.len() as u32, t.results.len() as u32)
}

#[cfg(test)]
mod tests {
    use crate::ir::Op;
    use crate::{Engine, Module};

    /// The IR of the module's first defined function.
    fn ir(wat: &str) -> Vec<Op> {
        let m = Module::from_wat(&Engine::default(), wat).unwrap();
        m.inner.code(0).unwrap().code.clone()
    }

    #[test]
    fn a_loops_back_edge_carries_its_exit_test() {
        let code = ir(r#"(module (func (param $n i32) (result i32) (local $i i32)
            block $done loop $next
              local.get $i local.get $n i32.ge_u br_if $done
              local.get $i i32.const 1 i32.add local.set $i
              br $next
            end end
            local.get $i))"#);
        // The head test, the body, then the negated test jumping back past the head and
        // the exit (here threaded into the return): four ops run per iteration, not five.
        assert_eq!(code[0], Op::BrI32GeU { a: 1, b: 0, target: 4 });
        assert_eq!(code[2], Op::BrI32LtU { a: 1, b: 0, target: 1 });
        assert!(matches!(code[3], Op::Br { target: 4 } | Op::Return { .. }), "{code:?}");
        assert!(!code.contains(&Op::Br { target: 0 }), "{code:?}");
    }

    #[test]
    fn operands_are_read_in_place_and_results_retargeted() {
        // params: 0, 1; local: 2; constant cell 3.
        let code = ir("(module (func (param i32 i32) (local i32)
            local.get 0 local.get 1 i32.add i32.const 7 i32.mul local.set 2))");
        assert_eq!(
            code,
            vec![Op::I32Add { dst: 4, a: 0, b: 1 }, Op::I32Mul { dst: 2, a: 4, b: 3 }, Op::Return { src: 0, n: 0 },]
        );
    }

    #[test]
    fn constants_sit_between_locals_and_temporaries_in_order_of_use() {
        // param: 0; constants 9 and 5: cells 1 and 2 (7, in dead code, gets none); temporaries from 3.
        let m = Module::from_wat(
            &Engine::default(),
            "(module (func (param i32) (result i32)
                local.get 0 i32.const 9 i32.add i32.const 5 i32.mul i32.const 9 i32.sub
                return i32.const 7 drop))",
        )
        .unwrap();
        let f = m.inner.code(0).unwrap();
        assert_eq!(f.consts, vec![9, 5]);
        assert_eq!(
            f.code,
            vec![
                Op::I32Add { dst: 3, a: 0, b: 1 },
                Op::I32Mul { dst: 3, a: 3, b: 2 },
                Op::I32Sub { dst: 3, a: 3, b: 1 },
                Op::Return { src: 3, n: 1 },
            ]
        );
    }

    #[test]
    fn a_translator_kept_from_another_module_translates_the_same() {
        let first = "(module (func (param i32) (result i32) (local i64)
            local.get 0 i32.const 3 i32.add block (result i32) i32.const 4 br 0 end i32.mul)
            (func (call 0 (i32.const 1)) drop))";
        let second = "(module (func (param f64) (result f64) local.get 0 f64.const 2 f64.mul))";
        let engine = Engine::default();
        Module::from_wat(&engine, first).unwrap();
        let reused = Module::from_wat(&engine, second).unwrap();
        let fresh = Module::from_wat(&Engine::default(), second).unwrap();
        assert_eq!(reused.disassemble(), fresh.disassemble());
    }

    #[test]
    fn a_pending_local_read_survives_a_write_to_it() {
        // `local.get 0` is still on the stack when local 0 is overwritten.
        let code = ir("(module (func (param i32) (result i32)
            local.get 0 i32.const 5 local.set 0 local.get 0 i32.add))");
        assert_eq!(
            code,
            vec![
                Op::Copy { dst: 2, src: 0 },
                Op::Copy { dst: 0, src: 1 },
                Op::I32Add { dst: 2, a: 2, b: 0 },
                Op::Return { src: 2, n: 1 },
            ]
        );
    }

    #[test]
    fn an_address_sum_fuses_into_its_load_or_store_and_wraps_at_32_bits() {
        let wat = r#"(module (memory 1) (data (i32.const 4) "\2a")
            (func (export "f") (param i32 i32) (result i32)
              (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 7))
              (i32.add (i32.load8_u (i32.add (local.get 0) (local.get 1)))
                       (i32.load8_u offset=1 (i32.add (local.get 0) (local.get 1))))))"#;
        let code = ir(wat);
        assert!(code.iter().any(|op| matches!(op, Op::Store8Add { a: 0, b: 1, .. })), "{code:?}");
        assert!(code.iter().any(|op| matches!(op, Op::I32Load8UAdd { a: 0, b: 1, .. })), "{code:?}");
        // With an offset the add stays: the sum wraps, the offset does not.
        assert!(code.iter().any(|op| matches!(op, Op::I32Load8U { offset: 1, .. })), "{code:?}");
        let engine = Engine::default();
        let m = Module::from_wat(&engine, wat).unwrap();
        let mut store = crate::Store::new(&engine);
        let inst = crate::Linker::new().instantiate(&mut store, &m).unwrap();
        // -1 + 5 wraps to address 4: the byte written there (7) and the one after (0).
        let out = inst.call(&mut store, "f", &[crate::Value::I32(-1), crate::Value::I32(5)]).unwrap();
        assert_eq!(out, [crate::Value::I32(7)]);
        // Out of bounds traps.
        assert!(inst.call(&mut store, "f", &[crate::Value::I32(65536), crate::Value::I32(0)]).is_err());
    }

    #[test]
    fn an_if_result_set_to_a_local_is_written_there_by_each_arm() {
        let code = ir("(module (func (param i32 i32) (result i32)
            local.get 0 (if (result i32) (then local.get 1 i32.const 3 i32.add) (else local.get 1))
            local.set 1 local.get 1))");
        assert!(!code.iter().any(|op| matches!(op, Op::Copy { dst: 1, src } if *src > 1)), "{code:?}");
        assert!(code.iter().any(|op| matches!(op, Op::I32Add { dst: 1, .. })), "{code:?}");
        assert!(!code.iter().any(|op| matches!(op, Op::Copy { dst: 1, src: 1 })), "{code:?}");
    }

    #[test]
    fn an_if_result_is_copied_when_a_pending_read_of_the_local_remains() {
        // `local.get 1` below the `if` must see the old value: no early write.
        let wat = "(module (func (export \"f\") (param i32 i32) (result i32)
            local.get 1
            local.get 0 (if (result i32) (then i32.const 7) (else i32.const 9))
            local.set 1 local.get 1 i32.sub))";
        let engine = Engine::default();
        let m = Module::from_wat(&engine, wat).unwrap();
        let mut store = crate::Store::new(&engine);
        let inst = crate::Linker::new().instantiate(&mut store, &m).unwrap();
        let out = inst.call(&mut store, "f", &[crate::Value::I32(1), crate::Value::I32(100)]).unwrap();
        assert_eq!(out, [crate::Value::I32(93)]);
        let out = inst.call(&mut store, "f", &[crate::Value::I32(0), crate::Value::I32(100)]).unwrap();
        assert_eq!(out, [crate::Value::I32(91)]);
    }

    #[test]
    fn a_comparison_fuses_with_the_branch_on_it() {
        let code = ir("(module (func (param i32 i32) (loop local.get 0 local.get 1 i32.lt_s br_if 0)))");
        assert_eq!(code, vec![Op::BrI32LtS { a: 0, b: 1, target: 0 }, Op::Return { src: 0, n: 0 }]);
        // `if` branches to the else arm when the comparison is false.
        let code = ir("(module (func (param i64 i64) (result i32)
            local.get 0 local.get 1 i64.eq if (result i32) i32.const 1 else i32.const 2 end))");
        assert_eq!(code[0], Op::BrI64Ne { a: 0, b: 1, target: 3 });
    }

    #[test]
    fn a_comparison_whose_result_is_kept_does_not_fuse() {
        // The result is also stored in local 2, so the compare must run.
        let code = ir("(module (func (param i32 i32) (local i32)
            (loop local.get 0 local.get 1 i32.lt_s local.tee 2 br_if 0)))");
        assert_eq!(code[0], Op::I32LtS { dst: 2, a: 0, b: 1 });
        assert_eq!(code[1], Op::BrIfNez { cond: 2, target: 0 });
    }

    #[test]
    fn branches_resolve_to_absolute_targets() {
        let code = ir("(module (func (param i32) (loop local.get 0 br_if 0)))");
        assert_eq!(code, vec![Op::BrIfNez { cond: 0, target: 0 }, Op::Return { src: 0, n: 0 }]);
    }

    #[test]
    fn fuel_regions_are_charged_per_straight_line_run() {
        let engine = Engine::new(crate::Config::default().consume_fuel(true));
        let m = Module::from_wat(&engine, "(module (func (param i32) (loop local.get 0 br_if 0) nop))").unwrap();
        let code = &m.inner.code(0).unwrap().code;
        // `loop`; then `local.get 0 br_if 0` in the loop; then `end nop end` after the
        // branch (the loop's end is no join point: nothing branches there).
        assert_eq!(
            code[..],
            [
                Op::Fuel { amount: 1 },
                Op::Fuel { amount: 2 },
                Op::BrIfNez { cond: 0, target: 1 },
                Op::Fuel { amount: 3 },
                Op::Return { src: 0, n: 0 },
            ]
        );
    }
}

#[cfg(test)]
mod fib_shape {
    #[test]
    fn fib_body_is_compact() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/wat/fib.wat")).unwrap();
        let m = crate::Module::from_wat(&crate::Engine::default(), &text).unwrap();
        let code = &m.inner.code(0).unwrap().code;
        // 17 wasm instructions; README's architecture section quotes this figure.
        assert_eq!(code.len(), 9, "{code:#?}");
    }
}
