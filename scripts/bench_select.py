"""Reference timings for scripts/bench-select.sh and bench-fm-full.sh: data generation, NumPy Label
Mapping, FAISS Lloyd and k-means, NumPy sgemm of the assignment's shape."""
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


def gen_wide(out, d):
    """200,000 x d features around 1,000 centres and 1,000 initial centroids drawn from them."""
    rng = np.random.default_rng(20231008 + d)
    centers = rng.standard_normal((1000, d), dtype=np.float32) * 3
    x = centers[rng.integers(0, 1000, 200_000)] + rng.standard_normal((200_000, d), dtype=np.float32)
    np.save(f"{out}/features{d}.npy", x)
    np.save(f"{out}/initial{d}.npy", x[np.sort(rng.choice(200_000, 1000, replace=False))])


def gen_full(out):
    """ImageNet-1k's shape: 1,281,167 x 512 features around 1,000 centres (about 2.6 GB), written in
    slices so that the whole matrix is never in memory; and 10,000 target features. The centres
    (scale 0.5) lie closer together than the noise's radius, so the clusters overlap as real
    features' do and Lloyd keeps improving for all 20 iterations (well-separated centres made dp4tl
    stop after 4 while FAISS ran 20)."""
    rng = np.random.default_rng(1281167)
    n, d = 1_281_167, 512
    centers = rng.standard_normal((1000, d), dtype=np.float32) * 0.5
    x = np.lib.format.open_memmap(f"{out}/full_overlap_features.npy.tmp", mode="w+", dtype="<f4", shape=(n, d))
    for i in range(0, n, 100_000):
        m = min(100_000, n - i)
        x[i:i + m] = centers[rng.integers(0, 1000, m)] + rng.standard_normal((m, d), dtype=np.float32)
    x.flush()
    del x
    np.save(f"{out}/full_overlap_target.npy",
            centers[rng.integers(0, 1000, 10_000)] + rng.standard_normal((10_000, d), dtype=np.float32))
    import os
    os.replace(f"{out}/full_overlap_features.npy.tmp", f"{out}/full_overlap_features.npy")


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
        c = time.process_time()
        km.train(x, init_centroids=c0)
        wall = time.perf_counter() - t0
        if wall < best:
            best, cpu = wall, time.process_time() - c
    flops = 2.0 * x.shape[0] * c0.shape[0] * x.shape[1]
    print(f"lloyd.faiss_ms {best * 1e3:.1f}")
    print(f"lloyd.faiss_cpu_ms {cpu * 1e3:.1f}")
    print(f"lloyd.faiss_gflops {flops / best / 1e9:.1f}")
    print(f"lloyd.faiss_inertia {km.obj[0]:.6e}")


def sgemm(xpath, initpath, threads, runs):
    """NumPy's sgemm (its own OpenBLAS) of the assignment's shape, 4,096 rows at a time."""
    from threadpoolctl import threadpool_limits
    x = np.load(xpath)
    c = np.load(initpath)
    out = np.empty((4096, c.shape[0]), dtype=np.float32)
    best = float("inf")
    with threadpool_limits(threads):
        for _ in range(runs):
            t0 = time.perf_counter()
            for i in range(0, x.shape[0], 4096):
                b = x[i:i + 4096]
                np.matmul(b, c.T, out=out[:b.shape[0]])
            best = min(best, time.perf_counter() - t0)
    print(f"sgemm.numpy_ms {best * 1e3:.1f}")
    print(f"sgemm.numpy_gflops {2.0 * x.shape[0] * c.shape[0] * x.shape[1] / best / 1e9:.1f}")


def kmeans_full(xpath, tpath, k, niter, threads):
    """FAISS k-means (its random initialisation, every row used), the target's nearest centroids, then
    every source row's nearest final centroid: Feature Mapping keeps source rows by cluster, so it
    needs that assignment (dp4tl's last pass computes it), timed separately."""
    import faiss
    faiss.omp_set_num_threads(threads)
    t0 = time.perf_counter()
    x = np.load(xpath, mmap_mode="r")
    x = np.ascontiguousarray(x)
    target = np.load(tpath)
    t1 = time.perf_counter()
    km = faiss.Kmeans(x.shape[1], k, niter=niter, seed=1, max_points_per_centroid=10**9, min_points_per_centroid=1)
    km.train(x)
    _, nearest = km.index.search(target, 1)
    t2 = time.perf_counter()
    _, assignment = km.index.search(x, 1)
    t3 = time.perf_counter()
    print(f"full.faiss_load_s {t1 - t0:.1f}")
    print(f"full.faiss_s {t2 - t1:.1f}")
    print(f"full.faiss_with_assignment_s {t3 - t1:.1f}")
    print(f"full.faiss_inertia {km.obj[-1]:.6e}")


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "gen":
        gen(sys.argv[2])
    elif cmd == "gen-wide":
        gen_wide(sys.argv[2], int(sys.argv[3]))
    elif cmd == "gen-full":
        gen_full(sys.argv[2])
    elif cmd == "sgemm":
        sgemm(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    elif cmd == "kmeans-full":
        kmeans_full(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]))
    elif cmd == "lm":
        lm(sys.argv[2], int(sys.argv[3]))
    elif cmd == "lloyd":
        lloyd(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
    else:
        raise SystemExit(f"unknown command {cmd}")
