#!/usr/bin/env bash
# run-units.sh — run every unit-test binary given; report a closing count.
set -u
pass=0 fail=0 failed=()
for t in "$@"; do
  if "$t"; then pass=$((pass+1)); else fail=$((fail+1)); failed+=("$t"); fi
done
echo "unit: ${pass} passed, ${fail} failed"
[[ $fail -eq 0 ]] || { echo "unit: failed: ${failed[*]}" >&2; exit 1; }
