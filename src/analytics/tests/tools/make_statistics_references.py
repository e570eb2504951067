#!/usr/bin/python3
"""Make the extra statistics references in ../data/statistics with statsmodels / pandas / scipy.

Run with Debian's /usr/bin/python3 (statsmodels 0.13.5, numpy 1.24, pandas 1.5, scipy 1.10):

    /usr/bin/python3 src/analytics/tests/tools/make_statistics_references.py

Each output file maps a SPEC (exactly as `streams analyze --op` takes it) to its outputs, like the
shared references: NaN -> null, 17 significant digits. versions.json records the library versions.
Inputs are the shared reference inputs (tests/data/reference/{inputs,derived}) plus derived files
written here under data/statistics/inputs (misaligned date ranges, NaN cells) for corr and acf.
"""
import json
import math
import os
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.tsa.seasonal import STL, seasonal_decompose
from statsmodels.tsa.stattools import acf, pacf

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "data"))
REF = os.path.join(DATA, "reference")
OUT = os.path.join(DATA, "statistics")
SYMBOLS = ["MSFT", "XOM", "JPM"]

PACF_METHODS = ["yw", "ywa", "ywadjusted", "yw_adjusted", "ywm", "ywmle", "yw_mle", "ols", "ols-inefficient",
                "ols-adjusted", "ld", "lda", "ldadjusted", "ld_adjusted", "ldb", "ldbiased", "ld_biased"]

LOGRET_SPECS = (
    ["acf(nlags=40,qstat=true)", "acf(nlags=30,adjusted=true,qstat=true)", "acf(nlags=30,adjusted=true,fft=false)",
     "acf(nlags=25,alpha=0.1)", "acf(nlags=10,alpha=0.01,fft=false,qstat=true)", "acf(nlags=12,alpha=none,qstat=true)",
     "acf(nlags=650)", "acf(nlags=598,fft=false,alpha=none)"]
    + [f"pacf(nlags=30,method={m})" for m in PACF_METHODS]
    + [f"pacf(nlags=15,method={m},alpha=0.1)" for m in ["ols-inefficient", "ols-adjusted", "ywmle", "ld", "ldb"]]
    + ["pacf(nlags=298,method=ldb,alpha=none)", "pacf(nlags=298,method=ywadjusted)", "pacf(nlags=60,method=ols)",
       "pacf(nlags=1,method=ols-inefficient)"]
    + ["ljungbox(lags=40)", "ljungbox(lags=15,model_df=2,boxpierce=true)", "ljungbox(lags=1)", "ljungbox(lags=300)"]
)

# pandas x.rolling(window).corr(y); the misaligned inputs name their pair by file stem. Not window=2:
# the correlation of two points is exactly +-1, which pandas' running sums miss by up to 4e-4.
ROLLING_SPECS = ["rolling_corr", "rolling_corr(window=21)", "rolling_corr(window=3)", "rolling_corr(window=252)",
                 "rolling_corr(window=5000)", "rolling_corr(window=21,of=levels)"]
ROLLING4_SPECS = ROLLING_SPECS + ["rolling_corr(window=63,x=JPMC,y=MSFTD)", "rolling_corr(window=10,x=MSFTD,y=XOMB)"]

NAN_SPECS = ["acf(nlags=20)", "acf(nlags=20,missing=drop)", "acf(nlags=20,missing=conservative)",
             "acf(nlags=20,missing=conservative,adjusted=true)", "acf(nlags=20,missing=drop,adjusted=true,fft=false)",
             "acf(nlags=20,missing=conservative,adjusted=true,fft=false,qstat=true)"]

