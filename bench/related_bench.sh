#!/usr/bin/env bash
# bench/related_bench.sh — related stories at scale: the time to publish one
# article (its related update included) into a site of 100,000 articles.
#
#   make gazette && bench/related_bench.sh
#   RELATED_BENCH_ARTICLES=20000 RELATED_BENCH_PUBLISHES=9 bench/related_bench.sh
#
# What it does, in one temp directory (removed at the end unless
# RELATED_BENCH_KEEP=1):
#   1. generates RELATED_BENCH_ARTICLES (100,000) Markdown articles: a
#      deterministic word salad (seeded) on 40 topics, each topic with its
#      own vocabulary, section and tags, over a shared vocabulary drawn
#      with a Zipf-like law, so that term frequencies look like news;
#   2. imports them with `gazette import`, BATCH (4,000) files a process,
#      timing the whole import and printing the rate as it goes (every
#      article pays its own related update, as a publish does);
#   3. publishes RELATED_BENCH_PUBLISHES (9) more articles one at a time,
#      each a separate `gazette import` of one file, and times each run of
#      the whole process (start, open, save, related update, exit); then
#      as many updates of an existing article (new text, same slug, so it
#      leaves old lists and enters new ones);
#   4. prints the median and the range of each, the index sizes, and one
#      line "related: publish at N articles: median X ms".
# Exits non-zero when a step fails.
#
# On a 2-core machine the 100,000-article import takes several minutes
# (most of it the per-article related update and its fsync); the
# publishes take seconds.
set -euo pipefail

cd "$(dirname "$0")/.."

N=${RELATED_BENCH_ARTICLES:-100000}
PUBLISHES=${RELATED_BENCH_PUBLISHES:-9}
BATCH=${RELATED_BENCH_BATCH:-4000}
GAZETTE=${GAZETTE:-./gazette}

say() { printf 'related-bench: %s\n' "$*"; }
die() { printf 'related-bench: FAILED: %s\n' "$*" >&2; exit 1; }

for v in N PUBLISHES BATCH; do
  [[ ${!v} =~ ^[0-9]+$ ]] && (( ${!v} > 0 )) || die "$v must be a whole number > 0"
