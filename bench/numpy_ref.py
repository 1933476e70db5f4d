# SPDX-License-Identifier: MIT
"""NumPy reference: the computation of `initviz --report`, written the way a
careful notebook would, timed per phase.

Same network as the engine (docs/report.md): xavier-normal weights, zero
biases, tanh, Gaussian input and starting gradient; forward z = h W^T + b,
h = tanh(z); backward dz = g * tanh'(z), dW = dz^T h_prev / batch,
g_prev = dz W (not for layer 1, as the engine). Statistics of the same six
matrices per layer (count, mean, std, rms, min, max, nan, inf and a 40-bin
histogram over the finite range) and distinct neurons (np.unique on the
rounded columns of the activations).

Usage: numpy_ref.py [--distinct=hash] WIDTH DEPTH BATCH [BINS]
       numpy_ref.py [--distinct=hash] --check DIR...
--check redoes the engine runs that `bench --dump` wrote and compares.
--distinct=hash counts distinct neurons the engine's way (a random
projection per column, sorted) instead of np.unique.
Prints one line of key=value pairs: phase times in seconds and two values
the benchmark compares with the engine's (a check that the work is the
same). Run it with the python3 that has numpy (Debian's python3-numpy).
"""
import ctypes
import sys
import time

import numpy as np


def blas_kernel():
    """OpenBLAS core and threads numpy runs on, read from the library."""
    with open("/proc/self/maps") as maps:
        libs = sorted({ln.split()[-1] for ln in maps
                       if "blas" in ln and ".so" in ln})
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            core = lib.openblas_get_corename().decode()
            return "%s/%dthr" % (core, lib.openblas_get_num_threads())
        except (OSError, AttributeError):
            continue
    return "unknown"


class Clock:
    def __init__(self):
        self.t = {}

    def add(self, name, t0):
        t1 = time.perf_counter()
        self.t[name] = self.t.get(name, 0.0) + t1 - t0
        return t1


def stats(x, bins, clk):
    """The engine's STATS of one matrix, finite entries only."""
    t0 = time.perf_counter()
    v = x.ravel()
    nan = inf = 0
    if not np.isfinite(v).all():
        nan = int(np.isnan(v).sum())
        inf = int(np.isinf(v).sum())
        v = v[np.isfinite(v)]
    n = v.size
    mean = std = rms = lo = hi = float("nan")
    if n:
        mean = v.mean()
        std = v.std(ddof=1) if n > 1 else 0.0
        rms = np.sqrt(mean * mean + std * std * (n - 1) / n)
        lo, hi = v.min(), v.max()
    t0 = clk.add("moments", t0)
    a, b = (lo, hi) if n else (0.0, 1.0)
    if not b > a:
        half = 0.5 * abs(a) if a != 0 else 0.5
        a, b = a - half, b + half
    counts, _ = np.histogram(v, bins=bins, range=(a, b))
    clk.add("hist", t0)
    return {"count": x.size, "mean": mean, "std": std, "rms": rms,
            "min": lo, "max": hi, "nan": nan, "inf": inf, "hist": counts}


def distinct(h, clk):
    """Units whose activation vectors over the batch differ: np.unique on
    the rounded columns, the way a notebook counts them."""
    t0 = time.perf_counter()
    amax = np.abs(h).max()
    cols = h.T / amax if amax > 0 else h.T
    k = np.unique(np.round(cols, 9), axis=0).shape[0]
    clk.add("distinct", t0)
    return k


def distinct_hash(h, clk):
    """The engine's method: one random projection per column, sorted; equal
    columns give equal keys (a stronger reference than np.unique)."""
    t0 = time.perf_counter()
    amax = np.abs(h).max()
    w = np.random.default_rng(7).uniform(1.0, 2.0, h.shape[0])
    key = np.sort(w @ h / amax) if amax > 0 else np.zeros(h.shape[1])
    k = 1 + int((np.diff(key) > 1e-9).sum())
    clk.add("distinct", t0)
    return k


DISTINCT = distinct


