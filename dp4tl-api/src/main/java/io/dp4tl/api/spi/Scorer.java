package io.dp4tl.api.spi;

/**
 * Turns target and source evidence into per-group scores: the SPI behind every selection method
 * (Label Mapping, Feature Mapping, the baselines, third-party methods). Higher scores rank first;
 * ties go to the lower group index. Implementations are found by {@link java.util.ServiceLoader}
 * (register them in {@code META-INF/services/io.dp4tl.api.spi.Scorer}) or registered with
 * {@link Registry#scorers()}, and are selected by {@link #name()}.
 *
 * <p>A scorer is stateless and thread-safe; one call is one pass, reporting to the request's
 * progress listener and checking its cancellation.
 */
public interface Scorer {

  /** Unique, lower-case name used to select the scorer, e.g. {@code "lm"} or {@code "fm"}. */
  String name();

  /** One line for listings and error messages. */
  String description();

  /**
   * What this scorer ranks, which evidence it reads and which options it accepts: the builder
   * refuses options it does not declare (listing those it does) and settings that do not apply
   * to it (e.g. {@code clusters(k)} without {@link Evidence#SOURCE_CLUSTERS}), and the command
   * lists them in its help.
   */
  ScorerInfo info();

  /**
   * Scores the source's groups for the request's target.
   *
   * @throws io.dp4tl.api.InvalidInputException if the evidence this scorer needs is missing or
   *     malformed (names what and where)
   * @throws io.dp4tl.api.ModelException if running the surrogate fails
   * @throws io.dp4tl.api.CancelledException if the request was cancelled
   */
  GroupScores score(ScoringRequest request);
}
