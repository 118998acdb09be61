package io.dp4tl.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code is what a newcomer types first: its Java blocks must compile against the
 * current API, and its JShell lines, after the JShell predef, must print what the README shows.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  /** What the Java blocks may use without importing it themselves, as a reader's IDE would add. */
  private static final String IMPORTS = String.join("\n",
      "import java.nio.file.Path;",
      "import io.dp4tl.api.*;",
      "import io.dp4tl.api.data.*;",
      "import io.dp4tl.api.spi.*;",
      "import io.dp4tl.core.image.Polarity;",
      "import io.dp4tl.onnx.OnnxBackend;",
      "import io.dp4tl.examples.glyph.*;",
      "import io.dp4tl.examples.surrogate.PpOcrSurrogate;");

  @TempDir Path tmp;

  @Test
  void everyJavaBlockCompiles() throws IOException {
    List<String> blocks = blocks(Files.readString(ROOT.resolve("README.md")), "```java\n");
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    List<JavaFileObject> sources = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      // Free variables of the snippets become parameters: the data a reader has at hand.
      String code = IMPORTS + "\nclass Snippet" + i + " {\n  void run(ImageSet handwrittenDigits) throws Exception {\n"
          + blocks.get(i) + "\n  }\n}\n";
      sources.add(new Source("Snippet" + i, code));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean ok = javac.getTask(errors, null, null, List.of("--release", "17", "-proc:none", "-d", tmp.toString(),
        "-classpath", System.getProperty("java.class.path")), null, sources).call();
    assertThat(ok).as(errors.toString()).isTrue();
  }

  @Test
  void theJShellLinesPrintWhatTheReadmeShows() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String session = blocks(readme.substring(readme.indexOf("### JShell")), "```\n").get(0);
    List<String> inputs = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String line : session.split("\n")) {
      if (line.startsWith("jshell> ")) {
        inputs.add(line.substring(8).replace("\"examples/", "\"" + ROOT.resolve("examples") + "/"));
      } else if (!inputs.isEmpty()) {
        shown.add(line);
      }
    }
    assertThat(inputs).isNotEmpty();
    assertThat(inputs.get(inputs.size() - 1)).isEqualTo("System.out.println(s)");
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        shell.addToClasspath(entry);
      }
      String predef = Files.readString(ROOT.resolve("dp4tl-examples/jshell/predef.jsh"));
      evalAll(shell, predef.replaceAll("(?m)^System\\.out\\.println.*$", ""));
      for (String input : inputs.subList(0, inputs.size() - 1)) {
        evalAll(shell, input);
      }
      // The machine's thread count and the library version differ from the README's run.
      String printed = machineFree(unquote(evalAll(shell, "s.toString()")));
      assertThat(printed.lines().toList()).startsWith(machineFree(String.join("\n", shown)).split("\n"));
    }
  }

  /** Evaluates every snippet in {@code code}; each must be valid and run; returns the last value. */
  private static String evalAll(JShell shell, String code) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = code;
    String value = null;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      for (SnippetEvent event : shell.eval(info.source())) {
        assertThat(event.status()).as(info.source() + " " + shell.diagnostics(event.snippet()).map(d ->
            d.getMessage(null)).toList()).isEqualTo(Snippet.Status.VALID);
        assertThat(event.exception()).as(info.source()).isNull();
        value = event.value();
      }
      rest = info.remaining();
    }
    return value;
  }

  private static String machineFree(String summary) {
    return summary.replaceAll("dp4tl \\S+, ", "dp4tl V, ").replaceAll("\\d+ threads", "N threads");
  }

  /** A JShell string value ({@code "a\nb"}, quoted and escaped) as the string itself. */
  private static String unquote(String literal) {
    return literal.substring(1, literal.length() - 1).replace("\\n", "\n").replace("\\\"", "\"");
  }

  /** The contents of every fenced block opened by {@code fence}. */
  private static List<String> blocks(String text, String fence) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile(Pattern.quote(fence) + "(.*?)\n```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** A compilation unit held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String name, String code) {
      super(URI.create("string:///" + name + ".java"), Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
