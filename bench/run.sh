#!/usr/bin/env bash
# bench/run.sh — gazette against nginx, serving the same article bytes.
#
#   make bench                                  (builds ./gazette, installs wrk,
#                                                nginx-light, then runs this)
#   BENCH_SECONDS=10 BENCH_ROUNDS=5 bench/run.sh
#
# What it does, all on 127.0.0.1 and in one temp directory:
#   1. a fresh site (gazette init) with the two fixture articles imported;
#   2. gazette serve on a free port, with access_log = off;
#   3. the Blinken article's bytes, fetched from gazette, laid out as a static
#      file for nginx (2 workers, sendfile, no access log), and checked with
#      cmp to come back from nginx byte for byte;
#   4. wrk -t2 -c64 -d${BENCH_SECONDS}s --latency, alternating gazette, nginx,
#      gazette, nginx ... for BENCH_ROUNDS rounds (after a short warm-up of
#      each, not counted); then, if h2load is installed, h2load -n 200000
#      -c 64 -m 10 over h2c, alternating, BENCH_H2_ROUNDS rounds; then one
#      more wrk pair with gazette restarted with its access log going to a
#      file in the temp directory (tmpfs when /dev/shm is one);
#   5. a summary, and one Markdown table row printed and appended to
#      bench/RESULTS.md (created with its explanatory header if missing).
# Every process it starts is stopped by its PID on the way out, failure or
# not.  Exits non-zero when a step fails: a server that does not answer or
# dies, bytes that differ, non-2xx answers, a wrk or h2load that fails.
#
# Environment: BENCH_SECONDS (10), BENCH_ROUNDS (5), BENCH_H2_ROUNDS (3),
# BENCH_WARMUP seconds (2), BENCH_KEEP=1 keeps the temp directory,
# BENCH_RESULTS (bench/RESULTS.md),
# GAZETTE (./gazette), NGINX (/usr/sbin/nginx).
set -euo pipefail

cd "$(dirname "$0")/.."

SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-5}
H2_ROUNDS=${BENCH_H2_ROUNDS:-3}
WARMUP=${BENCH_WARMUP:-2}
GAZETTE=${GAZETTE:-./gazette}
NGINX=${NGINX:-/usr/sbin/nginx}
WRK=(wrk -t2 -c64 "-d${SECS}s" --latency)
H2LOAD=(h2load -n 200000 -c 64 -m 10)
ARTICLE=/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/
FIXTURES=(tests/fixtures/blinken.md tests/fixtures/aleppo.md)
RESULTS=${BENCH_RESULTS:-bench/RESULTS.md}

say() { printf 'bench: %s\n' "$*"; }
die() { printf 'bench: FAILED: %s\n' "$*" >&2; exit 1; }

