#!/usr/bin/env python3
"""summarize.py — read wrk and h2load outputs saved by bench/run.sh.

    summarize.py line FILE
        One line about one run (req/s, p50, p99, errors).  Exits 1 when the
        run is not usable: the output cannot be parsed, wrk counted non-2xx
        or 3xx responses, or h2load saw a request fail or a status not 2xx.

    summarize.py row --dir DIR --date D --commit C --machine M --command C
                     [--h2-note TEXT] --row-out FILE
        Every run in DIR, named PHASE-SERVER-NN.txt (PHASE: h1, h1log, h2;
        SERVER: gazette, nginx): prints a summary per phase and server and
        writes one Markdown table row (the columns of bench/RESULTS.md) to
        FILE.  Exits 1 when a run is not usable, as above.

Latencies are converted to milliseconds; wrk prints them in us, ms, s, m
or h.  Medians are statistics.median (mean of the middle two when even).
"""
import argparse
import os
import re
import statistics
import sys

TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0, "h": 3600000.0}
NAME = re.compile(r"^(h1|h1log|h2)-(gazette|nginx)-(\d+)\.txt$")


class Unusable(Exception):
    pass


def ms(value, unit):
    return float(value) * TO_MS[unit]


def parse_wrk(text):
    """The figures of one `wrk --latency` run; raises Unusable."""
    r = {"kind": "wrk"}
    m = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    if not m:
        raise Unusable("no 'Requests/sec' line (did wrk run?)")
    r["rps"] = float(m.group(1))
    for pct in ("50", "99"):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s|m|h)\s*$" % pct, text, re.M)
        if not m:
            raise Unusable("no %s%% latency line (was --latency given?)" % pct)
        r["p" + pct] = ms(m.group(1), m.group(2))
    m = re.search(r"^\s+(\d+) requests in ([\d.]+)(us|ms|s|m|h)", text, re.M)
    if not m:
        raise Unusable("no 'N requests in' line")
    r["requests"] = int(m.group(1))
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    r["non2xx"] = int(m.group(1)) if m else 0
    r["socket"] = {"connect": 0, "read": 0, "write": 0, "timeout": 0}
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                  r"timeout (\d+)", text)
    if m:
        r["socket"] = dict(zip(("connect", "read", "write", "timeout"),
                               map(int, m.groups())))
    if r["requests"] == 0:
        raise Unusable("no request completed")
    if r["non2xx"]:
        raise Unusable("%d non-2xx or 3xx responses" % r["non2xx"])
    return r


def parse_h2load(text):
    """The figures of one h2load run; raises Unusable."""
    r = {"kind": "h2load"}
    m = re.search(r"^finished in ([\d.]+)(us|ms|s|m|h), ([\d.]+) req/s", text, re.M)
    if not m:
        raise Unusable("no 'finished in' line (did h2load run?)")
    r["rps"] = float(m.group(3))
    m = re.search(r"^requests: (\d+) total, (\d+) started, (\d+) done, "
                  r"(\d+) succeeded, (\d+) failed, (\d+) errored, (\d+) timeout",
                  text, re.M)
    if not m:
        raise Unusable("no 'requests:' line")
    total, _, done, ok, failed, errored, timeout = map(int, m.groups())
    r.update(requests=total, succeeded=ok, failed=failed, errored=errored,
             timeout=timeout)
    m = re.search(r"^status codes: (\d+) 2xx, (\d+) 3xx, (\d+) 4xx, (\d+) 5xx",
                  text, re.M)
    if not m:
        raise Unusable("no 'status codes:' line")
    r["2xx"] = int(m.group(1))
    if ok != total or failed or errored or timeout or r["2xx"] != total:
        raise Unusable("%d of %d requests succeeded (%d failed, %d errored, "
                       "%d timeout), %d answered 2xx"
                       % (ok, total, failed, errored, timeout, r["2xx"]))
    m = re.search(r"^time for request:\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", text, re.M)
    r["mean"] = ms(m.group(1), m.group(2)) if m else None
    return r


def parse_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if re.search(r"^finished in ", text, re.M):
        return parse_h2load(text)
    return parse_wrk(text)


def socket_errors(r):
    s = r.get("socket") or {}
    return ", ".join("%s %d" % (k, v) for k, v in s.items() if v)


def describe(r):
    if r["kind"] == "wrk":
        line = "%9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  (%d requests)" % (
            r["rps"], r["p50"], r["p99"], r["requests"])
        if socket_errors(r):
            line += "  SOCKET ERRORS: " + socket_errors(r)
        return line
    line = "%9.0f req/s  (%d requests, all 2xx)" % (r["rps"], r["requests"])
    if r.get("mean") is not None:
        line += "  mean request time %.2f ms" % r["mean"]
    return line


