package io.dp4tl.gpu.internal.cuda;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds and loads the CUDA shared libraries: first in the folders the user named, then (unless
 * told not to) through the system loader (the {@code ld.so} cache and {@code LD_LIBRARY_PATH}),
 * then in the standard install locations ({@code $CUDA_HOME}, {@code /usr/local/cuda*},
 * distribution library folders). When nothing loads, the error lists every place tried.
 */
public final class LibraryLocator {
  private final List<Path> userFolders;
  private final boolean searchDefaults;

  /**
   * @param userFolders folders searched first
   * @param searchDefaults whether the system loader and the standard locations follow
   */
  public LibraryLocator(List<Path> userFolders, boolean searchDefaults) {
    this.userFolders = ImmutableList.copyOf(userFolders);
    this.searchDefaults = searchDefaults;
  }

  /**
   * Loads the first of the file names that loads, folder by folder.
   *
   * @param what the library's role, for messages (e.g. "CUDA driver")
   * @param fileNames file names in order of preference, e.g. {@code libnvrtc.so.13},
   *     {@code libnvrtc.so.12}
   * @param companions globs of libraries loaded first from the same folder when present: what the
   *     library itself opens by name and would not find when loaded from a folder outside the
   *     system loader's path (cuBLAS's cublasLt, NVRTC's builtins)
   * @throws CudaUnavailableException if none loads; the message lists the places tried
   */
  public NativeLibrary load(String what, List<String> fileNames, List<String> companions)
      throws CudaUnavailableException {
    List<String> tried = new ArrayList<>();
    for (Path folder : folders(userFolders)) {
      NativeLibrary found = loadFrom(folder, fileNames, companions, tried);
      if (found != null) {
        return found;
      }
    }
    if (searchDefaults) {
      for (String name : fileNames) {
        try {
          return new NativeLibrary(SymbolLookup.libraryLookup(name, Arena.global()), name);
        } catch (IllegalArgumentException e) {
          tried.add(name + " (system loader)");
        }
      }
      for (Path folder : folders(standardFolders())) {
        NativeLibrary found = loadFrom(folder, fileNames, companions, tried);
        if (found != null) {
          return found;
        }
      }
    }
    throw new CudaUnavailableException(what + " library not found (tried: " + String.join(", ", tried)
        + "); set -D" + "dp4tl.cuda.path or DP4TL_CUDA_PATH to the folder holding " + fileNames.get(0));
  }

  private static NativeLibrary loadFrom(Path folder, List<String> fileNames, List<String> companions, List<String> tried) {
    for (String name : fileNames) {
      Path file = folder.resolve(name);
      if (!Files.isRegularFile(file)) {
        tried.add(file + " (absent)");
        continue;
      }
      for (String companion : companions) {
        for (Path dependency : matching(folder, companion)) {
          try {
            SymbolLookup.libraryLookup(dependency, Arena.global());
          } catch (IllegalArgumentException e) {
            tried.add(dependency + " (does not load)");
          }
        }
      }
      try {
        return new NativeLibrary(SymbolLookup.libraryLookup(file, Arena.global()), file.toString());
      } catch (IllegalArgumentException e) {
        tried.add(file + " (does not load)");
      }
    }
    return null;
  }

  /** Regular files of the folder whose names match the glob, sorted. */
  private static List<Path> matching(Path folder, String glob) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, glob)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    files.sort(Comparator.naturalOrder());
    return files;
  }

  /** The candidates without repeats, a folder reached twice through links kept under its first name. */
  private static List<Path> folders(List<Path> candidates) {
    Set<Path> seen = new LinkedHashSet<>();
    List<Path> unique = new ArrayList<>();
    for (Path p : candidates) {
      Path folder = p.toAbsolutePath().normalize();
      Path real;
      try {
        real = Files.isDirectory(folder) ? folder.toRealPath() : folder;
      } catch (IOException e) {
        real = folder;
      }
      if (seen.add(real)) {
        unique.add(folder);
      }
    }
    return unique;
  }

  /** The standard locations, newest versioned toolkit first. */
  static List<Path> standardFolders() {
    List<Path> folders = new ArrayList<>();
    for (String env : List.of("CUDA_HOME", "CUDA_PATH")) {
      String home = System.getenv(env);
      if (home != null && !home.isBlank()) {
        folders.add(Path.of(home, "lib64"));
        folders.add(Path.of(home, "lib"));
      }
    }
    folders.add(Path.of("/usr/local/cuda/lib64"));
    folders.add(Path.of("/usr/local/cuda/lib"));
    folders.addAll(versionedToolkits(Path.of("/usr/local")));
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
    folders.add(Path.of("/usr/lib/" + arch + "-linux-gnu"));
    folders.add(Path.of("/usr/lib64"));
    folders.add(Path.of("/usr/lib"));
    folders.add(Path.of("/usr/lib/wsl/lib"));
    return folders;
  }

  static List<Path> versionedToolkits(Path root) {
    List<Path> toolkits = new ArrayList<>();
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "cuda-*")) {
        entries.forEach(toolkits::add);
      } catch (IOException e) {
        return List.of();
      }
    }
    toolkits.sort(Comparator.comparing(LibraryLocator::versionKey).reversed());
    List<Path> folders = new ArrayList<>();
    for (Path toolkit : toolkits) {
      folders.add(toolkit.resolve("lib64"));
      folders.add(toolkit.resolve("lib"));
    }
    return folders;
  }

  /** "cuda-12.10" sorts after "cuda-12.9": compares numeric components. */
  private static String versionKey(Path toolkit) {
    StringBuilder key = new StringBuilder();
    for (String part : toolkit.getFileName().toString().substring("cuda-".length()).split("\\.")) {
      key.append(String.format("%08d", !part.isEmpty() && part.length() <= 8 && part.chars().allMatch(Character::isDigit)
          ? Integer.parseInt(part) : 0));
    }
    return key.toString();
  }
}
