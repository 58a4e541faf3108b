//! Conversions between typed values and the untyped 64-bit cells of the value stack.
//! An i32 or f32 cell holds its 32 bits zero-extended.

pub(crate) trait Cell: Sized {
    fn from_cell(c: u64) -> Self;
    fn into_cell(self) -> u64;
}

impl Cell for i32 {
    #[inline(always)]
    fn from_cell(c: u64) -> Self {
        c as u32 as i32
    }
    #[inline(always)]
    fn into_cell(self) -> u64 {
        self as u32 as u64
    }
}

impl Cell for i64 {
    #[inline(always)]
    fn from_cell(c: u64) -> Self {
        c as i64
    }
    #[inline(always)]
    fn into_cell(self) -> u64 {
        self as u64
    }
}

impl Cell for f32 {
    #[inline(always)]
    fn from_cell(c: u64) -> Self {
        f32::from_bits(c as u32)
    }
    #[inline(always)]
    fn into_cell(self) -> u64 {
        self.to_bits() as u64
    }
}

impl Cell for f64 {
    #[inline(always)]
    fn from_cell(c: u64) -> Self {
        f64::from_bits(c)
    }
    #[inline(always)]
    fn into_cell(self) -> u64 {
        self.to_bits()
    }
}

#[cfg(test)]
mod tests {
    use super::Cell;

    #[test]
    fn i32_cells_are_zero_extended() {
        assert_eq!((-1i32).into_cell(), 0xffff_ffff);
        assert_eq!(i32::from_cell(0xdead_beef_ffff_fffe), -2);
    }

    #[test]
    fn float_cells_keep_nan_payloads() {
        let snan = f32::from_bits(0x7fa0_0001);
        assert_eq!(snan.into_cell(), 0x7fa0_0001);
        assert_eq!(f64::from_cell(0x7ff0_0000_0000_0001).to_bits(), 0x7ff0_0000_0000_0001);
    }
}
