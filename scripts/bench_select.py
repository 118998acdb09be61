"""Reference timings for scripts/bench-select.sh: data generation, NumPy Label Mapping, FAISS Lloyd."""
import sys
import time

import numpy as np


def gen(out):
    rng = np.random.default_rng(20231008)
    logits = rng.standard_normal((100_000, 1000), dtype=np.float32)
    logits[:, :50] += np.linspace(0.5, 0.0, 50, dtype=np.float32)  # a few popular classes
    np.save(f"{out}/logits.npy", logits)
    centers = rng.standard_normal((1000, 128), dtype=np.float32) * 3
    x = centers[rng.integers(0, 1000, 200_000)] + rng.standard_normal((200_000, 128), dtype=np.float32)
    np.save(f"{out}/features.npy", x.astype(np.float32))
    np.save(f"{out}/target_features.npy", (centers[rng.integers(0, 1000, 20_000)]
                                           + rng.standard_normal((20_000, 128), dtype=np.float32)).astype(np.float32))
    np.save(f"{out}/initial.npy", x[np.sort(rng.choice(200_000, 1000, replace=False))])


def lm(path, runs):
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        a = np.load(path, mmap_mode="r")
        counts = np.bincount(a.argmax(axis=1), minlength=a.shape[1])
        ranking = np.argsort(-counts, kind="stable")
        best = min(best, time.perf_counter() - t0)
    print(f"lm.numpy_ms {best * 1e3:.1f}")
    print(f"lm.numpy_top {ranking[0]} {ranking[1]} {ranking[2]}")


def lloyd(xpath, initpath, threads, runs):
    import faiss
    faiss.omp_set_num_threads(threads)
    x = np.load(xpath)
    c0 = np.load(initpath)
    best = float("inf")
    for _ in range(runs):
        km = faiss.Kmeans(x.shape[1], c0.shape[0], niter=1, seed=1, max_points_per_centroid=10**9,
                          min_points_per_centroid=1)
        t0 = time.perf_counter()
        km.train(x, init_centroids=c0)
        best = min(best, time.perf_counter() - t0)
    print(f"lloyd.faiss_ms {best * 1e3:.1f}")
    print(f"lloyd.faiss_inertia {km.obj[0]:.6e}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2])
    elif cmd == "lm":
        lm(sys.argv[2], int(sys.argv[3]))
    elif cmd == "lloyd":
        lloyd(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown command {cmd}")