def draw(width, depth, batch, clk):
    """Inputs, xavier-normal weights, zero biases, the starting gradient."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    x = rng.standard_normal((batch, width))
    sigma = np.sqrt(2.0 / (width + width))
    W = [None] + [rng.standard_normal((width, width)) * sigma
                  for _ in range(depth)]
    b = [None] + [np.zeros(width) for _ in range(depth)]
    g = rng.standard_normal((batch, width))
    clk.add("init", t0)
    return x, W, b, g


def forward(x, W, b, bins, clk, layers):
    H = [x]
    for l in range(1, len(W)):
        t0 = time.perf_counter()
        z = H[l - 1] @ W[l].T
        t0 = clk.add("gemm", t0)
        z += b[l]
        h = np.tanh(z)
        clk.add("act", t0)
        H.append(h)
        s = layers[l]
        s["weights"] = stats(W[l], bins, clk)
        s["preactivation"] = stats(z, bins, clk)
        s["activation"] = stats(h, bins, clk)
        s["distinct"] = DISTINCT(h, clk)
    return H


def backward(H, W, g, bins, clk, layers):
    batch = g.shape[0]
    for l in range(len(W) - 1, 0, -1):
        t0 = time.perf_counter()
        dz = g * (1.0 - H[l] * H[l])  # tanh'(z) from the stored h
        t0 = clk.add("act", t0)
        dw = dz.T @ H[l - 1]
        dw /= batch
        clk.add("gemm", t0)
        s = layers[l]
        s["grad_activation"] = stats(g, bins, clk)
        s["grad_preactivation"] = stats(dz, bins, clk)
        s["grad_weights"] = stats(dw, bins, clk)
        if l > 1:
            t0 = time.perf_counter()
            g = dz @ W[l]
            clk.add("gemm", t0)


def run(x, W, b, g, bins, clk):
    layers = [dict() for _ in W]
    t0 = time.perf_counter()
    H = forward(x, W, b, bins, clk, layers)
    t1 = clk.add("forward", t0)
    backward(H, W, g, bins, clk, layers)
    clk.add("backward", t1)
    return layers


def check(folder):
    """Redo an engine run dumped by `bench --dump`; compare every figure."""
    meta = {}
    eng = []
    with open(folder + "/engine.txt") as f:
        for ln in f:
            w = ln.split()
            if w[0] in ("batch", "widths"):
                meta[w[0]] = [int(v) for v in w[1:]]
            else:
                eng.append(w)
    B, n = meta["batch"][0], meta["widths"]
    L = len(n) - 1
    raw = lambda name, shape: np.fromfile(
        "%s/%s.bin" % (folder, name)).reshape(shape)
    x = raw("x0", (B, n[0]))
    g = raw("g%d" % L, (B, n[L]))
    W = [None] + [raw("W%d" % l, (n[l], n[l - 1])) for l in range(1, L + 1)]
    b = [None] + [raw("b%d" % l, (n[l],)) for l in range(1, L + 1)]
    layers = run(x, W, b, g, 40, Clock())
    worst, bad_bins, bad = 0.0, 0, []
    for w in eng:
        l, q = int(w[0]), w[1]
        if q == "distinct":
            if int(w[2]) != layers[l]["distinct"]:
                bad.append("layer %d distinct %s vs %d" %
                           (l, w[2], layers[l]["distinct"]))
            continue
        s = layers[l][q]
        scale = max(abs(float(w[5])), 1e-300)  # rms
        for i, k in enumerate(("mean", "std", "rms", "min", "max")):
            worst = max(worst, abs(float(w[3 + i]) - s[k]) / scale)
        if int(w[2]) != s["count"] or int(w[8]) + int(w[9]) != 0:
            bad.append("layer %d %s count" % (l, q))
        diff = np.abs(np.array(w[10:], dtype=float) - s["hist"]).sum()
        bad_bins += int(diff)
    ok = worst < 1e-9 and bad_bins <= 2 * len(eng) and not bad
    print("check=%s max_rel_diff=%.2e hist_moved=%d distinct=%s %s" %
          ("PASS" if ok else "FAIL", worst, bad_bins,
           ",".join(str(layers[l]["distinct"]) for l in range(1, L + 1)),
           "; ".join(bad)))
    return 0 if ok else 1


def main(argv):
    global DISTINCT
    if "--distinct=hash" in argv:
        argv.remove("--distinct=hash")
        DISTINCT = distinct_hash
    if len(argv) >= 3 and argv[1] == "--check":
        return max([check(d) for d in argv[2:]])
    t_start = time.perf_counter()
    width, depth, batch = (int(a) for a in argv[1:4])
    bins = int(argv[4]) if len(argv) > 4 else 40
    clk = Clock()
    x, W, b, g = draw(width, depth, batch, clk)
    layers = run(x, W, b, g, bins, clk)
    t = clk.t
    total = time.perf_counter() - t_start
    out = ["kernel=" + blas_kernel(), "numpy=" + np.__version__]
    out += ["%s=%.6f" % (k, v) for k, v in sorted(t.items())]
    out.append("compute=%.6f" % total)
    out.append("act_std_L=%.6g" % layers[depth]["activation"]["std"])
    out.append("gact_std_1=%.6g" % layers[1]["grad_activation"]["std"])
    out.append("distinct_L=%d" % layers[depth]["distinct"])
    print(" ".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
