package io.dp4tl.spark.internal;

import io.dp4tl.spark.internal.DistributedKMeans.Result;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.clustering.KMeansModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Spark MLlib's {@code KMeans} on the canonical rows (k-means|| initialisation, MLlib's stopping rule). */
public final class MllibKMeans {
  private MllibKMeans() {}

  /** Fits MLlib's k-means; centroids rounded to float. */
  public static Result fit(SparkSession spark, CanonicalRows rows, int k, long seed, int maxIterations,
      double tolerance) {
    JavaRDD<Row> vectors = rows.rows().values().map(r -> {
      float[] f = r.values();
      double[] v = new double[f.length];
      for (int j = 0; j < v.length; j++) {
        v[j] = f[j];
      }
      return RowFactory.create(Vectors.dense(v));
    });
    StructType schema = new StructType().add("features", SQLDataTypes.VectorType(), false);
    Dataset<Row> data = spark.createDataFrame(vectors, schema);
    KMeansModel model = new KMeans().setK(k).setSeed(seed).setMaxIter(Math.max(1, maxIterations)).setTol(tolerance)
        .setFeaturesCol("features").fit(data);
    Vector[] centers = model.clusterCenters();
    int d = rows.d();
    float[] centroids = new float[centers.length * d];
    for (int c = 0; c < centers.length; c++) {
      double[] v = centers[c].toArray();
      for (int j = 0; j < d; j++) {
        centroids[c * d + j] = (float) v[j];
      }
    }
    return new Result(centroids, model.summary().trainingCost(), model.summary().numIter(), null);
  }
}
