#!/usr/bin/env bash
# Runs clang-tidy (the curated checks in .clang-tidy, warnings as errors) over src/ using the
# release build's compile_commands.json. Pass file paths to check only those.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/release/compile_commands.json ]] || cmake --preset release >/dev/null
if (($#)); then files=("$@"); else mapfile -t files < <(git ls-files 'src/*.cc'); fi
run-clang-tidy -quiet -p build/release "${files[@]}" 2>/dev/null || clang-tidy -p build/release --quiet "${files[@]}"