done
(( BATCH <= 4096 )) || die "RELATED_BENCH_BATCH must be at most 4096 (files a gazette import)"
[[ -x $GAZETTE ]] || die "$GAZETTE not built (run: make gazette)"
[[ $GAZETTE == */* ]] || GAZETTE=./$GAZETTE
GAZETTE=$(cd "$(dirname "$GAZETTE")" && pwd)/$(basename "$GAZETTE")
command -v python3 >/dev/null || die "python3 not found"
command -v sqlite3 >/dev/null || SQLITE=0

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gazette-related-bench-XXXXXX")
cleanup() { [[ ${RELATED_BENCH_KEEP:-0} == 1 ]] && say "kept $TMP" || rm -rf "$TMP"; }
trap cleanup EXIT

SITE=$TMP/site
"$GAZETTE" init --site "$SITE" 2>/dev/null

# ---- 1. the corpus ---------------------------------------------------------
say "generating $N articles"
t0=$(date +%s.%N)
python3 - "$TMP/articles" "$N" "$BATCH" <<'PY'
import os, random, sys

out, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(20240501)
letters = "abcdefghijklmnopqrstuvwxyz"

def word(r, lo=4, hi=10):
    return "".join(r.choice(letters) for _ in range(r.randint(lo, hi)))

common = [word(rng) for _ in range(3000)]           # the shared vocabulary
weights = [1.0 / (i + 1) for i in range(len(common))]  # Zipf-like
cum, s = [], 0.0
for w in weights:
    s += w
    cum.append(s)
topics = []
for t in range(40):
    topics.append({
        "vocab": [word(rng, 5, 11) for _ in range(60)],
        "section": f"Section {t % 12}",
        "tags": [f"tag{t}-{k}" for k in range(6)],
    })

def article(i, r):
    t = topics[r.randrange(len(topics))]
    def pick():
        if r.random() < 0.35:
            return r.choice(t["vocab"])
        return common[min(len(common) - 1, __import__("bisect").bisect(cum, r.random() * s))]
    title = " ".join(pick() for _ in range(7)).capitalize()
    paras = []
    for _ in range(r.randint(3, 5)):
        sent = []
        for _ in range(r.randint(2, 4)):
            sent.append(" ".join(pick() for _ in range(r.randint(8, 18))).capitalize() + ".")
        paras.append(" ".join(sent))
    day = 1 + i % 28
    month = 1 + (i // 28) % 12
    year = 2015 + (i // 336) % 10
    tags = ", ".join(r.sample(t["tags"], 2))
    return (f"---\ntitle: \"{title}\"\ndate: {year}-{month:02d}-{day:02d}T{i % 24:02d}:00:00Z\n"
            f"section: {t['section']}\ntags: [{tags}]\nslug: a{i}\nauthor: Desk\n---\n\n"
            + "\n\n".join(paras) + "\n")

for i in range(n):
    d = os.path.join(out, f"b{i // batch:04d}")
    if i % batch == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"a{i}.md"), "w") as f:
        f.write(article(i, rng))
# the articles published during the measurement, and their rewrites
extra = os.path.join(out, "extra")
os.makedirs(extra)
r2 = random.Random(7)
for k in range(64):
    with open(os.path.join(extra, f"new{k}.md"), "w") as f:
        f.write(article(n + k, r2).replace(f"slug: a{n + k}", f"slug: new{k}"))
    with open(os.path.join(extra, f"upd{k}.md"), "w") as f:
        f.write(article(n + 1000 + k, r2).replace(f"slug: a{n + 1000 + k}", f"slug: a{k * 997 % n}"))
PY
t1=$(date +%s.%N)
say "generated in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s"

# ---- 2. the import ---------------------------------------------------------
say "importing $N articles, $BATCH a process"
start=$(date +%s.%N)
done_n=0
for d in "$TMP"/articles/b*; do
  "$GAZETTE" import --site "$SITE" "$d"/*.md >/dev/null || die "import of $d failed"
  done_n=$((done_n + $(ls "$d" | wc -l)))
  now=$(date +%s.%N)
  say "$(python3 -c "e=$now-$start; print(f'{$done_n} imported, {e:.0f} s, {$done_n/e:.0f} articles/s')")"
done
end=$(date +%s.%N)
IMPORT_S=$(python3 -c "print(f'{$end - $start:.1f}')")
IMPORT_RATE=$(python3 -c "print(f'{$N / ($end - $start):.0f}')")
say "imported $N articles in $IMPORT_S s ($IMPORT_RATE articles/s, related updates included)"

# ---- 3. publishes at full size --------------------------------------------
# One process a publish, timed from outside: what an editor waits for.
time_one() {   # FILE -> milliseconds on stdout
  local a b
  a=$(date +%s%N)
  "$GAZETTE" import --site "$SITE" "$1" >/dev/null || die "import of $1 failed"
  b=$(date +%s%N)
  echo $(( (b - a) / 1000 ))
}
stats() {      # microsecond samples on stdin -> "median X ms (min Y, max Z)"
  python3 -c '
import sys, statistics
v = sorted(int(x) / 1000 for x in sys.stdin.read().split())
print(f"median {statistics.median(v):.1f} ms (min {v[0]:.1f}, max {v[-1]:.1f}, n {len(v)})")'
}
# A process that opens the site and saves nothing: the floor under a publish.
baseline=()
for k in $(seq 1 "$PUBLISHES"); do
  a=$(date +%s%N)
  "$GAZETTE" import --site "$SITE" /nonexistent.md >/dev/null 2>&1 || true
  b=$(date +%s%N)
  baseline+=($(( (b - a) / 1000 )))
done
publish=()
for k in $(seq 0 $((PUBLISHES - 1))); do publish+=("$(time_one "$TMP/articles/extra/new$k.md")"); done
update=()
for k in $(seq 0 $((PUBLISHES - 1))); do update+=("$(time_one "$TMP/articles/extra/upd$k.md")"); done

BASE=$(printf '%s\n' "${baseline[@]}" | stats)
PUB=$(printf '%s\n' "${publish[@]}" | stats)
UPD=$(printf '%s\n' "${update[@]}" | stats)
PUB_MED=$(printf '%s\n' "${publish[@]}" | python3 -c 'import sys,statistics; print(f"{statistics.median(int(x)/1000 for x in sys.stdin.read().split()):.1f}")')

# ---- 4. report -------------------------------------------------------------
say "process that opens the site and saves nothing: $BASE"
say "publish one new article (whole process):       $PUB"
say "update one existing article (whole process):   $UPD"
if [[ ${SQLITE:-1} == 1 ]]; then
  say "index: $(sqlite3 "$SITE/gazette.db" "SELECT (SELECT docs FROM related_totals) || ' articles indexed, ' || (SELECT count(*) FROM term_stats) || ' terms, ' || (SELECT count(*) FROM article_terms) || ' kept terms, ' || (SELECT count(*) FROM related) || ' list entries'")"
fi
say "database: $(du -h "$SITE/gazette.db" | cut -f1)"
echo "related: publish at $N articles: median $PUB_MED ms (import rate $IMPORT_RATE articles/s)"
