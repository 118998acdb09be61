"""Reference for scripts/bench-sample.sh: data generation and NumPy EL2N / Moderate-DS (global scope)."""
import hashlib
import sys
import time

import numpy as np

N, S, D, RUNS = 1_281_167, 100, 128, 2


def gen(out):
    rng = np.random.default_rng(20231008)
    labels = rng.integers(0, S, N).astype(np.int64)
    np.save(f"{out}/labels.npy", labels)
    for r in range(RUNS):
        z = np.lib.format.open_memmap(f"{out}/logits_{r}.npy", mode="w+", dtype=np.float32, shape=(N, S))
        for a in range(0, N, 100_000):
            b = min(N, a + 100_000)
            block = rng.standard_normal((b - a, S), dtype=np.float32)
            block[np.arange(b - a), labels[a:b]] += 2.0 + r
            z[a:b] = block
        z.flush()
    centers = rng.standard_normal((S, D), dtype=np.float32) * 3
    f = np.lib.format.open_memmap(f"{out}/features.npy", mode="w+", dtype=np.float32, shape=(N, D))
    for a in range(0, N, 100_000):
        b = min(N, a + 100_000)
        f[a:b] = centers[labels[a:b]] + rng.standard_normal((b - a, D), dtype=np.float32)
    f.flush()


def sha(kept):
    return hashlib.sha256(",".join(map(str, kept.tolist())).encode()).hexdigest()[:16]


def el2n(out, labels):
    total = np.zeros(N)
    for r in range(RUNS):
        z = np.load(f"{out}/logits_{r}.npy", mmap_mode="r").astype(np.float64)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        p[np.arange(N), labels] -= 1
        total += np.sqrt((p * p).sum(axis=1))
    score = total / RUNS
    keep = N - int(np.floor(0.5 * N + 0.5))
    order = np.argsort(-score, kind="stable")
    return np.sort(order[:keep])


def moderate(out, labels):
    f = np.load(f"{out}/features.npy", mmap_mode="r")
    d = np.empty(N)
    for c in range(S):
        idx = np.flatnonzero(labels == c)
        x = np.asarray(f[idx], dtype=np.float64)
        d[idx] = np.linalg.norm(x - np.median(x, axis=0), axis=1)
    keep = N - int(np.floor(0.5 * N + 0.5))
    order = np.argsort(d, kind="stable")
    lo = (N - keep) // 2
    return np.sort(order[lo:lo + keep])


def bench(out, runs):
    labels = np.load(f"{out}/labels.npy")
    for name, fn in (("el2n", el2n), ("moderate", moderate)):
        best = float("inf")
        for _ in range(runs):
            t0 = time.perf_counter()
            kept = fn(out, labels)
            best = min(best, time.perf_counter() - t0)
        print(f"{name}.numpy_ms {best * 1e3:.0f}")
        print(f"{name}.numpy_kept {len(kept)} {sha(kept)}")


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2])
    else:
        bench(sys.argv[2], int(sys.argv[3]))
