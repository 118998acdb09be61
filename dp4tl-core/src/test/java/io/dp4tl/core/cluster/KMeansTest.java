package io.dp4tl.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.FloatMatrix;
import io.dp4tl.api.data.IntColumn;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Accelerator.KMeansResult;
import io.dp4tl.core.TestData;
import io.dp4tl.core.accel.CpuAccelerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KMeansTest {
  private final CpuAccelerator cpu = new CpuAccelerator();

  @Test
  void recoversWellSeparatedBlobsExactly() {
    int blobs = 6;
    FloatMatrix x = TestData.blobs(blobs, 150, 8, 4);
    KMeansResult r = KMeans.fit(x, new KMeans.Options(blobs, 100, 1e-4, 42, 2), cpu, RunControl.none());
    int[] clusterOfBlob = new int[blobs];
    for (int b = 0; b < blobs; b++) {
      clusterOfBlob[b] = r.assignment()[b];
    }
    Set<Integer> distinct = new HashSet<>();
    for (int c : clusterOfBlob) {
      distinct.add(c);
    }
    assertThat(distinct).hasSize(blobs);
    for (int i = 0; i < x.rows(); i++) {
      assertThat(r.assignment()[i]).as("row %s", i).isEqualTo(clusterOfBlob[i % blobs]);
    }
    assertThat(r.iterations()).isLessThan(100);
  }

  @Test
  void inertiaNeverIncreasesWithMoreIterations() {
    FloatMatrix x = TestData.gaussian(2000, 5, 8);
    float[] initial = KMeansPlusPlus.init(x, 30, 3, 1, RunControl.none());
    double previous = Double.POSITIVE_INFINITY;
    for (int iterations = 0; iterations <= 12; iterations++) {
      KMeansResult r = cpu.lloyd(x, initial, 30, iterations, 0, 2, RunControl.none());
      assertThat(r.inertia()).as("after %s iterations", iterations).isLessThanOrEqualTo(previous);
      previous = r.inertia();
    }
  }

  @Test
  void reseedsAnEmptyClusterWithTheFarthestPoint() {
    FloatMatrix x = FloatMatrix.of(new float[] {0, 1, 2, 10}, 4, 1);
    KMeansResult r = cpu.lloyd(x, new float[] {1, 1000}, 2, 1, 0, 1, RunControl.none());
    assertThat(r.centroids()).containsExactly(3.25f, 10f);
    assertThat(r.assignment()).containsExactly(0, 0, 0, 1);
    assertThat(r.iterations()).isEqualTo(1);
  }

  @Test
  void reseedsWithTheLowestRowWhenFarthestPointsTie() {
    FloatMatrix x = FloatMatrix.of(new float[] {0, 5, -5}, 3, 1);
    KMeansResult r = cpu.lloyd(x, new float[] {0, 1000}, 2, 1, 0, 1, RunControl.none());
    assertThat(r.centroids()).containsExactly(0f, 5f);
  }

  @Test
  void refusesMoreClustersThanSamples() {
    FloatMatrix x = TestData.gaussian(5, 2, 1);
    assertThatThrownBy(() -> KMeans.fit(x, new KMeans.Options(6, 10, 0, 1, 1), cpu, RunControl.none()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("6 clusters")
        .hasMessageContaining("has 5");
  }

  @Test
  void initialisationDependsOnTheSeedOnly() {
    FloatMatrix x = TestData.gaussian(9000, 6, 5);
    float[] one = KMeansPlusPlus.init(x, 40, 9, 1, RunControl.none());
    assertThat(KMeansPlusPlus.init(x, 40, 9, 2, RunControl.none())).containsExactly(one);
    assertThat(KMeansPlusPlus.init(x, 40, 10, 2, RunControl.none())).isNotEqualTo(one);
  }

  @Test
  void initialCentroidsAreDistinctRowsOfTheData() {
    FloatMatrix x = TestData.gaussian(300, 3, 6);
    float[] c = KMeansPlusPlus.init(x, 10, 1, 1, RunControl.none());
    float[] all = new float[300 * 3];
    x.copyRows(0, 300, all, 0);
    Set<Integer> rows = new HashSet<>();
    for (int k = 0; k < 10; k++) {
      int found = -1;
      for (int i = 0; i < 300 && found < 0; i++) {
        if (all[i * 3] == c[k * 3] && all[i * 3 + 1] == c[k * 3 + 1] && all[i * 3 + 2] == c[k * 3 + 2]) {
          found = i;
        }
      }
      assertThat(found).as("centroid %s", k).isNotNegative();
      rows.add(found);
    }
    assertThat(rows).hasSize(10);
  }

  @Test
  void groupMeansAverageInDoubleAndLeaveEmptyGroupsEmpty() {
    FloatMatrix x = FloatMatrix.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    GroupMeans m = GroupMeans.of(x, IntColumn.of(0, 2, 0), 3, 2, RunControl.none());
    assertThat(m.means()).containsExactly(3, 4, 0, 0, 3, 4);
    assertThat(m.counts()).containsExactly(2, 0, 1);
    assertThat(m.isEmpty(1)).isTrue();
  }
}
