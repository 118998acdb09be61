package io.dp4tl.gpu.internal.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Foreign Function descriptors of the driver bindings against the real {@code cuda.h}:
 * generates C++ that asserts, at compile time, each function's existence, arity, and the kind and
 * size of its return value and every parameter (32-bit integer or enum, 64-bit integer, float,
 * pointer), then compiles it with nvcc.
 */
class BindingSignatureTest {
  @TempDir Path work;

  @Test
  void driverBindingsMatchCudaH() throws IOException, InterruptedException {
    Nvcc nvcc = Nvcc.find();
    Path source = work.resolve("driver_signatures.cpp");
    Files.writeString(source, signatureChecks("cuda.h", Driver.BINDINGS));

    nvcc.run(work, "-std=c++17", "-I" + nvcc.includeDir(), "-x", "cu", "-c", source.toString(), "-o", "check.o");

    assertThat(work.resolve("check.o")).exists();
  }

  /** C++ source asserting that the header declares every binding with matching parameter kinds. */
  static String signatureChecks(String header, List<Binding> bindings) {
    StringBuilder out = new StringBuilder();
    out.append("#include <").append(header).append(">\n").append("""
        #include <tuple>
        #include <type_traits>
        template <typename F> struct sig;
        template <typename R, typename... A> struct sig<R (*)(A...)> {
          using ret = R;
          static constexpr int arity = sizeof...(A);
          template <int I> using arg = typename std::tuple_element<I, std::tuple<A...>>::type;
        };
        template <typename T> constexpr char kind() {
          return std::is_pointer<T>::value ? 'P'
              : std::is_same<T, float>::value ? 'F'
              : std::is_same<T, double>::value ? 'D'
              : (std::is_integral<T>::value || std::is_enum<T>::value) ? (sizeof(T) == 4 ? 'I' : sizeof(T) == 8 ? 'L' : '?')
              : '?';
        }
        """);
    for (Binding binding : bindings) {
      String fn = "sig<decltype(&" + binding.symbol() + ")>";
      List<MemoryLayout> params = binding.descriptor().argumentLayouts();
      out.append("static_assert(").append(fn).append("::arity == ").append(params.size())
          .append(", \"").append(binding.symbol()).append(": arity\");\n");
      binding.descriptor().returnLayout().ifPresent(ret -> out.append("static_assert(kind<").append(fn)
          .append("::ret>() == '").append(kind(ret)).append("', \"").append(binding.symbol())
          .append(": return\");\n"));
      for (int i = 0; i < params.size(); i++) {
        out.append("static_assert(kind<").append(fn).append("::arg<").append(i).append(">>() == '")
            .append(kind(params.get(i))).append("', \"").append(binding.symbol()).append(": parameter ").append(i)
            .append("\");\n");
      }
    }
    return out.toString();
  }

  private static char kind(MemoryLayout layout) {
    if (layout instanceof AddressLayout) {
      return 'P';
    }
    if (layout.equals(ValueLayout.JAVA_INT)) {
      return 'I';
    }
    if (layout.equals(ValueLayout.JAVA_LONG)) {
      return 'L';
    }
    if (layout.equals(ValueLayout.JAVA_FLOAT)) {
      return 'F';
    }
    if (layout.equals(ValueLayout.JAVA_DOUBLE)) {
      return 'D';
    }
    throw new IllegalArgumentException("no C kind for " + layout);
  }
}
