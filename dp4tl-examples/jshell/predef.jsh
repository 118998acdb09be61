// dp4tl in JShell. Start it from the repository root after `./dp4tl --version` has built the jar:
//   jshell --class-path "$(ls dp4tl-examples/target/dp4tl-examples-*-all.jar)" \
//          --startup DEFAULT --startup dp4tl-examples/jshell/predef.jsh
import java.nio.file.Path;
import java.util.*;
import io.dp4tl.api.*;
import io.dp4tl.api.data.*;
import io.dp4tl.api.spi.*;
import io.dp4tl.api.progress.*;

System.out.println("dp4tl " + Version.get() + ": try  Pruner.forTarget(TargetData.ofLogits(Path.of(\"examples/lm-tiny/target_logits.npy\"))).labelMapping().ratio(0.5).prune(SourceData.ofLabels(Path.of(\"examples/lm-tiny/source_labels.npy\")))");
