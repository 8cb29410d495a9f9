#!/usr/bin/env python3
"""run.py BINARY — run every tests/http/test_*.py against BINARY.

Each test_* function in each module is called with no arguments; modules
manage their own sites and servers through harness.py.  Prints one line a
test and closes with "http: N passed, M failed"; exits 1 on any failure.
"""
import importlib.util
import glob
import os
import sys
import time
import traceback

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import harness  # noqa: E402


def main():
    harness.BINARY = os.path.abspath(sys.argv[1])
    only = sys.argv[2] if len(sys.argv) > 2 else None
    passed = failed = 0
    for path in sorted(glob.glob(os.path.join(here, "test_*.py"))):
        name = os.path.basename(path)[:-3]
        spec = importlib.util.spec_from_file_location(name, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        tests = [(n, f) for n, f in vars(mod).items() if n.startswith("test_") and callable(f)]
        setup = getattr(mod, "setup_module", None)
        teardown = getattr(mod, "teardown_module", None)
        try:
            if setup:
                setup()
        except Exception:
            print(f"FAIL {name}: setup\n{traceback.format_exc()}")
            failed += len(tests)
            try:
                if teardown:
                    teardown()
            except Exception:
                pass
            continue
        for tname, fn in tests:
            if only and only not in f"{name}.{tname}":
                continue
            t0 = time.time()
            try:
                fn()
                passed += 1
                print(f"ok   {name}.{tname} ({time.time() - t0:.2f}s)")
            except Exception:
                failed += 1
                print(f"FAIL {name}.{tname}\n{traceback.format_exc()}")
        if teardown:
            try:
                teardown()
            except Exception:
                failed += 1
                print(f"FAIL {name}: teardown\n{traceback.format_exc()}")
    print(f"http: {passed} passed, {failed} failed")
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
