#!/usr/bin/env bash
# fresh-check.sh — `make fresh-check`: the README's two commands on a fresh
# Debian 12, as a new user runs them right after `git clone`.
#
#  1. A Debian 12 minbase system (`debootstrap --variant=minbase bookworm`
#     from the Debian mirror the host's apt uses) is made once and kept as a
#     tarball in ${XDG_CACHE_HOME:-~/.cache}/gazette-fresh/; each run
#     unpacks it into a throw-away directory under ${TMPDIR:-/var/tmp}.
#  2. The host's network settings go in, as a machine on the same network
#     would have them: its apt's Debian sources (no other source: the Node.js
#     checked is Debian's, never the host's), its apt Acquire settings, its
#     local CA certificates, npm's cafile, registry and proxy, the proxy and
#     CA variables of its environment, resolv.conf.
#  3. `apt-get install git make gcc ca-certificates`, and nothing else.
#  4. The repository is cloned in it (as /root/gazette, from a bare copy in
#     /srv): by default the work tree's tracked files as they are now, i.e.
#     HEAD plus uncommitted changes to tracked files (`git stash create`),
#     never untracked files; REF=rev checks that commit instead.
#  5. As root in the chroot (apt needs it, as in CI), with stdin from
#     /dev/null and `env -i` (HOME, PATH, LANG and the settings of step 2
#     only): `make run` in the background until the demo site answers 200
#     with the sample stories, then stopped by its PID; then `make test`.
#     `make run` goes first so that it gets only what `deps.sh build`
#     installs.
#  6. PASS, or FAIL with the last lines of the log; the whole log is kept
#     as last.log in the cache directory.
#
# Needs root (debootstrap, chroot, mount) and runs in a mount namespace of
# its own; /proc, /sys, /dev, /dev/pts and /dev/shm are mounted in the root
# and unmounted on the way out, failure or not, and the root is removed.
#
# KEEP=1 keeps the root (its path is printed); REFRESH=1 makes the base
# system anew; MIRROR=URL picks another Debian mirror; DEMO_PORT=N serves
# the demo there (default: a free port, as 8080 may be taken); RUN_TIMEOUT=S
# for make run to answer (1200); TAIL=N lines of log on failure (60).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

[[ $(id -u) -eq 0 ]] || {
  echo "fresh-check: needs root (debootstrap, chroot, mount): sudo make fresh-check" >&2
  exit 1
}
# Mounts made from here on are this process's own and vanish with it.
if [[ -z ${GAZETTE_FRESH_NS:-} ]]; then
  GAZETTE_FRESH_NS=1 exec unshare --mount --propagation private -- "$repo/scripts/fresh-check.sh" "$@"
fi

cache=${XDG_CACHE_HOME:-$HOME/.cache}/gazette-fresh
mkdir -p "$cache"
log=$cache/last.log
: >"$log"
base=$cache/bookworm-minbase.tar.gz
tail_lines=${TAIL:-60}
start=$SECONDS

