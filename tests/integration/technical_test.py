#!/usr/bin/env python3
"""Integration test of the Technical tab's endpoints on the real `streams serve` with the demo data.

GET /api/v1/calendar against the real trading days of data/demo (every AAPL bar date is a session,
every session in the data's span has a bar), GET /api/v1/events against data/demo (splits from the
price file, earnings dates from earnings.csv), GET /api/v1/indicators (the registry), the macro
series the overlay uses, and the support/resistance ops of GET /api/v1/analyze against values
computed here from the bars the API serves.

Usage: technical_test.py --binary build/release/src/app/streams --demo-dir data/demo
Python 3 standard library only; the server helpers are serve_test.py's.
"""

import argparse
import csv
import datetime
import os
import shutil
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_test  # noqa: E402
from serve_test import Server, check, close_enough, expect_error, get_json, make_web_root  # noqa: E402


def check_calendar(port):
    aapl = get_json(port, "/api/v1/bars?symbols=AAPL&adjust=none")["series"][0]["t"]
    first, last = aapl[0], aapl[-1]
    cal = get_json(port, f"/api/v1/calendar?from={first}&to={last}")
    sessions = cal.get("sessions", {}).get("t", [])
    check(sessions == aapl, f"calendar sessions {first}..{last} equal AAPL's {len(aapl)} bar dates "
                            f"(calendar {len(sessions)}; only in calendar {sorted(set(sessions) - set(aapl))[:5]}, "
                            f"only in data {sorted(set(aapl) - set(sessions))[:5]})")
    # every weekday without a bar is a holiday the calendar names
    weekdays = set()
    d = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last)
    while d <= end:
        if d.weekday() < 5:
            weekdays.add(d.isoformat())
        d += datetime.timedelta(days=1)
    missing = sorted(weekdays - set(aapl))
    holidays = cal.get("holidays", {})
    check(holidays.get("t") == missing, f"holidays equal the {len(missing)} weekdays without a bar")
    check(all(isinstance(n, str) and n for n in holidays.get("name", [])), "every holiday has a name")
    named = dict(zip(holidays.get("t", []), holidays.get("name", [])))
    check(named.get("2012-10-29") == "Hurricane Sandy", f"2012-10-29 → {named.get('2012-10-29')}")
    check(named.get("2018-12-05", "").startswith("National Day of Mourning"), "2018-12-05 day of mourning")
    check(named.get("2020-04-10") == "Good Friday", "Good Friday 2020")
    early = cal.get("early_closes", {})
    check("2020-11-27" in early.get("t", []) and set(early.get("close", [])) == {"13:00"}, "early closes at 13:00")
    i = sessions.index("2020-11-27")
    check(cal["sessions"]["close"][i] == "2020-11-27T13:00:00-05:00", f"early close session {cal['sessions']['close'][i]}")
    j = sessions.index("2020-07-02")
    check(cal["sessions"]["open"][j] == "2020-07-02T09:30:00-04:00", "summer open in EDT")
    expect_error(port, "/api/v1/calendar?from=1980-01-01", 400, "invalid_parameter", "parameter 'from'")
    expect_error(port, "/api/v1/calendar?sessions=maybe", 400, "invalid_parameter", "parameter 'sessions'")


def check_events(port, demo_dir):
    doc = get_json(port, "/api/v1/events?symbols=AAPL,MSFT")
    series = doc.get("series", [])
    check([s["symbol"] for s in series] == ["AAPL", "MSFT"], "events in request order")
    aapl = series[0]
    splits = [(t, v) for t, k, v in zip(aapl["t"], aapl["kind"], aapl["value"]) if k == "split"]
    check([t for t, _ in splits] == ["2014-06-09", "2020-08-31"], f"AAPL splits {splits}")
    check(close_enough(splits[-1][1], 4.0), "AAPL 4:1")
    with open(os.path.join(demo_dir, "earnings.csv"), newline="") as f:
        want = sorted(r["date"] for r in csv.DictReader(f) if r["symbol"] == "AAPL")
    got = [t for t, k in zip(aapl["t"], aapl["kind"]) if k == "earnings"]
    check(got == want, f"AAPL earnings dates: {len(got)} served, {len(want)} in earnings.csv")
    check(all(v is None for v, k in zip(aapl["value"], aapl["kind"]) if k == "earnings"), "earnings value null")
    divs = [v for v, k in zip(aapl["value"], aapl["kind"]) if k == "dividend"]
    check(len(divs) > 30 and all(v > 0 for v in divs), f"AAPL dividends {len(divs)}")
    check(aapl["t"] == sorted(aapl["t"]), "events by date")
    only = get_json(port, "/api/v1/events?symbols=AAPL&kind=split&from=2020-01-01")["series"][0]
    check(only["t"] == ["2020-08-31"] and only["kind"] == ["split"], f"kind/from filter {only}")
    expect_error(port, "/api/v1/events?symbols=ZZZZQ", 404, "not_found", "unknown symbol 'ZZZZQ'")
    expect_error(port, "/api/v1/events?symbols=AAPL&kind=ipo", 400, "invalid_parameter", "parameter 'kind'")


