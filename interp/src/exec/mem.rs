//! Linear-memory access for the interpreter: bounds-checked loads and stores and the
//! bulk operations, each checking the whole range before writing anything.

use crate::error::Trap;

/// The effective address of an access: the 32-bit address cell plus the static offset.
#[inline(always)]
pub(crate) fn effective(addr: u64, offset: u32) -> usize {
    (addr as u32 as u64 + offset as u64) as usize
}

/// The address `i32.add` computes from cells `a` and `b` (wrapping at 32 bits), as a cell.
#[inline(always)]
pub(crate) fn address_sum(a: u64, b: u64) -> u64 {
    u64::from((a as u32).wrapping_add(b as u32))
}

/// `[start, start + len)` as a range, if it lies within `size`.
pub(crate) fn range(start: u64, len: u64, size: usize) -> Result<std::ops::Range<usize>, Trap> {
    let (start, len) = (start as u32 as usize, len as u32 as usize);
    let end = start.checked_add(len).filter(|&e| e <= size).ok_or(Trap::MemoryOutOfBounds)?;
    Ok(start..end)
}

/// `memory.fill` with operands `[d, val, n]`.
pub(crate) fn fill(mem: &mut [u8], ops: &[u64]) -> Result<(), Trap> {
    let r = range(ops[0], ops[2], mem.len())?;
    mem[r].fill(ops[1] as u8);
    Ok(())
}

/// `memory.copy` with operands `[d, s, n]`; the ranges may overlap.
pub(crate) fn copy(mem: &mut [u8], ops: &[u64]) -> Result<(), Trap> {
    let dst = range(ops[0], ops[2], mem.len())?;
    let src = range(ops[1], ops[2], mem.len())?;
    mem.copy_within(src, dst.start);
    Ok(())
}

/// `memory.init` with operands `[d, s, n]` from data segment `seg`.
pub(crate) fn init(mem: &mut [u8], seg: &[u8], ops: &[u64]) -> Result<(), Trap> {
    let dst = range(ops[0], ops[2], mem.len())?;
    let src = range(ops[1], ops[2], seg.len())?;
    mem[dst].copy_from_slice(&seg[src]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_address_is_unsigned_32_bit_plus_offset() {
        // The address is an unsigned 32-bit value: -1 is 4 GiB - 1, not before the start.
        assert_eq!(effective(0xffff_ffff, 1), 1 << 32);
        assert_eq!(effective(0xdead_0000_0000_0004, 8), 12);
    }

    #[test]
    fn bulk_ops_check_before_writing() {
        let mut m = [1u8; 8];
        assert_eq!(fill(&mut m, &[4, 9, 5]), Err(Trap::MemoryOutOfBounds));
        assert_eq!(m, [1; 8]);
        assert!(fill(&mut m, &[8, 9, 0]).is_ok());
        assert!(copy(&mut m, &[0, 1, 7]).is_ok());
        assert_eq!(init(&mut m, &[1, 2], &[0, 1, 2]), Err(Trap::MemoryOutOfBounds));
    }
}