step_line=1 # where in the log the current step began
say() {
  printf 'fresh-check: %s\n' "$*"
  printf '\n==== fresh-check: %s\n' "$*" >>"$log"
  step_line=$(wc -l <"$log")
}
elapsed() { local s=$((SECONDS - ${1:-$start})); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
fail() {
  echo "fresh-check: FAIL: $* (after $(elapsed))"
  echo "---- the lines of this step that say what failed"
  tail -n "+$step_line" "$log" |
    grep -E 'FAIL|ERROR|[Ee]rror [0-9]|[Ee]rror:|not ok [0-9]|[Ff]ailed|No such file|Traceback' |
    grep -vE '^\[  PASSED  \]|[ _]failed: ?0|, 0 failed' | head -n 40 || true
  echo "---- last $tail_lines lines of $log"
  tail -n "$tail_lines" "$log"
  exit 1
}

# ---- the commit to check ---------------------------------------------------
if [[ -n ${REF:-} ]]; then
  commit=$(git rev-parse --verify "$REF^{commit}")
  what="$REF ($(git rev-parse --short "$commit"))"
elif commit=$(git stash create) && [[ -n $commit ]]; then
  what="HEAD $(git rev-parse --short HEAD) + uncommitted changes to tracked files"
else
  commit=$(git rev-parse HEAD)
  what="HEAD $(git rev-parse --short HEAD)"
fi

# ---- the host's Debian sources ---------------------------------------------
# "URI|suite|component" for each Debian bookworm index the host's apt reads.
# shellcheck disable=SC2016  # apt's own $(FIELD)s
sources=$(apt-get indextargets --format '$(ORIGIN)|$(REPO_URI)|$(RELEASE)|$(COMPONENT)' \
            'Identifier: Packages' 2>/dev/null |
          awk -F'|' '$1 == "Debian" && $3 ~ /^bookworm(-|$)/ { print $2 "|" $3 "|" $4 }' |
          sort -u || true)
if [[ -z $sources ]]; then
  sources="http://deb.debian.org/debian/|bookworm|main
http://deb.debian.org/debian/|bookworm-updates|main
http://deb.debian.org/debian-security/|bookworm-security|main"
fi
mirror=${MIRROR:-$(awk -F'|' '$2 == "bookworm" { print $1; exit }' <<<"$sources")}
mirror=${mirror:-http://deb.debian.org/debian/}

# ---- host tools -------------------------------------------------------------
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v curl >/dev/null || need+=(curl)
if [[ ${#need[@]} -gt 0 ]]; then
  echo "fresh-check: installing on this machine: ${need[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${need[@]}"; } >>"$log" 2>&1 ||
    fail "apt-get install ${need[*]} on this machine"
fi

# ---- the throw-away root, and its removal ------------------------------------
work=$(mktemp -d "${TMPDIR:-/var/tmp}/gazette-fresh.XXXXXX")
root=$work/root
mounts=()
runpid=

# Every process whose root is the throw-away root: what a failed run left.
inside() {
  local p r
  for p in /proc/[0-9]*; do
    r=$(readlink "$p/root" 2>/dev/null) || continue
    [[ $r == "$root" ]] && echo "${p#/proc/}"
  done
  return 0
}

cleanup() {
  local status=$? m i pids
  trap - EXIT INT TERM
  if [[ -n $runpid ]] && kill -0 "$runpid" 2>/dev/null; then
    kill -TERM -- "-$runpid" 2>/dev/null || true
    sleep 2
    kill -KILL -- "-$runpid" 2>/dev/null || true
  fi
  for i in 1 2 3; do
    pids=$(inside)
    [[ -z $pids ]] && break
    # shellcheck disable=SC2086
    kill -KILL $pids 2>/dev/null || true
    sleep 1
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    m=${mounts[i]}
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null ||
      echo "fresh-check: could not unmount $m" >&2
  done
  if grep -qF " $work/" /proc/self/mountinfo; then
    echo "fresh-check: something is still mounted under $work: not removing it" >&2
  elif [[ -n ${KEEP:-} ]]; then
    echo "fresh-check: KEEP: the root is $root (mount /proc, /dev... to chroot into it)"
  else
    rm -rf --one-file-system "$work"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mnt() { # mnt TARGET MOUNT-ARGS...: mount and remember, to unmount in reverse
  local target=$1; shift
  mount "$@" "$target" || fail "mount $* $target"
  mounts+=("$target")
}

say "checking $what on a fresh Debian 12; log: $log"

# ---- 1. the base system, made once -------------------------------------------
if [[ -n ${REFRESH:-} || ! -s $base || $(cat "$base.mirror" 2>/dev/null) != "$mirror" ]]; then
  t=$SECONDS
  say "debootstrap --variant=minbase bookworm from $mirror (kept in $base)"
  debootstrap --variant=minbase bookworm "$work/base" "$mirror" >>"$log" 2>&1 ||
    fail "debootstrap"
  chroot "$work/base" apt-get clean >>"$log" 2>&1
  tar --numeric-owner -C "$work/base" -czf "$base.new" . && mv "$base.new" "$base"
  echo "$mirror" >"$base.mirror"
  rm -rf --one-file-system "$work/base"
  say "base system made in $(elapsed "$t")"
fi
mkdir "$root"
tar --numeric-owner -C "$root" -xzf "$base"

# ---- 2. the network settings of a machine on this network ----------------------
cp -L /etc/resolv.conf "$root/etc/resolv.conf"
[[ -s $root/etc/hosts ]] ||
  printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"
rm -f "$root/etc/apt/sources.list"
awk -F'|' '
  { if (!($1 in suites)) order[++n] = $1
    if (index(" " suites[$1] " ", " " $2 " ") == 0) suites[$1] = suites[$1] (suites[$1] ? " " : "") $2
    if (index(" " comps[$1] " ", " " $3 " ") == 0) comps[$1] = comps[$1] (comps[$1] ? " " : "") $3 }
  END { for (i = 1; i <= n; i++) {
          u = order[i]
          printf "Types: deb\nURIs: %s\nSuites: %s\nComponents: %s\n", u, suites[u], comps[u]
          printf "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n" } }
' <<<"$sources" >"$root/etc/apt/sources.list.d/debian.sources"
for f in /etc/apt/apt.conf /etc/apt/apt.conf.d/*; do
  [[ -f $f ]] && grep -q '^[[:space:]]*Acquire' "$f" && cp "$f" "$root$f"
done
if [[ -d /usr/local/share/ca-certificates ]]; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
# apt needs a CA bundle for an https mirror before ca-certificates is in.
if grep -q '^https:' <<<"$sources"; then
  mkdir -p "$root/etc/ssl/certs"
  cp -L /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
fi
if command -v npm >/dev/null; then
  for key in cafile registry proxy https-proxy noproxy; do
    v=$(cd / && npm config get "$key" 2>/dev/null) || continue
    case $v in ''|null|undefined|https://registry.npmjs.org/) continue ;; esac
    echo "$key=$v"
  done >"$root/etc/npmrc"
  [[ -s $root/etc/npmrc ]] || rm -f "$root/etc/npmrc"
fi
envs=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8)
while IFS= read -r -d '' kv; do
  name=${kv%%=*}
  [[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
  shopt -s nocasematch
  [[ $name =~ proxy|cert|ssl|ca_bundle|cainfo ]] && envs+=("$kv")
  shopt -u nocasematch
done < <(env -0)

mnt "$root/proc" -t proc proc
mnt "$root/sys" -t sysfs -o ro sysfs
mnt "$root/dev" --bind /dev
mnt "$root/dev/pts" -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts
mnt "$root/dev/shm" -t tmpfs -o mode=1777,nosuid,nodev tmpfs

# in_root SCRIPT: run SCRIPT with bash as root in the chroot, no terminal,
# a clean environment; its output goes to the log.
in_root() {
  chroot "$root" /usr/bin/env -i "${envs[@]}" /bin/bash -c "$1" </dev/null >>"$log" 2>&1
}

# ---- 3. what the user had installed ---------------------------------------------
t=$SECONDS
say "apt-get install git make gcc ca-certificates"
in_root 'export DEBIAN_FRONTEND=noninteractive
         apt-get update -qq && apt-get install -y -qq --no-install-recommends git make gcc ca-certificates' ||
  fail "apt-get install git make gcc ca-certificates in the root"
say "done in $(elapsed "$t")"

# ---- 4. git clone ----------------------------------------------------------------
git init -q --bare "$root/srv/gazette.git"
git --git-dir="$root/srv/gazette.git" symbolic-ref HEAD refs/heads/main
git -C "$repo" push -q "$root/srv/gazette.git" "$commit:refs/heads/main" >>"$log" 2>&1 ||
  fail "git push of $commit into the root"
say "git clone"
in_root 'cd && git clone -q /srv/gazette.git gazette' || fail "git clone in the root"

# ---- 5a. make run ----------------------------------------------------------------
t=$SECONDS
port=${DEMO_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null || echo 8080)}
say "make run (GAZETTE_DEMO_LISTEN=127.0.0.1:$port), until http://127.0.0.1:$port/ answers"
# In a session of its own, so that make, demo.sh and gazette stop together.
setsid chroot "$root" /usr/bin/env -i "${envs[@]}" GAZETTE_DEMO_LISTEN="127.0.0.1:$port" \
  /bin/bash -c 'cd ~/gazette && exec make run' </dev/null >>"$log" 2>&1 &
runpid=$!
page=$work/front.html
code=
deadline=$((SECONDS + ${RUN_TIMEOUT:-1200}))
while kill -0 "$runpid" 2>/dev/null && ((SECONDS < deadline)); do
  code=$(curl -s --noproxy '*' --max-time 10 -o "$page" -w '%{http_code}' \
           "http://127.0.0.1:$port/" 2>/dev/null) || true
  [[ $code == 200 ]] && break
  sleep 2
done
if [[ $code != 200 ]]; then
  kill -0 "$runpid" 2>/dev/null && fail "make run: no 200 from http://127.0.0.1:$port/ in ${RUN_TIMEOUT:-1200}s"
  wait "$runpid" || true
  runpid=
  fail "make run stopped before serving http://127.0.0.1:$port/"
fi
# The demo site's front page shows the sample stories' headlines (those
# whose text needs no HTML escaping are looked for).
shown=0 looked=0
while IFS= read -r title; do
  [[ $title =~ [\&\<\>\'\"] ]] && continue
  looked=$((looked + 1))
  grep -qF -- "$title" "$page" && shown=$((shown + 1))
done < <(sed -n 's/^title: *"\(.*\)"$/\1/p' "$root"/root/gazette/sample/[0-9]*.md)
kill -TERM -- "-$runpid" 2>/dev/null || true
for _ in $(seq 50); do kill -0 "$runpid" 2>/dev/null || break; sleep 0.2; done
kill -KILL -- "-$runpid" 2>/dev/null || true
wait "$runpid" 2>/dev/null || true
runpid=
echo "front page: 200, $shown of $looked sample headlines shown" >>"$log"
((shown >= 3)) || fail "make run: the page at / shows $shown of $looked sample headlines"
say "make run: http://127.0.0.1:$port/ answered 200 with $shown sample headlines, in $(elapsed "$t"); stopped"

# ---- 5b. make test -----------------------------------------------------------------
t=$SECONDS
say "make test"
in_root 'cd ~/gazette && make test' || fail "make test"
grep -q '^make test: all suites passed' "$log" || fail "make test: no closing line"
say "make test passed in $(elapsed "$t")"

# shellcheck disable=SC2016  # expanded in the root
node=$(chroot "$root" /usr/bin/env -i "${envs[@]}" /bin/bash -c \
         'echo "$(node --version) ($(dpkg-query -W -f="\${Package} \${Version}" nodejs))"' 2>/dev/null) || node=none
say "Node.js in the root: $node"
echo "fresh-check: PASS: make run and make test on a fresh Debian 12, $what ($(elapsed))"
