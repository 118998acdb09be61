package io.dp4tl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dp4tl.core.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and bad usage: exit status 2, one line naming the problem, and nothing written. */
class SelectErrorsTest {
  @TempDir Path tmp;

  private final Path lmTiny = Cli.parityCase("lm-tiny");
  private final Path fmBasic = Cli.parityCase("fm-basic");

  private Path out() {
    return tmp.resolve("out");
  }

  private Cli.Result lm(Object targetLogits, Object sourceLabels, Object... more) {
    List<Object> args = new ArrayList<>(List.of("select", "--method", "lm", "--target-logits", targetLogits,
        "--source-labels", sourceLabels, "--out", out()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray());
  }

  private Cli.Result fm(Object targetFeatures, Object sourceFeatures, Object sourceGroups) {
    return Cli.run("select", "--method", "fm", "--target-features", targetFeatures, "--source-features",
        sourceFeatures, "--source-groups", sourceGroups, "--ratio", 0.5, "--out", out());
  }

  /** Invalid input: status 2, exactly one line on stderr, no output directory. */
  private String invalidInput(Cli.Result result) {
    assertThat(result.status()).as(result.err()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.errLines()).hasSize(1);
    assertThat(out()).doesNotExist();
    return result.errLines().get(0);
  }

  /** Usage error: status 2, one line naming the problem and one hint line, no output directory. */
  private String usageError(Cli.Result result) {
    assertThat(result.status()).as(result.err()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().get(1)).contains("--help");
    assertThat(out()).doesNotExist();
    return result.errLines().get(0);
  }

  @Test
  void corruptNpy() throws IOException {
    Path corrupt = Files.write(tmp.resolve("logits.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    assertThat(invalidInput(lm(corrupt, lmTiny.resolve("source_labels.npy"), "--ratio", 0.5)))
        .startsWith("dp4tl select: error: ")
        .contains(corrupt.toString())
        .contains("not an .npy file");
  }

  @Test
  void truncatedNpy() throws IOException {
    byte[] whole = Files.readAllBytes(lmTiny.resolve("target_logits.npy"));
    Path cut = Files.write(tmp.resolve("cut.npy"), java.util.Arrays.copyOf(whole, whole.length - 7));
    assertThat(invalidInput(lm(cut, lmTiny.resolve("source_labels.npy"), "--ratio", 0.5)))
        .contains(cut.toString())
        .contains("truncated data");
  }

  @Test
  void missingFile() {
    Path missing = tmp.resolve("nope.npy");
    assertThat(invalidInput(lm(lmTiny.resolve("target_logits.npy"), missing, "--ratio", 0.5)))
        .contains(missing.toString())
        .contains("no such file");
  }

  @Test
  void logitsGivenAsIntegers() {
    assertThat(invalidInput(lm(lmTiny.resolve("source_labels.npy"), lmTiny.resolve("source_labels.npy"),
        "--ratio", 0.5)))
        .contains("target logits")
        .contains("must be float16/32/64, found <i8");
  }

  @Test
  void featureWidthMismatch() throws IOException {
    Path narrow = tmp.resolve("narrow.npy");
    Npy.writeFloat32(narrow, new float[3 * 8], 3, 8);
    assertThat(invalidInput(fm(narrow, fmBasic.resolve("source_features.npy"), fmBasic.resolve("source_groups.npy"))))
        .contains("target features [3 x 8] from " + narrow + " are 8-d")
        .contains("from " + fmBasic.resolve("source_features.npy") + " are 16-d")
        .contains("same feature extractor");
  }

  @Test
  void sourceCountMismatch() throws IOException {
    Path groups = tmp.resolve("groups.npy");
    Npy.writeInt64(groups, new int[599]);
    assertThat(invalidInput(fm(fmBasic.resolve("target_features.npy"), fmBasic.resolve("source_features.npy"),
        groups)))
        .contains("groups from " + groups + " has 599")
        .contains("features (rows) from " + fmBasic.resolve("source_features.npy") + " has 600 samples")
        .contains("same samples in the same order");
  }

  @Test
  void labelOutsideTheLogitColumns() throws IOException {
    int[] labels = Npy.readInts(lmTiny.resolve("source_labels.npy"), "labels");
    labels[7] = 10;
    Path bad = tmp.resolve("labels.npy");
    Npy.writeInt64(bad, labels);
    assertThat(invalidInput(lm(lmTiny.resolve("target_logits.npy"), bad, "--ratio", 0.5)))
        .contains("source '" + bad + "' label 10 at row 7 is out of range")
        .contains("target logits [25 x 10] from " + lmTiny.resolve("target_logits.npy"))
        .contains("10 columns (one per source class)");
  }

  @Test
  void nanRow() throws IOException {
    var logits = Npy.readMatrix(lmTiny.resolve("target_logits.npy"), "logits");
    float[] values = new float[logits.rows() * logits.cols()];
    logits.copyRows(0, logits.rows(), values, 0);
    values[3 * logits.cols() + 4] = Float.NaN;
    Path bad = tmp.resolve("nan.npy");
    Npy.writeFloat32(bad, values, logits.rows(), logits.cols());
    assertThat(invalidInput(lm(bad, lmTiny.resolve("source_labels.npy"), "--ratio", 0.5))).contains("row 3");
  }

  @Test
  void ratioAndKeepTogether() {
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--ratio", 0.5, "--keep", 3)))
        .contains("--ratio=R, --keep=N are mutually exclusive");
  }

  @Test
  void neitherRatioNorKeep() {
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"))))
        .contains("--ratio=R | --keep=N");
  }

  @Test
  void ratioOutOfRange() {
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--ratio", 1.0)))
        .contains("--ratio 1.0: ratio must be in [0, 1)");
  }

  @Test
  void outOfRangeSettingsAreRefusedByTheLibraryNamingTheOption() {
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--keep", 0))).contains("--keep 0: keep count must be at least 1, got 0");
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--share", 1.5))).contains("--share 1.5: share must be in (0, 1]");
    assertThat(usageError(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--ratio", 0.5, "--threads", 0))).contains("--threads 0: threads must be in [1, 256], got 0");
    assertThat(invalidInput(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--keep", 11))).contains("keep 11 is more than the 10 groups available");
  }

  @Test
  void unknownMethodListsTheAvailableOnes() {
    assertThat(usageError(Cli.run("select", "--method", "magic", "--target-logits", "t.npy", "--source-labels",
        "l.npy", "--ratio", 0.5, "--out", out())))
        .contains("--method magic: unknown scorer 'magic'; available: ")
        .contains("lm")
        .contains("fm");
  }

  @Test
  void labelMappingWithoutLogits() {
    assertThat(usageError(Cli.run("select", "--method", "lm", "--source-labels", lmTiny.resolve("source_labels.npy"),
        "--ratio", 0.5, "--out", out())))
        .contains("--method lm needs --target-logits");
  }

  @Test
  void featureMappingWithBothGroupsAndClusters() {
    assertThat(usageError(Cli.run("select", "--method", "fm", "--target-features", "t.npy", "--source-features",
        "f.npy", "--source-groups", "g.npy", "--clusters", 4, "--ratio", 0.5, "--out", out())))
        .contains("exactly one of --source-groups (given groups) and --clusters");
  }

  @Test
  void misspeltScorerOptionListsTheValidOnes() {
    assertThat(invalidInput(lm(lmTiny.resolve("target_logits.npy"), lmTiny.resolve("source_labels.npy"),
        "--ratio", 0.5, "--option", "kmeans.maxIterations=5")))
        .contains("'kmeans.maxIterations' is not an option of lm, which takes no options");
    Cli.Result soft = Cli.run("select", "--method", "lm-soft", "--target-logits", lmTiny.resolve("target_logits.npy"),
        "--source-labels", lmTiny.resolve("source_labels.npy"), "--ratio", 0.5, "--option", "soft.temprature=2",
        "--out", out());
    assertThat(invalidInput(soft)).contains("'soft.temprature' is not an option of lm-soft; valid: soft.temperature");
  }

  @Test
  void outputIsAFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "mine");
    Cli.Result result = Cli.run("select", "--method", "lm", "--target-logits", lmTiny.resolve("target_logits.npy"),
        "--source-labels", lmTiny.resolve("source_labels.npy"), "--ratio", 0.5, "--out", file);
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines().get(0)).contains("--out " + file + " is a file");
    assertThat(Files.readString(file)).isEqualTo("mine");
  }

  @Test
  void misspelledOptionGetsASuggestion() {
    Cli.Result result = Cli.run("select", "--method", "lm", "--keep", 3, "--out", out(), "--thread", 2);
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines()).hasSize(2);
    assertThat(result.errLines().get(0)).contains("Unknown options: '--thread'");
    assertThat(result.errLines().get(1)).contains("Did you mean --threads?").contains("--help");
  }

  @Test
  void noSubcommand() {
    Cli.Result result = Cli.run();
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.errLines()).containsExactly("dp4tl: Missing required subcommand", "See 'dp4tl --help'.");
  }
}
