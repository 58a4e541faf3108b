;; Float edge values: ±0, NaN payloads, min/max, rounding, conversions that trap or
;; saturate, reinterpretation; values differing only in bits are the hazard.
(module
  (memory (export "mem") 1)
  (func (export "inv") (param f64) (result f64) f64.const 1 local.get 0 f64.div)
  (func (export "bits") (param f32) (result i32) local.get 0 i32.reinterpret_f32)
  (func (export "bits64") (param f64) (result i64) local.get 0 i64.reinterpret_f64)
  (func (export "min") (param f32 f32) (result f32) local.get 0 local.get 1 f32.min)
  (func (export "max") (param f64 f64) (result f64) local.get 0 local.get 1 f64.max)
  (func (export "nearest") (param f32) (result f32) local.get 0 f32.nearest)
  (func (export "trunc") (param f64) (result i32) local.get 0 i32.trunc_f64_s)
  (func (export "trunc_sat") (param f32) (result i64) local.get 0 i64.trunc_sat_f32_u)
  (func (export "copysign") (param f64 f64) (result f64) local.get 0 local.get 1 f64.copysign)
  (func (export "demote") (param f64) (result f32) local.get 0 f32.demote_f64)
  (func (export "sqrt") (param f32) (result f32) local.get 0 f32.sqrt)
  (func (export "neg_abs") (param f64) (result f64 f64) local.get 0 f64.neg local.get 0 f64.abs)
  (func (export "eq") (param f32 f32) (result i32) local.get 0 local.get 1 f32.eq)
  (func (export "store_bits") (param i32 f64) local.get 0 i32.const 255 i32.and local.get 1 f64.store)
  (func (export "load_f") (param i32) (result f64) local.get 0 i32.const 255 i32.and f64.load))
