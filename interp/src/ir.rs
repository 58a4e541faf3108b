//! The internal IR: one table of operations, from which the op enum and its names are derived.
//!
//! The IR is register-style. Every function frame is a window of untyped 64-bit cells:
//! `[params | locals | constants | operand-stack temporaries]`. Operands name cells by
//! their index in that window ([`Slot`]), so `local.get a; local.get b; i32.add; local.set c`
//! is the single op `I32Add { dst: c, a, b }`, and constants are cells too (copied into the
//! frame on entry), so no op needs a 64-bit immediate. Branch targets are resolved to
//! absolute positions in the function's op array at translation time.

/// A cell index relative to the current frame's base.
pub type Slot = u32;

/// Invokes `$m!` with the whole numeric and memory op table. Each row names the op
/// variant, the pure semantic function in [`crate::semantics`] that implements it,
/// and its operand and result types; load and store rows also name the variant that takes
/// its address as the sum of two cells at offset 0 (an `i32.add` fused into the access).
macro_rules! for_each_numeric_op {
    ($m:ident) => {
        $m! {
            unary {
                (I32Eqz, i32_eqz, i32 => i32)
                (I32Clz, i32_clz, i32 => i32)
                (I32Ctz, i32_ctz, i32 => i32)
                (I32Popcnt, i32_popcnt, i32 => i32)
                (I64Eqz, i64_eqz, i64 => i32)
                (I64Clz, i64_clz, i64 => i64)
                (I64Ctz, i64_ctz, i64 => i64)
                (I64Popcnt, i64_popcnt, i64 => i64)
                (F32Abs, f32_abs, f32 => f32)
                (F32Neg, f32_neg, f32 => f32)
                (F32Ceil, f32_ceil, f32 => f32)
                (F32Floor, f32_floor, f32 => f32)
                (F32Trunc, f32_trunc, f32 => f32)
                (F32Nearest, f32_nearest, f32 => f32)
                (F32Sqrt, f32_sqrt, f32 => f32)
                (F64Abs, f64_abs, f64 => f64)
                (F64Neg, f64_neg, f64 => f64)
                (F64Ceil, f64_ceil, f64 => f64)
                (F64Floor, f64_floor, f64 => f64)
                (F64Trunc, f64_trunc, f64 => f64)
                (F64Nearest, f64_nearest, f64 => f64)
                (F64Sqrt, f64_sqrt, f64 => f64)
                (I32WrapI64, i32_wrap_i64, i64 => i32)
                (I64ExtendI32S, i64_extend_i32_s, i32 => i64)
                (I64ExtendI32U, i64_extend_i32_u, i32 => i64)
                (F32ConvertI32S, f32_convert_i32_s, i32 => f32)
                (F32ConvertI32U, f32_convert_i32_u, i32 => f32)
                (F32ConvertI64S, f32_convert_i64_s, i64 => f32)
                (F32ConvertI64U, f32_convert_i64_u, i64 => f32)
                (F32DemoteF64, f32_demote_f64, f64 => f32)
                (F64ConvertI32S, f64_convert_i32_s, i32 => f64)
                (F64ConvertI32U, f64_convert_i32_u, i32 => f64)
                (F64ConvertI64S, f64_convert_i64_s, i64 => f64)
                (F64ConvertI64U, f64_convert_i64_u, i64 => f64)
                (F64PromoteF32, f64_promote_f32, f32 => f64)
                (I32Extend8S, i32_extend8_s, i32 => i32)
                (I32Extend16S, i32_extend16_s, i32 => i32)
                (I64Extend8S, i64_extend8_s, i64 => i64)
                (I64Extend16S, i64_extend16_s, i64 => i64)
                (I64Extend32S, i64_extend32_s, i64 => i64)
                (I32TruncSatF32S, i32_trunc_sat_f32_s, f32 => i32)
                (I32TruncSatF32U, i32_trunc_sat_f32_u, f32 => i32)
                (I32TruncSatF64S, i32_trunc_sat_f64_s, f64 => i32)
                (I32TruncSatF64U, i32_trunc_sat_f64_u, f64 => i32)
                (I64TruncSatF32S, i64_trunc_sat_f32_s, f32 => i64)
                (I64TruncSatF32U, i64_trunc_sat_f32_u, f32 => i64)
                (I64TruncSatF64S, i64_trunc_sat_f64_s, f64 => i64)
                (I64TruncSatF64U, i64_trunc_sat_f64_u, f64 => i64)
            }
            unary_trap {
                (I32TruncF32S, i32_trunc_f32_s, f32 => i32)
                (I32TruncF32U, i32_trunc_f32_u, f32 => i32)
                (I32TruncF64S, i32_trunc_f64_s, f64 => i32)
                (I32TruncF64U, i32_trunc_f64_u, f64 => i32)
                (I64TruncF32S, i64_trunc_f32_s, f32 => i64)
                (I64TruncF32U, i64_trunc_f32_u, f32 => i64)
                (I64TruncF64S, i64_trunc_f64_s, f64 => i64)
                (I64TruncF64U, i64_trunc_f64_u, f64 => i64)
            }
            binary {
                (I32Eq, i32_eq, i32 i32 => i32)
                (I32Ne, i32_ne, i32 i32 => i32)
                (I32LtS, i32_lt_s, i32 i32 => i32)
                (I32LtU, i32_lt_u, i32 i32 => i32)
                (I32GtS, i32_gt_s, i32 i32 => i32)
                (I32GtU, i32_gt_u, i32 i32 => i32)
                (I32LeS, i32_le_s, i32 i32 => i32)
                (I32LeU, i32_le_u, i32 i32 => i32)
                (I32GeS, i32_ge_s, i32 i32 => i32)
                (I32GeU, i32_ge_u, i32 i32 => i32)
                (I64Eq, i64_eq, i64 i64 => i32)
                (I64Ne, i64_ne, i64 i64 => i32)
                (I64LtS, i64_lt_s, i64 i64 => i32)
                (I64LtU, i64_lt_u, i64 i64 => i32)
                (I64GtS, i64_gt_s, i64 i64 => i32)
                (I64GtU, i64_gt_u, i64 i64 => i32)
                (I64LeS, i64_le_s, i64 i64 => i32)
                (I64LeU, i64_le_u, i64 i64 => i32)
                (I64GeS, i64_ge_s, i64 i64 => i32)
                (I64GeU, i64_ge_u, i64 i64 => i32)
                (F32Eq, f32_eq, f32 f32 => i32)
                (F32Ne, f32_ne, f32 f32 => i32)
                (F32Lt, f32_lt, f32 f32 => i32)
                (F32Gt, f32_gt, f32 f32 => i32)
                (F32Le, f32_le, f32 f32 => i32)
                (F32Ge, f32_ge, f32 f32 => i32)
                (F64Eq, f64_eq, f64 f64 => i32)
                (F64Ne, f64_ne, f64 f64 => i32)
                (F64Lt, f64_lt, f64 f64 => i32)
                (F64Gt, f64_gt, f64 f64 => i32)
                (F64Le, f64_le, f64 f64 => i32)
                (F64Ge, f64_ge, f64 f64 => i32)
                (I32Add, i32_add, i32 i32 => i32)
                (I32Sub, i32_sub, i32 i32 => i32)
                (I32Mul, i32_mul, i32 i32 => i32)
                (I32And, i32_and, i32 i32 => i32)
                (I32Or, i32_or, i32 i32 => i32)
                (I32Xor, i32_xor, i32 i32 => i32)
                (I32Shl, i32_shl, i32 i32 => i32)
                (I32ShrS, i32_shr_s, i32 i32 => i32)
                (I32ShrU, i32_shr_u, i32 i32 => i32)
                (I32Rotl, i32_rotl, i32 i32 => i32)
                (I32Rotr, i32_rotr, i32 i32 => i32)
                (I64Add, i64_add, i64 i64 => i64)
                (I64Sub, i64_sub, i64 i64 => i64)
                (I64Mul, i64_mul, i64 i64 => i64)
                (I64And, i64_and, i64 i64 => i64)
                (I64Or, i64_or, i64 i64 => i64)
                (I64Xor, i64_xor, i64 i64 => i64)
                (I64Shl, i64_shl, i64 i64 => i64)
                (I64ShrS, i64_shr_s, i64 i64 => i64)
                (I64ShrU, i64_shr_u, i64 i64 => i64)
                (I64Rotl, i64_rotl, i64 i64 => i64)
                (I64Rotr, i64_rotr, i64 i64 => i64)
                (F32Add, f32_add, f32 f32 => f32)
                (F32Sub, f32_sub, f32 f32 => f32)
                (F32Mul, f32_mul, f32 f32 => f32)
                (F32Div, f32_div, f32 f32 => f32)
                (F32Min, f32_min, f32 f32 => f32)
                (F32Max, f32_max, f32 f32 => f32)
                (F32Copysign, f32_copysign, f32 f32 => f32)
                (F64Add, f64_add, f64 f64 => f64)
                (F64Sub, f64_sub, f64 f64 => f64)
                (F64Mul, f64_mul, f64 f64 => f64)
                (F64Div, f64_div, f64 f64 => f64)
                (F64Min, f64_min, f64 f64 => f64)
                (F64Max, f64_max, f64 f64 => f64)
                (F64Copysign, f64_copysign, f64 f64 => f64)
            }
            binary_trap {
                (I32DivS, i32_div_s, i32 i32 => i32)
                (I32DivU, i32_div_u, i32 i32 => i32)
                (I32RemS, i32_rem_s, i32 i32 => i32)
                (I32RemU, i32_rem_u, i32 i32 => i32)
                (I64DivS, i64_div_s, i64 i64 => i64)
                (I64DivU, i64_div_u, i64 i64 => i64)
                (I64RemS, i64_rem_s, i64 i64 => i64)
                (I64RemU, i64_rem_u, i64 i64 => i64)
            }
            load {
                (Load32, Load32Add, load32, 4, u32 => i32)
                (Load64, Load64Add, load64, 8, u64 => i64)
                (I32Load8S, I32Load8SAdd, i32_load8_s, 1, i8 => i32)
                (I32Load8U, I32Load8UAdd, i32_load8_u, 1, u8 => i32)
                (I32Load16S, I32Load16SAdd, i32_load16_s, 2, i16 => i32)
                (I32Load16U, I32Load16UAdd, i32_load16_u, 2, u16 => i32)
                (I64Load8S, I64Load8SAdd, i64_load8_s, 1, i8 => i64)
                (I64Load8U, I64Load8UAdd, i64_load8_u, 1, u8 => i64)
                (I64Load16S, I64Load16SAdd, i64_load16_s, 2, i16 => i64)
                (I64Load16U, I64Load16UAdd, i64_load16_u, 2, u16 => i64)
                (I64Load32S, I64Load32SAdd, i64_load32_s, 4, i32 => i64)
                (I64Load32U, I64Load32UAdd, i64_load32_u, 4, u32 => i64)
            }
            store {
                (Store8, Store8Add, store8, 1)
                (Store16, Store16Add, store16, 2)
                (Store32, Store32Add, store32, 4)
                (Store64, Store64Add, store64, 8)
            }
            cmp_branch {
                (BrI32Eq, I32Eq, i32_eq, i32, BrI32Ne)
                (BrI32Ne, I32Ne, i32_ne, i32, BrI32Eq)
                (BrI32LtS, I32LtS, i32_lt_s, i32, BrI32GeS)
                (BrI32LtU, I32LtU, i32_lt_u, i32, BrI32GeU)
                (BrI32GtS, I32GtS, i32_gt_s, i32, BrI32LeS)
                (BrI32GtU, I32GtU, i32_gt_u, i32, BrI32LeU)
                (BrI32LeS, I32LeS, i32_le_s, i32, BrI32GtS)
                (BrI32LeU, I32LeU, i32_le_u, i32, BrI32GtU)
                (BrI32GeS, I32GeS, i32_ge_s, i32, BrI32LtS)
                (BrI32GeU, I32GeU, i32_ge_u, i32, BrI32LtU)
                (BrI64Eq, I64Eq, i64_eq, i64, BrI64Ne)
                (BrI64Ne, I64Ne, i64_ne, i64, BrI64Eq)
                (BrI64LtS, I64LtS, i64_lt_s, i64, BrI64GeS)
                (BrI64LtU, I64LtU, i64_lt_u, i64, BrI64GeU)
                (BrI64GtS, I64GtS, i64_gt_s, i64, BrI64LeS)
                (BrI64GtU, I64GtU, i64_gt_u, i64, BrI64LeU)
                (BrI64LeS, I64LeS, i64_le_s, i64, BrI64GtS)
                (BrI64LeU, I64LeU, i64_le_u, i64, BrI64GtU)
                (BrI64GeS, I64GeS, i64_ge_s, i64, BrI64LtS)
                (BrI64GeU, I64GeU, i64_ge_u, i64, BrI64LtU)
            }
        }
    };
}
pub(crate) use for_each_numeric_op;

