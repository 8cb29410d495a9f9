# gazette — see README.md.  `make` builds ./gazette, `make run` serves the
# demo site, `make test` runs every test, `make bench` the benchmarks.

CC      ?= cc
WARN     = -Wall -Wextra -Wpedantic -Werror
DEFS     = -D_GNU_SOURCE -DH2O_USE_LIBUV=0
# src/ is grouped by layer, as nginx keeps src/core, src/event, src/http:
# core (base types), http, store (and its backends), render, pages (the
# reader's), comment (comments and spam), publish, cli.  Every layer's
# headers are on the include path, so a file includes "buf.h", not a path.
SRCDIRS  = $(sort $(dir $(wildcard src/*/*.c)))
CFLAGS_COMMON = -std=c17 $(WARN) $(DEFS) $(addprefix -I,$(SRCDIRS:/=)) -MMD -MP
LIBS     = -lh2o-evloop -lssl -lcrypto -lz -lbrotlienc -lsqlite3 -lcmark -lsodium -lstemmer -lpthread -lm
TESTLIBS = -lcmocka -ljansson -lbrotlidec

SRCS     = $(wildcard src/*/*.c)
LIBSRCS  = $(filter-out src/cli/main.c,$(SRCS))
UNITSRCS = $(wildcard tests/unit/test_*.c)
FUZZSRCS = $(wildcard fuzz/fuzz_*.c)

REL_OBJS  = $(SRCS:src/%.c=build/release/%.o)
ASAN_OBJS = $(LIBSRCS:src/%.c=build/asan/%.o)
FUZZ_OBJS = $(LIBSRCS:src/%.c=build/fuzz/%.o)
UNITS     = $(UNITSRCS:tests/unit/%.c=build/asan/%)
FUZZERS   = $(FUZZSRCS:fuzz/%.c=build/fuzz/%)

SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.SECONDARY:

.PHONY: all deps deps-test run test unit http standalone browser valgrind fuzz-smoke fuzz bench bench-hostile fresh-check clean
all: gazette

deps:
	@scripts/deps.sh build
deps-test:
	@scripts/deps.sh test

gazette: $(REL_OBJS)
	$(call say,LINK,$@)
	$(Q)$(CC) -o $@ $^ $(LIBS)

# `make V=1` shows every command; otherwise one short line a file.
Q = $(if $(V),,@)
say = $(if $(V),,@echo "  $(1)	$(2)")

build/release/%.o: src/%.c
	$(call say,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_COMMON) -O2 -g -c -o $@ $<

build/asan/%.o: src/%.c
	$(call say,CC asan,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_COMMON) -O1 -g $(SAN) -c -o $@ $<

build/asan/gazette: $(ASAN_OBJS) build/asan/cli/main.o
	$(call say,LINK,$@)
	$(Q)$(CC) $(SAN) -o $@ $^ $(LIBS)

build/asan/test_%: tests/unit/test_%.c $(ASAN_OBJS) | build/asan
	$(call say,TEST,$@)
	$(Q)$(CC) $(CFLAGS_COMMON) -O1 -g $(SAN) -o $@ $< $(ASAN_OBJS) $(LIBS) $(TESTLIBS)

build/fuzz/%.o: src/%.c
	$(call say,CC fuzz,$<)
	@mkdir -p $(@D)
	$(Q)clang $(CFLAGS_COMMON) -O1 -g -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_OBJS) | build/fuzz
	$(call say,FUZZ,$@)
	$(Q)clang $(CFLAGS_COMMON) -O1 -g -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_OBJS) $(LIBS)

build/release build/asan build/fuzz build/debug:
	@mkdir -p $@

run: deps gazette
	@scripts/demo.sh

# Every test: unit (C, cmocka, ASan+UBSan), HTTP (the real ASan binary on a
# free loopback port), standalone (unit and HTTP again in a clone with
# nothing beside it), browser (Debian's Chromium through playwright-core),
# and a short fuzz smoke run of every fuzz target.
test: deps-test
	@$(MAKE) --no-print-directory unit http standalone browser valgrind fuzz-smoke
	@echo "make test: all suites passed"

unit: $(UNITS)
	@scripts/run-units.sh $(UNITS)

# test_rapid_reset checks resident size on the release build (./gazette):
# under ASan, its quarantine of freed memory alone passes the bound.
http: build/asan/gazette gazette
	@python3 tests/http/run.py build/asan/gazette

# The working tree's tracked files, cloned into an empty directory under
# /tmp: nothing tracked may read beside the repository, and `make unit
# http` must pass there.
standalone:
	@tests/standalone.sh

# The server under Valgrind (a plain -O1 build: Valgrind and the
# sanitizers do not mix).
build/debug/%.o: src/%.c
	$(call say,CC debug,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS_COMMON) -O1 -g -c -o $@ $<

build/debug/gazette: $(SRCS:src/%.c=build/debug/%.o)
	$(call say,LINK,$@)
	$(Q)$(CC) -o $@ $^ $(LIBS)

valgrind: build/debug/gazette
	@scripts/valgrind.sh build/debug/gazette

BROWSER_DEPS = tests/browser/node_modules/.package-lock.json
browser: build/asan/gazette $(BROWSER_DEPS)
	@cd tests/browser && node --test --test-concurrency=1

$(BROWSER_DEPS): tests/browser/package-lock.json
	@cd tests/browser && npm ci --no-audit --no-fund --loglevel=error

fuzz-smoke: $(FUZZERS)
	@scripts/fuzz-smoke.sh $(FUZZERS)

# The long run: every target until it has used FUZZ_SECONDS of CPU
# (default 600), two at a time at nice 19, new coverage merged into
# fuzz/corpus/; see scripts/fuzz.sh.  Not part of `make test`.
fuzz: $(FUZZERS)
	@scripts/fuzz.sh $(FUZZERS)

bench: gazette
	@scripts/deps.sh bench
	@bench/run.sh
	@bench/hostile.sh

# The readers' rate under attack alone (bench/hostile.sh).
bench-hostile: gazette
	@scripts/deps.sh bench
	@bench/hostile.sh

# `make run` and `make test` on a fresh Debian 12 (debootstrap, as root):
# see scripts/fresh-check.sh.
fresh-check:
	@scripts/fresh-check.sh

clean:
	rm -rf build gazette

-include $(wildcard build/*/*.d build/*/*/*.d)
