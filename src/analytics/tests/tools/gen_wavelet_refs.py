#!/usr/bin/python3
"""Golden outputs of PyWavelets for the wavelet ops (wavedec, waverec, cwt) beyond the shared
references: every discrete family and mode, several levels and lengths (odd, shorter than the
filter, one value, NaN inside), every continuous wavelet kind.

Run from the repository root (Debian 12: python3-pywt 1.1.1, numpy 1.24.2):
    /usr/bin/python3 src/analytics/tests/tools/gen_wavelet_refs.py

Writes src/analytics/tests/data/wavelets/{inputs/<stem>.csv, <stem>.json, versions.json}. Each
JSON maps the op SPEC, exactly as `streams analyze` takes it, to its outputs (null for NaN), like
the shared references do.
"""
import csv
import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import pywt

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
OUT = os.path.join(ROOT, "wavelets")
REF = os.path.join(ROOT, "reference")

MODES = ["zero", "constant", "symmetric", "periodic", "smooth", "periodization", "reflect",
         "antisymmetric", "antireflect"]
# At least one of each family, several orders, the longest filters.
SELECTED = ["haar", "db2", "db7", "db38", "sym5", "sym20", "coif1", "coif17", "bior1.3", "bior3.9",
            "bior6.8", "rbio2.8", "rbio5.5", "dmey"]
CONTINUOUS = (["morl", "mexh"] + [f"gaus{i}" for i in range(1, 9)] + [f"cgau{i}" for i in range(1, 9)]
              + ["cmor1.5-1.0", "cmor2.5-0.5", "shan1.5-1.0", "shan0.5-2.0", "fbsp2-1.5-1.0",
                 "fbsp1-1.0-1.5", "fbsp3-2.0-1.0"])


def read_close(path):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [r["date"] for r in rows], np.array([float(r["close"]) if r["close"] else math.nan for r in rows])


def write_input(stem, dates, close):
    with open(os.path.join(OUT, "inputs", stem + ".csv"), "w") as f:
        f.write("date,close\n")
        for d, c in zip(dates, close):
            f.write(f"{d},{'nan' if math.isnan(c) else repr(float(c))}\n")


def clean(values):
    return [None if not math.isfinite(v) else float(v) for v in np.asarray(values, dtype=float).ravel()]


def matrix(m):
    return [clean(row) for row in np.asarray(m)]


def hangs(n, wavelet, mode, level):
    """pywt 1.1 never returns from reflect/antireflect on a single value; streams reports an error."""
    if mode not in ("reflect", "antireflect"):
        return False
    f = pywt.Wavelet(wavelet).dec_len
    for _ in range(level if level is not None else pywt.dwt_max_level(n, f)):
        if n == 1:
            return True
        n = (n + 1) // 2 if mode == "periodization" else (n + f - 1) // 2
    return False


def wavedec(x, wavelet, mode, level):
    coeffs = pywt.wavedec(x, wavelet, mode=mode, level=level)
    n = len(coeffs) - 1
    out = {f"cA{n}": clean(coeffs[0])}
    for i, d in enumerate(coeffs[1:]):
        out[f"cD{n - i}"] = clean(d)
    return out


def waverec_approx(x, wavelet, mode, level):
    coeffs = pywt.wavedec(x, wavelet, mode=mode, level=level)
    coeffs = [coeffs[0]] + [np.zeros_like(d) for d in coeffs[1:]]
    return {"real": clean(pywt.waverec(coeffs, wavelet, mode=mode)[: len(x)])}


def scales_of(text):
    parts = [float(p) for p in text.split(":")]
    if len(parts) == 1:
        return np.array(parts)
    step = parts[2] if len(parts) == 3 else 1.0
    n = int(math.floor((parts[1] - parts[0]) / step + 1e-9)) + 1
    return np.array([parts[0] + k * step for k in range(n)])


def cwt(x, wavelet, scales):
    coefs, _ = pywt.cwt(x, scales_of(scales), wavelet)
    if np.iscomplexobj(coefs):
        return {"coefs_real": matrix(coefs.real), "coefs_imag": matrix(coefs.imag)}
    return {"coefs": matrix(coefs)}


