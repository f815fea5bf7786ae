#!/usr/bin/env bash
# Builds examples/hello-wasm as `wasm-pack build --target web` would, size first:
#
#   1. cargo, profile `hello` (opt-level "z", LTO, one codegen unit) -> hello_wasm.wasm,
#      with no extra rustc flags: the repository's .cargo/config.toml turns on
#      `+simd128` for the app, which a newcomer's crate would not have
#   2. wasm-bindgen --target web: hello_wasm.js (the JavaScript half of the bridge,
#      an ES module with a default `init` export) and hello_wasm_bg.wasm
#   3. wasm-opt -Oz -g on hello_wasm_bg.wasm, with the feature flags index.html gives
#      the app's own modules. `-g` keeps the `name` section, so the Module tab can
#      show the functions by name: about 2.6 KB raw (under 1 KB gzip) on a 13 KB
#      module, a price the lesson is worth (the app's own modules drop theirs)
#
# and lays out the site files:
#
#   OUT/index.js                  the tutorial's page snippet (www/index.js)
#   OUT/pkg/hello_wasm.js         what wasm-bindgen generated
#   OUT/pkg/hello_wasm_bg.wasm
#
# OUT is the first argument, else $TRUNK_STAGING_DIR/hello: Trunk runs this as a
# post_build hook (Trunk.toml), so the files land in dist/hello/ next to the app, in
# `trunk serve`, `trunk build` and under any --public-url, since every path is relative.
# Only target/ and OUT are written: Trunk's watcher ignores both.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=${1:-${TRUNK_STAGING_DIR:?run by Trunk, or give the output directory as the argument}/hello}

for tool in wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "hello-wasm: $tool is not on PATH (./dev installs it)" >&2; exit 1; }
done
# The same feature flags as the app's modules: one place to change them (index.html).
features=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -n 1)

# CARGO_ENCODED_RUSTFLAGS, set and empty, outranks every other source of rustc flags
# (RUSTFLAGS, .cargo/config.toml). Only this script builds the `hello` profile, always
# with the same (no) flags, so nothing is rebuilt from one run to the next.
CARGO_ENCODED_RUSTFLAGS= RUSTFLAGS= \
  cargo build --locked --quiet -p hello-wasm --lib --target wasm32-unknown-unknown --profile hello
pkg=target/hello-wasm/pkg
rm -rf "$pkg"
wasm-bindgen --target web --no-typescript --out-dir "$pkg" \
  target/wasm32-unknown-unknown/hello/hello_wasm.wasm
before=$(wc -c <"$pkg/hello_wasm_bg.wasm")
# shellcheck disable=SC2086 # the flags are separate words
wasm-opt -Oz -g $features "$pkg/hello_wasm_bg.wasm" -o "$pkg/hello_wasm_bg.wasm"

mkdir -p "$out/pkg"
cp "$pkg/hello_wasm.js" "$pkg/hello_wasm_bg.wasm" "$out/pkg/"
cp examples/hello-wasm/www/index.js "$out/index.js"
after=$(wc -c <"$out/pkg/hello_wasm_bg.wasm")
gz=$(gzip -9 -c "$out/pkg/hello_wasm_bg.wasm" | wc -c)
echo "hello-wasm: hello_wasm_bg.wasm $after bytes ($gz gzip), $before before wasm-opt -Oz -g"
