// dp4tl CUDA kernels, compiled at run time by NVRTC (no headers needed) and checked at build time
// by nvcc. Every reduction here runs in a fixed order, so results do not depend on scheduling:
// integer counters may use atomics (integer addition is exact); floating-point sums never do.
//
// Conventions: matrices are row-major; a "warp per row" kernel uses blockDim.x == 256 (8 rows
// per block); row indices are int (FloatMatrix rows are int), element offsets are long long.

#define DP4TL_FULL_MASK 0xffffffffu
#define DP4TL_NO_ROW 0x7fffffff

__device__ __forceinline__ bool dp4tl_finite(float v) {
  return (__float_as_uint(v) & 0x7f800000u) != 0x7f800000u;
}

// Lexicographic minimum of (value, index): the lower index wins a tie.
__device__ __forceinline__ bool dp4tl_before(double v, int j, double bestV, int bestJ) {
  return v < bestV || (v == bestV && j < bestJ);
}

__device__ __forceinline__ double dp4tl_warp_sum(double v) {
  for (int offset = 16; offset > 0; offset >>= 1) {
    v += __shfl_xor_sync(DP4TL_FULL_MASK, v, offset);
  }
  return v;
}

// Exact (double) squared Euclidean distance between row x and row c, computed by the whole warp;
// every lane gets the same value.
__device__ double dp4tl_warp_distance(const float* __restrict__ x, const float* __restrict__ c, int d, int lane) {
  double s = 0.0;
  for (int t = lane; t < d; t += 32) {
    double diff = (double) x[t] - (double) c[t];
    s += diff * diff;
  }
  return dp4tl_warp_sum(s);
}

