#!/usr/bin/env bash
# The test job: formatting, lints (warnings are errors) and every test, including the
# conformance gate (spec-tests/tests/spec.rs: official v1 + v2 suites and corpus/regressions
# against spec-tests/expectations.txt). Needs only stable Rust with rustfmt and clippy;
# cargo fetches the rest.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --release -- -D warnings
cargo test --workspace --release
bash ci/conformance.sh