LEVEL_SPECS = [
    "stl(period=5,robust=true,seasonal=11)", "stl(period=7)", "stl(period=12,seasonal=13,robust=true)",
    "stl(period=21)", "stl(period=63,seasonal=9)", "stl(period=5,seasonal_deg=0,trend_deg=0,low_pass_deg=0)",
    "stl(period=5,seasonal_jump=3,trend_jump=4,low_pass_jump=2)", "stl(period=21,robust=true,seasonal_jump=5,trend_jump=7)",
    "stl(period=10,trend=31,low_pass=13,inner_iter=3,outer_iter=2)", "stl(period=252)", "stl(period=400)",
    "stl(period=5,seasonal=601)", "stl(period=2,seasonal=3)",
    "seasonal_decompose(period=5,model=multiplicative)", "seasonal_decompose(period=4,model=multiplicative)",
    "seasonal_decompose(period=21)", "seasonal_decompose(period=20,model=multiplicative)",
    "seasonal_decompose(period=7,two_sided=false)", "seasonal_decompose(period=6,two_sided=false,model=multiplicative)",
    "seasonal_decompose(period=5,extrapolate_trend=3)", "seasonal_decompose(period=12,extrapolate_trend=freq)",
    "seasonal_decompose(period=300)", "seasonal_decompose(period=1)",
    # pacf on price levels: nearly collinear lags (the OLS normal-equation shortcut must fall back)
    "pacf(nlags=20,method=ols)", "pacf(nlags=20,method=ols-inefficient)", "pacf(nlags=20,method=ols-adjusted)",
    "pacf(nlags=20)", "pacf(nlags=20,method=ldb)", "acf(nlags=20)",
]

CORR_SPECS = ["corr", "corr(method=spearman)", "corr(method=kendall)", "corr(method=pearson,of=levels)",
              "corr(method=spearman,of=levels)", "corr(method=kendall,of=levels)"]


def parse_spec(spec):
    if "(" not in spec:
        return spec, {}
    name, body = spec[:-1].split("(", 1)
    args = {}
    for item in body.split(","):
        key, text = item.split("=", 1)
        if text in ("true", "false"):
            value = text == "true"
        elif text == "none":
            value = None
        else:
            try:
                value = int(text)
            except ValueError:
                try:
                    value = float(text)
                except ValueError:
                    value = text
        args[key] = value
    return name, args


def run_single(spec, x):
    name, a = parse_spec(spec)
    if name == "acf":
        alpha = a.get("alpha", 0.05)
        qstat = a.get("qstat", False)
        res = acf(x, nlags=a.get("nlags", 40), adjusted=a.get("adjusted", False), fft=a.get("fft", True),
                  alpha=alpha, qstat=qstat, missing=a.get("missing", "none"))
        res = list(res) if isinstance(res, tuple) else [res]
        out = {"acf": res.pop(0)}
        if alpha is not None:
            ci = res.pop(0)
            out["confint_lower"], out["confint_upper"] = ci[:, 0], ci[:, 1]
        if qstat:
            out["qstat"], out["pvalues"] = res.pop(0), res.pop(0)
        return out
    if name == "pacf":
        alpha = a.get("alpha", 0.05)
        res = pacf(x, nlags=a.get("nlags", 40), method=a.get("method", "ywadjusted"), alpha=alpha)
        if alpha is None:
            return {"pacf": res}
        return {"pacf": res[0], "confint_lower": res[1][:, 0], "confint_upper": res[1][:, 1]}
    if name == "ljungbox":
        boxpierce = a.get("boxpierce", False)
        df = acorr_ljungbox(x, lags=a.get("lags", 10), model_df=a.get("model_df", 0), boxpierce=boxpierce,
                            return_df=True)
        return {c: df[c].to_numpy() for c in df.columns}
    if name == "stl":
        inner, outer = a.pop("inner_iter", None), a.pop("outer_iter", None)
        r = STL(x, **a).fit(inner_iter=inner, outer_iter=outer)
        return {"trend": r.trend, "seasonal": r.seasonal, "resid": r.resid}
    if name == "seasonal_decompose":
        r = seasonal_decompose(x, **a)
        return {"trend": r.trend, "seasonal": r.seasonal, "resid": r.resid}
    raise ValueError(spec)


def run_corr(spec, frames):
    _, a = parse_spec(spec)
    df = pd.concat([f["close"].rename(stem) for stem, f in frames], axis=1, join="inner")
    if a.get("of", "returns") == "returns":
        df = np.log(df / df.shift())
    m = df.corr(method=a.get("method", "pearson"))
    return {"symbols": list(m.columns), "matrix": m.to_numpy()}


