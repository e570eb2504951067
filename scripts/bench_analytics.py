#!/usr/bin/python3
"""bench_analytics.py -- time the analytics ops against their Python references in one run.

    /usr/bin/python3 scripts/bench_analytics.py [--build build/release] [--prices DIR]
                                              [--repeat N] [--only NAME[,NAME...]] [--json OUT]

For every case it times the reference call (statsmodels / numpy / pandas / PyWavelets, best of N
in-process calls) and the same op through the C++ op registry (`analytics_timing`, best of N
in-process calls, built by `cmake --build --preset release --target analytics_timing`), on the
same real inputs (the bundled price files of data/demo/prices), and prints the ratio against the case's bar.
Both sides time the computation only, not CSV parsing or JSON output. Shared machines change speed
from second to second (other tenants; the two vCPUs unlike each other), so both sides run pinned to
the same CPU and alternate, case by case, for --rounds rounds; each side's best round counts.

Extending: append a Case to CASES (or call add_case from another module before main()):
    Case(name, bar, baseline, spec, inputs, python)
where `inputs` is a list of "FILE[:column]" paths (see inputs_* helpers) and `python` a function
of the same inputs (as pandas Series) that runs the reference once.

Note (/work/.library/env): OPENBLAS_CORETYPE may be set in the environment; numpy's BLAS then uses
that core's kernels. Run `env -u OPENBLAS_CORETYPE /usr/bin/python3 scripts/bench_analytics.py`
for numpy's own detection (pandas' corr does not use BLAS).
"""
import argparse
import dataclasses
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile
import timeit
import warnings

import numpy as np
import pandas as pd

warnings.simplefilter("ignore")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAYS = 2500


@dataclasses.dataclass
class Case:
    name: str          # short label
    bar: float         # required speed-up (reference time / ours)
    baseline: str      # what the reference is
    spec: str          # op SPEC for streams analyze
    inputs: list       # ["FILE[:column]", ...]
    python: object     # callable(list of pd.Series) -> anything


CASES = []


def add_case(case):
    CASES.append(case)


# ---------------------------------------------------------------------------------------- inputs
class Inputs:
    """Writes the derived input files once (log returns) into a temporary folder."""

    def __init__(self, prices, tmp):
        self.prices = prices
        self.tmp = tmp
        files = sorted(glob.glob(os.path.join(prices, "*.csv")))
        self.full = [f for f in files if sum(1 for _ in open(f)) - 1 >= DAYS]
        self._cache = {}

    def read(self, spec):
        if spec not in self._cache:
            path, _, column = spec.partition(":")
            frame = pd.read_csv(path, usecols=["date", column or "close"], index_col="date", nrows=DAYS)
            self._cache[spec] = frame[column or "close"]
        return self._cache[spec]

    def levels(self, symbol="AAPL"):
        return [os.path.join(self.prices, f"{symbol}.csv")]

    def log_returns(self, symbol="AAPL"):
        out = os.path.join(self.tmp, f"{symbol}.logret.csv")
        if not os.path.exists(out):
            close = pd.read_csv(os.path.join(self.prices, f"{symbol}.csv"), index_col="date", nrows=DAYS)["close"]
            np.log(close / close.shift()).iloc[1:].rename("close").to_frame().to_csv(out, float_format="%.17g")
        return [out]

    def panel(self, assets=500):
        """`assets` series of DAYS days: close, then open, then adj_close of the full-history files."""
        specs = [f"{f}:{c}" for c in ("close", "open", "adj_close") for f in self.full]
        return specs[:assets]


def unpacked(prices, tmp):
    """The folder itself if it holds plain CSV files, else a copy of its .csv.gz files unpacked."""
    if glob.glob(os.path.join(prices, "*.csv")):
        return prices
    out = os.path.join(tmp, "prices")
    os.makedirs(out)
    for f in glob.glob(os.path.join(prices, "*.csv.gz")):
        with gzip.open(f, "rb") as src, open(os.path.join(out, os.path.basename(f)[:-3]), "wb") as dst:
            dst.write(src.read())
    return out


def frame_of(series_list):
    return pd.concat([s.rename(f"s{i}") for i, s in enumerate(series_list)], axis=1, join="inner")


