#!/usr/bin/env bash
# comments.sh — durable comment posts per second, and the article page's
# read rate while those posts go on.
#
# A fresh site with the two fixtures; [comments] flood_seconds = 0,
# min_submit_seconds = 0, hold_unknown_authors = false (every post is
# approved and written); access log off.  wrk posts distinct comments
# (bench/comment_post.lua) over 16 keep-alive connections for
# BENCH_SECONDS; at the same time a second wrk reads the article page over
# 16 connections.  Every 303 is a comment committed to disk (WAL,
# synchronous=FULL) before the answer.  Posts go to the Aleppo article,
# reads to the Blinken one.  Then the same read load alone, for
# the rate without writes.  Rounds alternate, BENCH_ROUNDS of each.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${BENCH_SECONDS:-10}
rounds=${BENCH_ROUNDS:-3}
fixtures=tests/fixtures
[[ -f $fixtures/blinken.md ]] || { echo "bench: missing $fixtures/blinken.md" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

./gazette init --site "$tmp/site" 2>/dev/null
./gazette import --site "$tmp/site" "$fixtures/blinken.md" "$fixtures/aleppo.md" >/dev/null
python3 - "$tmp/site/gazette.ini" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
for k, v in (("flood_seconds", "0"), ("min_submit_seconds", "0"),
             ("hold_unknown_authors", "false"), ("access_log", "off")):
    s = "\n".join(f"{k} = {v}" if l.split("=")[0].strip() == k else l for l in s.splitlines()) + "\n"
open(p, "w").write(s)
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
./gazette serve --site "$tmp/site" --listen "127.0.0.1:$port" 2>"$tmp/serve.err" &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
# posts go to one article, reads to the other: the read page stays the
# same size while the posts pile up elsewhere
page=/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/
html=$(curl -sf "http://127.0.0.1:$port/2024/11/30/insurgents-advance-from-aleppo-assad-vows-defeat/")
export BENCH_ARTICLE=$(grep -o 'name="article" value="[0-9]*"' <<<"$html" | grep -o '[0-9]*')
export BENCH_TOKEN=$(grep -o 'name="token" value="[^"]*"' <<<"$html" | cut -d'"' -f4)

rate() { awk '/Requests\/sec/ {print $2}' "$1"; }
non2xx() { awk '/Non-2xx or 3xx/ {print $5}' "$1"; }
posts=() reads_during=() reads_alone=()
for r in $(seq "$rounds"); do
  wrk -t1 -c16 -d"${secs}s" -s bench/comment_post.lua "http://127.0.0.1:$port" >"$tmp/post.$r" &
  wp=$!
  wrk -t1 -c16 -d"${secs}s" "http://127.0.0.1:$port$page" >"$tmp/read.$r"
  wait "$wp"
  bad=$(non2xx "$tmp/post.$r"); [[ -z $bad ]] || { echo "bench: $bad posts not answered 303:" >&2; cat "$tmp/post.$r" >&2; exit 1; }
  posts+=("$(rate "$tmp/post.$r")")
  reads_during+=("$(rate "$tmp/read.$r")")
  wrk -t1 -c16 -d"${secs}s" "http://127.0.0.1:$port$page" >"$tmp/alone.$r"
  reads_alone+=("$(rate "$tmp/alone.$r")")
done
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from comments').fetchone()[0])" "$tmp/site/gazette.db")
python3 - "$stored" "${posts[*]}" "${reads_during[*]}" "${reads_alone[*]}" <<'PY'
import statistics, sys
stored = sys.argv[1]
def fmt(xs):
    xs = [float(x) for x in xs.split()]
    return f"{statistics.median(xs):.0f} ({min(xs):.0f}–{max(xs):.0f})"
print(f"| comment posts/s (16 conns) | {fmt(sys.argv[2])} |")
print(f"| article reads/s during posts (16 conns) | {fmt(sys.argv[3])} |")
print(f"| article reads/s alone (16 conns) | {fmt(sys.argv[4])} |")
print(f"| comments stored | {stored} |")
PY
