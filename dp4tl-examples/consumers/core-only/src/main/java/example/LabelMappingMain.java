package example;

import io.dp4tl.api.KeepRule;
import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import java.nio.file.Path;

/** Label Mapping from a target's surrogate logits and the source's labels: {@code main(logits.npy, labels.npy, ratio)}. */
public final class LabelMappingMain {
  public static void main(String[] args) {
    TargetData target = TargetData.ofLogits(Path.of(args[0]));
    SourceData source = SourceData.ofLabels(Path.of(args[1]));
    Selection selection = Pruner.forTarget(target).labelMapping().score(source)
        .select(KeepRule.ratio(Double.parseDouble(args[2])));
    System.out.println(selection);
  }
}