def default_cases(inp):
    from statsmodels.tsa.seasonal import STL, seasonal_decompose
    from statsmodels.tsa.stattools import acf, pacf
    from statsmodels.stats.diagnostic import acorr_ljungbox

    r = inp.log_returns()
    lv = inp.levels()
    add_case(Case("acf", 20, "statsmodels acf", "acf(nlags=40)", r,
                  lambda s: acf(s[0].to_numpy(), nlags=40, alpha=0.05)))
    add_case(Case("acf qstat", 20, "statsmodels acf", "acf(nlags=40,qstat=true)", r,
                  lambda s: acf(s[0].to_numpy(), nlags=40, alpha=0.05, qstat=True)))
    add_case(Case("pacf", 20, "statsmodels pacf", "pacf(nlags=40)", r,
                  lambda s: pacf(s[0].to_numpy(), nlags=40, alpha=0.05)))
    add_case(Case("pacf ols", 20, "statsmodels pacf", "pacf(nlags=40,method=ols)", r,
                  lambda s: pacf(s[0].to_numpy(), nlags=40, method="ols", alpha=0.05)))
    add_case(Case("pacf ldb", 20, "statsmodels pacf", "pacf(nlags=40,method=ldb)", r,
                  lambda s: pacf(s[0].to_numpy(), nlags=40, method="ldb", alpha=0.05)))
    add_case(Case("ljungbox", 20, "statsmodels acorr_ljungbox", "ljungbox(lags=10)", r,
                  lambda s: acorr_ljungbox(s[0].to_numpy(), lags=10)))
    add_case(Case("stl p5", 20, "statsmodels STL", "stl(period=5)", lv,
                  lambda s: STL(s[0].to_numpy(), period=5).fit()))
    add_case(Case("stl p5 robust", 20, "statsmodels STL", "stl(period=5,robust=true)", lv,
                  lambda s: STL(s[0].to_numpy(), period=5, robust=True).fit()))
    add_case(Case("stl p21", 20, "statsmodels STL", "stl(period=21,seasonal=13)", lv,
                  lambda s: STL(s[0].to_numpy(), period=21, seasonal=13).fit()))
    add_case(Case("stl p252", 20, "statsmodels STL", "stl(period=252)", lv,
                  lambda s: STL(s[0].to_numpy(), period=252).fit()))
    add_case(Case("seasonal_decompose", 20, "statsmodels seasonal_decompose", "seasonal_decompose(period=21)", lv,
                  lambda s: seasonal_decompose(s[0].to_numpy(), period=21)))
    panel = inp.panel(500)

    def corr_of(method):
        def run(series):
            df = frame_of(series)
            return np.log(df / df.shift()).corr(method=method)
        return run
    add_case(Case("corr pearson 500x2500", 5, "pandas DataFrame.corr", "corr", panel, corr_of("pearson")))
    add_case(Case("corr spearman 500x2500", 5, "pandas DataFrame.corr", "corr(method=spearman)", panel,
                  corr_of("spearman")))
    add_case(Case("corr kendall 50x2500", 5, "pandas DataFrame.corr", "corr(method=kendall)", inp.panel(50),
                  corr_of("kendall")))

    def numpy_corrcoef(series):
        df = frame_of(series)
        return np.corrcoef(np.log(df / df.shift()).iloc[1:].to_numpy().T)
    add_case(Case("corr pearson 500x2500 (numpy)", 1, "numpy corrcoef", "corr", panel, numpy_corrcoef))

    try:  # wavelets (PyWavelets): the wavelets module registers wavedec / cwt in the op registry
        import pywt
        add_case(Case("wavedec db4 L5", 20, "pywt.wavedec", "wavedec(wavelet=db4,level=5)", lv,
                      lambda s: pywt.wavedec(s[0].to_numpy(), "db4", level=5)))
    except ImportError:
        pass


# ---------------------------------------------------------------------------------------- timing
def time_python(case, inp, repeat):
    series = [inp.read(s) for s in case.inputs]
    number = 1
    while True:  # aim for >= 20 ms per measurement so that timer resolution does not matter
        t = timeit.timeit(lambda: case.python(series), number=number)
        if t >= 0.02 or number >= 1000:
            break
        number *= 4
    return min(timeit.repeat(lambda: case.python(series), number=number, repeat=repeat)) / number


def time_cpp(case, timer, repeat):
    args = [timer, "--op", case.spec, "--rows", str(DAYS), "--repeat", str(repeat)]
    for spec in case.inputs:
        args += ["--input", spec]
    out = subprocess.run(args, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip() or f"exit {out.returncode}")
    return json.loads(out.stdout)["best_s"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--build", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--prices", default=None)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", default="")
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    prices = a.prices or os.path.join(ROOT, "data", "demo", "prices")  # the bundled real prices
    if not os.path.isdir(prices):
        sys.exit(f"no price folder {prices}: pass --prices")
    timer = os.path.join(a.build, "src", "analytics", "analytics_timing")
    if not os.path.exists(timer):
        sys.exit(f"{timer} missing: cmake --build --preset release --target analytics_timing")
    cpu = max(os.sched_getaffinity(0))  # both sides on one CPU: the ratio compares like with like
    os.sched_setaffinity(0, {cpu})
    print(f"CPU {cpu}; each side the best of {a.rounds} alternating rounds")
    with tempfile.TemporaryDirectory() as tmp:
        inp = Inputs(unpacked(prices, tmp), tmp)
        default_cases(inp)
        wanted = [w for w in a.only.split(",") if w]
        rows = []
        print(f"{'case':32} {'reference':30} {'ref ms':>10} {'ours ms':>10} {'ratio':>8} {'bar':>6}")
        for case in CASES:
            if wanted and not any(w in case.name for w in wanted):
                continue
            ours = ref = float("inf")
            try:
                for _ in range(a.rounds):
                    ours = min(ours, time_cpp(case, timer, a.repeat))
                    ref = min(ref, time_python(case, inp, a.repeat))
            except RuntimeError as e:
                print(f"{case.name:32} skipped: {e}")
                continue
            ratio = ref / ours
            ok = "ok" if ratio >= case.bar else "BELOW"
            print(f"{case.name:32} {case.baseline:30} {ref * 1e3:10.3f} {ours * 1e3:10.3f} {ratio:7.1f}x {case.bar:5.0f}x {ok}")
            rows.append({"case": case.name, "reference": case.baseline, "ref_s": ref, "ours_s": ours, "ratio": ratio,
                         "bar": case.bar, "spec": case.spec, "inputs": len(case.inputs)})
        if a.json:
            with open(a.json, "w") as f:
                json.dump(rows, f, indent=1)
        below = [r["case"] for r in rows if r["ratio"] < r["bar"]]
        if below:
            print(f"below the bar: {', '.join(below)}")
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