def run_rolling_corr(spec, frames):
    _, a = parse_spec(spec)
    names = [stem for stem, _ in frames]
    x, y = a.get("x", names[0]), a.get("y", names[1])
    df = pd.concat([f["close"].rename(stem) for stem, f in frames if stem in (x, y)], axis=1, join="inner")
    if a.get("of", "returns") == "returns":
        df = np.log(df / df.shift())
    r = df[x].rolling(int(a.get("window", 63))).corr(df[y])
    return {"dates": [d.strftime("%Y-%m-%d") for d in df.index], "real": r.to_numpy()}


def encode(value):
    if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
        return list(value)
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 2:
        return [encode(row) for row in arr]
    return [None if not math.isfinite(v) else float(repr(float(v))) for v in arr]


def write(file_name, results):
    with open(os.path.join(OUT, file_name), "w") as f:
        f.write("{")
        f.write(",\n".join(json.dumps(spec) + ":" + json.dumps({k: encode(v) for k, v in outs.items()})
                           for spec, outs in results.items()))
        f.write("}\n")


def read_close(path):
    return pd.read_csv(path, index_col="date", parse_dates=["date"])


def main():
    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    for sym in SYMBOLS:
        x = read_close(os.path.join(REF, "derived", f"{sym}.logret.csv"))["close"].to_numpy()
        write(f"{sym}.logret.extra.json", {s: run_single(s, x) for s in LOGRET_SPECS})
        levels = read_close(os.path.join(REF, "inputs", f"{sym}.csv"))["close"].to_numpy()
        write(f"{sym}.extra.json", {s: run_single(s, levels) for s in LEVEL_SPECS})

    # A log-return series with NaN cells (acf missing=...).
    nan = read_close(os.path.join(REF, "derived", "MSFT.logret.csv"))
    nan.iloc[[0, 57, 58, 300, 598], 0] = np.nan
    nan.to_csv(os.path.join(OUT, "inputs", "MSFTNAN.logret.csv"), na_rep="")
    write("MSFTNAN.logret.extra.json", {s: run_single(s, nan["close"].to_numpy()) for s in NAN_SPECS})

    # corr: the three shared inputs, and four misaligned inputs (different date ranges, a NaN close).
    frames = [(sym, read_close(os.path.join(REF, "inputs", f"{sym}.csv"))) for sym in ["JPM", "MSFT", "XOM"]]
    write("corr.extra.json", {s: run_corr(s, frames) for s in CORR_SPECS})
    write("rolling_corr.extra.json", {s: run_rolling_corr(s, frames) for s in ROLLING_SPECS})
    subsets = {"MSFTA": ("MSFT", 0, 450), "XOMB": ("XOM", 120, 600), "JPMC": ("JPM", 50, 550), "MSFTD": ("MSFT", 30, 590)}
    frames = []
    for stem, (sym, lo, hi) in subsets.items():
        f = read_close(os.path.join(REF, "inputs", f"{sym}.csv")).iloc[lo:hi].copy()
        if stem == "JPMC":
            f.iloc[[100, 200], f.columns.get_loc("close")] = np.nan
        if stem == "MSFTD":  # drop some dates: the common dates are not a contiguous block
            f = f.drop(f.index[[10, 11, 12, 250]])
        f.to_csv(os.path.join(OUT, "inputs", f"{stem}.csv"), na_rep="")
        frames.append((stem, f))
    write("corr4.extra.json", {s: run_corr(s, frames) for s in CORR_SPECS})
    write("rolling_corr4.extra.json", {s: run_rolling_corr(s, frames) for s in ROLLING4_SPECS})

    versions = {"python": sys.version.split()[0], "statsmodels": statsmodels.__version__, "numpy": np.__version__,
                "pandas": pd.__version__, "scipy": scipy.__version__}
    with open(os.path.join(OUT, "versions.json"), "w") as f:
        json.dump(versions, f, indent=1)
        f.write("\n")
    print(versions)


if __name__ == "__main__":
    main()
