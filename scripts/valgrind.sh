#!/usr/bin/env bash
# valgrind.sh BINARY — the server under Valgrind's memcheck: a site made,
# every kind of page asked for, a comment posted, a graceful stop.  Fails
# on any memory error or definite leak (h2o's thread-local free lists
# aside: tests/valgrind.supp).
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pid=
cleanup() { [[ -n $pid ]] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$bin" init --site "$tmp/site" 2>/dev/null
"$bin" import --site "$tmp/site" tests/fixtures/blinken.md tests/fixtures/aleppo.md >/dev/null
sed -i 's/^min_submit_seconds = .*/min_submit_seconds = 0/; s/^theme_dir =.*/theme_dir = '"${PWD//\//\\/}"'\/themes\/default/' "$tmp/site/gazette.ini"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 \
  --suppressions=tests/valgrind.supp \
  "$bin" serve --site "$tmp/site" --listen "127.0.0.1:$port" >/dev/null 2>"$tmp/vg.err" &
pid=$!
for _ in $(seq 200); do curl -sf -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
page=/2024/05/01/blinken-presses-hamas-for-gaza-truce-amid-israel-talks/
for path in / "$page" /search?q=truce /feed/ /feed/atom/ /feed/json/ /sitemap.xml \
            /news-sitemap.xml /robots.txt /section/middle-east/ /tag/gaza/ /2024/05/ \
            /theme/style.css /no/such/page/ "$page"feed/ /comments/feed/; do
  curl -s -o /dev/null --compressed "http://127.0.0.1:$port$path"
done
token=$(curl -s "http://127.0.0.1:$port$page" | grep -o 'name="token" value="[^"]*"' | cut -d'"' -f4)
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$port/comments" \
  --data "article=1&parent=0&token=$token&comment=Under+valgrind&author=V&email=v%40example.org")
[[ $code == 303 ]] || { echo "valgrind: the comment got $code, not 303" >&2; exit 1; }
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
if [[ $status -ne 0 ]] || grep -q "ERROR SUMMARY: [1-9]" "$tmp/vg.err"; then
  cat "$tmp/vg.err" >&2
  echo "valgrind: FAILED (exit $status)" >&2
  exit 1
fi
echo "valgrind: 1 passed, 0 failed"
