#!/usr/bin/env python3
"""PyTorch reference for the dp4tl-gpu benchmark: the same Lloyd algorithm on the same GPU.

Reads x.npy (n x d float32) and init.npy (k x d) written by io.dp4tl.gpu.bench.LloydBench and runs
assignment by GEMM (||x||^2 - 2 x c^T + ||c||^2, argmin) and the update by scatter-add
(index_add_ + bincount; an empty cluster keeps its centroid), in FP32 (TF32 off, as dp4tl's
default). Prints RESULT lines: time per iteration (update + assignment, data already on the GPU,
first assignment excluded, as in the Java benchmark), final inertia, and the GEMM's TFLOP/s for
the same shapes and for a square 8192^3 SGEMM.

Usage: torch_lloyd.py DIR [iterations] [chunk_rows]
"""
import sys
import time

import numpy as np
import torch


def result(name, value):
    print(f"RESULT {name} {value:.6g}" if isinstance(value, float) else f"RESULT {name} {value}", flush=True)


def assign(x, xn, c, chunk):
    cn = (c * c).sum(1)
    labels = torch.empty(x.shape[0], dtype=torch.long, device=x.device)
    best = torch.empty(x.shape[0], dtype=torch.float32, device=x.device)
    for s in range(0, x.shape[0], chunk):
        dist = xn[s:s + chunk, None] - 2.0 * (x[s:s + chunk] @ c.T) + cn[None, :]
        m, i = dist.min(1)
        best[s:s + chunk] = m
        labels[s:s + chunk] = i
    return labels, best


def update(x, labels, c):
    k = c.shape[0]
    sums = torch.zeros_like(c).index_add_(0, labels, x)
    counts = torch.bincount(labels, minlength=k)
    means = sums / counts.clamp(min=1).to(x.dtype)[:, None]
    return torch.where((counts > 0)[:, None], means, c)


def timed(fn, reps=1):
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(reps):
        fn()
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / reps


def main():
    folder = sys.argv[1]
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    chunk = int(sys.argv[3]) if len(sys.argv) > 3 else 131072
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device("cuda")
    result("torch_device", f'"{torch.cuda.get_device_name(0)}, torch {torch.__version__}, CUDA {torch.version.cuda}"')
    x = torch.from_numpy(np.load(f"{folder}/x.npy", mmap_mode="r")[:]).to(device)
    c0 = torch.from_numpy(np.load(f"{folder}/init.npy")).to(device)
    n, d = x.shape
    k = c0.shape[0]
    xn = (x * x).sum(1)

    def run(iters):
        c = c0.clone()
        labels, best = assign(x, xn, c, chunk)
        for _ in range(iters):
            c = update(x, labels, c)
            labels, best = assign(x, xn, c, chunk)
        return c, labels, best

    run(1)
    torch.cuda.synchronize()
    start = time.perf_counter()
    c = c0.clone()
    labels, best = assign(x, xn, c, chunk)
    torch.cuda.synchronize()
    loop = time.perf_counter()
    for _ in range(iterations):
        c = update(x, labels, c)
        labels, best = assign(x, xn, c, chunk)
    torch.cuda.synchronize()
    end = time.perf_counter()
    result("torch_ms_per_iteration", (end - loop) / iterations * 1e3)
    result("torch_loop_seconds", end - start)
    exact = ((x - c[labels]) ** 2).sum(1, dtype=torch.float64).sum().item()
    result("torch_inertia", exact)

    gemm = timed(lambda: [x[s:s + chunk] @ c.T for s in range(0, n, chunk)], reps=5)
    result("torch_gemm_tflops", 2.0 * n * k * d / gemm / 1e12)
    a = torch.randn(8192, 8192, device=device)
    b = torch.randn(8192, 8192, device=device)
    square = timed(lambda: a @ b, reps=5)
    result("torch_square_tflops", 2.0 * 8192 ** 3 / square / 1e12)


if __name__ == "__main__":
    main()
