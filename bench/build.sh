#!/usr/bin/env bash
# Rebuilds the C workloads (bench/c/*.c -> bench/wasm/*.wasm) with Debian's clang-14 and
# lld-14. The WAT workloads (bench/wat/*.wat) need no build: the harness and `memowasm run`
# load .wat directly. The wasm-smith modules (bench/wasm/smith-*.wasm) are not rebuilt here;
# README.md says how they were made.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v clang-14 >/dev/null || ! command -v wasm-ld-14 >/dev/null; then
    apt-get update
    apt-get install -y clang-14 lld-14
fi

CFLAGS=(--target=wasm32 -O2 -nostdlib -ffreestanding -fno-builtin -Wall -Wextra -Werror
        -Wl,--no-entry -Wl,--export=run)   # wasm-ld exports the memory as "memory" by default
mkdir -p wasm
for src in c/*.c; do
    name=$(basename "$src" .c)
    [ "$name" = libc ] && continue
    clang-14 "${CFLAGS[@]}" -o "wasm/$name.wasm" "$src" c/libc.c
    echo "built wasm/$name.wasm"
done

