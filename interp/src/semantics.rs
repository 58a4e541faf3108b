//! The semantics of WebAssembly's numeric instructions as pure functions, each documenting its traps.
//!
//! Every numeric row of `for_each_numeric_op!` in `ir.rs` names one function here.
//! Integers are passed as their signed Rust type whatever the signedness of the op;
//! unsigned ops reinterpret the bits. Comparisons and `eqz` return `1` or `0`.
//!
//! Floats follow IEEE 754 as the spec demands: `neg`, `abs` and `copysign` only touch the
//! sign bit (so NaN payloads survive untouched), and every other op that yields a NaN
//! yields an arithmetic (quiet) one — a quieted input NaN where there is one.

use crate::Trap;

const F32_SIGN: u32 = 0x8000_0000;
const F32_QUIET: u32 = 0x0040_0000;
const F64_SIGN: u64 = 0x8000_0000_0000_0000;
const F64_QUIET: u64 = 0x0008_0000_0000_0000;

/// `a` (a NaN) with its quiet bit set: sign and payload kept, so canonical stays canonical.
#[inline]
fn f32_quiet(a: f32) -> f32 {
    f32::from_bits(a.to_bits() | F32_QUIET)
}

/// `a` (a NaN) with its quiet bit set: sign and payload kept, so canonical stays canonical.
#[inline]
fn f64_quiet(a: f64) -> f64 {
    f64::from_bits(a.to_bits() | F64_QUIET)
}

/// The result `r` of a float operation, made an arithmetic NaN if it is a NaN. Rust lets an
/// operation with a signalling NaN operand return that NaN unchanged (so that, say, `x * 1.0`
/// can fold to `x`), while WebAssembly requires the quiet bit to be set.
#[inline]
fn f32_arith(r: f32) -> f32 {
    if r.is_nan() {
        f32_quiet(r)
    } else {
        r
    }
}

/// The result `r` of a float operation, made an arithmetic NaN if it is a NaN (see [`f32_arith`]).
#[inline]
fn f64_arith(r: f64) -> f64 {
    if r.is_nan() {
        f64_quiet(r)
    } else {
        r
    }
}

/// The result `r` of a binary float operation on `a` and `b`. A NaN result is the first
/// NaN operand, quieted, or else (both operands numbers) the hardware's NaN. The hardware
/// returns one of two NaN operands depending on the order the compiler gave them, which
/// differs from one handler to another (an operand in a register or in memory), so the
/// choice is made here, the same in every handler.
#[inline]
fn f32_arith2(r: f32, a: f32, b: f32) -> f32 {
    if r.is_nan() {
        std::hint::cold_path();
        f32_quiet(if a.is_nan() {
            a
        } else if b.is_nan() {
            b
        } else {
            r
        })
    } else {
        r
    }
}

/// As [`f32_arith2`].
#[inline]
fn f64_arith2(r: f64, a: f64, b: f64) -> f64 {
    if r.is_nan() {
        std::hint::cold_path();
        f64_quiet(if a.is_nan() {
            a
        } else if b.is_nan() {
            b
        } else {
            r
        })
    } else {
        r
    }
}

// ---------------------------------------------------------------------------------------
// i32 unary
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i32_eqz(a: i32) -> i32 {
    (a == 0) as i32
}

#[inline]
pub fn i32_clz(a: i32) -> i32 {
    a.leading_zeros() as i32
}

#[inline]
pub fn i32_ctz(a: i32) -> i32 {
    a.trailing_zeros() as i32
}

#[inline]
pub fn i32_popcnt(a: i32) -> i32 {
    a.count_ones() as i32
}

// ---------------------------------------------------------------------------------------
// i64 unary
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i64_eqz(a: i64) -> i32 {
    (a == 0) as i32
}

#[inline]
pub fn i64_clz(a: i64) -> i64 {
    i64::from(a.leading_zeros())
}

#[inline]
pub fn i64_ctz(a: i64) -> i64 {
    i64::from(a.trailing_zeros())
}

#[inline]
pub fn i64_popcnt(a: i64) -> i64 {
    i64::from(a.count_ones())
}

// ---------------------------------------------------------------------------------------
// f32 unary
// ---------------------------------------------------------------------------------------

/// Clears the sign bit; NaN payloads are preserved.
#[inline]
pub fn f32_abs(a: f32) -> f32 {
    f32::from_bits(a.to_bits() & !F32_SIGN)
}

/// Flips the sign bit; NaN payloads are preserved.
#[inline]
pub fn f32_neg(a: f32) -> f32 {
    f32::from_bits(a.to_bits() ^ F32_SIGN)
}

#[inline]
pub fn f32_ceil(a: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else {
        a.ceil()
    }
}

#[inline]
pub fn f32_floor(a: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else {
        a.floor()
    }
}

#[inline]
pub fn f32_trunc(a: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else {
        a.trunc()
    }
}

/// Rounds to the nearest integer, ties to even.
#[inline]
pub fn f32_nearest(a: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else {
        a.round_ties_even()
    }
}

#[inline]
pub fn f32_sqrt(a: f32) -> f32 {
    f32_arith(a.sqrt())
}

// ---------------------------------------------------------------------------------------
// f64 unary
// ---------------------------------------------------------------------------------------

/// Clears the sign bit; NaN payloads are preserved.
#[inline]
pub fn f64_abs(a: f64) -> f64 {
    f64::from_bits(a.to_bits() & !F64_SIGN)
}

/// Flips the sign bit; NaN payloads are preserved.
#[inline]
pub fn f64_neg(a: f64) -> f64 {
    f64::from_bits(a.to_bits() ^ F64_SIGN)
}

#[inline]
pub fn f64_ceil(a: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else {
        a.ceil()
    }
}

#[inline]
pub fn f64_floor(a: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else {
        a.floor()
    }
}

#[inline]
pub fn f64_trunc(a: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else {
        a.trunc()
    }
}

/// Rounds to the nearest integer, ties to even.
#[inline]
pub fn f64_nearest(a: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else {
        a.round_ties_even()
    }
}

#[inline]
pub fn f64_sqrt(a: f64) -> f64 {
    f64_arith(a.sqrt())
}

// ---------------------------------------------------------------------------------------
// Integer width conversions and sign extension
// ---------------------------------------------------------------------------------------

/// Keeps the low 32 bits.
#[inline]
pub fn i32_wrap_i64(a: i64) -> i32 {
    a as i32
}

#[inline]
pub fn i64_extend_i32_s(a: i32) -> i64 {
    i64::from(a)
}

#[inline]
pub fn i64_extend_i32_u(a: i32) -> i64 {
    i64::from(a as u32)
}

/// Sign-extends the low 8 bits.
#[inline]
pub fn i32_extend8_s(a: i32) -> i32 {
    i32::from(a as i8)
}

/// Sign-extends the low 16 bits.
#[inline]
pub fn i32_extend16_s(a: i32) -> i32 {
    i32::from(a as i16)
}

/// Sign-extends the low 8 bits.
#[inline]
pub fn i64_extend8_s(a: i64) -> i64 {
    i64::from(a as i8)
}

/// Sign-extends the low 16 bits.
#[inline]
pub fn i64_extend16_s(a: i64) -> i64 {
    i64::from(a as i16)
}

/// Sign-extends the low 32 bits.
#[inline]
pub fn i64_extend32_s(a: i64) -> i64 {
    i64::from(a as i32)
}

// ---------------------------------------------------------------------------------------
// Integer to float conversions (round to nearest, ties to even: what `as` does)
// ---------------------------------------------------------------------------------------

#[inline]
pub fn f32_convert_i32_s(a: i32) -> f32 {
    a as f32
}

#[inline]
pub fn f32_convert_i32_u(a: i32) -> f32 {
    a as u32 as f32
}

#[inline]
pub fn f32_convert_i64_s(a: i64) -> f32 {
    a as f32
}