macro_rules! define_ops {
    (
        unary { $( ($un:ident, $unf:ident, $($unt:tt)*) )* }
        unary_trap { $( ($ut:ident, $utf:ident, $($utt:tt)*) )* }
        binary { $( ($bn:ident, $bnf:ident, $($bnt:tt)*) )* }
        binary_trap { $( ($bt:ident, $btf:ident, $($btt:tt)*) )* }
        load { $( ($ld:ident, $la:ident, $ldf:ident, $($ldt:tt)*) )* }
        store { $( ($st:ident, $sa:ident, $stf:ident, $stn:literal) )* }
        cmp_branch { $( ($cb:ident, $cbc:ident, $cbf:ident, $cbt:ident, $cbi:ident) )* }
    ) => {
        /// One IR operation. Kept at 16 bytes: at most three 32-bit fields. The `u16`
        /// representation fixes the layout: the tag (variants numbered in declaration
        /// order) at offset 0, so the threaded dispatch can index its handler table by it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Op {
            // ---- control ----
            /// Traps with "unreachable".
            Unreachable,
            /// Charges `amount` fuel for the straight-line code that follows.
            Fuel { amount: u32 },
            /// Jumps to `target`.
            Br { target: u32 },
            /// Jumps to `target` when `cond` is zero.
            BrIfEqz { cond: Slot, target: u32 },
            /// Jumps to `target` when `cond` is not zero.
            BrIfNez { cond: Slot, target: u32 },
            /// Executes the `min(index, len)`-th of the `len + 1` ops that follow (each a `Br`, or a `Return`).
            BrTable { index: Slot, len: u32 },
            /// Returns the `n` cells at `src..src+n` to the caller.
            Return { src: Slot, n: u32 },
            /// Calls function `func` of the current instance; arguments at `base..`, results land at `base..`.
            Call { func: u32, base: Slot },
            /// Calls through table entry `s[index]`; `sig` indexes the function's `call_indirect` side table.
            CallIndirect { index: Slot, base: Slot, sig: u32 },
            // ---- data movement ----
            /// `s[dst] = s[src]`.
            Copy { dst: Slot, src: Slot },
            /// Copies `n` cells from `src..` to `dst..`, lowest first (`dst <= src` or disjoint).
            CopyN { dst: Slot, src: Slot, n: u32 },
            /// `if s[cond] == 0 { s[dst] = s[b] }`; the first operand already sits in `dst`.
            Select { dst: Slot, cond: Slot, b: Slot },
            GlobalGet { dst: Slot, global: u32 },
            GlobalSet { global: u32, src: Slot },
            // ---- memory ----
            MemorySize { dst: Slot },
            /// `s[dst] = memory.grow(s[delta])`.
            MemoryGrow { dst: Slot, delta: Slot },
            /// Operands `d, val, n` at `base..base+3`.
            MemoryFill { base: Slot },
            /// Operands `d, s, n` at `base..base+3`.
            MemoryCopy { base: Slot },
            /// Operands `d, s, n` at `base..base+3`.
            MemoryInit { base: Slot, data: u32 },
            DataDrop { data: u32 },
            // ---- tables and references ----
            TableGet { dst: Slot, index: Slot, table: u32 },
            TableSet { index: Slot, val: Slot, table: u32 },
            TableSize { dst: Slot, table: u32 },
            /// Operands `init, n` at `base..base+2`, result at `base`.
            TableGrow { base: Slot, table: u32 },
            /// Operands `i, val, n` at `base..base+3`.
            TableFill { base: Slot, table: u32 },
            /// Operands `d, s, n` at `base..base+3`.
            TableCopy { base: Slot, dst_table: u32, src_table: u32 },
            /// Operands `d, s, n` at `base..base+3`.
            TableInit { base: Slot, table: u32, elem: u32 },
            ElemDrop { elem: u32 },
            RefFunc { dst: Slot, func: u32 },
            // ---- memoization probes (only in code translated with memo on) ----
            /// Enters memo unit `block` of the function: look up, replay, or record.
            MemoEnter { block: u32 },
            /// Leaves the memo units listed by the function's `memo_exits[exit]` (they exit
            /// here), which also names the cells the exit carries.
            MemoLeave { exit: u32 },
            // ---- numeric ----
            $( $un { dst: Slot, src: Slot }, )*
            $( $ut { dst: Slot, src: Slot }, )*
            $( $bn { dst: Slot, a: Slot, b: Slot }, )*
            $( $bt { dst: Slot, a: Slot, b: Slot }, )*
            $( $ld { dst: Slot, addr: Slot, offset: u32 }, )*
            $( $st { addr: Slot, val: Slot, offset: u32 }, )*
            // ---- loads and stores at offset 0 of the address `s[a] + s[b]` (an `i32.add`
            // fused into the access) ----
            $( $la { dst: Slot, a: Slot, b: Slot }, )*
            $( $sa { a: Slot, b: Slot, val: Slot }, )*
            // ---- fused compare and branch: jump to `target` when `a <cmp> b` ----
            $( $cb { a: Slot, b: Slot, target: u32 }, )*
        }

        impl Op {
            /// Calls `f(slot, is_write)` for every frame cell the op reads or writes.
            /// `arity(op)` gives `(params, results)` of a call. Reads come before writes.
            pub fn for_each_slot(&self, arity: impl Fn(&Op) -> (u32, u32), mut f: impl FnMut(Slot, bool)) {
                match *self {
                    $( Op::$un { dst, src } )|* | $( Op::$ut { dst, src } )|* => {
                        f(src, false);
                        f(dst, true);
                    }
                    $( Op::$bn { dst, a, b } )|* | $( Op::$bt { dst, a, b } )|* => {
                        f(a, false);
                        f(b, false);
                        f(dst, true);
                    }
                    $( Op::$ld { dst, addr, .. } )|* => {
                        f(addr, false);
                        f(dst, true);
                    }
                    $( Op::$st { addr, val, .. } )|* => {
                        f(addr, false);
                        f(val, false);
                    }
                    $( Op::$la { dst, a, b } )|* => {
                        f(a, false);
                        f(b, false);
                        f(dst, true);
                    }
                    $( Op::$sa { a, b, val } )|* => {
                        f(a, false);
                        f(b, false);
                        f(val, false);
                    }
                    Op::Unreachable
                    | Op::Fuel { .. }
                    | Op::Br { .. }
                    | Op::DataDrop { .. }
                    | Op::ElemDrop { .. }
                    | Op::MemoEnter { .. }
                    | Op::MemoLeave { .. } => {}
                    Op::BrIfEqz { cond, .. } | Op::BrIfNez { cond, .. } => f(cond, false),
                    $( Op::$cb { a, b, .. } )|* => {
                        f(a, false);
                        f(b, false);
                    }
                    Op::BrTable { index, .. } => f(index, false),
                    Op::Return { src, n } => (src..src + n).for_each(|s| f(s, false)),
                    Op::Call { base, .. } => {
                        let (p, r) = arity(self);
                        (base..base + p).for_each(|s| f(s, false));
                        (base..base + r).for_each(|s| f(s, true));
                    }
                    Op::CallIndirect { index, base, .. } => {
                        let (p, r) = arity(self);
                        f(index, false);
                        (base..base + p).for_each(|s| f(s, false));
                        (base..base + r).for_each(|s| f(s, true));
                    }
                    Op::Copy { dst, src } => {
                        f(src, false);
                        f(dst, true);
                    }
                    Op::CopyN { dst, src, n } => {
                        (src..src + n).for_each(|s| f(s, false));
                        (dst..dst + n).for_each(|s| f(s, true));
                    }
                    Op::Select { dst, cond, b } => {
                        f(dst, false);
                        f(cond, false);
                        f(b, false);
                        f(dst, true);
                    }
                    Op::GlobalGet { dst, .. }
                    | Op::MemorySize { dst }
                    | Op::TableSize { dst, .. }
                    | Op::RefFunc { dst, .. } => f(dst, true),
                    Op::GlobalSet { src, .. } => f(src, false),
                    Op::MemoryGrow { dst, delta } => {
                        f(delta, false);
                        f(dst, true);
                    }
                    Op::MemoryFill { base }
                    | Op::MemoryCopy { base }
                    | Op::MemoryInit { base, .. }
                    | Op::TableFill { base, .. }
                    | Op::TableCopy { base, .. }
                    | Op::TableInit { base, .. } => (base..base + 3).for_each(|s| f(s, false)),
                    Op::TableGet { dst, index, .. } => {
                        f(index, false);
                        f(dst, true);
                    }
                    Op::TableSet { index, val, .. } => {
                        f(index, false);
                        f(val, false);
                    }
                    Op::TableGrow { base, .. } => {
                        f(base, false);
                        f(base + 1, false);
                        f(base, true);
                    }
                }
            }

            /// Calls `f` on each cell field of the op once: a range of cells (call arguments,
            /// the operands of `memory.fill`, several return values) by its first cell, and a
            /// `Return` of nothing not at all. For renumbering cells; use [`Op::for_each_slot`]
            /// to see every cell an op touches.
            pub fn for_each_slot_mut(&mut self, mut f: impl FnMut(&mut Slot)) {
                match self {
                    $( Op::$un { dst, src } )|* | $( Op::$ut { dst, src } )|* => {
                        f(src);
                        f(dst);
                    }
                    $( Op::$bn { dst, a, b } )|* | $( Op::$bt { dst, a, b } )|* => {
                        f(a);
                        f(b);
                        f(dst);
                    }
                    $( Op::$ld { dst, addr, .. } )|* => {
                        f(addr);
                        f(dst);
                    }
                    $( Op::$st { addr, val, .. } )|* => {
                        f(addr);
                        f(val);
                    }
                    $( Op::$la { dst, a, b } )|* => {
                        f(a);
                        f(b);
                        f(dst);
                    }
                    $( Op::$sa { a, b, val } )|* => {
                        f(a);
                        f(b);
                        f(val);
                    }
                    Op::Unreachable
                    | Op::Fuel { .. }
                    | Op::Br { .. }
                    | Op::DataDrop { .. }
                    | Op::ElemDrop { .. }
                    | Op::MemoEnter { .. }
                    | Op::MemoLeave { .. }
                    | Op::Return { n: 0, .. } => {}
                    Op::BrIfEqz { cond, .. } | Op::BrIfNez { cond, .. } => f(cond),
                    $( Op::$cb { a, b, .. } )|* => {
                        f(a);
                        f(b);
                    }
                    Op::BrTable { index, .. } => f(index),
                    Op::Return { src, .. } => f(src),
                    Op::Call { base, .. } => f(base),
                    Op::CallIndirect { index, base, .. } => {
                        f(index);
                        f(base);
                    }
                    Op::Copy { dst, src } | Op::CopyN { dst, src, .. } => {
                        f(src);
                        f(dst);
                    }
                    Op::Select { dst, cond, b } => {
                        f(dst);
                        f(cond);
                        f(b);
                    }
                    Op::GlobalGet { dst, .. }
                    | Op::MemorySize { dst }
                    | Op::TableSize { dst, .. }
                    | Op::RefFunc { dst, .. } => f(dst),
                    Op::GlobalSet { src, .. } => f(src),
                    Op::MemoryGrow { dst, delta } => {
                        f(delta);
                        f(dst);
                    }
                    Op::MemoryFill { base }
                    | Op::MemoryCopy { base }
                    | Op::MemoryInit { base, .. }
                    | Op::TableFill { base, .. }
                    | Op::TableCopy { base, .. }
                    | Op::TableInit { base, .. }
                    | Op::TableGrow { base, .. } => f(base),
                    Op::TableGet { dst, index, .. } => {
                        f(index);
                        f(dst);
                    }
                    Op::TableSet { index, val, .. } => {
                        f(index);
                        f(val);
                    }
                }
            }

            /// The jump target of a branch op.
            pub fn branch_target_mut(&mut self) -> Option<&mut u32> {
                match self {
                    Op::Br { target }
                    | Op::BrIfEqz { target, .. }
                    | Op::BrIfNez { target, .. }
                    $( | Op::$cb { target, .. } )* => Some(target),
                    _ => None,
                }
            }

            /// The conditional branch taken exactly when this one is not.
            pub fn negate(self) -> Option<Op> {
                Some(match self {
                    Op::BrIfEqz { cond, target } => Op::BrIfNez { cond, target },
                    Op::BrIfNez { cond, target } => Op::BrIfEqz { cond, target },
                    $( Op::$cb { a, b, target } => Op::$cbi { a, b, target }, )*
                    _ => return None,
                })
            }

            /// The fused branch for a comparison op: taken when the comparison is `when`.
            pub fn branch_on(self, when: bool, target: u32) -> Option<Op> {
                let op = match self {
                    $( Op::$cbc { a, b, .. } => Op::$cb { a, b, target }, )*
                    // Cells of i32 values are zero-extended, so one test serves both widths.
                    Op::I32Eqz { src, .. } | Op::I64Eqz { src, .. } => Op::BrIfEqz { cond: src, target },
                    _ => return None,
                };
                if when { Some(op) } else { op.negate() }
            }

            /// This load or store, if it is at offset 0 of the address in cell `sum` (and
            /// stores no value from it), with that address computed as `s[a] + s[b]`
            /// (wrapping, as `i32.add`) instead of read from `sum`.
            pub fn with_address_sum(self, sum: Slot, a: Slot, b: Slot) -> Option<Op> {
                Some(match self {
                    $( Op::$ld { dst, addr, offset: 0 } if addr == sum => Op::$la { dst, a, b }, )*
                    $( Op::$st { addr, val, offset: 0 } if addr == sum && val != sum => Op::$sa { a, b, val }, )*
                    _ => return None,
                })
            }

            /// Points the op's result at `slot`; false if the op has no single result cell
            /// that may be moved.
            pub fn set_result(&mut self, slot: Slot) -> bool {
                match self {
                    $( Op::$un { dst, .. } )|*
                    | $( Op::$ut { dst, .. } )|*
                    | $( Op::$bn { dst, .. } )|*
                    | $( Op::$bt { dst, .. } )|*
                    | $( Op::$ld { dst, .. } )|*
                    | $( Op::$la { dst, .. } )|*
                    | Op::GlobalGet { dst, .. }
                    | Op::MemorySize { dst }
                    | Op::TableGet { dst, .. }
                    | Op::TableSize { dst, .. }
                    | Op::RefFunc { dst, .. }
                    | Op::Copy { dst, .. } => {
                        *dst = slot;
                        true
                    }
                    _ => false,
                }
            }
        }
    };
}

