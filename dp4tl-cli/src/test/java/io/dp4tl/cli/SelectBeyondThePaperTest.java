package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dp4tl.core.io.Npy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorers beyond the paper and the automatic ratio through the command line. */
class SelectBeyondThePaperTest {
  @TempDir Path tmp;

  /** Target class 0 votes source 0 thrice and 1 twice; target class 1 votes source 0 four times and 2 once. */
  private Path[] inputs() throws Exception {
    int[] votes = {0, 0, 0, 1, 1, 0, 0, 0, 0, 2};
    float[] logits = new float[votes.length * 5];
    for (int r = 0; r < votes.length; r++) {
      logits[r * 5 + votes[r]] = 5;
    }
    Path t = tmp.resolve("t.npy");
    Path y = tmp.resolve("y.npy");
    Path l = tmp.resolve("l.npy");
    Npy.writeFloat32(t, logits, votes.length, 5);
    Npy.writeInt64(y, new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
    Npy.writeInt64(l, new int[] {0, 0, 1, 1, 2, 2, 3, 3, 4, 4});
    return new Path[] {t, y, l};
  }

  private JsonNode manifest(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("selection.json").toFile());
  }

  @Test
  void coverageUsesTheTargetLabels() throws Exception {
    Path[] in = inputs();
    Path out = tmp.resolve("cov");
    Cli.Result r = Cli.run("select", "--method", "lm-coverage", "--target-logits", in[0], "--target-labels", in[1],
        "--source-labels", in[2], "--keep", "2", "--out", out);
    assertThat(r.status()).as(r.err()).isEqualTo(0);
    assertThat(manifest(out).get("keptGroups").toString()).isEqualTo("[0,2]");
  }

  @Test
  void coverageWithoutTargetLabelsExitsTwoNamingThem() throws Exception {
    Path[] in = inputs();
    Cli.Result r = Cli.run("select", "--method", "lm-coverage", "--target-logits", in[0], "--source-labels", in[2],
        "--keep", "2", "--out", tmp.resolve("x"));
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.errLines()).singleElement().asString().contains("no labels");
  }

  @Test
  void shareAndScorerOptionsReachTheScorer() throws Exception {
    Path[] in = inputs();
    Path out = tmp.resolve("share");
    Cli.Result r = Cli.run("select", "--method", "lm-soft", "--option", "soft.topk=1", "--target-logits", in[0],
        "--source-labels", in[2], "--share", "0.75", "--out", out);
    assertThat(r.status()).as(r.err()).isEqualTo(0);
    JsonNode m = manifest(out);
    assertThat(m.get("keptGroups").toString()).isEqualTo("[0,1]");
    assertThat(m.get("details").get("massCurve")).isNotNull();
    assertThat(m.get("details").get("topK").asInt()).isEqualTo(1);
  }
}
