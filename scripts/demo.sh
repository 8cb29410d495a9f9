#!/usr/bin/env bash
# demo.sh — `make run`: a demo site with the project's sample articles,
# served at http://127.0.0.1:8080/.  The site is made once in demo-site/;
# the samples are imported again on every run, so edits to sample/ show
# up: a file imported again updates its article, not a new one (each
# sample also names its slug:, which finds its article even in a demo
# site made before gazette recorded where an article came from).
set -euo pipefail
cd "$(dirname "$0")/.."
site=${GAZETTE_DEMO_SITE:-demo-site}
listen=${GAZETTE_DEMO_LISTEN:-127.0.0.1:8080}
[[ -f $site/gazette.ini ]] || ./gazette init --site "$site"
# a demo site made by a gazette older than the private store (0644): this
# script's own site, so it closes it as `gazette serve` asks
for f in "$site"/gazette.db "$site"/gazette.db-wal "$site"/gazette.db-shm; do
    if [[ -e $f && $(stat -c %a "$f") != 600 ]]; then
        echo "demo: closing $f to other users (chmod 600), as gazette serve asks"
        chmod 600 "$f"
    fi
done
# The comment form's Origin check compares with base_url: it must name the
# address the demo is served at, whatever GAZETTE_DEMO_LISTEN says.
sed -i -E "s|^([[:space:]]*base_url[[:space:]]*=).*|\1 http://$listen|" "$site/gazette.ini"
echo "demo: importing sample/ into $site"
./gazette import --site "$site" sample/[0-9]*.md
echo "demo: open http://$listen/  (Ctrl-C stops)"
exec ./gazette serve --site "$site" --listen "$listen"
