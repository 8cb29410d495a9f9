#!/usr/bin/env bash
# standalone.sh — the repository stands alone: a clone with nothing beside
# it builds and passes the unit and HTTP suites.
#
# What it tests is the working tree's tracked content, uncommitted changes
# included: `git stash create` makes a commit of the working tree and index
# without touching either (no ref, no checkout; with nothing changed it
# prints nothing and HEAD is used).  Files git does not track are not part
# of it, as they would not be part of a clone.
#
# That commit is fetched into a new repository in an empty directory made
# by mktemp under /tmp, so the clone is a real git checkout
# (`git ls-files` works in it) and its parent directory holds nothing
# else: no shared folder, no other worktree.  Then, in the clone:
#   1. no tracked file names a path beside the repository (the shared
#      folder the engineers were handed, this machine's workplace): git
#      grep finds none of the patterns below;
#   2. `make unit` and `make http` with the build directory inside the
#      clone (not deps: `make test` installs those first; not browser,
#      valgrind or fuzz-smoke, which `make test` runs in place).
# The temporary directory is removed however the script ends.
#
# Environment: STANDALONE_JOBS, make's -j for the builds (default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
jobs=${STANDALONE_JOBS:-2}
t0=$(date +%s)

say() { printf 'standalone: %s\n' "$*"; }
die() { printf 'standalone: FAILED: %s\n' "$*" >&2; exit 1; }

# The clone's make is its own: not a sub-make of the caller's (jobserver,
# flags), and nothing from the caller's environment points it elsewhere.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES GAZETTE_SPEC_DIR GAZETTE_SITE

commit=$(git stash create "standalone: the working tree")
[[ -n $commit ]] || commit=$(git rev-parse HEAD)
untracked=$(git ls-files --others --exclude-standard)
[[ -z $untracked ]] || say "not tested (untracked, so not in a clone): $(echo $untracked)"

tmp=$(mktemp -d /tmp/gazette-standalone.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
clone=$tmp/gazette
git init -q "$clone"
git -C "$clone" fetch -q --depth=1 "file://$repo" "$commit" ||
  die "cannot fetch $commit from $repo"
git -C "$clone" checkout -q --detach FETCH_HEAD
cd "$clone"
parent=$(cd "$clone/.." && pwd)
[[ ! -e $parent/shared ]] || die "$parent/shared exists: the clone is not alone"
[[ $(ls -A "$parent") == "$(basename "$clone")" ]] ||
  die "$parent holds more than the clone: $(ls -A "$parent" | tr '\n' ' ')"
[[ -n $(git ls-files) ]] || die "the clone has no tracked files"
say "clone of $(git -C "$repo" rev-parse --short HEAD)$([[ $commit != $(git -C "$repo" rev-parse HEAD) ]] && echo ' + working tree') in $clone ($(git ls-files | wc -l) files)"

# 1. Nothing tracked reads beside the repository.  The patterns' own lines
# (marked "pattern:") are the only ones allowed to match.  The first is
# built from two pieces so that this file names no path outside itself.
up='\.\.'
outside=(
  -e "$up/shared"                                          # pattern: the folder beside the clone
  -e '\bshared/(fixtures|spec|notes|seed|wxr|hooks|DESIGN)' # pattern: into the shared folder
  -e "[\"']\.\.[\"'] *, *[\"']shared[\"']"                 # pattern: join(root, "..", "shared")
  -e '/work/(shared|main|wt)\b'                            # pattern: this machine's workplace
)
hits=$(git grep -nE "${outside[@]}" -- . | grep -vE '^tests/standalone\.sh:[0-9]+:.*# pattern: ' || true)
[[ -z $hits ]] || die "tracked files read beside the repository:
$hits"
say "no tracked file reads beside the repository"

# 2. The suites, built and run inside the clone.
say "make unit (build/ inside the clone)"
make -j"$jobs" --no-print-directory unit || die "make unit failed in the clone"
say "make http"
make -j"$jobs" --no-print-directory http || die "make http failed in the clone"
[[ -x build/asan/gazette ]] || die "the clone's build/asan/gazette was not built"

say "passed in $(( $(date +%s) - t0 )) s: unit and HTTP suites in a clone with nothing beside it"
