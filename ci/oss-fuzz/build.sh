#!/usr/bin/env bash
# OSS-Fuzz / ClusterFuzzLite build script (the `build.sh` of the project files beside it).
# Builds the cargo-fuzz targets in fuzz/ (differential, memo_hazards, validate) and puts each
# binary into $OUT with its options file, and validate's seed corpus (corpus/validate/*.wasm,
# raw modules, which that target takes as they are) as validate_seed_corpus.zip.
#
# In the OSS-Fuzz images $SRC, $OUT and $SANITIZER are set and the toolchain is nightly.
# Anywhere else it runs too (this is how it is tested): the repository is the one this script
# is in, $OUT defaults to target/oss-fuzz/out, and on a stable toolchain (or SANITIZER=none)
# it builds without a sanitizer (`cargo fuzz build -s none`). Needs cargo-fuzz
# (`cargo install cargo-fuzz --locked`) and zip.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [[ -n "${SRC:-}" && -d "${SRC}/memowasm/fuzz" ]]; then
    root=$SRC/memowasm
fi
out=${OUT:-$root/target/oss-fuzz/out}
mkdir -p "$out"
targets=(differential memo_hazards validate)

flags=(-O --debug-assertions)
if [[ "${SANITIZER:-}" == none ]] || ! rustc --version | grep -q nightly; then
    flags+=(-s none)
fi
cd "$root/fuzz"
cargo fuzz build "${flags[@]}"

bin_dir=$root/fuzz/target/x86_64-unknown-linux-gnu/release
for t in "${targets[@]}"; do
    cp "$bin_dir/$t" "$out/$t"
    # Inputs past a few KiB only make the generators' modules and plans longer; an input that
    # runs for seconds is a hang (a memo hit that skips its fuel charge can loop forever).
    printf '[libfuzzer]\nmax_len = 8192\ntimeout = 25\n' >"$out/$t.options"
done
rm -f "$out/validate_seed_corpus.zip"
(cd "$root/corpus/validate" && zip -q -j "$out/validate_seed_corpus.zip" ./*.wasm)
echo "built ${targets[*]} into $out"
