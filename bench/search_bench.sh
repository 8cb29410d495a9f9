#!/usr/bin/env bash
# bench/search_bench.sh — search at scale: how long /search takes on a site
# of N articles (100,000 by default), and how long building that site takes.
#
#   make gazette && bench/search_bench.sh
#   SEARCH_N=20000 SEARCH_RUNS=9 bench/search_bench.sh
#
# What it does, all in one temp directory (on tmpfs when /dev/shm is one):
#   1. writes N Markdown articles with a deterministic generator (Python,
#      fixed seed): a Zipf-distributed vocabulary of ~30,000 words (a few
#      hundred real news words, the commoner ones, some with diacritics;
#      the rest made of syllables; every fourth word a function word such
#      as "the"), titles of 5-10 words, bodies of 150-600 words, one of 12
#      sections at random, dates evenly over ten years; one article in 50
#      is a draft, one in 500 has a sentence in Arabic;
#   2. gazette init, then gazette import of the files in batches of
#      SEARCH_BATCH (one process a batch, one transaction an article: the
#      real import path, FTS5 triggers included), timed;
#   3. gazette serve on a free port (access_log = off), and for each query
#      below SEARCH_RUNS timed curl requests after one warm-up; prints the
#      median and the slowest, and the result count the page reports.
# Every process it starts is stopped by its PID on the way out.  The
# figures depend on the machine; note its CPU with them.
#
# Environment: SEARCH_N (100000), SEARCH_BATCH (2000), SEARCH_RUNS (7),
# SEARCH_KEEP=1 keeps the temp directory, GAZETTE (./gazette);
# SEARCH_REUSE=DIR skips steps 1 and 2 and queries DIR/site, the directory
# of an earlier run kept with SEARCH_KEEP=1.
set -euo pipefail

cd "$(dirname "$0")/.."

N=${SEARCH_N:-100000}
BATCH=${SEARCH_BATCH:-2000}
RUNS=${SEARCH_RUNS:-7}
GAZETTE=${GAZETTE:-./gazette}

say() { printf 'search-bench: %s\n' "$*"; }
die() { printf 'search-bench: FAILED: %s\n' "$*" >&2; exit 1; }