def fmt_rps(x):
    return "{:,.0f}".format(x)


def fmt_ms(x):
    return "%.2f" % x if x < 100 else "%.0f" % x


def spread(values, fmt):
    """'median (min–max)', or just the value when there is one."""
    med = statistics.median(values)
    if len(values) == 1:
        return fmt(med)
    return "%s (%s–%s)" % (fmt(med), fmt(min(values)), fmt(max(values)))


def cmd_line(args):
    try:
        r = parse_file(args.file)
    except (Unusable, OSError) as e:
        print("%s: UNUSABLE: %s" % (os.path.basename(args.file), e))
        return 1
    print(describe(r))
    return 0


def cmd_row(args):
    runs = {}
    bad = []
    for name in sorted(os.listdir(args.dir)):
        m = NAME.match(name)
        if not m:
            continue
        try:
            r = parse_file(os.path.join(args.dir, name))
        except Unusable as e:
            bad.append("%s: %s" % (name, e))
            continue
        runs.setdefault((m.group(1), m.group(2)), []).append(r)
    for line in bad:
        print("UNUSABLE " + line)
    if bad:
        return 1
    for key in (("h1", "gazette"), ("h1", "nginx")):
        if key not in runs:
            print("no %s runs against %s" % key)
            return 1

    def col(phase, server, field):
        return [r[field] for r in runs.get((phase, server), [])]

    titles = {"h1": "HTTP/1.1 keep-alive, gazette access_log = off",
              "h1log": "HTTP/1.1 keep-alive, gazette access_log = a file in the temp dir",
              "h2": "h2c (h2load), gazette access_log = off"}
    print()
    for phase in ("h1", "h1log", "h2"):
        if (phase, "gazette") not in runs:
            continue
        print("%s:" % titles[phase])
        for server in ("gazette", "nginx"):
            rs = runs.get((phase, server), [])
            if not rs:
                continue
            line = "  %-7s  req/s %s" % (server, spread(col(phase, server, "rps"), fmt_rps))
            if rs[0]["kind"] == "wrk":
                line += "   p99 ms %s" % spread(col(phase, server, "p99"), fmt_ms)
            line += "   [%d run%s]" % (len(rs), "" if len(rs) == 1 else "s")
            print(line)
        if (phase, "nginx") in runs:
            print("  gazette/nginx (median req/s): %.2f" % (
                statistics.median(col(phase, "gazette", "rps")) /
                statistics.median(col(phase, "nginx", "rps"))))
    print()

    def ratio(phase):
        return "%.2f" % (statistics.median(col(phase, "gazette", "rps")) /
                         statistics.median(col(phase, "nginx", "rps")))

    cells = [args.date, args.commit, args.machine, args.command,
             spread(col("h1", "gazette", "rps"), fmt_rps),
             spread(col("h1", "nginx", "rps"), fmt_rps),
             ratio("h1"),
             spread(col("h1", "gazette", "p99"), fmt_ms),
             spread(col("h1", "nginx", "p99"), fmt_ms)]
    if ("h1log", "gazette") in runs and ("h1log", "nginx") in runs:
        cells.append("%s vs %s (%s); p99 %s vs %s" % (
            fmt_rps(statistics.median(col("h1log", "gazette", "rps"))),
            fmt_rps(statistics.median(col("h1log", "nginx", "rps"))),
            ratio("h1log"),
            fmt_ms(statistics.median(col("h1log", "gazette", "p99"))),
            fmt_ms(statistics.median(col("h1log", "nginx", "p99")))))
    else:
        cells.append("not run")
    if ("h2", "gazette") in runs:
        g = spread(col("h2", "gazette", "rps"), fmt_rps)
        if ("h2", "nginx") in runs:
            cells.append("%s vs %s (%s)" % (
                g, spread(col("h2", "nginx", "rps"), fmt_rps), ratio("h2")))
        else:
            cells.append("%s vs not run" % g)
    else:
        cells.append(args.h2_note or "not run")
    errs = []
    for (phase, server), rs in sorted(runs.items()):
        for i, r in enumerate(rs, 1):
            if socket_errors(r):
                errs.append("%s %s #%d: %s" % (phase, server, i, socket_errors(r)))
    cells.append("; ".join(errs) if errs else "none")
    row = "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
    with open(args.row_out, "w", encoding="utf-8") as f:
        f.write(row + "\n")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("line")
    a.add_argument("file")
    b = sub.add_parser("row")
    for name in ("dir", "date", "commit", "machine", "command", "row-out"):
        b.add_argument("--" + name, required=True)
    b.add_argument("--h2-note", default="")
    args = p.parse_args()
    return cmd_line(args) if args.cmd == "line" else cmd_row(args)


if __name__ == "__main__":
    sys.exit(main())
