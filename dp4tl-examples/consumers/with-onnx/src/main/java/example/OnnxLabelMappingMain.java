package example;

import io.dp4tl.api.Pruner;
import io.dp4tl.api.Selection;
import io.dp4tl.api.data.ImageSet;
import io.dp4tl.api.data.SourceData;
import io.dp4tl.api.data.TargetData;
import io.dp4tl.core.dataset.GridReader;
import io.dp4tl.core.image.Preprocessing;
import io.dp4tl.core.image.ResizeMethod;
import io.dp4tl.onnx.OnnxBackend;
import io.dp4tl.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A real ONNX surrogate (PaddleOCR's 2-class text-direction CNN) votes over target images, then
 * Label Mapping keeps the most-voted of the source's 2 classes: {@code main(grid.png)} where the
 * PNG is a grid of 20x20 digit tiles in two rows.
 */
public final class OnnxLabelMappingMain {
  public static void main(String[] args) {
    ImageSet target = GridReader.read(Path.of(args[0]), 20, 20, 1, List.of("0", "1"));
    float[] half = {0.5f, 0.5f, 0.5f};
    OnnxOptions options = OnnxOptions.builder(Preprocessing.builder().size(192, 48).channels(3)
        .resize(ResizeMethod.BILINEAR).normalize(1 / 255f, half, half).build()).build();
    try (OnnxBackend surrogate = OnnxBackend.fromClasspath("models/ch_ppocr_mobile_v2.0_cls_infer.onnx", options)) {
      Selection selection = Pruner.forTarget(TargetData.ofImages(target)).labelMapping().surrogate(surrogate)
          .ratio(0.5).prune(SourceData.ofLabels(new int[] {0, 0, 0, 1, 1, 1, 1}));
      System.out.println(selection);
    }
  }
}