for v in N BATCH RUNS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive whole number, not '${!v}'"
done
[[ -x $GAZETTE ]] || die "$GAZETTE not built (run: make gazette)"
[[ $GAZETTE == */* ]] || GAZETTE=./$GAZETTE
GAZETTE=$(cd "$(dirname "$GAZETTE")" && pwd)/$(basename "$GAZETTE")
for tool in curl python3; do
  command -v "$tool" >/dev/null || die "$tool not found"
done

REUSE=${SEARCH_REUSE:-}
if [[ -n $REUSE ]]; then
  [[ -d $REUSE/site && -f $REUSE/rare-word ]] || die "SEARCH_REUSE=$REUSE: no site from an earlier run there"
  TMP=$REUSE
  SEARCH_KEEP=1
elif [[ -d /dev/shm && -w /dev/shm && $(stat -f -c %T /dev/shm 2>/dev/null) == tmpfs ]]; then
  TMP=$(mktemp -d /dev/shm/gazette-search.XXXXXX)
else
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/gazette-search.XXXXXX")
fi
SERVER_PID=
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  if [[ ${SEARCH_KEEP:-0} == 1 ]]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

build_site() {
# ---- 1. the articles ------------------------------------------------------
say "writing $N articles into $TMP/articles ($(stat -f -c %T "$TMP"))"
t0=$(date +%s.%N)
python3 - "$N" "$TMP/articles" <<'PY'
import datetime, os, random, sys

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(20240501)
news = """government minister election president ceasefire truce talks hostages
border troops army war peace treaty parliament vote court judge police protest
economy inflation market bank budget tax trade tariff oil gas energy climate
flood storm drought wildfire earthquake hospital health vaccine school teacher
student university science research space rocket satellite football league
championship coach player match season festival film music theatre museum art
city village farmer harvest water river coast port ship airline airport train
railway road bridge housing rent prices wages strike union workers company
profit shares investors technology software internet phone privacy data
security cyber attack refugees migrants aid relief convoy embassy diplomat
envoy summit negotiations agreement sanctions exports imports currency dollar
euro crisis recovery growth recession unemployment jobs report survey poll
campaign candidate party opposition coalition reform law bill senate congress
mayor governor council region province capital island mountain desert forest
wildlife species ocean fishing pollution emissions carbon solar wind nuclear
blinken hamas israel gaza egypt qatar cairo rafah aleppo syria assad jordan
insurgents offensive prisoners humanitarian displacement casualties civilians
café résumé naïve zürich são méxico crème fiancé""".split()
syll = ["ba", "ko", "ri", "ten", "mar", "lo", "vi", "sen", "da", "ru", "pel", "an",
        "tor", "mi", "ka", "zu", "lin", "or", "es", "qua", "dre", "nis", "fo", "gal"]
rng.shuffle(news)
made = set(news)
vocab = list(news)         # the news words are the commoner ones
while len(vocab) < 30000:
    w = "".join(rng.choice(syll) for _ in range(rng.choice((2, 3, 3, 4))))
    if w not in made:
        made.add(w)
        vocab.append(w)
with open(os.path.join(out, "..", "rare-word"), "w") as f:
    f.write(vocab[25000])  # about one article in 5,000 has it
glue = "the of and to in a is that for on was with as by at from".split()
cum, total = [], 0.0
for rank in range(len(vocab)):
    total += 1.0 / (rank + 1) ** 1.05
    cum.append(total)
sections = ["World", "Politics", "Business", "Science", "Health", "Sport", "Culture",
            "Middle East", "Europe", "Americas", "Asia", "Opinion"]
start = datetime.datetime(2015, 1, 1)
span = 10 * 365 * 86400      # ten years, newest last
arabic = "المفاوضات في القاهرة حول وقف إطلاق النار مستمرة".split()

def words(k):
    ws = rng.choices(vocab, cum_weights=cum, k=k)
    for i in range(0, k, 4):
        ws[i] = rng.choice(glue)
    return ws

for i in range(n):
    title = " ".join(w for w in words(rng.randint(5, 10)) if w not in glue).capitalize()
    title = title or "Untitled"
    paras, left = [], rng.randint(150, 600)
    while left > 0:
        k = min(left, rng.randint(30, 90))
        left -= k
        p = " ".join(words(k))
        paras.append(p[0].upper() + p[1:] + ".")
    if i % 500 == 7:
        paras.append(" ".join(rng.sample(arabic, 5)) + ".")
    when = start + datetime.timedelta(seconds=i * span // n)
    status = "status: draft\n" if i % 50 == 49 else ""
    with open(os.path.join(out, f"a{i:06d}.md"), "w", encoding="utf-8") as f:
        f.write(f'---\ntitle: "{title} {i}"\ndate: {when:%Y-%m-%dT%H:%M:%SZ}\n'
                f"section: {rng.choice(sections)}\nslug: story-{i}\n{status}---\n\n"
                + "\n\n".join(paras) + "\n")
PY
t1=$(date +%s.%N)
say "generated in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s, $(du -sh "$TMP/articles" | cut -f1)"

# ---- 2. the site ----------------------------------------------------------
"$GAZETTE" init --site "$TMP/site" >/dev/null
t0=$(date +%s.%N)
(cd "$TMP/articles" && find . -name '*.md' -print0 | sort -z |
  xargs -0 -n "$BATCH" "$GAZETTE" import --site "$TMP/site" >/dev/null) ||
  die "import failed"
t1=$(date +%s.%N)
IMPORT_S=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
say "imported $N articles in $IMPORT_S s ($(python3 -c "print(f'{($t1 - $t0) * 1e3 / $N:.2f}')") ms an article);" \
    "store $(du -sh "$TMP/site" | cut -f1)"
sed -i 's/^access_log *=.*/access_log = off/' "$TMP/site/gazette.ini"
}
if [[ -n $REUSE ]]; then
  say "reusing $TMP/site ($(du -sh "$TMP/site" | cut -f1))"
else
  build_site
fi

# ---- 3. the queries -------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$GAZETTE" serve --site "$TMP/site" --listen "127.0.0.1:$PORT" >"$TMP/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.1
done
kill -0 "$SERVER_PID" 2>/dev/null || die "server did not start: $(cat "$TMP/serve.log")"

# label|query string
QUERIES=(
  "in every article|q=the"
  "common word|q=government"
  "rare word|q=$(cat "$TMP/rare-word")"
  "two words|q=ceasefire+talks"
  "three words|q=government+election+budget"
  "phrase|q=%22the+government%22"
  "prefix|q=negot*"
  "3-letter prefix|q=neg*"
  "2 letters and *: a word|q=ba*"
  "diacritics|q=CAFE"
  "arabic|q=%D8%A7%D9%84%D9%82%D8%A7%D9%87%D8%B1%D8%A9"
  "deep page|q=government&page=50"
  "no results, suggestion|q=govrnment"
  "no results, none|q=xqzvwkj"
  "no results, 2 typos|q=cesefire+tlks"
  "2 of 3 words|q=ceasefire+talks+xqzvwkj"
  "1 of 2, common|q=government+xqzvwkj"
  "1 of 2, everywhere|q=the+xqzvwkj"
  "3 of 5 words|q=ceasefire+talks+hostages+xqzvwkj+zzyzxq"
)
printf '\n%-24s %10s %10s %10s  %s\n' "query" "median ms" "max ms" "results" "q"
for entry in "${QUERIES[@]}"; do
  label=${entry%%|*}
  qs=${entry#*|}
  url="http://127.0.0.1:$PORT/search?$qs"
  body=$(curl -s "$url")            # warm-up, and the count
  count=$(printf '%s' "$body" | grep -o 'class="search-count[^"]*">[^<]*' | sed 's/.*>//' | head -1)
  [[ $body == *"Did you mean"* ]] && count="$count (did you mean: $(printf '%s' "$body" | grep -o 'Did you mean: <a[^>]*>[^<]*' | sed 's/.*>//'))"
  times=()
  for _ in $(seq "$RUNS"); do
    code_time=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$url")
    [[ ${code_time%% *} == 200 ]] || die "$label: HTTP ${code_time%% *}"
    times+=("${code_time#* }")
  done
  read -r med max < <(printf '%s\n' "${times[@]}" | sort -g |
    python3 -c 'import sys; t=[float(x)*1e3 for x in sys.stdin]; print(f"{t[len(t)//2]:.1f} {t[-1]:.1f}")')
  printf '%-24s %10s %10s %10s  %s\n' "$label" "$med" "$max" "${count:-?}" "$qs"
done
echo
say "N=$N, runs=$RUNS per query, CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