extern "C" {

// Squared norm of every row (summed in double, stored as float). When firstBad is not null, the
// lowest row holding NaN or infinity is recorded there (as rowBase + row); when maxBits is not
// null, the largest norm is folded into it (as float bits: non-negative floats order like their
// bits, so the maximum does not depend on scheduling).
__global__ void dp4tl_row_norms(const float* __restrict__ x, int rows, int d, float* __restrict__ norms,
                                int* __restrict__ firstBad, int rowBase, unsigned* __restrict__ maxBits) {
  int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  int lane = threadIdx.x & 31;
  if (row >= rows) {
    return;
  }
  const float* r = x + (long long) row * d;
  double s = 0.0;
  bool bad = false;
  for (int t = lane; t < d; t += 32) {
    float v = r[t];
    bad |= !dp4tl_finite(v);
    s += (double) v * (double) v;
  }
  s = dp4tl_warp_sum(s);
  unsigned anyBad = __ballot_sync(DP4TL_FULL_MASK, bad);
  if (lane == 0) {
    norms[row] = (float) s;
    if (anyBad != 0u && firstBad != nullptr) {
      atomicMin(firstBad, rowBase + row);
    }
    if (maxBits != nullptr) {
      atomicMax(maxBits, __float_as_uint((float) s));
    }
  }
}

// Nearest centroid of every row from dots[row * k + j] = x_row . c_j (the GEMM), with
// approximate distances xnorm - 2 dot + cnorm. When the best and second-best approximate
// distances are within margin = marginScale * (xnorm + *cnormMax), which bounds the rounding error
// of the GEMM, every centroid within the margin is re-scored exactly in double and the lowest
// index wins a tie; marginScale == 0 disables that (TF32). Writes the chosen centroid and the
// exact squared distance to it.
__global__ void dp4tl_assign(const float* __restrict__ dots, int rows, int k, const float* __restrict__ xnorm,
                             const float* __restrict__ cnorm, const float* __restrict__ cnormMax,
                             const float* __restrict__ x,
                             const float* __restrict__ c, int d, float marginScale, int* __restrict__ assign,
                             double* __restrict__ dist) {
  int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  int lane = threadIdx.x & 31;
  if (row >= rows) {
    return;
  }
  const float* dr = dots + (long long) row * k;
  double xn = (double) xnorm[row];
  double best = 1.0e300;
  int bestJ = 0x7fffffff;
  double second = 1.0e300;
  for (int j = lane; j < k; j += 32) {
    double v = xn - 2.0 * (double) dr[j] + (double) cnorm[j];
    if (v < best) {
      second = best;
      best = v;
      bestJ = j;
    } else if (v < second) {
      second = v;
    }
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    double ob = __shfl_xor_sync(DP4TL_FULL_MASK, best, offset);
    int oj = __shfl_xor_sync(DP4TL_FULL_MASK, bestJ, offset);
    double os = __shfl_xor_sync(DP4TL_FULL_MASK, second, offset);
    double loser;
    if (dp4tl_before(ob, oj, best, bestJ)) {
      loser = best;
      best = ob;
      bestJ = oj;
    } else {
      loser = ob;
    }
    second = fmin(fmin(second, os), loser);
  }
  // A row of NaN or infinity may leave no candidate; any index keeps later reads in bounds (the
  // pass reports the row afterwards).
  bestJ = bestJ < k ? bestJ : 0;
  const float* xr = x + (long long) row * d;
  double margin = (double) marginScale * (xn + (double) *cnormMax);
  double exact;
  if (marginScale > 0.0f && second - best <= margin) {
    double limit = best + margin;
    exact = 1.0e300;
    int exactJ = bestJ;
    for (int base = 0; base < k; base += 32) {
      int j = base + lane;
      bool candidate = j < k && xn - 2.0 * (double) dr[j] + (double) cnorm[j] <= limit;
      unsigned mask = __ballot_sync(DP4TL_FULL_MASK, candidate);
      while (mask != 0u) {
        int bit = __ffs(mask) - 1;
        mask &= mask - 1u;
        int cj = base + bit;
        double e = dp4tl_warp_distance(xr, c + (long long) cj * d, d, lane);
        if (e < exact) {
          exact = e;
          exactJ = cj;
        }
      }
    }
    bestJ = exactJ;
  } else {
    exact = dp4tl_warp_distance(xr, c + (long long) bestJ * d, d, lane);
  }
  if (lane == 0) {
    assign[row] = bestJ;
    dist[row] = exact;
  }
}

// Sum of n doubles by one block of 1024 threads in a fixed order; writes out[slot].
__global__ void dp4tl_sum(const double* __restrict__ v, int n, double* __restrict__ out, int slot) {
  __shared__ double partial[1024];
  double s = 0.0;
  for (int i = threadIdx.x; i < n; i += blockDim.x) {
    s += v[i];
  }
  partial[threadIdx.x] = s;
  __syncthreads();
  for (int width = blockDim.x >> 1; width > 0; width >>= 1) {
    if (threadIdx.x < width) {
      partial[threadIdx.x] += partial[threadIdx.x + width];
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    out[slot] = partial[0];
  }
}

// Per tile of 1024 rows, how many rows each cluster holds: tileCounts[tile * k + cluster]
// (zeroed before). One block of 256 threads per tile.
__global__ void dp4tl_tile_counts(const int* __restrict__ assign, int rows, int k, int* __restrict__ tileCounts) {
  int tile = blockIdx.x;
  int end = min(rows, (tile + 1) * 1024);
  for (int row = tile * 1024 + threadIdx.x; row < end; row += blockDim.x) {
    atomicAdd(&tileCounts[(long long) tile * k + assign[row]], 1);
  }
}

// For every cluster, turns the tile counts into exclusive prefixes over tiles and writes the
// cluster's total to counts. One thread per cluster.
__global__ void dp4tl_tile_scan(int* __restrict__ tileCounts, int tiles, int k, int* __restrict__ counts) {
  int cluster = blockIdx.x * blockDim.x + threadIdx.x;
  if (cluster >= k) {
    return;
  }
  int running = 0;
  for (int tile = 0; tile < tiles; tile++) {
    long long at = (long long) tile * k + cluster;
    int v = tileCounts[at];
    tileCounts[at] = running;
    running += v;
  }
  counts[cluster] = running;
}

// Exclusive prefix sum of n values by one block of 1024 threads; out has n + 1 entries, out[n]
// the total. With perSegment > 0 the value summed is ceil(in[i] / perSegment).
__global__ void dp4tl_scan(const int* __restrict__ in, int n, int perSegment, int* __restrict__ out) {
  __shared__ int sums[1024];
  int per = (n + blockDim.x - 1) / blockDim.x;
  int begin = min(n, threadIdx.x * per);
  int end = min(n, begin + per);
  int local = 0;
  for (int i = begin; i < end; i++) {
    int v = in[i];
    local += perSegment > 0 ? (v + perSegment - 1) / perSegment : v;
  }
  sums[threadIdx.x] = local;
  __syncthreads();
  if (threadIdx.x == 0) {
    int running = 0;
    for (int t = 0; t < blockDim.x; t++) {
      int v = sums[t];
      sums[t] = running;
      running += v;
    }
    out[n] = running;
  }
  __syncthreads();
  int running = sums[threadIdx.x];
  for (int i = begin; i < end; i++) {
    out[i] = running;
    int v = in[i];
    running += perSegment > 0 ? (v + perSegment - 1) / perSegment : v;
  }
}

// Stable counting sort of rows by cluster: order[offsets[c] + rank] = row, where rank counts the
// rows of cluster c before this one. One block of 1024 threads (32 warps) per tile; the warps take
// turns so that ranks follow row order. tileCounts holds the exclusive prefixes of dp4tl_tile_scan
// and serves as this tile's cursors.
__global__ void dp4tl_stable_scatter(const int* __restrict__ assign, int rows, int k, int* __restrict__ tileCounts,
                                     const int* __restrict__ offsets, int* __restrict__ order) {
  int tile = blockIdx.x;
  int warp = threadIdx.x >> 5;
  int lane = threadIdx.x & 31;
  int row = tile * 1024 + threadIdx.x;
  bool valid = row < rows;
  int cluster = valid ? assign[row] : -1;
  unsigned validMask = __ballot_sync(DP4TL_FULL_MASK, valid);
  int* cursors = tileCounts + (long long) tile * k;
  for (int turn = 0; turn < 32; turn++) {
    if (warp == turn && valid) {
      unsigned group = __match_any_sync(validMask, cluster);
      unsigned before = group & ((1u << lane) - 1u);
      int base = cursors[cluster];
      __syncwarp(validMask);
      order[offsets[cluster] + base + __popc(before)] = row;
      if (before == 0u) {
        cursors[cluster] = base + __popc(group);
      }
    }
    __syncthreads();
  }
}

// Sum in double of the rows of one segment (at most segmentSize consecutive rows of one cluster
// in sorted order) for every dimension: partials[segment * d + t]. segStart (k + 1 entries) gives
// each cluster's first segment; blocks past the last segment return.
__global__ void dp4tl_segment_sums(const float* __restrict__ x, int d, const int* __restrict__ order,
                                   const int* __restrict__ offsets, const int* __restrict__ counts,
                                   const int* __restrict__ segStart, int k, int segmentSize,
                                   double* __restrict__ partials) {
  int segment = blockIdx.x;
  if (segment >= segStart[k]) {
    return;
  }
  int lo = 0;
  int hi = k;
  while (hi - lo > 1) {
    int mid = (lo + hi) >> 1;
    if (segStart[mid] <= segment) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  int cluster = lo;
  int begin = offsets[cluster] + (segment - segStart[cluster]) * segmentSize;
  int end = min(begin + segmentSize, offsets[cluster] + counts[cluster]);
  for (int t = threadIdx.x; t < d; t += blockDim.x) {
    double s = 0.0;
    for (int p = begin; p < end; p++) {
      s += (double) x[(long long) order[p] * d + t];
    }
    partials[(long long) segment * d + t] = s;
  }
}

// Adds every cluster's segment sums, in segment order, to the accumulator of this stream slot,
// and its row count to the slot's counts. One block per cluster.
__global__ void dp4tl_accumulate(const double* __restrict__ partials, const int* __restrict__ segStart,
                                 const int* __restrict__ counts, int d, double* __restrict__ sums,
                                 long long* __restrict__ totals) {
  int cluster = blockIdx.x;
  int first = segStart[cluster];
  int last = segStart[cluster + 1];
  for (int t = threadIdx.x; t < d; t += blockDim.x) {
    double s = 0.0;
    for (int segment = first; segment < last; segment++) {
      s += partials[(long long) segment * d + t];
    }
    sums[(long long) cluster * d + t] += s;
  }
  if (threadIdx.x == 0) {
    totals[cluster] += counts[cluster];
  }
}

// New centroids: (sums0 + sums1) / (totals0 + totals1); an empty cluster keeps its row (the host
// re-seeds it). One block per cluster.
__global__ void dp4tl_means(const double* __restrict__ sums0, const double* __restrict__ sums1,
                            const long long* __restrict__ totals0, const long long* __restrict__ totals1, int d,
                            float* __restrict__ centroids) {
  int cluster = blockIdx.x;
  long long n = totals0[cluster] + totals1[cluster];
  if (n == 0) {
    return;
  }
  for (int t = threadIdx.x; t < d; t += blockDim.x) {
    long long at = (long long) cluster * d + t;
    centroids[at] = (float) ((sums0[at] + sums1[at]) / (double) n);
  }
}

// Label Mapping: counts[argmax_j logits[row][j]]++ (lowest column on ties); a row holding NaN or
// infinity is not counted and the lowest such row is recorded in firstBad (as rowBase + row).
__global__ void dp4tl_argmax_histogram(const float* __restrict__ logits, int rows, int cols,
                                       unsigned long long* __restrict__ counts, int* __restrict__ firstBad,
                                       int rowBase) {
  int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
  int lane = threadIdx.x & 31;
  if (row >= rows) {
    return;
  }
  const float* r = logits + (long long) row * cols;
  float best = 0.0f;
  int bestJ = 0x7fffffff;
  bool bad = false;
  for (int j = lane; j < cols; j += 32) {
    float v = r[j];
    bad |= !dp4tl_finite(v);
    if (bestJ == 0x7fffffff || v > best) {
      best = v;
      bestJ = j;
    }
  }
  for (int offset = 16; offset > 0; offset >>= 1) {
    float ob = __shfl_xor_sync(DP4TL_FULL_MASK, best, offset);
    int oj = __shfl_xor_sync(DP4TL_FULL_MASK, bestJ, offset);
    if (oj != 0x7fffffff && (bestJ == 0x7fffffff || ob > best || (ob == best && oj < bestJ))) {
      best = ob;
      bestJ = oj;
    }
  }
  unsigned anyBad = __ballot_sync(DP4TL_FULL_MASK, bad);
  if (lane == 0) {
    if (anyBad != 0u) {
      atomicMin(firstBad, rowBase + row);
    } else {
      atomicAdd(&counts[bestJ], 1ull);
    }
  }
}

}  // extern "C"
