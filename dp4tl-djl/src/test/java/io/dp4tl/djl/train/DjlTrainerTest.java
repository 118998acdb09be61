package io.dp4tl.djl.train;

import static io.dp4tl.djl.train.TrainerFixtures.EPOCHS;
import static io.dp4tl.djl.train.TrainerFixtures.all;
import static io.dp4tl.djl.train.TrainerFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import io.dp4tl.api.CancelledException;
import io.dp4tl.api.InvalidInputException;
import io.dp4tl.api.data.Image;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.progress.Cancellation;
import io.dp4tl.api.progress.ProgressListener;
import io.dp4tl.api.progress.RunControl;
import io.dp4tl.api.spi.Batch;
import io.dp4tl.api.spi.Evaluation;
import io.dp4tl.api.spi.FinetuneMode;
import io.dp4tl.api.spi.ModelBackend;
import io.dp4tl.api.spi.ModelInfo;
import io.dp4tl.api.spi.PretrainedModel;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.TrainingOptions;
import io.dp4tl.core.testing.TinyGlyphs;
import io.dp4tl.djl.internal.Network;
import io.dp4tl.djl.train.internal.DjlPretrainedModel;
import io.dp4tl.djl.train.internal.EpochRecord;
import io.dp4tl.djl.train.internal.TrainingLoop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlTrainerTest {
  private static final DjlTrainer TRAINER = new DjlTrainer();
  private static TinyGlyphs source;
  private static TinyGlyphs targetTrain;
  private static TinyGlyphs targetTest;
  private static List<EpochRecord> pretraining;
  private static List<String> reports;
  private static DjlPretrainedModel pretrained;

  @BeforeAll
  static void pretrainOnce() {
    source = TrainerFixtures.source();
    targetTrain = TrainerFixtures.targetTrain();
    targetTest = TrainerFixtures.targetTest();
    Recorder recorder = new Recorder();
    TrainingLoop.Outcome outcome = TRAINER.pretrainNetwork(source, all(source.size()), options(7), recorder.control());
    pretraining = outcome.epochs();
    reports = recorder.reports;
    pretrained = new DjlPretrainedModel(outcome.network(), outcome.millis(), 2);
  }

  @AfterAll
  static void close() {
    pretrained.close();
  }

  @Test
  void isFoundByName() {
    assertThat(Registry.trainers().find("djl")).isInstanceOf(DjlTrainer.class);
  }

  @Test
  void pretrainingLearnsTheSourceClasses() {
    assertThat(pretraining).hasSize(EPOCHS);
    assertThat(pretraining.get(EPOCHS - 1).loss()).isLessThan(0.7 * pretraining.get(0).loss());
    assertThat(pretraining.get(EPOCHS - 1).trainAccuracy()).isGreaterThan(0.5);
    assertThat(pretrained.trainingMillis()).isPositive();
    try (ModelBackend surrogate = pretrained.asSurrogate()) {
      assertThat(accuracy(surrogate, source)).isGreaterThan(0.5);
    }
  }

  @Test
  void reportsEveryEpoch() {
    assertThat(reports).hasSize(EPOCHS);
    for (int e = 0; e < EPOCHS; e++) {
      assertThat(reports.get(e)).startsWith("epoch " + (e + 1) + "/" + EPOCHS + ": loss ")
          .contains("train top-1", "images/s", "lr ", "ETA ");
    }
  }

  @Test
  void sameSeedAndThreadsGiveTheSameWeightsAnotherSeedOthers() {
    try (TrainingLoop.Outcome again = TRAINER.pretrainNetwork(source, all(source.size()), options(7), RunControl.none());
        TrainingLoop.Outcome other = TRAINER.pretrainNetwork(source, all(source.size()), options(8), RunControl.none())) {
      assertThat(again.network().fingerprint()).isEqualTo(pretrained.network().fingerprint());
      assertThat(again.epochs().stream().map(EpochRecord::loss))
          .containsExactlyElementsOf(pretraining.stream().map(EpochRecord::loss).toList());
      assertThat(other.network().fingerprint()).isNotEqualTo(pretrained.network().fingerprint());
    }
  }

  @Test
  void pretrainsOnTheGivenSamplesOnly() {
    int[] firstFour = new int[4 * 30];
    for (int i = 0; i < firstFour.length; i++) {
      firstFour[i] = i;
    }
    Recorder recorder = new Recorder();
    try (TrainingLoop.Outcome pruned = TRAINER.pretrainNetwork(source, firstFour, options(7), recorder.control())) {
      assertThat(pruned.epochs()).hasSize(EPOCHS);
      assertThat(pruned.network().classCount()).isEqualTo(8);
      int batch = options(7).batchSize();
      assertThat(recorder.steps).isEqualTo((long) EPOCHS * ((firstFour.length + batch - 1) / batch));
    }
  }

  @Test
  void linearProbeFreezesTheBackboneAndItsBatchNormStatistics() {
    String before = pretrained.network().fingerprint();
    try (TrainingLoop.Outcome probe = TRAINER.finetuneNetwork(pretrained, targetTrain, targetTest,
            FinetuneMode.LINEAR_PROBE, options(7), RunControl.none());
        Network untrainedHead = pretrained.network().withNewHead(4, 7)) {
      Network tuned = probe.network();
      List<NDArray> frozen = pretrained.network().arrays(Network.Part.BACKBONE, false);
      List<NDArray> after = tuned.arrays(Network.Part.BACKBONE, false);
      assertThat(after).hasSize(frozen.size());
      assertThat(frozen.size() - pretrained.network().arrays(Network.Part.BACKBONE, true).size())
          .as("batch-norm running means and variances").isPositive();
      for (int i = 0; i < frozen.size(); i++) {
        assertThat(after.get(i).toFloatArray()).containsExactly(frozen.get(i).toFloatArray());
      }
      assertThat(tuned.fingerprint(Network.Part.HEAD)).isNotEqualTo(untrainedHead.fingerprint(Network.Part.HEAD));
      assertThat(probe.testAccuracies()).hasSize(EPOCHS);
    }
    assertThat(pretrained.network().fingerprint()).as("the pretrained model is untouched").isEqualTo(before);
  }

  @Test
  void fullFinetuningTrainsEverythingAndBeatsChance() {
    try (TrainingLoop.Outcome full = TRAINER.finetuneNetwork(pretrained, targetTrain, targetTest, FinetuneMode.FULL,
        options(7), RunControl.none())) {
      List<NDArray> before = pretrained.network().arrays(Network.Part.BACKBONE, false);
      List<NDArray> after = full.network().arrays(Network.Part.BACKBONE, false);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).toFloatArray()).isNotEqualTo(before.get(i).toFloatArray());
      }
      double best = 0;
      for (double a : full.testAccuracies()) {
        best = Math.max(best, a);
      }
      assertThat(best).isGreaterThan(0.5);
    }
  }

  @Test
  void finetuningEvaluatesEveryEpochDeterministically() {
    Evaluation first = TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.LINEAR_PROBE, options(7),
        RunControl.none());
    Evaluation second = TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.LINEAR_PROBE, options(7),
        RunControl.none());
    assertThat(first.mode()).isEqualTo(FinetuneMode.LINEAR_PROBE);
    assertThat(first.epochAccuracies()).hasSize(EPOCHS).containsExactly(second.epochAccuracies());
    assertThat(first.bestAccuracy()).isGreaterThanOrEqualTo(first.lastAccuracy()).isGreaterThan(0.25);
    assertThat(first.trainingMillis()).isPositive();
  }

  @Test
  void aKilledRunResumesFromItsCheckpointAndEndsWithTheUninterruptedWeights(@TempDir Path dir) throws Exception {
    int batch = options(11).batchSize();
    long stepsPerEpoch = (source.size() + batch - 1) / batch;
    long hangAt = 2 * stepsPerEpoch + 3;
    Process child = new ProcessBuilder(javaExecutable(), "-cp", System.getProperty("java.class.path"),
        "-Djava.awt.headless=true", ResumeChild.class.getName(), dir.toString(), Long.toString(hangAt))
        .redirectErrorStream(true).start();
    List<String> childOutput = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("hanging")) {
        childOutput.add(line);
      }
      assertThat(line).as("child output: %s", childOutput).isEqualTo("hanging");
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    List<Path> checkpoints;
    try (Stream<Path> files = Files.list(dir)) {
      checkpoints = files.filter(p -> p.toString().endsWith(".ckpt")).toList();
    }
    assertThat(checkpoints).hasSize(1);

    Recorder resumed = new Recorder();
    TrainingOptions withCheckpoints = options(11).withCheckpointDir(dir);
    try (TrainingLoop.Outcome finished = TRAINER.pretrainNetwork(source, all(source.size()), withCheckpoints,
            resumed.control());
        TrainingLoop.Outcome uninterrupted = TRAINER.pretrainNetwork(source, all(source.size()), options(11),
            RunControl.none())) {
      assertThat(resumed.reports).hasSize(EPOCHS - 2);
      assertThat(resumed.reports.get(0)).startsWith("epoch 3/" + EPOCHS);
      assertThat(finished.epochs()).hasSize(EPOCHS);
      assertThat(finished.network().fingerprint()).isEqualTo(uninterrupted.network().fingerprint());
      assertThat(finished.epochs().stream().map(EpochRecord::loss))
          .containsExactlyElementsOf(uninterrupted.epochs().stream().map(EpochRecord::loss).toList());
    }

    Recorder again = new Recorder();
    try (PretrainedModel done = TRAINER.pretrain(source, all(source.size()), withCheckpoints, again.control())) {
      assertThat(again.reports).as("a finished run is not trained again").isEmpty();
      assertThat(done.trainingMillis()).isPositive();
    }
  }

  @Test
  void finetuningKeepsCheckpointsAndRefusesABrokenOne(@TempDir Path dir) throws IOException {
    TrainingOptions withCheckpoints = options(7).withCheckpointDir(dir);
    Evaluation first = TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.FULL, withCheckpoints,
        RunControl.none());
    Recorder again = new Recorder();
    Evaluation repeated = TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.FULL, withCheckpoints,
        again.control());
    assertThat(again.reports).isEmpty();
    assertThat(repeated.epochAccuracies()).containsExactly(first.epochAccuracies());
    assertThat(repeated.trainingMillis()).isEqualTo(first.trainingMillis());

    Path checkpoint;
    try (Stream<Path> files = Files.list(dir)) {
      checkpoint = files.filter(p -> p.getFileName().toString().startsWith("finetune-full-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(checkpoint);
    Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.FULL, withCheckpoints,
        RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be resumed")
        .hasMessageContaining(checkpoint.getFileName().toString());
  }

  @Test
  void cancellationStopsWithinABatch() {
    Cancellation cancellation = Cancellation.create();
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    ProgressListener listener = new ProgressListener() {
      @Override
      public void advanced(String task, long done, long total) {
        if (done == 3) {
          cancellation.cancel();
        }
      }

      @Override
      public void finished(String task) {
        finished.add(task);
      }
    };
    assertThatThrownBy(() -> TRAINER.pretrain(source, all(source.size()), options(7),
        new RunControl(listener, cancellation)))
        .isInstanceOf(CancelledException.class).hasMessageContaining("pretrain");
    assertThat(finished).containsExactly("pretrain");
  }

  @Test
  void refusesBadInput() {
    int[] samples = all(source.size());
    ImageSet unlabelled = new Unlabelled(source);
    assertThatThrownBy(() -> TRAINER.pretrain(unlabelled, samples, options(7), RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no labels");
    assertThatThrownBy(() -> TRAINER.pretrain(source, new int[] {0, 240}, options(7), RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("sample index 240 at position 1");
    assertThatThrownBy(() -> TRAINER.pretrain(source, new int[0], options(7), RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no sample");
    TrainingOptions.Builder tiny = TrainingOptions.builder("resnet-8").width(8).epochs(1).batchSize(32).weightDecay(0)
        .seed(1).threads(1);
    TrainingOptions gpu = tiny.device("gpu0").build();
    assertThatThrownBy(() -> TRAINER.pretrain(source, samples, gpu, RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("CPU only");
    TrainingOptions vgg = TrainingOptions.builder("vgg-11").width(8).epochs(1).batchSize(32).weightDecay(0).seed(1)
        .threads(1).build();
    assertThatThrownBy(() -> TRAINER.pretrain(source, samples, vgg, RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown network architecture 'vgg-11'");
    TrainingOptions cnn = TrainingOptions.builder("cnn").width(8).epochs(1).batchSize(32).weightDecay(0).seed(1)
        .threads(1).build();
    assertThatThrownBy(() -> TRAINER.finetune(pretrained, targetTrain, targetTest, FinetuneMode.FULL, cnn,
        RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("pretrained model is resnet-8");
    assertThatThrownBy(() -> TRAINER.finetune(pretrained, targetTrain, source, FinetuneMode.FULL, options(7),
        RunControl.none()))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("differ");
  }

  private static double accuracy(ModelBackend model, ImageSet images) {
    ModelInfo info = model.info();
    assertThat(info.inputShape()).containsExactly(1, 32, 32);
    assertThat(info.logitWidth()).isEqualTo(images.classNames().size());
    int n = images.size();
    float[] input = new float[n * info.inputElements()];
    for (int i = 0; i < n; i++) {
      model.encode(images.image(i), input, i * info.inputElements());
    }
    float[] logits = model.run(new Batch(all(n), input, true, false)).logits();
    int correct = 0;
    int width = info.logitWidth();
    for (int i = 0; i < n; i++) {
      int best = 0;
      for (int c = 1; c < width; c++) {
        if (logits[i * width + c] > logits[i * width + best]) {
          best = c;
        }
      }
      correct += best == images.label(i) ? 1 : 0;
    }
    return (double) correct / n;
  }

  private static String javaExecutable() {
    return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Records epoch reports and the last step count. */
  private static final class Recorder implements ProgressListener {
    final List<String> reports = Collections.synchronizedList(new ArrayList<>());
    volatile long steps;

    RunControl control() {
      return new RunControl(this, Cancellation.create());
    }

    @Override
    public void advanced(String task, long done, long total) {
      steps = done;
    }

    @Override
    public void report(String task, String message) {
      reports.add(message);
    }
  }

  /** A set whose images have no labels. */
  private record Unlabelled(ImageSet images) implements ImageSet {
    @Override
    public int size() {
      return images.size();
    }

    @Override
    public Image image(int index) {
      return images.image(index);
    }

    @Override
    public int label(int index) {
      return -1;
    }

    @Override
    public List<String> classNames() {
      return List.of();
    }

    @Override
    public String fingerprint() {
      return "unlabelled";
    }
  }
}