for v in SECS ROUNDS H2_ROUNDS WARMUP; do
  [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a whole number, not '${!v}'"
done
(( SECS > 0 && ROUNDS > 0 )) || die "BENCH_SECONDS and BENCH_ROUNDS must be > 0"

# ---- what must be there -------------------------------------------------
[[ -x $GAZETTE ]] || die "$GAZETTE not built (run: make gazette)"
[[ $GAZETTE == */* ]] || GAZETTE=./$GAZETTE
[[ -x $NGINX ]] || die "$NGINX not found (run: scripts/deps.sh bench)"
for tool in wrk curl cmp python3; do
  command -v "$tool" >/dev/null || die "$tool not found (run: scripts/deps.sh bench)"
done
for f in "${FIXTURES[@]}"; do
  [[ -f $f ]] || die "fixture $f is missing (it is part of the repository: tests/fixtures)"
done
HAVE_H2LOAD=0
command -v h2load >/dev/null && HAVE_H2LOAD=1

# ---- temp directory and cleanup -----------------------------------------
# On tmpfs when we can: the access-log run then writes to memory, not disk.
if [[ -d /dev/shm && -w /dev/shm && $(stat -f -c %T /dev/shm 2>/dev/null) == tmpfs ]]; then
  TMP=$(mktemp -d /dev/shm/gazette-bench.XXXXXX)
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench.XXXXXX")
fi
TMP_FS=$(stat -f -c %T "$TMP")
RUNS=$TMP/runs
mkdir -p "$RUNS" "$TMP/nginx/tmp" "$TMP/www"

# Run a copy of the binary and of its default theme (which it looks for
# beside itself): others may rebuild ./gazette or edit the templates while
# we run, and every gazette run here must serve the same program and pages.
cp "$GAZETTE" "$TMP/gazette"
[[ -d themes/default ]] || die "themes/default is missing"
mkdir -p "$TMP/themes"
cp -R themes/default "$TMP/themes/default"
GAZETTE=$TMP/gazette
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git status --porcelain -- src themes Makefile 2>/dev/null) ]]; then
  COMMIT="$COMMIT+dirty"
fi

GAZETTE_PID=""
NGINX_PID=""

# stop PID NAME: SIGTERM, up to 15 s to exit, then SIGKILL.  Returns the
# process's exit status (or 0 when it was already gone).
stop() {
  local pid=$1 name=$2 i status=0
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 150; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$name (pid $pid) did not stop on SIGTERM within 15 s; SIGKILL"
      local children=()
      mapfile -t children < <(pgrep -P "$pid" || true)
      kill -KILL "$pid" "${children[@]}" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || status=$?
  return "$status"
}

stop_gazette() {
  local status=0
  stop "$GAZETTE_PID" gazette || status=$?
  GAZETTE_PID=""
  (( status == 0 )) || say "warning: gazette exited with status $status when stopped"
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  stop_gazette
  stop "$NGINX_PID" nginx
  NGINX_PID=""
  if (( rc != 0 )); then
    for f in "$TMP"/gazette-*.err "$TMP/nginx/error.log"; do
      [[ -s $f ]] || continue
      echo "---- last lines of $f" >&2
      tail -n 20 "$f" >&2
    done
  fi
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    say "kept $TMP"
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say interrupted; exit 130' INT
trap 'say terminated; exit 143' TERM

# ---- helpers -------------------------------------------------------------
# Four distinct free loopback ports: gazette, nginx HTTP/1.1, nginx h2c,
# gazette again (restarted with its access log on).
read -r PORT_G PORT_N PORT_N2 PORT_G2 < <(python3 - <<'EOF'
import socket
socks = []
for _ in range(4):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(*(s.getsockname()[1] for s in socks))
EOF
)

# wait_http URL PID NAME: until URL answers 200, or PID dies, or 10 s pass.
wait_http() {
  local url=$1 pid=$2 name=$3 i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited before answering (see its log above)"
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$url" || true) == 200 ]]; then
      return 0
    fi
    sleep 0.1
  done
  die "$name did not answer 200 at $url within 10 s"
}

# set_access_log VALUE: access_log = VALUE in gazette.ini's [server] section.
set_access_log() {
  local ini=$TMP/site/gazette.ini value=$1
  python3 - "$ini" "$value" <<'EOF'
import re, sys
path, value = sys.argv[1], sys.argv[2]
lines = open(path, encoding="utf-8").read().split("\n")
section, done, out = None, False, []
for line in lines:
    m = re.match(r"\s*\[(\w+)\]\s*$", line)
    if m:
        if section == "server" and not done:
            out.append("access_log = " + value); done = True
        section = m.group(1)
        out.append(line)
        if section == "server" and not any(re.match(r"\s*access_log\s*=", l) for l in lines):
            out.append("access_log = " + value); done = True
        continue
    if section == "server" and re.match(r"\s*access_log\s*=", line):
        out.append("access_log = " + value); done = True
        continue
    out.append(line)
if not done:
    out += ["[server]", "access_log = " + value]
open(path, "w", encoding="utf-8").write("\n".join(out))
EOF
  grep -qxF "access_log = $value" "$ini" || die "could not set access_log in $ini"
}

# start_gazette LABEL PORT: serve the site; its stdout and stderr go to
# $TMP/gazette-LABEL.out / .err.
start_gazette() {
  local label=$1 port=$2
  "$GAZETTE" serve --site "$TMP/site" --listen "127.0.0.1:$port" \
    >"$TMP/gazette-$label.out" 2>"$TMP/gazette-$label.err" &
  GAZETTE_PID=$!
  G_URL=http://127.0.0.1:$port$ARTICLE
  wait_http "$G_URL" "$GAZETTE_PID" "gazette ($label)"
}

alive() {
  kill -0 "$GAZETTE_PID" 2>/dev/null || die "gazette died during the run"
  kill -0 "$NGINX_PID" 2>/dev/null || die "nginx died during the run"
}

# bench_wrk PHASE SERVER ROUND URL
bench_wrk() {
  local phase=$1 server=$2 round=$3 url=$4 out
  out=$RUNS/$phase-$server-$(printf %02d "$round").txt
  "${WRK[@]}" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed against $server"; }
  alive
  printf '  %-5s %-7s #%-2d ' "$phase" "$server" "$round"
  python3 bench/summarize.py line "$out" || { cat "$out" >&2; die "unusable run against $server"; }
}

# bench_h2 SERVER ROUND URL
bench_h2() {
  local server=$1 round=$2 url=$3 out
  out=$RUNS/h2-$server-$(printf %02d "$round").txt
  "${H2LOAD[@]}" "$url" >"$out" 2>&1 || { cat "$out" >&2; die "h2load failed against $server"; }
  alive
  printf '  %-5s %-7s #%-2d ' h2 "$server" "$round"
  python3 bench/summarize.py line "$out" || { cat "$out" >&2; die "unusable h2load run against $server"; }
}

# The one part of the article page that changes from request to request:
# the comment form's signed token, which carries its issue time (so it
# changes every second).  nginx serves the token of the moment the page was
# saved; it has the same length as any other.
VARYING='name="token" value="[A-Za-z0-9_-]*"'
SAME_NOTE=""

# same_bytes WHAT FILE CURL-ARGS...: the body CURL fetches is FILE's bytes,
# byte for byte, or else differing only in the value of VARYING (same
# length, same everything else).
same_bytes() {
  local what=$1 file=$2 got=$TMP/check.body code
  shift 2
  code=$(curl -sS -o "$got" -w '%{http_code}' --max-time 5 "$@") || die "$what: curl failed"
  [[ $code == 200 ]] || die "$what: status $code, not 200"
  cmp -s "$file" "$got" && return 0
  if [[ $(wc -c <"$file") == $(wc -c <"$got") ]] &&
     cmp -s <(sed -E "s/$VARYING/name=\"token\" value=\"\"/g" "$file") \
            <(sed -E "s/$VARYING/name=\"token\" value=\"\"/g" "$got"); then
    SAME_NOTE="; gazette's own answers differ from each other only in the comment form's token"
    return 0
  fi
  cmp "$file" "$got" >&2 || true
  die "$what: body differs from gazette's ($(wc -c <"$got") vs $(wc -c <"$file") bytes)"
}

# ---- 1. the site -----------------------------------------------------------
say "temp dir $TMP ($TMP_FS)"
# Other work on the machine (tests, fuzzers, builds) competes for the same
# cores.  To say how much, count the CPU time the whole machine spent in
# user and system mode during the run, less what this script and everything
# it started and waited for spent (the servers, wrk, h2load, curl...): see
# other_cpu below.  Interrupt and softirq time is left out on both sides.
machine_busy() { awk '/^cpu /{ print $2 + $3 + $4; exit }' /proc/stat; }
our_busy() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $12 + $13 + $14 + $15 }'; }
BUSY0=$(machine_busy); OURS0=$(our_busy); WALL0=$(date +%s.%N)
"$GAZETTE" init --site "$TMP/site" >/dev/null 2>"$TMP/init.err" \
  || { cat "$TMP/init.err" >&2; die "gazette init failed"; }
"$GAZETTE" import --site "$TMP/site" "${FIXTURES[@]}" >"$TMP/import.out" 2>"$TMP/import.err" \
  || { cat "$TMP/import.err" >&2; die "gazette import failed"; }
grep -qxF "$ARTICLE" "$TMP/import.out" \
  || { cat "$TMP/import.out" >&2; die "import did not publish $ARTICLE"; }
set_access_log off

# ---- 2. gazette ------------------------------------------------------------
start_gazette off "$PORT_G"
THREADS=$(sed -n 's/.* with \([0-9][0-9]*\) threads.*/\1/p' "$TMP/gazette-off.err" | head -n 1)
[[ -n $THREADS ]] || THREADS=$(nproc)
say "gazette pid $GAZETTE_PID at 127.0.0.1:$PORT_G, $THREADS threads"

# ---- 3. the same bytes for nginx -------------------------------------------
mkdir -p "$TMP/www$ARTICLE"
BODY=$TMP/www${ARTICLE}index.html
code=$(curl -sS -o "$BODY" -w '%{http_code}' --max-time 5 "$G_URL") || die "fetching the article failed"
[[ $code == 200 ]] || die "gazette answered $code for $ARTICLE"
[[ -s $BODY ]] || die "gazette's article body is empty"
BYTES=$(wc -c <"$BODY")
chmod -R a+rX "$TMP/www"
USER_LINE=""
(( $(id -u) == 0 )) && USER_LINE="user $(id -un) $(id -gn);"
# nginx ends an HTTP/2 connection after keepalive_requests (default 1000)
# streams and h2load does not reconnect: the rest of its requests would fail.
H2_EXTRA="keepalive_requests 1000000;"
sed -e "s|@USER_LINE@|$USER_LINE|" -e "s|@WORKERS@|$THREADS|" \
    -e "s|@PREFIX@|$TMP/nginx|g" -e "s|@ROOT@|$TMP/www|g" \
    -e "s|@PORT_H1@|$PORT_N|" -e "s|@PORT_H2@|$PORT_N2|" -e "s|@H2_EXTRA@|$H2_EXTRA|" \
    bench/nginx.conf.in >"$TMP/nginx/nginx.conf"
"$NGINX" -t -q -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx/" \
  || die "nginx rejects $TMP/nginx/nginx.conf"
"$NGINX" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -p "$TMP/nginx/" \
  >"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
N_URL=http://127.0.0.1:$PORT_N$ARTICLE
N2_URL=http://127.0.0.1:$PORT_N2$ARTICLE
wait_http "$N_URL" "$NGINX_PID" nginx
say "nginx pid $NGINX_PID at 127.0.0.1:$PORT_N (h2c :$PORT_N2), $THREADS workers"
same_bytes "nginx HTTP/1.1" "$BODY" "$N_URL"
if (( HAVE_H2LOAD )); then
  same_bytes "gazette h2c" "$BODY" --http2-prior-knowledge "$G_URL"
  same_bytes "nginx h2c" "$BODY" --http2-prior-knowledge "$N2_URL"
fi
say "same $BYTES bytes from both (cmp)$SAME_NOTE"

# ---- 4. load, alternating ------------------------------------------------
if (( WARMUP > 0 )); then
  say "warm-up, ${WARMUP}s each (not counted)"
  wrk -t2 -c64 "-d${WARMUP}s" "$G_URL" >/dev/null
  wrk -t2 -c64 "-d${WARMUP}s" "$N_URL" >/dev/null
  alive
fi
say "HTTP/1.1: ${WRK[*]} URL, $ROUNDS rounds, gazette then nginx"
for ((r = 1; r <= ROUNDS; r++)); do
  bench_wrk h1 gazette "$r" "$G_URL"
  bench_wrk h1 nginx "$r" "$N_URL"
done

H2_NOTE=""
if (( HAVE_H2LOAD && H2_ROUNDS > 0 )); then
  say "h2c: ${H2LOAD[*]} URL, $H2_ROUNDS rounds, gazette then nginx"
  for ((r = 1; r <= H2_ROUNDS; r++)); do
    bench_h2 gazette "$r" "$G_URL"
    bench_h2 nginx "$r" "$N2_URL"
  done
elif (( ! HAVE_H2LOAD )); then
  H2_NOTE="h2load not installed"
  say "h2load not installed: no h2c comparison"
fi

# The bytes are still the same after the load.
same_bytes "gazette after load" "$BODY" "$G_URL"
same_bytes "nginx after load" "$BODY" "$N_URL"
say "same bytes after the load$SAME_NOTE"

# ---- 4b. reference: gazette with its access log going to a file -------------
stop_gazette
ACCESS_LOG=$TMP/access.log
set_access_log "$ACCESS_LOG"
start_gazette log "$PORT_G2"
say "gazette restarted (pid $GAZETTE_PID, 127.0.0.1:$PORT_G2) with access_log = $ACCESS_LOG ($TMP_FS)"
same_bytes "gazette with access log" "$BODY" "$G_URL"
bench_wrk h1log gazette 1 "$G_URL"
bench_wrk h1log nginx 1 "$N_URL"
LOG_LINES=$(wc -l <"$ACCESS_LOG")
say "access log: $LOG_LINES lines, $(du -h "$ACCESS_LOG" | cut -f1)"
(( LOG_LINES > 0 )) || die "gazette wrote no access log lines to $ACCESS_LOG"

stop_gazette
stop "$NGINX_PID" nginx || true
NGINX_PID=""

# Every process started has been waited for: its CPU time is in ours.
OTHER_CPU=$(awk -v b="$(( $(machine_busy) - BUSY0 ))" -v o="$(( $(our_busy) - OURS0 ))" \
                -v w0="$WALL0" -v w1="$(date +%s.%N)" -v n="$(nproc)" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { p = 100 * (b - o) / (n * (w1 - w0) * hz); if (p < 0) p = 0; printf "%.0f", p }')
say "other processes used ${OTHER_CPU}% of the machine's $(nproc) CPUs during the run"

# ---- anything odd in the servers' logs -------------------------------------
odd=$(cat "$TMP"/gazette-*.err | grep -v -E '^gazette: (serving .* threads|received .*; finishing requests in flight|stopped)$' || true)
if [[ -n $odd ]]; then
  say "warning: gazette's standard error says:"
  printf '%s\n' "$odd" | sort | uniq -c | sort -rn | head -n 20
fi
odd=$(grep -E '\[(warn|error|crit|alert|emerg)\]' "$TMP/nginx/error.log" 2>/dev/null || true)
if [[ -n $odd ]]; then
  say "warning: nginx's error log says:"
  printf '%s\n' "$odd" | head -n 20
fi

# ---- 5. summary and the RESULTS.md row -------------------------------------
DATE=$(date -u '+%Y-%m-%d %H:%M')
MODEL=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
MACHINE="$(nproc) cores, ${MODEL:-unknown CPU}; gazette $THREADS threads, nginx $("$NGINX" -v 2>&1 | sed 's|.*nginx/||') $THREADS workers; other processes ${OTHER_CPU}% CPU"
INVOKED="bench/run.sh"
[[ -n ${MAKELEVEL:-} ]] && INVOKED="make bench"
COMMAND="\`BENCH_SECONDS=$SECS BENCH_ROUNDS=$ROUNDS $INVOKED\`: \`${WRK[*]}\` ×$ROUNDS each, alternating"
(( HAVE_H2LOAD && H2_ROUNDS > 0 )) && COMMAND+="; \`${H2LOAD[*]}\` ×$H2_ROUNDS each"
COMMAND+="; $BYTES-byte page"

python3 bench/summarize.py row --dir "$RUNS" --date "$DATE" --commit "$COMMIT" \
  --machine "$MACHINE" --command "$COMMAND" --h2-note "$H2_NOTE" \
  --row-out "$TMP/row.md" || die "the runs are not usable"

if [[ ! -s $RESULTS ]]; then
  cat >"$RESULTS" <<'EOF'
# gazette benchmarks

`bench/run.sh` (run by `make bench`) measures how many requests per second
gazette answers for one article page, and how long the slowest 1% take,
against nginx serving **the same bytes** as a static file, on **the same
machine in the same run**.

- The page: a fresh site (`gazette init`), the two fixtures
  `tests/fixtures/blinken.md` and `aleppo.md` imported, and the Blinken
  article `/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/`
  requested over and over. Its body is fetched from gazette with curl and
  written to nginx's root; `cmp` checks that nginx returns it byte for byte,
  before the load and after it. No compression on either side. Since the
  comment form (commit 2460c40) each page gazette renders carries a signed
  form token that holds its issue time, so gazette's own answers differ
  from second to second in that one attribute value (same length); the
  check then requires the bodies to be equal but for that value, and nginx
  serves the token of the moment the page was saved.
- gazette: `gazette serve` with the default thread count (one per core) and
  `access_log = off`. nginx 1.22 (Debian's nginx-light binary, our own
  config `bench/nginx.conf.in`): as many worker processes as gazette has
  threads, `sendfile on`, `access_log off`, keep-alive at nginx's defaults.
- Load: `wrk -t2 -c64 -dNs --latency`: 64 keep-alive connections over
  HTTP/1.1, from 2 wrk threads. Runs **alternate** gazette, nginx, gazette,
  nginx … (BENCH_ROUNDS each, after a short uncounted warm-up of each), so
  that drift in the machine's speed hits both alike. Only one server is under
  load at a time.
- Also, for reference: one more pair with gazette restarted with
  `access_log` set to a file (on tmpfs, `/dev/shm`, when there is one). The
  headline is the run with the log off: a log line a request, written with
  a `write()` each, measures the file system as much as gazette; nginx
  writes no log in either pair.
- And, when `h2load` is installed, `h2load -n 200000 -c 64 -m 10` over h2c
  (HTTP/2 with prior knowledge, 10 streams per connection, a single h2load
  thread), alternating, against gazette and against nginx's `listen … http2`
  port. On that port nginx's `keepalive_requests` is raised to 1000000: at
  its default of 1000 nginx ends each HTTP/2 connection after 1000 streams
  and h2load, which does not reconnect, fails the rest of its requests.
  (Over HTTP/1.1 the default stays: nginx closes a connection after 1000
  requests and wrk reconnects; gazette never closes one.)
- Everything is on 127.0.0.1 on a **2-core, noisy virtual machine**: wrk (or
  h2load) and the server under test share the same 2 cores, so the figures
  are a ratio between two servers under the same handicap, not absolute
  capacity. Compare the ratio column across rows, not raw req/s across days.
- The run fails (and appends nothing) if any run saw a non-2xx/3xx answer,
  a failed h2load request, a server that died, or bytes that differ.

## Results

Columns: **date** (UTC) of the run; **commit** of the working tree
(`+dirty`: uncommitted changes in src/, themes/ or the Makefile);
**machine**: cores and CPU model, gazette's threads and nginx's workers,
and how much of the machine's CPU time *other* processes took during the
whole run (tests or fuzzers run by someone else: the larger, the less the
row is worth); **command**; **gazette req/s** and **nginx req/s**: median
over the rounds of wrk's Requests/sec, (min–max); **gazette/nginx**: ratio
of the two medians; **p99 ms**: median (min–max) of wrk's 99th-percentile
latency, in milliseconds; **access log to a file**: the single reference
pair with gazette's access log on tmpfs, req/s gazette vs nginx (ratio)
and p99 ms; **h2c req/s**: h2load's req/s, median (min–max), gazette vs
nginx (ratio of medians); **socket errors**: wrk's connect/read/write/timeout
counts, per run, when not zero.

| date (UTC) | commit | machine | command | gazette req/s | nginx req/s | gazette/nginx | gazette p99 ms | nginx p99 ms | access log to a file | h2c req/s | socket errors |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
EOF
fi
cat "$TMP/row.md"
cat "$TMP/row.md" >>"$RESULTS"
say "row appended to $RESULTS"
