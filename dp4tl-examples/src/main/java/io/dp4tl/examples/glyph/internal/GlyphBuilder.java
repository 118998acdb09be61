package io.dp4tl.examples.glyph.internal;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import io.dp4tl.api.Dp4tlException;
import io.dp4tl.core.image.Polarity;
import io.dp4tl.examples.glyph.GlyphJitter;
import io.dp4tl.examples.glyph.GlyphSourceOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Renders a glyph set in two parallel passes over the classes. Pass 1 renders every member
 * character of a class with every face that can display it, keeps the distinct renderings (by a
 * 128-bit hash of the pixels) in a seeded order, and holds on to the first
 * {@code samplesPerClass} of them. Pass 2 writes each kept class's samples: those plain
 * renderings, then jittered renderings cycling over the distinct faces, each jitter drawn from a
 * generator seeded by (seed, character, sample). Every class writes to its own slots, so the
 * output does not depend on the thread count.
 */
public final class GlyphBuilder {
  private final GlyphSourceOptions options;
  private final List<LoadedFace> faces;
  private final List<int[]> classes;

  /**
   * @param classes per class, its member code points (the first names the class)
   */
  public GlyphBuilder(GlyphSourceOptions options, List<LoadedFace> faces, List<int[]> classes) {
    this.options = options;
    this.faces = faces;
    this.classes = classes;
  }

  /** Renders the set. */
  public RenderedGlyphs build() {
    int n = classes.size();
    long[][] origins = new long[n][];
    byte[][][] plain = new byte[n][][];
    long[] duplicates = new long[n];
    parallel(n, c -> {
      try (GlyphRenderer r = new GlyphRenderer(options.size())) {
        Set<HashCode> seen = new HashSet<>();
        List<Long> found = new ArrayList<>();
        List<byte[]> images = new ArrayList<>();
        int[] members = classes.get(c);
        for (int f = 0; f < faces.size(); f++) {
          for (int m = 0; m < members.length; m++) {
            if (!faces.get(f).font().canDisplay(members[m])) {
              continue;
            }
            byte[] img = r.render(faces.get(f).font(), members[m], GlyphRenderer.Jitter.NONE);
            if (img == null) {
              continue;
            }
            if (seen.add(Hashing.murmur3_128().hashBytes(img))) {
              found.add(((long) f << 32) | m);
              images.add(img);
            } else {
              duplicates[c]++;
            }
          }
        }
        int[] order = new int[found.size()];
        Arrays.setAll(order, i -> i);
        shuffle(order, new SplittableRandom(mix(options.seed(), members[0], -1)));
        origins[c] = new long[order.length];
        plain[c] = new byte[Math.min(options.samplesPerClass(), order.length)][];
        for (int i = 0; i < order.length; i++) {
          origins[c][i] = found.get(order[i]);
          if (i < plain[c].length) {
            plain[c][i] = images.get(order[i]);
          }
        }
      }
    });
    List<Integer> kept = new ArrayList<>();
    for (int c = 0; c < n && (options.maxClasses() == 0 || kept.size() < options.maxClasses()); c++) {
      if (origins[c].length >= options.minFaces()) {
        kept.add(c);
      }
    }
    int k = kept.size();
    int[] counts = new int[k];
    int[] offsets = new int[k + 1];
    for (int i = 0; i < k; i++) {
      int distinct = origins[kept.get(i)].length;
      counts[i] = options.jitter().isNone() ? Math.min(options.samplesPerClass(), distinct) : options.samplesPerClass();
      offsets[i + 1] = offsets[i] + counts[i];
    }
    int pixels = options.size() * options.size();
    if ((long) offsets[k] * pixels > Integer.MAX_VALUE - 8) {
      throw new Dp4tlException(offsets[k] + " glyph images of " + options.size() + "x" + options.size()
          + " do not fit one array; lower samplesPerClass, maxClasses or size");
    }
    byte[] images = new byte[offsets[k] * pixels];
    int[] labels = new int[offsets[k]];
    int[] codePoints = new int[k];
    int[] distinct = new int[k];
    long dropped = 0;
    for (int i = 0; i < k; i++) {
      codePoints[i] = classes.get(kept.get(i))[0];
      distinct[i] = origins[kept.get(i)].length;
      dropped += duplicates[kept.get(i)];
      Arrays.fill(labels, offsets[i], offsets[i + 1], i);
    }
    parallel(k, i -> {
      try (GlyphRenderer r = new GlyphRenderer(options.size())) {
        int c = kept.get(i);
        int[] members = classes.get(c);
        long[] order = origins[c];
        for (int j = 0; j < counts[i]; j++) {
          int at = (offsets[i] + j) * pixels;
          if (j < plain[c].length) {
            System.arraycopy(plain[c][j], 0, images, at, pixels);
          } else {
            long o = order[j % order.length];
            GlyphRenderer.Jitter jitter = sample(options.jitter(), new SplittableRandom(mix(options.seed(), members[0], j)));
            byte[] img = r.render(faces.get((int) (o >>> 32)).font(), members[(int) o], jitter);
            if (img != null) {
              System.arraycopy(img, 0, images, at, pixels);
            }
          }
          if (options.polarity() == Polarity.BLACK_ON_WHITE) {
            for (int p = at; p < at + pixels; p++) {
              images[p] = (byte) (255 - (images[p] & 0xff));
            }
          }
        }
      }
    });
    return new RenderedGlyphs(images, labels, codePoints, distinct, faces.size(), dropped);
  }

  private static GlyphRenderer.Jitter sample(GlyphJitter j, SplittableRandom rng) {
    double scale = 1 + (2 * rng.nextDouble() - 1) * j.scale();
    double dx = (2 * rng.nextDouble() - 1) * j.shift();
    double dy = (2 * rng.nextDouble() - 1) * j.shift();
    double radians = Math.toRadians((2 * rng.nextDouble() - 1) * j.rotationDegrees());
    double stroke = rng.nextDouble() * j.stroke();
    return new GlyphRenderer.Jitter(scale, dx, dy, radians, stroke);
  }

  private static long mix(long seed, int codePoint, int sample) {
    long h = seed * 0x9E3779B97F4A7C15L + codePoint;
    h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + sample;
    return h ^ (h >>> 29);
  }

  private static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Runs {@code task} for every index in [0, n), spread over the option's threads in chunks. */
  private void parallel(int n, IntConsumer task) {
    int threads = Math.min(options.threads(), Math.max(1, n));
    if (threads == 1) {
      for (int i = 0; i < n; i++) {
        task.accept(i);
      }
      return;
    }
    int chunk = Math.max(1, n / (threads * 8));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "dp4tl-glyphs");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int from = 0; from < n; from += chunk) {
        int a = from;
        int b = Math.min(n, from + chunk);
        futures.add(pool.submit(() -> {
          for (int i = a; i < b; i++) {
            task.accept(i);
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new Dp4tlException("glyph rendering failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Dp4tlException("interrupted while rendering glyphs", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
