package io.dp4tl.gpu.internal.cuda;

import static java.util.Objects.requireNonNull;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One native function: its exported symbol and C signature as seen by the Foreign Function API.
 *
 * @param symbol the exported name, e.g. {@code cuMemAlloc_v2}
 * @param descriptor return and parameter layouts
 */
public record Binding(String symbol, FunctionDescriptor descriptor) {

  public Binding {
    requireNonNull(symbol, "symbol");
    requireNonNull(descriptor, "descriptor");
  }

  /**
   * A downcall handle to this function in the library.
   *
   * @throws CudaUnavailableException if the library does not export the symbol (too old a version)
   */
  MethodHandle bind(SymbolLookup library, String libraryName) throws CudaUnavailableException {
    return Linker.nativeLinker().downcallHandle(
        library.find(symbol).orElseThrow(() -> new CudaUnavailableException(
            libraryName + " does not export " + symbol + "; it is too old (dp4tl needs CUDA 12 or later)")),
        descriptor);
  }
}