def spec(op, **kw):
    return op + "(" + ",".join(f"{k}={v}" for k, v in kw.items()) + ")"


def dump(stem, cases):
    with open(os.path.join(OUT, stem + ".json"), "w") as f:
        json.dump(cases, f, separators=(",", ":"))
        f.write("\n")


def main():
    warnings.simplefilter("ignore")  # level above dwt_max_level: pywt warns, computes anyway
    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    dates, close = read_close(os.path.join(REF, "inputs", "MSFT.csv"))

    # 600 values: the selected wavelets in every mode, level 3; the default level for symmetric.
    write_input("MSFT600", dates, close)
    cases = {}
    for w in SELECTED:
        for m in MODES:
            cases[spec("wavedec", wavelet=w, level=3, mode=m)] = wavedec(close, w, m, 3)
        cases[spec("wavedec", wavelet=w)] = wavedec(close, w, "symmetric", None)
        cases[spec("waverec", wavelet=w, level=3, keep="approx")] = waverec_approx(close, w, "symmetric", 3)
        cases[spec("waverec", wavelet=w, level=2, mode="periodization", keep="approx")] = \
            waverec_approx(close, w, "periodization", 2)
    dump("MSFT600", cases)

    # 301 values (odd): every discrete wavelet at level 1; the selected ones in every mode at the
    # default level and at level 5 (above the maximum for the long filters).
    x = close[:301]
    write_input("MSFT301", dates[:301], x)
    cases = {}
    for w in pywt.wavelist(kind="discrete"):
        cases[spec("wavedec", wavelet=w, level=1)] = wavedec(x, w, "symmetric", 1)
    for w in SELECTED:
        for m in MODES:
            cases[spec("wavedec", wavelet=w, mode=m)] = wavedec(x, w, m, None)
            if w in ("haar", "db7", "bior3.9", "dmey"):
                cases[spec("wavedec", wavelet=w, level=5, mode=m)] = wavedec(x, w, m, 5)
    dump("MSFT301", cases)

    # NaN inside: propagates to the coefficients whose window holds it.
    xn = x.copy()
    xn[150] = math.nan
    write_input("MSFTNAN301", dates[:301], xn)
    cases = {}
    for w in ["haar", "db4", "sym8", "bior3.9", "dmey"]:
        for m in MODES:
            cases[spec("wavedec", wavelet=w, level=3, mode=m)] = wavedec(xn, w, m, 3)
    dump("MSFTNAN301", cases)

    # Short inputs: shorter than most filters, level 0..2 (above the maximum).
    for n in (1, 2, 5, 13):
        xs = close[:n]
        stem = f"MSFT{n}"
        write_input(stem, dates[:n], xs)
        cases = {}
        for w in SELECTED:
            cases[spec("wavedec", wavelet=w)] = wavedec(xs, w, "symmetric", None)
            for m in MODES:
                for level in (1, 2):
                    if hangs(n, w, m, level):
                        continue
                    cases[spec("wavedec", wavelet=w, level=level, mode=m)] = wavedec(xs, w, m, level)
        dump(stem, cases)

    # cwt: every continuous wavelet kind on 512 values, small and large scales.
    dates5, close5 = read_close(os.path.join(REF, "derived", "XOM.head512.csv"))
    write_input("XOM512", dates5, close5)
    cases = {}
    for w in CONTINUOUS:
        for s in ("1:3", "24:48:24"):
            cases[spec("cwt", wavelet=w, scales=s)] = cwt(close5, w, s)
    cases[spec("cwt", wavelet="morl", scales="1:64")] = cwt(close5, "morl", "1:64")
    cases[spec("cwt", wavelet="morl", scales="0.5:4:0.5")] = cwt(close5, "morl", "0.5:4:0.5")
    cases[spec("cwt", wavelet="gaus2", scales="200")] = cwt(close5, "gaus2", "200")
    dump("XOM512", cases)

    with open(os.path.join(OUT, "versions.json"), "w") as f:
        json.dump({"pywt": pywt.__version__, "numpy": np.__version__, "python": platform.python_version(),
                   "command": "/usr/bin/python3 src/analytics/tests/tools/gen_wavelet_refs.py"}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main())
