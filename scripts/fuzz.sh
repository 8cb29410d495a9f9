#!/usr/bin/env bash
# fuzz.sh — the long fuzz run (`make fuzz`): each libFuzzer target given
# runs until it has used FUZZ_SECONDS of CPU time, the new inputs that
# add coverage are merged into its corpus, and a line per target says
# what it did.
#
#   scripts/fuzz.sh build/fuzz/fuzz_NAME...
#
#   FUZZ_SECONDS  CPU seconds per target (user + system), default 600.  A
#                 target runs in rounds (libFuzzer counts wall time): the
#                 first asks for the CPU seconds it lacks; on a busy
#                 machine it gets less CPU than that, so the next asks for
#                 what is still lacking divided by the share of a CPU the
#                 last round got, and so on, from the corpus the last one
#                 grew, until the target has had its CPU seconds.
#   FUZZ_JOBS     targets run at once, default 2 (one a core on a small
#                 machine; each target is one process).
#   FUZZ_NICE     the niceness they run at, default 19: fuzzing is
#                 background work and must not slow the machine's others.
#
# Seeds: fuzz/corpus/NAME/ (hand-made seeds, regression inputs and what
# earlier runs merged), read, never written by the run itself; what a run
# finds goes to a work directory, and only after it does -merge=1 add to
# fuzz/corpus/NAME/ the inputs that bring new coverage, none longer than
# the target's -max_len (below), so the corpus grows by what is new and
# stays small enough to keep in git.
#
# Findings (crash-*, leak-*, timeout-*, oom-* from libFuzzer) go to
# build/fuzz/findings/NAME/, each target's whole output to
# build/fuzz/logs/NAME.log.  A target that finds something stops there
# and the script exits 1 once all have run.
#
# Printed per target: CPU seconds, runs (executions), coverage (cov:
# edges, ft: features) and corpus size after the merge, and findings; at
# the end the same as Markdown table rows for fuzz/RESULTS.md.
set -uo pipefail

secs=${FUZZ_SECONDS:-600}
jobs=${FUZZ_JOBS:-2}
niceness=${FUZZ_NICE:-19}
[[ $# -gt 0 ]] || { echo "usage: $0 build/fuzz/fuzz_NAME..." >&2; exit 2; }

# -max_len per target: the longest input worth mutating.  Short field
# values need little; whole files and requests more.  Others: 4096.
max_len() {
  case $1 in
    accept_encoding|conditional|route|utf8) echo 1024 ;;
    date) echo 256 ;;
    config|frontmatter|markdown) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

logs=build/fuzz/logs
findings=build/fuzz/findings
results=build/fuzz/results
mkdir -p "$logs" "$findings" "$results"

# One target, start to end; its summary in $results/NAME.
run_target() {
  local bin=$1 name=${1##*/fuzz_}
  local corpus=fuzz/corpus/$name log=$logs/fuzz_$name.log len
  local work cpu=0 runs=0 round=0 found="" share=1
  len=$(max_len "$name")
  work=$(mktemp -d)
  rm -rf "${findings:?}/$name"
  mkdir -p "$corpus" "$findings/$name"
  : > "$log"
  # rounds until the CPU seconds are spent (at most 50, in case the
  # machine gives a round nothing)
  while [[ $round -lt 50 ]]; do
    local left ask
    left=$(awk -v s="$secs" -v c="$cpu" 'BEGIN { l = s - c; print (l > 0 ? int(l + 0.999) : 0) }')
    [[ $left -gt 0 ]] || break
    # wall seconds to ask for: what is lacking at the last round's share
    # of a CPU (a share under 5 % is taken as 5 %)
    ask=$(awk -v l="$left" -v f="$share" 'BEGIN { if (f < 0.05) f = 0.05; print int(l / f + 0.999) }')
    round=$((round + 1))
    local times out rc t n
    times=$(mktemp)
    out=$(mktemp)
    TIMEFORMAT='%3R %3U %3S'
    { time nice -n "$niceness" "$bin" -max_total_time="$ask" -max_len="$len" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$findings/$name/" "$work" "$corpus" > "$out" 2>&1 ; } 2> "$times"
    rc=$?
    t=$(tail -1 "$times")
    cpu=$(awk -v c="$cpu" -v t="$t" 'BEGIN { split(t, x, " "); printf "%.1f", c + x[2] + x[3] }')
    share=$(awk -v t="$t" 'BEGIN { split(t, x, " "); print (x[1] > 0 ? (x[2] + x[3]) / x[1] : 1) }')
    # a round that crashed prints no final stats: count its status lines' last
    n=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$out" | tail -1 | awk '{print $2}')
    [[ -n $n ]] || n=$(grep -o '^#[0-9]*' "$out" | tail -1 | tr -d '#')
    runs=$((runs + ${n:-0}))
    { echo "== round $round: $left CPU s lacking, $ask s asked; took $t s (wall, user, system)"
      cat "$out"; } >> "$log"
    rm -f "$times" "$out"
    found=$(cd "$findings/$name" && ls 2>/dev/null | tr '\n' ' ')
    if [[ $rc -ne 0 || -n $found ]]; then
      break
    fi
  done
  # keep what is new and small
  nice -n "$niceness" "$bin" -merge=1 -max_len="$len" -timeout=10 \
    -artifact_prefix="$findings/$name/" "$corpus" "$work" >> "$log" 2>&1
  rm -rf "$work"
  # coverage of the corpus as it now stands
  local inited cov ft files bytes
  inited=$(nice -n "$niceness" "$bin" -runs=0 -max_len="$len" -timeout=10 \
    -artifact_prefix="$findings/$name/" "$corpus" 2>&1 | grep -m1 'INITED')
  found=$(cd "$findings/$name" && ls 2>/dev/null | tr '\n' ' ')
  cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<< "$inited")
  ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<< "$inited")
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | cut -f1)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "fuzz_$name" "$cpu" "$runs" "${cov:-?}" \
    "${ft:-?}" "$files" "$bytes" "${found:-none}" > "$results/$name"
  printf 'fuzz: %-22s cpu %7ss  runs %10s  cov %5s  ft %6s  corpus %5s files %8s bytes  findings: %s\n' \
    "fuzz_$name" "$cpu" "$runs" "${cov:-?}" "${ft:-?}" "$files" "$bytes" "${found:-none}"
}

echo "fuzz: ${#} targets, ${secs} CPU s each, ${jobs} at a time, nice ${niceness}"
running=0
for bin in "$@"; do
  if [[ $running -ge $jobs ]]; then
    wait -n
    running=$((running - 1))
  fi
  run_target "$bin" &
  running=$((running + 1))
done
wait

status=0
today=$(date -u +%Y-%m-%d)
echo
echo "| date | target | CPU s | runs | cov / ft | corpus (files, bytes) | findings |"
echo "| --- | --- | ---: | ---: | --- | --- | --- |"
for bin in "$@"; do
  name=${bin##*/fuzz_}
  IFS=$'\t' read -r target cpu runs cov ft files bytes found < "$results/$name"
  echo "| $today | $target | $cpu | $runs | $cov / $ft | $files, $bytes | $found |"
  [[ $found == none ]] || status=1
done
exit $status