def check_indicators(port):
    doc = get_json(port, "/api/v1/indicators")
    items = {i["name"]: i for i in doc.get("indicators", [])}
    check(doc.get("count") == len(items) and len(items) >= 163, f"indicator count {doc.get('count')}")
    talib = [i for i in items.values() if i["source"] == "talib"]
    check(len(talib) == 161, f"{len(talib)} TA-Lib functions")
    overlays = {i["name"] for i in talib if i["overlay"]}
    check({"sma", "ema", "bbands", "sar", "midprice", "mama", "ht_trendline"} <= overlays, "overlap studies are overlays")
    check(not ({"rsi", "macd", "stoch", "atr", "obv", "adx"} & overlays), "oscillators are not overlays")
    for i in talib:
        for p in i["params"]:
            check(p["min"] <= p["default"] <= p["max"], f"{i['name']}.{p['name']} default within its range")
    check(items["support_resistance"]["overlay"] and items["pivots"]["overlay"], "levels are overlays")


def check_macro(port):
    listed = {s["series"]: s for s in get_json(port, "/api/v1/macro").get("series", [])}
    check(set(listed) >= {"CPIAUCSL", "FEDFUNDS"}, f"macro series {sorted(listed)}")
    cpi = get_json(port, "/api/v1/macro/CPIAUCSL?from=2011-01-01&to=2021-12-31")
    check(len(cpi["t"]) == len(cpi["value"]) and cpi["t"][0] == "2011-01-01", "CPI columns")
    check(all(t.endswith("-01") for t in cpi["t"]), "CPI monthly, dated the 1st")


def check_levels(port):
    bars = get_json(port, "/api/v1/bars?symbols=AAPL&from=2019-01-01&to=2020-12-31&adjust=splits")["series"][0]
    doc = get_json(port, "/api/v1/analyze?symbols=AAPL&from=2019-01-01&to=2020-12-31&adjust=splits"
                         "&op=support_resistance(timeperiod=5)&op=pivots(period=month)")
    sr = doc["support_resistance(timeperiod=5)"]
    n = len(bars["t"])
    check(len(sr["support"]) == n and sr["support"][:4] == [None] * 4, "support lookback")
    for i in range(4, n):
        check(close_enough(sr["support"][i], min(bars["low"][i - 4:i + 1])), f"SUP-5 at {bars['t'][i]}")
        check(close_enough(sr["resistance"][i], max(bars["high"][i - 4:i + 1])), f"RES-5 at {bars['t'][i]}")
    pv = doc["pivots(period=month)"]
    months = {}
    for t, h, l, c in zip(bars["t"], bars["high"], bars["low"], bars["close"]):
        m = months.setdefault(t[:7], [h, l, c])
        m[0], m[1], m[2] = max(m[0], h), min(m[1], l), c
    keys = sorted(months)
    for i, t in enumerate(bars["t"]):
        k = keys.index(t[:7])
        if k == 0:
            check(pv["pp"][i] is None, f"no pivot in the first month ({t})")
            continue
        h, l, c = months[keys[k - 1]]
        p = (h + l + c) / 3
        want = {"pp": p, "r1": 2 * p - l, "s1": 2 * p - h, "r2": p + h - l, "s2": p - (h - l),
                "r3": h + 2 * (p - l), "s3": l - 2 * (h - p)}
        for name, value in want.items():
            check(close_enough(pv[name][i], value, 1e-12), f"{name} at {t}: {pv[name][i]} vs {value}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--demo-dir", required=True)
    args = parser.parse_args()

    base = tempfile.mkdtemp(prefix="streams-technical-test-")
    server = None
    try:
        started = time.monotonic()
        server = Server(args.binary, os.path.join(base, "var"), args.demo_dir, make_web_root(base),
                        extra=["--no-access-log"])
        port = server.wait_listening(timeout=240)
        print(f"streams serve listening on port {port} after {time.monotonic() - started:.1f} s (demo import)")
        check_calendar(port)
        check_events(port, args.demo_dir)
        check_indicators(port)
        check_macro(port)
        check_levels(port)
        code, _ = server.terminate()
        check(code == 0, f"SIGTERM exit code {code}")
    except Exception:  # noqa: BLE001 — report and fail
        traceback.print_exc()
        serve_test.FAILURES.append("exception")
        if server is not None:
            print("--- server log (last 30 lines):\n" + "\n".join(server.lines[-30:]), file=sys.stderr)
    finally:
        if server is not None:
            server.kill()
        shutil.rmtree(base, ignore_errors=True)
    print(f"{serve_test.CHECKS} checks, {len(serve_test.FAILURES)} failed")
    return 1 if serve_test.FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
