#!/usr/bin/env bash
# Formats every C++ file in src/ with the pinned clang-format (major version 14, Debian 12).
# `scripts/format.sh --check` only reports files that differ (non-zero exit if any).
set -euo pipefail
cd "$(dirname "$0")/.."
want=14
have=$(clang-format --version | sed -E 's/.*version ([0-9]+).*/\1/')
if [[ "$have" != "$want" ]]; then
  echo "format.sh: clang-format $want required, found $have" >&2
  exit 2
fi
mapfile -t files < <(git ls-files 'src/*.cc' 'src/*.h')
if [[ "${1:-}" == "--check" ]]; then
  clang-format --dry-run --Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
fi