#[inline]
pub fn f32_convert_i64_u(a: i64) -> f32 {
    a as u64 as f32
}

#[inline]
pub fn f64_convert_i32_s(a: i32) -> f64 {
    f64::from(a)
}

#[inline]
pub fn f64_convert_i32_u(a: i32) -> f64 {
    f64::from(a as u32)
}

#[inline]
pub fn f64_convert_i64_s(a: i64) -> f64 {
    a as f64
}

#[inline]
pub fn f64_convert_i64_u(a: i64) -> f64 {
    a as u64 as f64
}

// ---------------------------------------------------------------------------------------
// Float to float conversions
// ---------------------------------------------------------------------------------------

/// Rounds to nearest, ties to even; a NaN gives a quiet NaN.
#[inline]
pub fn f32_demote_f64(a: f64) -> f32 {
    f32_arith(a as f32)
}

/// Exact; a NaN gives a quiet NaN.
#[inline]
pub fn f64_promote_f32(a: f32) -> f64 {
    f64_arith(f64::from(a))
}

// ---------------------------------------------------------------------------------------
// Saturating float to integer truncation (`as` saturates and maps NaN to 0)
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i32_trunc_sat_f32_s(a: f32) -> i32 {
    a as i32
}

#[inline]
pub fn i32_trunc_sat_f32_u(a: f32) -> i32 {
    a as u32 as i32
}

#[inline]
pub fn i32_trunc_sat_f64_s(a: f64) -> i32 {
    a as i32
}

#[inline]
pub fn i32_trunc_sat_f64_u(a: f64) -> i32 {
    a as u32 as i32
}

#[inline]
pub fn i64_trunc_sat_f32_s(a: f32) -> i64 {
    a as i64
}

#[inline]
pub fn i64_trunc_sat_f32_u(a: f32) -> i64 {
    a as u64 as i64
}

#[inline]
pub fn i64_trunc_sat_f64_s(a: f64) -> i64 {
    a as i64
}

#[inline]
pub fn i64_trunc_sat_f64_u(a: f64) -> i64 {
    a as u64 as i64
}

// ---------------------------------------------------------------------------------------
// Trapping float to integer truncation
//
// `a` is accepted iff `lo < a < hi` where `lo` and `hi` are the first values whose
// truncation leaves the target range, all exactly representable in the source type.
// Inside the bounds, `as` truncates toward zero exactly.
// ---------------------------------------------------------------------------------------

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-2^31 - 1 < a < 2^31`.
#[inline]
pub fn i32_trunc_f32_s(a: f32) -> Result<i32, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    // -2^31 - 1 is not an f32; the next f32 below -2^31 is -2^31 - 2^8.
    if a <= -2_147_483_904.0 || a >= 2_147_483_648.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as i32)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-1 < a < 2^32`.
#[inline]
pub fn i32_trunc_f32_u(a: f32) -> Result<i32, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    if a <= -1.0 || a >= 4_294_967_296.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as u32 as i32)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-2^31 - 1 < a < 2^31`.
#[inline]
pub fn i32_trunc_f64_s(a: f64) -> Result<i32, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    if a <= -2_147_483_649.0 || a >= 2_147_483_648.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as i32)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-1 < a < 2^32`.
#[inline]
pub fn i32_trunc_f64_u(a: f64) -> Result<i32, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    if a <= -1.0 || a >= 4_294_967_296.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as u32 as i32)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-2^63 - 1 < a < 2^63`.
#[inline]
pub fn i64_trunc_f32_s(a: f32) -> Result<i64, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    // -2^63 - 1 is not an f32; the next f32 below -2^63 is -2^63 - 2^40.
    if a <= -9_223_373_136_366_403_584.0 || a >= 9_223_372_036_854_775_808.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as i64)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-1 < a < 2^64`.
