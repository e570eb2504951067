#!/usr/bin/python3
"""End-to-end check of `streams analyze` against the golden references.

    analyze_reference_e2e.py STREAMS_BINARY LINE_NUMBER

Runs the real binary with the arguments of line LINE_NUMBER (1-based, counting non-comment lines)
of src/analytics/tests/data/reference/commands.txt, and compares its stdout with the golden JSON
using scripts/compare_reference.py at 1e-9 relative (1e-12 absolute). Exit status 0 on a match.
"""
import os
import shlex
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REF = os.path.join(ROOT, "src", "analytics", "tests", "data", "reference")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    binary, wanted = sys.argv[1], int(sys.argv[2])
    lines = [l for l in open(os.path.join(REF, "commands.txt")) if l.strip() and not l.startswith("#")]
    words = shlex.split(lines[wanted - 1])
    golden = None
    args = [binary, "analyze"]
    i = 1
    while i < len(words):
        w = words[i]
        if w == ">":
            golden = words[i + 1]
            i += 2
            continue
        if w.startswith("reference/"):
            w = os.path.join(REF, w[len("reference/"):])
        args.append(w)
        i += 1
    golden = os.path.join(REF, golden[len("reference/"):])
    run = subprocess.run(args, capture_output=True, text=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(run.stdout)
        candidate = f.name
    if run.returncode != 0:
        print("streams analyze exited with %d; stderr: %s" % (run.returncode, run.stderr.strip()))
    cmp = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "compare_reference.py"), golden,
                          candidate, "--rel", "1e-9", "--abs", "1e-12"], capture_output=True, text=True)
    sys.stdout.write(cmp.stdout)
    sys.stdout.write(cmp.stderr)
    os.unlink(candidate)
    return 0 if cmp.returncode == 0 and run.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
