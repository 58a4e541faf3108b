//! libFuzzer target `validate`: see `memowasm_oracle::fuzz::Target::Validate`. A finding panics
//! with its report; with `MEMOWASM_FINDINGS=DIR` set, its reproducer is written there first.
#![no_main]

use libfuzzer_sys::fuzz_target;
use memowasm_oracle::fuzz::{fuzz_one, Target};

fuzz_target!(|data: &[u8]| fuzz_one(Target::Validate, data));
