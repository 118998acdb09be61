package io.dp4tl.gpu.internal.cuda;

import static java.util.Objects.requireNonNull;

import java.lang.foreign.SymbolLookup;

/**
 * A loaded shared library and where it came from.
 *
 * @param lookup its symbols
 * @param origin the file or name it was loaded from
 */
public record NativeLibrary(SymbolLookup lookup, String origin) {

  public NativeLibrary {
    requireNonNull(lookup, "lookup");
    requireNonNull(origin, "origin");
  }
}