for_each_numeric_op!(define_ops);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn op_is_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Op>(), 16);
    }

    #[test]
    fn eqz_fuses_with_the_branch_it_feeds() {
        let eqz = Op::I32Eqz { dst: 4, src: 1 };
        assert_eq!(eqz.branch_on(true, 9), Some(Op::BrIfEqz { cond: 1, target: 9 }));
        assert_eq!(eqz.branch_on(false, 9), Some(Op::BrIfNez { cond: 1, target: 9 }));
        let eqz = Op::I64Eqz { dst: 4, src: 2 };
        assert_eq!(eqz.branch_on(true, 3), Some(Op::BrIfEqz { cond: 2, target: 3 }));
    }

    #[test]
    fn renumbering_moves_every_cell_an_op_names() {
        let arity = |_: &Op| (2, 1);
        let ops = [
            Op::I32Add { dst: 5, a: 0, b: 1 },
            Op::Store32 { addr: 2, val: 3, offset: 8 },
            Op::Call { func: 0, base: 4 },
            Op::CallIndirect { index: 1, base: 6, sig: 0 },
            Op::Select { dst: 2, cond: 3, b: 4 },
            Op::MemoryCopy { base: 3 },
            Op::TableGrow { base: 2, table: 0 },
            Op::Return { src: 4, n: 2 },
            Op::BrI32LtS { a: 1, b: 2, target: 7 },
        ];
        for op in ops {
            let mut moved = op;
            moved.for_each_slot_mut(|s| *s += 10);
            let (mut before, mut after) = (Vec::new(), Vec::new());
            op.for_each_slot(arity, |s, w| before.push((s + 10, w)));
            moved.for_each_slot(arity, |s, w| after.push((s, w)));
            assert_eq!(before, after, "{op:?}");
        }
        // A return of nothing names no cell.
        let mut ret = Op::Return { src: 0, n: 0 };
        ret.for_each_slot_mut(|s| *s += 10);
        assert_eq!(ret, Op::Return { src: 0, n: 0 });
    }

    #[test]
    fn result_can_be_retargeted() {
        let mut op = Op::I32Add { dst: 5, a: 0, b: 1 };
        assert!(op.set_result(2));
        assert_eq!(op, Op::I32Add { dst: 2, a: 0, b: 1 });
        assert!(!Op::Br { target: 0 }.set_result(1));
    }
}
