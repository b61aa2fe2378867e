#!/usr/bin/env python3
"""bench_cimxml.py - enumerate TST_Bulk through cimtui's batch mode and
through wbemcli (sblim-wbemcli) against the test CIM server, and time
xmllint --stream over the same reply bytes (the parse limit).

Not a pass/fail test: it prints a table of measured figures and, with
--record, writes them into tests/bench/README.md.

Usage: tests/bench/bench_cimxml.py [--build DIR] [--count N] [--runs R] [--record]
"""
import argparse
import http.client
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))

ENUM_BODY = """<?xml version="1.0" encoding="utf-8" ?>
<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>
<IMETHODCALL NAME="EnumerateInstances"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="test"/></LOCALNAMESPACEPATH>
<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="TST_Bulk"/></IPARAMVALUE>
<IPARAMVALUE NAME="LocalOnly"><VALUE>FALSE</VALUE></IPARAMVALUE>
</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>"""


def start_server(count):
    p = subprocess.Popen([sys.executable, os.path.join(TOP, "tests/server/cimomd.py"),
                          "--bulk", str(count), "--lifetime", "1800"],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().split()
    return p, line[1]


def save_reply(url, path):
    """Fetches the single-response enumeration once; returns time to first byte (s)."""
    host, port = url.split("//")[1].split(":")
    c = http.client.HTTPConnection(host, int(port), timeout=600)
    t0 = time.monotonic()
    c.request("POST", "/cimom", ENUM_BODY.encode(), {
        "Content-Type": 'application/xml; charset="utf-8"', "CIMOperation": "MethodCall",
        "CIMMethod": "EnumerateInstances", "CIMObject": "root/test"})
    r = c.getresponse()
    first = r.read(1)
    ttfb = time.monotonic() - t0
    with open(path, "wb") as f:
        f.write(first)
        shutil.copyfileobj(r, f, 1 << 20)
    c.close()
    return ttfb


def measure(cmd):
    """Runs cmd; returns wall s, child CPU s and seconds to its first output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    while True:
        chunk = p.stdout.read(65536)
        if not chunk:
            break
        if first is None:
            first = time.monotonic() - t0
    err = p.stderr.read()
    rc = p.wait()
    wall = time.monotonic() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if rc != 0:
        raise SystemExit("failed (%d): %s\n%s" % (rc, " ".join(cmd), err.decode(errors="replace")[-2000:]))
    return wall, cpu, first


def peak_rss(cmd):
    """Peak RSS (MiB) of one run of cmd, measured in a fresh child process."""
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL,check=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024.0


def bench(name, cmd, runs, ttfb=0.0):
    walls, cpus, firsts = [], [], []
    for _ in range(runs):
        w, c, f = measure(cmd)
        walls.append(w)
        cpus.append(c)
        firsts.append(f if f is not None else float("nan"))
    return {"name": name, "wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "rss": peak_rss(cmd), "first_ms": statistics.median(firsts) * 1000.0,
            "first_after_bytes_ms": (statistics.median(firsts) - ttfb) * 1000.0}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=".", help="build tree holding ./cimtui")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--record", action="store_true", help="write the table into tests/bench/README.md")
    a = ap.parse_args()
    cimtui = os.path.abspath(os.path.join(a.build, "cimtui"))
    if not os.access(cimtui, os.X_OK):
        raise SystemExit("no cimtui binary in %s" % a.build)
    server, url = start_server(a.count)
    small, small_url = start_server(a.count // 4)
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            reply = os.path.join(tmp, "reply.xml")
            ttfb = save_reply(url, reply)
            size = os.path.getsize(reply)
            rows.append(bench("xmllint --stream --noout (parse limit)",
                              ["xmllint", "--stream", "--noout", reply], a.runs))
            base = [cimtui, url, "-n", "root/test", "ei", "TST_Bulk"]
            rows.append(bench("cimtui ei, one response (--no-pull)", base + ["--no-pull"], a.runs, ttfb))
            rows.append(bench("cimtui ei, pull pages of 1000", base + ["--page-size", "1000"], a.runs, ttfb))
            if shutil.which("wbemcli"):
                rows.append(bench("wbemcli ei", ["wbemcli", "ei", url + "/root/test:TST_Bulk", "-noverify"],
                                  a.runs, ttfb))
            small_rss = peak_rss([cimtui, small_url, "-n", "root/test", "ei", "TST_Bulk", "--no-pull"])
    finally:
        for p in (server, small):
            p.terminate()
            p.wait()
    lines = ["Enumerating %d TST_Bulk instances (20 properties; one reply is %.1f MB), median of %d runs:"
             % (a.count, size / 1e6, a.runs), "",
             "| client | wall s | CPU s (user+sys) | peak RSS MiB | first instance ms (after first byte) |",
             "|---|---|---|---|---|"]
    for r in rows:
        first = "-" if r["name"].startswith("xmllint") else "%.0f (%.0f)" % (r["first_ms"], r["first_after_bytes_ms"])
        lines.append("| %s | %.2f | %.2f | %.1f | %s |" % (r["name"], r["wall"], r["cpu"], r["rss"], first))
    by = {r["name"]: r for r in rows}
    one = by["cimtui ei, one response (--no-pull)"]
    lines.append("")
    xl = by["xmllint --stream --noout (parse limit)"]
    lines.append("cimtui CPU / xmllint CPU: %.2f (target at most 2)" % (one["cpu"] / xl["cpu"]))
    if "wbemcli ei" in by:
        lines.append("cimtui CPU / wbemcli CPU: %.2f (target at most 0.20)" % (one["cpu"] / by["wbemcli ei"]["cpu"]))
    lines.append("peak RSS with %d instances: %.1f MiB; with %d: %.1f MiB (should not grow with N)"
                 % (a.count // 4, small_rss, a.count, one["rss"]))
    lines.append("time to first byte of the reply: %.0f ms" % (ttfb * 1000))
    text = "\n".join(lines)
    print(text)
    if a.record:
        readme = os.path.join(HERE, "README.md")
        head = open(readme).read().split("<!-- latest -->")[0] if os.path.exists(readme) else ""
        with open(readme, "w") as f:
            f.write(head + "<!-- latest -->\n" + "Measured %s with `tests/bench/bench_cimxml.py --build %s --count %d --record`:\n\n"
                    % (time.strftime("%Y-%m-%d"), a.build if not os.path.isabs(a.build) else "BUILD", a.count) + text + "\n")


if __name__ == "__main__":
    main()
