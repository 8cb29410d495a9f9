#!/usr/bin/env bash
# fuzz-smoke.sh — a short run of each libFuzzer target, seeded from its
# corpus directory fuzz/corpus/NAME/ (read-only; new inputs go to a temp dir).
set -eu
secs=${FUZZ_SECONDS:-15}
for f in "$@"; do
  name=$(basename "$f")
  work=$(mktemp -d)
  seeds=fuzz/corpus/${name#fuzz_}
  echo "fuzz: $name for ${secs}s"
  if ! "$f" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 \
        -print_final_stats=0 "$work" ${seeds:+$( [ -d "$seeds" ] && echo "$seeds")} \
        > "$work.log" 2>&1; then
    tail -40 "$work.log" >&2
    echo "fuzz: $name FAILED" >&2
    rm -rf "$work"
    exit 1
  fi
  rm -rf "$work" "$work.log"
done
echo "fuzz: ${#} targets clean"
