package io.dp4tl.cli;

import io.dp4tl.api.spi.Evidence;
import io.dp4tl.api.spi.Registry;
import io.dp4tl.api.spi.Scorer;
import io.dp4tl.api.spi.ScorerInfo;
import io.dp4tl.api.spi.ScorerOption;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The "Methods" section of {@code dp4tl select --help}: every scorer on the classpath (built-in
 * or third-party) with what it ranks, the inputs its evidence comes from and its options, as the
 * scorer describes itself ({@link Scorer#info()}).
 */
final class MethodsHelp implements IHelpSectionRenderer {
  static final String SECTION = "methods";

  @Override
  public String render(Help help) {
    StringBuilder text = new StringBuilder("%nMethods (any scorer on the classpath):%n".formatted());
    for (Scorer scorer : Registry.scorers().all()) {
      ScorerInfo info = scorer.info();
      text.append("  ").append(scorer.name()).append(": ").append(scorer.description()).append(System.lineSeparator());
      text.append("      ranks the source's ").append(info.level().units()).append("; needs ")
          .append(inputs(info)).append(System.lineSeparator());
      for (ScorerOption option : info.options()) {
        text.append("      --option ").append(option.summary()).append(System.lineSeparator());
      }
    }
    return text.append("  With --surrogate, logits, features and source labels come from the images.")
        .append(System.lineSeparator()).toString();
  }

  /** The command-line inputs that supply a scorer's evidence. */
  static String inputs(ScorerInfo info) {
    List<String> inputs = new ArrayList<>();
    for (Evidence e : info.evidence()) {
      inputs.add(switch (e) {
        case TARGET_LOGITS -> "--target-logits";
        case FEATURES -> "--target-features and --source-features";
        case TARGET_LABELS -> "--target-labels";
        case SOURCE_LABELS -> "--source-labels";
        case SOURCE_CLUSTERS -> "--source-groups or --clusters";
        case SOURCE_FEATURES -> "--source-features";
        case SOURCE_LOGITS -> "--source-logits";
        case SOURCE_RUN_FEATURES -> "--source-features (one per --source-logits file)";
        case SOURCE_CORRECTNESS -> "--source-correctness";
      });
    }
    return inputs.isEmpty() ? "only the source's size (any source input)" : String.join(", ", inputs);
  }
}