#[inline]
pub fn i64_trunc_f32_u(a: f32) -> Result<i64, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    if a <= -1.0 || a >= 18_446_744_073_709_551_616.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as u64 as i64)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-2^63 - 1 < a < 2^63`.
#[inline]
pub fn i64_trunc_f64_s(a: f64) -> Result<i64, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    // -2^63 - 1 is not an f64; the next f64 below -2^63 is -2^63 - 2^11.
    if a <= -9_223_372_036_854_777_856.0 || a >= 9_223_372_036_854_775_808.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as i64)
}

/// Traps `InvalidConversionToInteger` on NaN, `IntegerOverflow` unless `-1 < a < 2^64`.
#[inline]
pub fn i64_trunc_f64_u(a: f64) -> Result<i64, Trap> {
    if a.is_nan() {
        return Err(Trap::InvalidConversionToInteger);
    }
    if a <= -1.0 || a >= 18_446_744_073_709_551_616.0 {
        return Err(Trap::IntegerOverflow);
    }
    Ok(a as u64 as i64)
}

// ---------------------------------------------------------------------------------------
// i32 comparisons
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i32_eq(a: i32, b: i32) -> i32 {
    (a == b) as i32
}

#[inline]
pub fn i32_ne(a: i32, b: i32) -> i32 {
    (a != b) as i32
}

#[inline]
pub fn i32_lt_s(a: i32, b: i32) -> i32 {
    (a < b) as i32
}

#[inline]
pub fn i32_lt_u(a: i32, b: i32) -> i32 {
    ((a as u32) < (b as u32)) as i32
}

#[inline]
pub fn i32_gt_s(a: i32, b: i32) -> i32 {
    (a > b) as i32
}

#[inline]
pub fn i32_gt_u(a: i32, b: i32) -> i32 {
    ((a as u32) > (b as u32)) as i32
}

#[inline]
pub fn i32_le_s(a: i32, b: i32) -> i32 {
    (a <= b) as i32
}

#[inline]
pub fn i32_le_u(a: i32, b: i32) -> i32 {
    ((a as u32) <= (b as u32)) as i32
}

#[inline]
pub fn i32_ge_s(a: i32, b: i32) -> i32 {
    (a >= b) as i32
}

#[inline]
pub fn i32_ge_u(a: i32, b: i32) -> i32 {
    ((a as u32) >= (b as u32)) as i32
}

// ---------------------------------------------------------------------------------------
// i64 comparisons
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i64_eq(a: i64, b: i64) -> i32 {
    (a == b) as i32
}

#[inline]
pub fn i64_ne(a: i64, b: i64) -> i32 {
    (a != b) as i32
}

#[inline]
pub fn i64_lt_s(a: i64, b: i64) -> i32 {
    (a < b) as i32
}

#[inline]
pub fn i64_lt_u(a: i64, b: i64) -> i32 {
    ((a as u64) < (b as u64)) as i32
}

#[inline]
pub fn i64_gt_s(a: i64, b: i64) -> i32 {
    (a > b) as i32
}

#[inline]
pub fn i64_gt_u(a: i64, b: i64) -> i32 {
    ((a as u64) > (b as u64)) as i32
}

#[inline]
pub fn i64_le_s(a: i64, b: i64) -> i32 {
    (a <= b) as i32
}

#[inline]
pub fn i64_le_u(a: i64, b: i64) -> i32 {
    ((a as u64) <= (b as u64)) as i32
}

#[inline]
pub fn i64_ge_s(a: i64, b: i64) -> i32 {
    (a >= b) as i32
}

#[inline]
pub fn i64_ge_u(a: i64, b: i64) -> i32 {
    ((a as u64) >= (b as u64)) as i32
}

// ---------------------------------------------------------------------------------------
// Float comparisons (IEEE: any comparison with NaN is false, except `ne`)
// ---------------------------------------------------------------------------------------

#[inline]
pub fn f32_eq(a: f32, b: f32) -> i32 {
    (a == b) as i32
}

#[inline]
pub fn f32_ne(a: f32, b: f32) -> i32 {
    (a != b) as i32
}

#[inline]
pub fn f32_lt(a: f32, b: f32) -> i32 {
    (a < b) as i32
}

#[inline]
pub fn f32_gt(a: f32, b: f32) -> i32 {
    (a > b) as i32
}

#[inline]
pub fn f32_le(a: f32, b: f32) -> i32 {
    (a <= b) as i32
}

#[inline]
pub fn f32_ge(a: f32, b: f32) -> i32 {
    (a >= b) as i32
}

#[inline]
pub fn f64_eq(a: f64, b: f64) -> i32 {
    (a == b) as i32
}

#[inline]
pub fn f64_ne(a: f64, b: f64) -> i32 {
    (a != b) as i32
}

#[inline]
pub fn f64_lt(a: f64, b: f64) -> i32 {
    (a < b) as i32
}

#[inline]
pub fn f64_gt(a: f64, b: f64) -> i32 {
    (a > b) as i32
}

#[inline]
pub fn f64_le(a: f64, b: f64) -> i32 {
    (a <= b) as i32
}

#[inline]
pub fn f64_ge(a: f64, b: f64) -> i32 {
    (a >= b) as i32
}

// ---------------------------------------------------------------------------------------
// i32 arithmetic (wrapping; shift and rotate counts are taken modulo 32)
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i32_add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[inline]
pub fn i32_sub(a: i32, b: i32) -> i32 {
    a.wrapping_sub(b)
}

#[inline]
pub fn i32_mul(a: i32, b: i32) -> i32 {
    a.wrapping_mul(b)
}

#[inline]
pub fn i32_and(a: i32, b: i32) -> i32 {
    a & b
}

#[inline]
pub fn i32_or(a: i32, b: i32) -> i32 {
    a | b
}

#[inline]
pub fn i32_xor(a: i32, b: i32) -> i32 {
    a ^ b
}

#[inline]
pub fn i32_shl(a: i32, b: i32) -> i32 {
    a.wrapping_shl(b as u32)
}

#[inline]
pub fn i32_shr_s(a: i32, b: i32) -> i32 {
    a.wrapping_shr(b as u32)
}

#[inline]
pub fn i32_shr_u(a: i32, b: i32) -> i32 {
    (a as u32).wrapping_shr(b as u32) as i32
}

#[inline]
pub fn i32_rotl(a: i32, b: i32) -> i32 {
    a.rotate_left(b as u32 & 31)
}

#[inline]
pub fn i32_rotr(a: i32, b: i32) -> i32 {
    a.rotate_right(b as u32 & 31)
}

// ---------------------------------------------------------------------------------------
// i64 arithmetic (wrapping; shift and rotate counts are taken modulo 64)
// ---------------------------------------------------------------------------------------

#[inline]
pub fn i64_add(a: i64, b: i64) -> i64 {
    a.wrapping_add(b)
}

#[inline]
pub fn i64_sub(a: i64, b: i64) -> i64 {
    a.wrapping_sub(b)
}

#[inline]
pub fn i64_mul(a: i64, b: i64) -> i64 {
    a.wrapping_mul(b)
}

#[inline]
pub fn i64_and(a: i64, b: i64) -> i64 {
    a & b
}

#[inline]
pub fn i64_or(a: i64, b: i64) -> i64 {
    a | b
}

#[inline]
pub fn i64_xor(a: i64, b: i64) -> i64 {
    a ^ b
}

// `b as u32` keeps the low 32 bits, of which `wrapping_shl` and friends use the low 6.

#[inline]
pub fn i64_shl(a: i64, b: i64) -> i64 {
    a.wrapping_shl(b as u32)
}

#[inline]
pub fn i64_shr_s(a: i64, b: i64) -> i64 {
    a.wrapping_shr(b as u32)
}

#[inline]
pub fn i64_shr_u(a: i64, b: i64) -> i64 {
    (a as u64).wrapping_shr(b as u32) as i64
}

#[inline]
pub fn i64_rotl(a: i64, b: i64) -> i64 {
    a.rotate_left(b as u32 & 63)
}

#[inline]
pub fn i64_rotr(a: i64, b: i64) -> i64 {
    a.rotate_right(b as u32 & 63)
}

// ---------------------------------------------------------------------------------------
// f32 arithmetic
// ---------------------------------------------------------------------------------------

#[inline]
pub fn f32_add(a: f32, b: f32) -> f32 {
    f32_arith2(a + b, a, b)
}

#[inline]
pub fn f32_sub(a: f32, b: f32) -> f32 {
    f32_arith2(a - b, a, b)
}

#[inline]
pub fn f32_mul(a: f32, b: f32) -> f32 {
    f32_arith2(a * b, a, b)
}

#[inline]
pub fn f32_div(a: f32, b: f32) -> f32 {
    f32_arith2(a / b, a, b)
}

/// NaN if either operand is NaN (the first NaN operand, quieted); `-0` is below `+0`.
#[inline]
pub fn f32_min(a: f32, b: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else if b.is_nan() {
        f32_quiet(b)
    } else if a == b {
        // Equal, so identical unless they are zeros of opposite sign: take the negative one.
        f32::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// NaN if either operand is NaN (the first NaN operand, quieted); `+0` is above `-0`.
#[inline]
pub fn f32_max(a: f32, b: f32) -> f32 {
    if a.is_nan() {
        f32_quiet(a)
    } else if b.is_nan() {
        f32_quiet(b)
    } else if a == b {
        // Equal, so identical unless they are zeros of opposite sign: take the positive one.
        f32::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

/// `a` with the sign bit of `b`; NaN payloads are preserved.
#[inline]
pub fn f32_copysign(a: f32, b: f32) -> f32 {
    f32::from_bits((a.to_bits() & !F32_SIGN) | (b.to_bits() & F32_SIGN))
}

// ---------------------------------------------------------------------------------------
// f64 arithmetic
// ---------------------------------------------------------------------------------------

#[inline]
pub fn f64_add(a: f64, b: f64) -> f64 {
    f64_arith2(a + b, a, b)
}

#[inline]
pub fn f64_sub(a: f64, b: f64) -> f64 {
    f64_arith2(a - b, a, b)
}

#[inline]
pub fn f64_mul(a: f64, b: f64) -> f64 {
    f64_arith2(a * b, a, b)
}

#[inline]
pub fn f64_div(a: f64, b: f64) -> f64 {
    f64_arith2(a / b, a, b)
}

/// NaN if either operand is NaN (the first NaN operand, quieted); `-0` is below `+0`.
#[inline]
pub fn f64_min(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else if b.is_nan() {
        f64_quiet(b)
    } else if a == b {
        // Equal, so identical unless they are zeros of opposite sign: take the negative one.
        f64::from_bits(a.to_bits() | b.to_bits())
    } else if a < b {
        a
    } else {
        b
    }
}

/// NaN if either operand is NaN (the first NaN operand, quieted); `+0` is above `-0`.
#[inline]
pub fn f64_max(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        f64_quiet(a)
    } else if b.is_nan() {
        f64_quiet(b)
    } else if a == b {
        // Equal, so identical unless they are zeros of opposite sign: take the positive one.
        f64::from_bits(a.to_bits() & b.to_bits())
    } else if a > b {
        a
    } else {
        b
    }
}

/// `a` with the sign bit of `b`; NaN payloads are preserved.
#[inline]
pub fn f64_copysign(a: f64, b: f64) -> f64 {
    f64::from_bits((a.to_bits() & !F64_SIGN) | (b.to_bits() & F64_SIGN))
}

// ---------------------------------------------------------------------------------------
// Trapping integer division
// ---------------------------------------------------------------------------------------

/// Traps `IntegerDivideByZero` if `b == 0`, `IntegerOverflow` on `i32::MIN / -1`.
#[inline]
pub fn i32_div_s(a: i32, b: i32) -> Result<i32, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else if a == i32::MIN && b == -1 {
        Err(Trap::IntegerOverflow)
    } else {
        Ok(a / b)
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`.
#[inline]
pub fn i32_div_u(a: i32, b: i32) -> Result<i32, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(((a as u32) / (b as u32)) as i32)
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`; `i32::MIN % -1` is 0.
#[inline]
pub fn i32_rem_s(a: i32, b: i32) -> Result<i32, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(a.wrapping_rem(b))
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`.
#[inline]
pub fn i32_rem_u(a: i32, b: i32) -> Result<i32, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(((a as u32) % (b as u32)) as i32)
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`, `IntegerOverflow` on `i64::MIN / -1`.
#[inline]
pub fn i64_div_s(a: i64, b: i64) -> Result<i64, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else if a == i64::MIN && b == -1 {
        Err(Trap::IntegerOverflow)
    } else {
        Ok(a / b)
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`.
#[inline]
pub fn i64_div_u(a: i64, b: i64) -> Result<i64, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(((a as u64) / (b as u64)) as i64)
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`; `i64::MIN % -1` is 0.
#[inline]
pub fn i64_rem_s(a: i64, b: i64) -> Result<i64, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(a.wrapping_rem(b))
    }
}

/// Traps `IntegerDivideByZero` if `b == 0`.
#[inline]
pub fn i64_rem_u(a: i64, b: i64) -> Result<i64, Trap> {
    if b == 0 {
        Err(Trap::IntegerDivideByZero)
    } else {
        Ok(((a as u64) % (b as u64)) as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OVF: Result<i32, Trap> = Err(Trap::IntegerOverflow);
    const INV: Result<i32, Trap> = Err(Trap::InvalidConversionToInteger);
    const OVF64: Result<i64, Trap> = Err(Trap::IntegerOverflow);
    const INV64: Result<i64, Trap> = Err(Trap::InvalidConversionToInteger);

    /// The next float towards minus infinity (for finite, nonzero positive or negative `a`).
    fn f32_below(a: f32) -> f32 {
        if a > 0.0 {
            f32::from_bits(a.to_bits() - 1)
        } else {
            f32::from_bits(a.to_bits() + 1)
        }
    }

    fn f32_above(a: f32) -> f32 {
        if a > 0.0 {
            f32::from_bits(a.to_bits() + 1)
        } else {
            f32::from_bits(a.to_bits() - 1)
        }
    }

    fn f64_below(a: f64) -> f64 {
        if a > 0.0 {
            f64::from_bits(a.to_bits() - 1)
        } else {
            f64::from_bits(a.to_bits() + 1)
        }
    }

    fn f64_above(a: f64) -> f64 {
        if a > 0.0 {
            f64::from_bits(a.to_bits() + 1)
        } else {
            f64::from_bits(a.to_bits() - 1)
        }
    }

    fn is_quiet32(a: f32) -> bool {
        a.is_nan() && a.to_bits() & F32_QUIET != 0
    }

    fn is_quiet64(a: f64) -> bool {
        a.is_nan() && a.to_bits() & F64_QUIET != 0
    }

    const SNAN32: u32 = 0x7fa0_0001;
    const SNAN64: u64 = 0x7ff4_0000_0000_0001;

    #[test]
    fn integer_division_traps() {
        assert_eq!(i32_div_s(i32::MIN, -1), Err(Trap::IntegerOverflow));
        assert_eq!(i64_div_s(i64::MIN, -1), Err(Trap::IntegerOverflow));
        assert_eq!(i32_div_s(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i32_div_s(i32::MIN, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i32_div_u(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i32_rem_s(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i32_rem_u(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i64_div_s(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i64_div_u(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i64_rem_s(1, 0), Err(Trap::IntegerDivideByZero));
        assert_eq!(i64_rem_u(1, 0), Err(Trap::IntegerDivideByZero));
    }

    #[test]
    fn integer_division_values() {
        assert_eq!(i32_rem_s(i32::MIN, -1), Ok(0));
        assert_eq!(i64_rem_s(i64::MIN, -1), Ok(0));
        assert_eq!(i32_div_s(i32::MIN, 1), Ok(i32::MIN));
        assert_eq!(i32_div_s(-7, 2), Ok(-3));
        assert_eq!(i32_rem_s(-7, 2), Ok(-1));
        assert_eq!(i32_rem_s(7, -2), Ok(1));
        assert_eq!(i32_div_u(-1, 2), Ok(0x7fff_ffff));
        assert_eq!(i32_div_u(i32::MIN, -1), Ok(0));
        assert_eq!(i32_rem_u(-1, 2), Ok(1));
        assert_eq!(i32_rem_u(5, -1), Ok(5));
        assert_eq!(i64_div_s(-7, 2), Ok(-3));
        assert_eq!(i64_div_u(-1, 2), Ok(i64::MAX));
        assert_eq!(i64_div_u(i64::MIN, -1), Ok(0));
        assert_eq!(i64_rem_s(-7, 2), Ok(-1));
        assert_eq!(i64_rem_u(-1, 2), Ok(1));
    }

    #[test]
    fn wrapping_arithmetic() {
        assert_eq!(i32_add(i32::MAX, 1), i32::MIN);
        assert_eq!(i32_sub(i32::MIN, 1), i32::MAX);
        assert_eq!(i32_mul(0x1000_0000, 16), 0);
        assert_eq!(i64_add(i64::MAX, 1), i64::MIN);
        assert_eq!(i64_sub(i64::MIN, 1), i64::MAX);
        assert_eq!(i64_mul(i64::MIN, -1), i64::MIN);
        assert_eq!(i32_and(0b1100, 0b1010), 0b1000);
        assert_eq!(i32_or(0b1100, 0b1010), 0b1110);
        assert_eq!(i32_xor(0b1100, 0b1010), 0b0110);
        assert_eq!(i64_and(-1, 5), 5);
        assert_eq!(i64_or(4, 1), 5);
        assert_eq!(i64_xor(-1, 0), -1);
    }

    #[test]
    fn shifts_take_count_modulo_width() {
        assert_eq!(i32_shl(1, 32), 1);
        assert_eq!(i32_shl(1, 33), 2);
        assert_eq!(i32_shl(1, -1), i32::MIN);
        assert_eq!(i32_shr_s(i32::MIN, 31), -1);
        assert_eq!(i32_shr_s(i32::MIN, 32), i32::MIN);
        assert_eq!(i32_shr_s(-1, -1), -1);
        assert_eq!(i32_shr_u(i32::MIN, 31), 1);
        assert_eq!(i32_shr_u(i32::MIN, -1), 1);
        assert_eq!(i32_shr_u(-1, 32), -1);
        assert_eq!(i64_shl(1, 64), 1);
        assert_eq!(i64_shl(1, 65), 2);
        assert_eq!(i64_shl(1, -1), i64::MIN);
        assert_eq!(i64_shl(1, 0x1_0000_0001), 2);
        assert_eq!(i64_shr_s(i64::MIN, 63), -1);
        assert_eq!(i64_shr_s(i64::MIN, 64), i64::MIN);
        assert_eq!(i64_shr_u(i64::MIN, 63), 1);
        assert_eq!(i64_shr_u(i64::MIN, -1), 1);
        assert_eq!(i64_shr_u(-1, 64), -1);
    }

    #[test]
    fn rotates() {
        assert_eq!(i32_rotl(0x8000_0001u32 as i32, 1), 3);
        assert_eq!(i32_rotr(3, 1), 0x8000_0001u32 as i32);
        assert_eq!(i32_rotl(0x1234_5678, 32), 0x1234_5678);
        assert_eq!(i32_rotl(0x1234_5678, 36), 0x2345_6781);
        assert_eq!(i32_rotl(1, -1), i32::MIN);
        assert_eq!(i32_rotr(1, -1), 2);
        assert_eq!(i32_rotr(0x1234_5678, 4), 0x8123_4567u32 as i32);
        assert_eq!(i64_rotl(i64::MIN | 1, 1), 3);
        assert_eq!(i64_rotr(3, 1), i64::MIN | 1);
        assert_eq!(i64_rotl(0x1234, 64), 0x1234);
        assert_eq!(i64_rotl(1, -1), i64::MIN);
        assert_eq!(i64_rotr(1, -1), 2);
        assert_eq!(i64_rotr(1, 65), i64::MIN);
    }

    #[test]
    fn bit_counts() {
        assert_eq!(i32_clz(0), 32);
        assert_eq!(i32_ctz(0), 32);
        assert_eq!(i32_popcnt(0), 0);
        assert_eq!(i32_clz(1), 31);
        assert_eq!(i32_clz(-1), 0);
        assert_eq!(i32_ctz(i32::MIN), 31);
        assert_eq!(i32_popcnt(-1), 32);
        assert_eq!(i64_clz(0), 64);
        assert_eq!(i64_ctz(0), 64);
        assert_eq!(i64_popcnt(0), 0);
        assert_eq!(i64_clz(1), 63);
        assert_eq!(i64_ctz(i64::MIN), 63);
        assert_eq!(i64_popcnt(-1), 64);
        assert_eq!(i32_eqz(0), 1);
        assert_eq!(i32_eqz(i32::MIN), 0);
        assert_eq!(i64_eqz(0), 1);
        assert_eq!(i64_eqz(1 << 32), 0);
    }

    #[test]
    fn integer_comparisons() {
        assert_eq!(i32_eq(3, 3), 1);
        assert_eq!(i32_ne(3, 3), 0);
        assert_eq!(i32_lt_s(-1, 0), 1);
        assert_eq!(i32_lt_u(-1, 0), 0);
        assert_eq!(i32_gt_s(-1, 0), 0);
        assert_eq!(i32_gt_u(-1, 0), 1);
        assert_eq!(i32_le_s(i32::MIN, i32::MIN), 1);
        assert_eq!(i32_le_u(i32::MIN, 1), 0);
        assert_eq!(i32_ge_s(0, i32::MIN), 1);
        assert_eq!(i32_ge_u(0, i32::MIN), 0);
        assert_eq!(i64_eq(1 << 40, 1 << 40), 1);
        assert_eq!(i64_ne(1 << 40, 0), 1);
        assert_eq!(i64_lt_s(-1, 0), 1);
        assert_eq!(i64_lt_u(-1, 0), 0);
        assert_eq!(i64_gt_s(-1, 0), 0);
        assert_eq!(i64_gt_u(-1, 0), 1);
        assert_eq!(i64_le_s(i64::MIN, i64::MIN), 1);
        assert_eq!(i64_le_u(i64::MIN, 1), 0);
        assert_eq!(i64_ge_s(0, i64::MIN), 1);
        assert_eq!(i64_ge_u(0, i64::MIN), 0);
    }

    #[test]
    fn float_comparisons_with_nan_and_zeros() {
        let n32 = f32::NAN;
        let n64 = f64::NAN;
        assert_eq!(f32_eq(n32, n32), 0);
        assert_eq!(f32_ne(n32, n32), 1);
        assert_eq!(f32_lt(n32, 0.0), 0);
        assert_eq!(f32_gt(n32, 0.0), 0);
        assert_eq!(f32_le(n32, 0.0), 0);
        assert_eq!(f32_ge(0.0, n32), 0);
        assert_eq!(f32_eq(-0.0, 0.0), 1);
        assert_eq!(f32_lt(-0.0, 0.0), 0);
        assert_eq!(f32_le(-1.0, 0.0), 1);
        assert_eq!(f32_ge(1.0, 0.0), 1);
        assert_eq!(f64_eq(n64, n64), 0);
        assert_eq!(f64_ne(n64, n64), 1);
        assert_eq!(f64_lt(n64, 0.0), 0);
        assert_eq!(f64_gt(n64, 0.0), 0);
        assert_eq!(f64_le(n64, 0.0), 0);
        assert_eq!(f64_ge(0.0, n64), 0);
        assert_eq!(f64_eq(-0.0, 0.0), 1);
        assert_eq!(f64_gt(0.0, -0.0), 0);
        assert_eq!(f64_lt(-1.0, 0.0), 1);
        assert_eq!(f64_ge(1.0, 1.0), 1);
    }

    #[test]
    fn sign_ops_preserve_nan_payloads() {
        let s = f32::from_bits(SNAN32);
        assert_eq!(f32_neg(s).to_bits(), SNAN32 | F32_SIGN);
        assert_eq!(f32_neg(f32_neg(s)).to_bits(), SNAN32);
        assert_eq!(f32_abs(f32::from_bits(SNAN32 | F32_SIGN)).to_bits(), SNAN32);
        assert_eq!(f32_copysign(s, -1.0).to_bits(), SNAN32 | F32_SIGN);
        assert_eq!(f32_copysign(f32_neg(s), 1.0).to_bits(), SNAN32);
        assert_eq!(f32_copysign(1.0, f32_neg(s)).to_bits(), (-1.0f32).to_bits());
        assert_eq!(f32_neg(0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_abs(-0.0).to_bits(), 0);
        let d = f64::from_bits(SNAN64);
        assert_eq!(f64_neg(d).to_bits(), SNAN64 | F64_SIGN);
        assert_eq!(f64_abs(f64::from_bits(SNAN64 | F64_SIGN)).to_bits(), SNAN64);
        assert_eq!(f64_copysign(d, -0.0).to_bits(), SNAN64 | F64_SIGN);
        assert_eq!(f64_copysign(f64_neg(d), 0.0).to_bits(), SNAN64);
        assert_eq!(f64_copysign(2.0, -0.0), -2.0);
        assert_eq!(f64_neg(0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f64_abs(-0.0).to_bits(), 0);
    }

    #[test]
    fn min_max_nan() {
        let s = f32::from_bits(SNAN32);
        for (a, b) in [(f32::NAN, 1.0), (1.0, f32::NAN), (s, 0.0), (0.0, s), (s, f32::NAN)] {
            assert!(is_quiet32(f32_min(a, b)));
            assert!(is_quiet32(f32_max(a, b)));
        }
        assert!(is_quiet32(f32_min(f32::INFINITY, f32::NAN)));
        assert!(is_quiet32(f32_max(f32::NEG_INFINITY, f32::NAN)));
        // A canonical NaN operand yields a canonical NaN.
        assert_eq!(f32_min(f32::NAN, 1.0).to_bits(), 0x7fc0_0000);
        // A signalling operand's payload is kept, quieted.
        assert_eq!(f32_max(1.0, s).to_bits(), SNAN32 | F32_QUIET);
        let d = f64::from_bits(SNAN64);
        for (a, b) in [(f64::NAN, 1.0), (1.0, f64::NAN), (d, 0.0), (0.0, d)] {
            assert!(is_quiet64(f64_min(a, b)));
            assert!(is_quiet64(f64_max(a, b)));
        }
        assert_eq!(f64_max(f64::NAN, 1.0).to_bits(), 0x7ff8_0000_0000_0000);
        assert_eq!(f64_min(1.0, d).to_bits(), SNAN64 | F64_QUIET);
    }

    #[test]
    fn min_max_signed_zeros() {
        let (p, n) = (0.0f32, -0.0f32);
        assert_eq!(f32_min(n, p).to_bits(), n.to_bits());
        assert_eq!(f32_min(p, n).to_bits(), n.to_bits());
        assert_eq!(f32_max(n, p).to_bits(), p.to_bits());
        assert_eq!(f32_max(p, n).to_bits(), p.to_bits());
        assert_eq!(f32_min(n, n).to_bits(), n.to_bits());
        assert_eq!(f32_max(p, p).to_bits(), p.to_bits());
        let (p, n) = (0.0f64, -0.0f64);
        assert_eq!(f64_min(n, p).to_bits(), n.to_bits());
        assert_eq!(f64_min(p, n).to_bits(), n.to_bits());
        assert_eq!(f64_max(n, p).to_bits(), p.to_bits());
        assert_eq!(f64_max(p, n).to_bits(), p.to_bits());
        assert_eq!(f64_max(n, n).to_bits(), n.to_bits());
    }

    #[test]
    fn min_max_ordinary() {
        assert_eq!(f32_min(1.0, 2.0), 1.0);
        assert_eq!(f32_min(2.0, -1.0), -1.0);
        assert_eq!(f32_max(1.0, 2.0), 2.0);
        assert_eq!(f32_max(f32::NEG_INFINITY, -1.0), -1.0);
        assert_eq!(f32_min(f32::NEG_INFINITY, f32::INFINITY), f32::NEG_INFINITY);
        assert_eq!(f64_min(1.0, 2.0), 1.0);
        assert_eq!(f64_max(1.0, 2.0), 2.0);
        assert_eq!(f64_max(-3.0, f64::NEG_INFINITY), -3.0);
        assert_eq!(f64_min(f64::INFINITY, 5.0), 5.0);
    }

    #[test]
    fn nearest_rounds_half_to_even() {
        assert_eq!(f32_nearest(0.5).to_bits(), 0.0f32.to_bits());
        assert_eq!(f32_nearest(1.5), 2.0);
        assert_eq!(f32_nearest(2.5), 2.0);
        assert_eq!(f32_nearest(-0.5).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_nearest(-1.5), -2.0);
        assert_eq!(f32_nearest(-2.5), -2.0);
        assert_eq!(f32_nearest(4_194_303.5), 4_194_304.0);
        assert_eq!(f64_nearest(0.5).to_bits(), 0.0f64.to_bits());
        assert_eq!(f64_nearest(1.5), 2.0);
        assert_eq!(f64_nearest(2.5), 2.0);
        assert_eq!(f64_nearest(-0.5).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f64_nearest(-2.5), -2.0);
        assert_eq!(f64_nearest(4_503_599_627_370_495.5), 4_503_599_627_370_496.0);
    }

    #[test]
    fn rounding_ops() {
        assert_eq!(f32_ceil(-0.5).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_ceil(1.1), 2.0);
        assert_eq!(f32_floor(-0.5), -1.0);
        assert_eq!(f32_floor(0.5).to_bits(), 0);
        assert_eq!(f32_trunc(-1.9), -1.0);
        assert_eq!(f32_trunc(-0.9).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_sqrt(4.0), 2.0);
        assert_eq!(f32_sqrt(-0.0).to_bits(), (-0.0f32).to_bits());
        assert!(is_quiet32(f32_sqrt(-1.0)));
        assert_eq!(f64_ceil(-0.5).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f64_ceil(1.1), 2.0);
        assert_eq!(f64_floor(-0.5), -1.0);
        assert_eq!(f64_trunc(-1.9), -1.0);
        assert_eq!(f64_sqrt(2.0), std::f64::consts::SQRT_2);
        assert!(is_quiet64(f64_sqrt(-1.0)));
    }

    #[test]
    fn two_nan_operands_give_the_first_whatever_the_order_of_evaluation() {
        let (a, b) = (f32::from_bits(0xffc0_0001), f32::from_bits(SNAN32));
        for op in [f32_add, f32_sub, f32_mul, f32_div] {
            assert_eq!(op(a, b).to_bits(), 0xffc0_0001);
            assert_eq!(op(b, a).to_bits(), SNAN32 | F32_QUIET);
            assert_eq!(op(1.0, b).to_bits(), SNAN32 | F32_QUIET);
        }
        let (c, d) = (f64::from_bits(0xfff8_0000_0000_0001), f64::from_bits(SNAN64));
        for op in [f64_add, f64_sub, f64_mul, f64_div] {
            assert_eq!(op(c, d).to_bits(), 0xfff8_0000_0000_0001);
            assert_eq!(op(d, c).to_bits(), SNAN64 | F64_QUIET);
        }
        // Numbers that make a NaN give the hardware's NaN, quiet.
        assert!(is_quiet32(f32_div(0.0, 0.0)) && is_quiet64(f64_sub(f64::INFINITY, f64::INFINITY)));
    }

    #[test]
    fn nan_inputs_give_quiet_nans() {
        let s = f32::from_bits(SNAN32);
        for op in [f32_ceil, f32_floor, f32_trunc, f32_nearest] {
            assert_eq!(op(s).to_bits(), SNAN32 | F32_QUIET);
            assert_eq!(op(f32::NAN).to_bits(), 0x7fc0_0000);
        }
        assert!(is_quiet32(f32_sqrt(s)));
        // Rust may fold `x * 1.0`, `x + -0.0` and the like to `x`, even for a signalling `x`.
        for op in [f32_add, f32_sub, f32_mul, f32_div] {
            assert!(is_quiet32(op(s, -0.0)));
            assert!(is_quiet32(op(s, 0.0)));
            assert!(is_quiet32(op(s, 1.0)));
            assert!(is_quiet32(op(1.0, s)));
        }
        let d = f64::from_bits(SNAN64);
        for op in [f64_ceil, f64_floor, f64_trunc, f64_nearest] {
            assert_eq!(op(d).to_bits(), SNAN64 | F64_QUIET);
            assert_eq!(op(f64::NAN).to_bits(), 0x7ff8_0000_0000_0000);
        }
        assert!(is_quiet64(f64_sqrt(d)));
        // Rust may fold `x * 1.0`, `x + -0.0` and the like to `x`, even for a signalling `x`.
        for op in [f64_add, f64_sub, f64_mul, f64_div] {
            assert!(is_quiet64(op(d, -0.0)));
            assert!(is_quiet64(op(d, 0.0)));
            assert!(is_quiet64(op(d, 1.0)));
            assert!(is_quiet64(op(1.0, d)));
        }
        assert!(is_quiet32(f32_demote_f64(d)));
        assert!(is_quiet64(f64_promote_f32(s)));
        assert_eq!(f64_promote_f32(f32::NAN).to_bits(), 0x7ff8_0000_0000_0000);
        assert_eq!(f32_demote_f64(f64::NAN).to_bits(), 0x7fc0_0000);
    }

    #[test]
    fn ieee_arithmetic() {
        assert_eq!(f32_add(0.1, 0.2), 0.1f32 + 0.2f32);
        assert_eq!(f32_sub(1.0, 1.0).to_bits(), 0);
        assert_eq!(f32_mul(-0.0, 1.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_div(1.0, -0.0), f32::NEG_INFINITY);
        assert!(f32_div(0.0, 0.0).is_nan());
        assert!(f32_sub(f32::INFINITY, f32::INFINITY).is_nan());
        assert_eq!(f64_add(-0.0, -0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f64_sub(0.0, 0.0).to_bits(), 0);
        assert_eq!(f64_mul(1e308, 10.0), f64::INFINITY);
        assert_eq!(f64_div(1.0, 0.0), f64::INFINITY);
        assert!(f64_mul(0.0, f64::INFINITY).is_nan());
    }

    #[test]
    fn trunc_f32_to_i32_signed_bounds() {
        assert_eq!(i32_trunc_f32_s(-2_147_483_648.0), Ok(i32::MIN));
        assert_eq!(i32_trunc_f32_s(f32_below(-2_147_483_648.0)), OVF);
        assert_eq!(i32_trunc_f32_s(2_147_483_648.0), OVF);
        assert_eq!(i32_trunc_f32_s(f32_below(2_147_483_648.0)), Ok(2_147_483_520));
        assert_eq!(i32_trunc_f32_s(-1.9), Ok(-1));
        assert_eq!(i32_trunc_f32_s(-0.0), Ok(0));
        assert_eq!(i32_trunc_f32_s(f32::INFINITY), OVF);
        assert_eq!(i32_trunc_f32_s(f32::NEG_INFINITY), OVF);
        assert_eq!(i32_trunc_f32_s(f32::NAN), INV);
        assert_eq!(i32_trunc_f32_s(-f32::NAN), INV);
    }

    #[test]
    fn trunc_f32_to_i32_unsigned_bounds() {
        assert_eq!(i32_trunc_f32_u(-0.9), Ok(0));
        assert_eq!(i32_trunc_f32_u(f32_above(-1.0)), Ok(0));
        assert_eq!(i32_trunc_f32_u(-1.0), OVF);
        assert_eq!(i32_trunc_f32_u(4_294_967_296.0), OVF);
        assert_eq!(i32_trunc_f32_u(f32_below(4_294_967_296.0)), Ok(-256));
        assert_eq!(i32_trunc_f32_u(2_147_483_648.0), Ok(i32::MIN));
        assert_eq!(i32_trunc_f32_u(f32::INFINITY), OVF);
        assert_eq!(i32_trunc_f32_u(f32::NEG_INFINITY), OVF);
        assert_eq!(i32_trunc_f32_u(f32::NAN), INV);
    }

    #[test]
    fn trunc_f64_to_i32_signed_bounds() {
        assert_eq!(i32_trunc_f64_s(-2_147_483_648.9), Ok(i32::MIN));
        assert_eq!(i32_trunc_f64_s(f64_above(-2_147_483_649.0)), Ok(i32::MIN));
        assert_eq!(i32_trunc_f64_s(-2_147_483_649.0), OVF);
        assert_eq!(i32_trunc_f64_s(2_147_483_647.9), Ok(i32::MAX));
        assert_eq!(i32_trunc_f64_s(f64_below(2_147_483_648.0)), Ok(i32::MAX));
        assert_eq!(i32_trunc_f64_s(2_147_483_648.0), OVF);
        assert_eq!(i32_trunc_f64_s(f64::INFINITY), OVF);
        assert_eq!(i32_trunc_f64_s(f64::NEG_INFINITY), OVF);
        assert_eq!(i32_trunc_f64_s(f64::NAN), INV);
    }

    #[test]
    fn trunc_f64_to_i32_unsigned_bounds() {
        assert_eq!(i32_trunc_f64_u(-0.9), Ok(0));
        assert_eq!(i32_trunc_f64_u(f64_above(-1.0)), Ok(0));
        assert_eq!(i32_trunc_f64_u(-1.0), OVF);
        assert_eq!(i32_trunc_f64_u(4_294_967_295.9), Ok(-1));
        assert_eq!(i32_trunc_f64_u(f64_below(4_294_967_296.0)), Ok(-1));
        assert_eq!(i32_trunc_f64_u(4_294_967_296.0), OVF);
        assert_eq!(i32_trunc_f64_u(1e16), OVF);
        assert_eq!(i32_trunc_f64_u(f64::INFINITY), OVF);
        assert_eq!(i32_trunc_f64_u(f64::NAN), INV);
    }

    #[test]
    fn trunc_f32_to_i64_signed_bounds() {
        let min = -9_223_372_036_854_775_808.0f32;
        assert_eq!(i64_trunc_f32_s(min), Ok(i64::MIN));
        assert_eq!(i64_trunc_f32_s(f32_below(min)), OVF64);
        assert_eq!(i64_trunc_f32_s(-min), OVF64);
        assert_eq!(i64_trunc_f32_s(f32_below(-min)), Ok(9_223_371_487_098_961_920));
        assert_eq!(i64_trunc_f32_s(-1.9), Ok(-1));
        assert_eq!(i64_trunc_f32_s(f32::INFINITY), OVF64);
        assert_eq!(i64_trunc_f32_s(f32::NEG_INFINITY), OVF64);
        assert_eq!(i64_trunc_f32_s(f32::NAN), INV64);
    }

    #[test]
    fn trunc_f32_to_i64_unsigned_bounds() {
        assert_eq!(i64_trunc_f32_u(-0.9), Ok(0));
        assert_eq!(i64_trunc_f32_u(f32_above(-1.0)), Ok(0));
        assert_eq!(i64_trunc_f32_u(-1.0), OVF64);
        let max = 18_446_744_073_709_551_616.0f32;
        assert_eq!(i64_trunc_f32_u(max), OVF64);
        assert_eq!(i64_trunc_f32_u(f32_below(max)), Ok(0xffff_ff00_0000_0000u64 as i64));
        assert_eq!(i64_trunc_f32_u(f32::INFINITY), OVF64);
        assert_eq!(i64_trunc_f32_u(f32::NAN), INV64);
    }

    #[test]
    fn trunc_f64_to_i64_signed_bounds() {
        let min = -9_223_372_036_854_775_808.0f64;
        assert_eq!(i64_trunc_f64_s(min), Ok(i64::MIN));
        assert_eq!(i64_trunc_f64_s(f64_below(min)), OVF64);
        assert_eq!(i64_trunc_f64_s(-min), OVF64);
        assert_eq!(i64_trunc_f64_s(f64_below(-min)), Ok(9_223_372_036_854_774_784));
        assert_eq!(i64_trunc_f64_s(-1.9), Ok(-1));
        assert_eq!(i64_trunc_f64_s(f64::INFINITY), OVF64);
        assert_eq!(i64_trunc_f64_s(f64::NEG_INFINITY), OVF64);
        assert_eq!(i64_trunc_f64_s(f64::NAN), INV64);
    }

    #[test]
    fn trunc_f64_to_i64_unsigned_bounds() {
        assert_eq!(i64_trunc_f64_u(-0.9), Ok(0));
        assert_eq!(i64_trunc_f64_u(f64_above(-1.0)), Ok(0));
        assert_eq!(i64_trunc_f64_u(-1.0), OVF64);
        let max = 18_446_744_073_709_551_616.0f64;
        assert_eq!(i64_trunc_f64_u(max), OVF64);
        assert_eq!(i64_trunc_f64_u(f64_below(max)), Ok(0xffff_ffff_ffff_f800u64 as i64));
        assert_eq!(i64_trunc_f64_u(f64::INFINITY), OVF64);
        assert_eq!(i64_trunc_f64_u(f64::NAN), INV64);
    }

    #[test]
    fn trunc_sat_clamps() {
        assert_eq!(i32_trunc_sat_f32_s(f32::NAN), 0);
        assert_eq!(i32_trunc_sat_f32_s(f32::INFINITY), i32::MAX);
        assert_eq!(i32_trunc_sat_f32_s(f32::NEG_INFINITY), i32::MIN);
        assert_eq!(i32_trunc_sat_f32_s(3e9), i32::MAX);
        assert_eq!(i32_trunc_sat_f32_s(-3e9), i32::MIN);
        assert_eq!(i32_trunc_sat_f32_s(-1.9), -1);
        assert_eq!(i32_trunc_sat_f32_u(f32::NAN), 0);
        assert_eq!(i32_trunc_sat_f32_u(f32::INFINITY), -1);
        assert_eq!(i32_trunc_sat_f32_u(f32::NEG_INFINITY), 0);
        assert_eq!(i32_trunc_sat_f32_u(-1.0), 0);
        assert_eq!(i32_trunc_sat_f32_u(5e9), -1);
        assert_eq!(i32_trunc_sat_f32_u(3e9), -1_294_967_296);
        assert_eq!(i32_trunc_sat_f64_s(f64::NAN), 0);
        assert_eq!(i32_trunc_sat_f64_s(2_147_483_648.0), i32::MAX);
        assert_eq!(i32_trunc_sat_f64_s(-2_147_483_649.0), i32::MIN);
        assert_eq!(i32_trunc_sat_f64_s(-2_147_483_648.9), i32::MIN);
        assert_eq!(i32_trunc_sat_f64_u(f64::NAN), 0);
        assert_eq!(i32_trunc_sat_f64_u(4_294_967_296.0), -1);
        assert_eq!(i32_trunc_sat_f64_u(-0.9), 0);
        assert_eq!(i32_trunc_sat_f64_u(f64::NEG_INFINITY), 0);
        assert_eq!(i64_trunc_sat_f32_s(f32::NAN), 0);
        assert_eq!(i64_trunc_sat_f32_s(f32::INFINITY), i64::MAX);
        assert_eq!(i64_trunc_sat_f32_s(f32::NEG_INFINITY), i64::MIN);
        assert_eq!(i64_trunc_sat_f32_s(1e19), i64::MAX);
        assert_eq!(i64_trunc_sat_f32_u(f32::NAN), 0);
        assert_eq!(i64_trunc_sat_f32_u(f32::INFINITY), -1);
        assert_eq!(i64_trunc_sat_f32_u(-1e30), 0);
        assert_eq!(i64_trunc_sat_f64_s(f64::NAN), 0);
        assert_eq!(i64_trunc_sat_f64_s(9.3e18), i64::MAX);
        assert_eq!(i64_trunc_sat_f64_s(-9.3e18), i64::MIN);
        assert_eq!(i64_trunc_sat_f64_s(f64::NEG_INFINITY), i64::MIN);
        assert_eq!(i64_trunc_sat_f64_u(f64::NAN), 0);
        assert_eq!(i64_trunc_sat_f64_u(2e19), -1);
        assert_eq!(i64_trunc_sat_f64_u(1e19), 10_000_000_000_000_000_000u64 as i64);
        assert_eq!(i64_trunc_sat_f64_u(f64::NEG_INFINITY), 0);
    }

    #[test]
    fn integer_conversions() {
        assert_eq!(i32_wrap_i64(0x1_2345_6789), 0x2345_6789);
        assert_eq!(i32_wrap_i64(0xffff_ffff), -1);
        assert_eq!(i32_wrap_i64(i64::MIN), 0);
        assert_eq!(i64_extend_i32_s(-1), -1);
        assert_eq!(i64_extend_i32_s(i32::MIN), -2_147_483_648);
        assert_eq!(i64_extend_i32_u(-1), 0xffff_ffff);
        assert_eq!(i64_extend_i32_u(i32::MIN), 0x8000_0000);
    }

    #[test]
    fn sign_extension() {
        assert_eq!(i32_extend8_s(0x7f), 127);
        assert_eq!(i32_extend8_s(0x80), -128);
        assert_eq!(i32_extend8_s(0x1234_56ff), -1);
        assert_eq!(i32_extend8_s(0x1234_5600), 0);
        assert_eq!(i32_extend16_s(0x7fff), 32767);
        assert_eq!(i32_extend16_s(0x8000), -32768);
        assert_eq!(i32_extend16_s(0x1234_ffff), -1);
        assert_eq!(i64_extend8_s(0x80), -128);
        assert_eq!(i64_extend8_s(0x0123_4567_89ab_cd7f), 127);
        assert_eq!(i64_extend16_s(0x8000), -32768);
        assert_eq!(i64_extend16_s(0x0123_4567_89ab_7fff), 32767);
        assert_eq!(i64_extend32_s(0x8000_0000), -2_147_483_648);
        assert_eq!(i64_extend32_s(0x0123_4567_7fff_ffff), 0x7fff_ffff);
        assert_eq!(i64_extend32_s(0xffff_ffff), -1);
    }

    #[test]
    fn int_to_float_rounding() {
        assert_eq!(f32_convert_i32_s(16_777_217), 16_777_216.0);
        assert_eq!(f32_convert_i32_s(16_777_219), 16_777_220.0);
        assert_eq!(f32_convert_i32_s(i32::MIN), -2_147_483_648.0);
        assert_eq!(f32_convert_i32_u(-1), 4_294_967_296.0);
        assert_eq!(f32_convert_i32_u(i32::MIN), 2_147_483_648.0);
        assert_eq!(f32_convert_i32_u(0x8000_0080u32 as i32), 2_147_483_648.0);
        assert_eq!(f32_convert_i32_u(0x8000_0081u32 as i32), 2_147_483_904.0);
        assert_eq!(f32_convert_i64_s(16_777_217), 16_777_216.0);
        assert_eq!(f32_convert_i64_s(i64::MAX), 9_223_372_036_854_775_808.0);
        assert_eq!(f32_convert_i64_s(0x7fff_ff40_0000_0001).to_bits(), 0x5eff_ffff);
        assert_eq!(f32_convert_i64_s(0x0020_0000_2000_0001).to_bits(), 0x5a00_0001);
        assert_eq!(f32_convert_i64_s(0xffdf_ffff_dfff_ffffu64 as i64).to_bits(), 0xda00_0001);
        assert_eq!(f32_convert_i64_u(-1), 18_446_744_073_709_551_616.0);
        assert_eq!(f32_convert_i64_u(i64::MIN), 9_223_372_036_854_775_808.0);
        assert_eq!(f32_convert_i64_u(0x0020_0000_2000_0001).to_bits(), 0x5a00_0001);
        assert_eq!(f32_convert_i64_u(0x7fff_ffbf_ffff_ffff).to_bits(), 0x5eff_ffff);
        assert_eq!(f32_convert_i64_u(0x8000_0080_0000_0001u64 as i64).to_bits(), 0x5f00_0001);
        assert_eq!(f32_convert_i64_u(0xffff_fe80_0000_0001u64 as i64).to_bits(), 0x5f7f_ffff);
        assert_eq!(f64_convert_i32_s(i32::MIN), -2_147_483_648.0);
        assert_eq!(f64_convert_i32_u(-1), 4_294_967_295.0);
        assert_eq!(f64_convert_i64_s(9_007_199_254_740_993), 9_007_199_254_740_992.0);
        assert_eq!(f64_convert_i64_s(-9_007_199_254_740_993), -9_007_199_254_740_992.0);
        assert_eq!(f64_convert_i64_s(9_007_199_254_740_995), 9_007_199_254_740_996.0);
        assert_eq!(f64_convert_i64_s(i64::MIN), -9_223_372_036_854_775_808.0);
        assert_eq!(f64_convert_i64_u(-1), 18_446_744_073_709_551_616.0);
        assert_eq!(f64_convert_i64_u(i64::MIN), 9_223_372_036_854_775_808.0);
        assert_eq!(f64_convert_i64_u(9_007_199_254_740_993), 9_007_199_254_740_992.0);
        assert_eq!(f64_convert_i64_u(0x8000_0000_0000_0401u64 as i64).to_bits(), 0x43e0_0000_0000_0001);
        assert_eq!(f64_convert_i64_u(0xffff_ffff_ffff_fbffu64 as i64).to_bits(), 0x43ef_ffff_ffff_ffff);
    }

    #[test]
    fn float_width_conversions() {
        assert_eq!(f64_promote_f32(1.5), 1.5);
        assert_eq!(f64_promote_f32(-0.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!(f64_promote_f32(f32::INFINITY), f64::INFINITY);
        assert_eq!(f32_demote_f64(1e300), f32::INFINITY);
        assert_eq!(f32_demote_f64(-1e300), f32::NEG_INFINITY);
        assert_eq!(f32_demote_f64(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f32_demote_f64(1e-300).to_bits(), 0);
        // Halfway between 1.0 and the next f32: ties to even gives 1.0.
        assert_eq!(f32_demote_f64(1.0 + f64::powi(2.0, -24)), 1.0);
        // Just above halfway rounds up.
        assert_eq!(f32_demote_f64(1.0 + f64::powi(2.0, -24) + f64::powi(2.0, -52)).to_bits(), 0x3f80_0001);
        // Largest f64 that rounds to f32::MAX rather than infinity, and the first that overflows.
        assert_eq!(f32_demote_f64(f64::from_bits(0x47ef_ffff_efff_ffff)), f32::MAX);
        assert_eq!(f32_demote_f64(f64::from_bits(0x47ef_ffff_f000_0000)), f32::INFINITY);
    }
}
