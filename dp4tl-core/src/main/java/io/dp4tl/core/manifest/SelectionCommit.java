package io.dp4tl.core.manifest;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import io.dp4tl.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Commits one selection into its directory so that the directory always holds one complete
 * selection, whatever happens to the writer and whoever else writes there:
 *
 * <ol>
 *   <li>take the directory's {@link DirectoryLock} (a second writer fails at once);
 *   <li>remove what killed writers left: staging folders, and sidecars no manifest names;
 *   <li>write every file into a fresh staging folder {@code DIR/.staging-*} and flush it to disk;
 *   <li>move the sidecars in under names that carry their content's hash
 *       ({@code kept-samples.<hash>.npy}), so they never replace a file of the current selection;
 *   <li>rename the new {@code selection.json} over the old one: the one atomic step at which the
 *       new selection replaces the old;
 *   <li>delete the sidecars only the old manifest named, then the staging folder.
 * </ol>
 *
 * A writer killed before step 5 leaves the old selection (plus unreferenced files that the next
 * writer removes); after it, the new one.
 */
final class SelectionCommit {
  /** Prefix of staging folders inside the selection directory. */
  static final String STAGING_PREFIX = ".staging-";
  /** Files a selection writer owns: the sidecars, with or without a content hash in the name. */
  private static final Pattern SIDECAR = Pattern.compile("(kept-samples|ranking|scores)(\\.[0-9a-f]{16})?\\.npy");

  private SelectionCommit() {}

  /** Where a commit stands; a test kills the writer at each one. */
  @FunctionalInterface
  interface Listener {
    Listener NONE = step -> {};

    /** Called after each step, named for messages. */
    void reached(String step);
  }

  /** Writes the files of one selection into a staging folder; returns the sidecars written there. */
  @FunctionalInterface
  interface Stager {
    /**
     * @param staging the empty staging folder
     * @return the sidecar files written, by their plain names; the manifest is written last by
     *     {@link #write} from the hashed names it is given
     */
    List<String> stage(Path staging) throws IOException;
  }

  /** Builds the manifest's bytes from the SHA-256 (hex) of each staged sidecar, by plain name. */
  @FunctionalInterface
  interface ManifestBytes {
    byte[] build(Map<String, String> sha256s) throws IOException;
  }

  /**
   * Commits a selection into {@code dir} (created if missing; removed again if the commit fails
   * before anything was committed into it).
   *
   * @throws DirectoryLock.SelectionLockedException if another writer holds the directory
   * @throws IOException if a file cannot be written or moved (the old selection is then intact)
   */
  static void write(Path dir, Stager stager, ManifestBytes manifest, Listener listener) throws IOException {
    boolean created = !Files.isDirectory(dir);
    Files.createDirectories(dir);
    DirectoryLock lock;
    try {
      lock = DirectoryLock.acquire(dir);
    } catch (IOException | RuntimeException e) {
      if (created) {
        deleteIfEmpty(dir);
      }
      throw e;
    }
    boolean committed = false;
    List<Path> movedIn = new ArrayList<>();
    try {
      listener.reached("locked");
      removeStale(dir);
      listener.reached("stale files removed");
      Path staging = Files.createTempDirectory(dir, STAGING_PREFIX);
      try {
        List<String> sidecars = stager.stage(staging);
        Map<String, String> sha256s = new LinkedHashMap<>();
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (String name : sidecars) {
          String sha = Sidecar.sha256(staging.resolve(name));
          sha256s.put(name, sha);
          finalNames.put(name, hashedName(name, sha));
        }
        Path manifestFile = Files.write(staging.resolve(JsonSelectionCodec.MANIFEST), manifest.build(sha256s));
        for (String name : sidecars) {
          force(staging.resolve(name));
        }
        force(manifestFile);
        listener.reached("staged");
        for (String name : sidecars) {
          Path to = dir.resolve(finalNames.get(name));
          boolean existed = Files.exists(to, LinkOption.NOFOLLOW_LINKS);
          // An existing file of that name has the same content (the name is its hash).
          AtomicFiles.move(staging.resolve(name), to);
          if (!existed) {
            movedIn.add(to);
          }
          listener.reached("moved " + finalNames.get(name));
        }
        forceDirectory(dir);
        AtomicFiles.move(manifestFile, dir.resolve(JsonSelectionCodec.MANIFEST));
        committed = true;
        forceDirectory(dir);
        listener.reached("manifest replaced");
        removeUnreferenced(dir, Set.copyOf(finalNames.values()), listener);
      } finally {
        deleteStaging(staging, committed);
      }
      listener.reached("staging removed");
    } catch (IOException | RuntimeException e) {
      if (!committed) {
        try {
          for (Path p : movedIn) {
            Files.deleteIfExists(p);
          }
          if (created && onlyTheLockIsLeft(dir)) {
            lock.deleteAndRelease();
            Files.deleteIfExists(dir);
          }
        } catch (IOException | RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    } finally {
      lock.close();
    }
  }

  /** {@code kept-samples.npy} with hash {@code ab12...} is {@code kept-samples.ab12....npy} (16 hex digits). */
  static String hashedName(String plain, String sha256) {
    String base = plain.substring(0, plain.length() - ".npy".length());
    return base + "." + sha256.substring(0, 16) + ".npy";
  }

  /** Staging folders of writers that were killed (the lock is ours, so no live writer owns one). */
  private static void removeStale(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, STAGING_PREFIX + "*")) {
      for (Path stale : entries) {
        MoreFiles.deleteRecursively(stale, RecursiveDeleteOption.ALLOW_INSECURE);
      }
    }
    // Staging folders beside DIR, where dp4tl 0.1 staged without a lock.
    Path parent = dir.getParent();
    if (parent != null && dir.getFileName() != null) {
      try (DirectoryStream<Path> entries =
          Files.newDirectoryStream(parent, "." + dir.getFileName() + ".staging-*")) {
        for (Path stale : entries) {
          MoreFiles.deleteRecursively(stale, RecursiveDeleteOption.ALLOW_INSECURE);
        }
      }
    }
  }

  /** Sidecars (ours by name) that the current manifest does not name. */
  /**
   * After the commit the new selection is in place whatever happens here: a file that cannot be
   * removed now is removed by the next writer, and the write still succeeds.
   */
  private static void removeUnreferenced(Path dir, Set<String> keep, Listener listener) {
    List<Path> unreferenced = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (SIDECAR.matcher(name).matches() && !keep.contains(name)) {
          unreferenced.add(p);
        }
      }
    } catch (IOException e) {
      return; // the next writer tidies up
    }
    for (Path p : unreferenced) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        continue; // the next writer tidies up
      }
      listener.reached("removed " + p.getFileName());
    }
  }

  /** Deletes the staging folder; after the commit, a failure only leaves it to the next writer. */
  private static void deleteStaging(Path staging, boolean committed) throws IOException {
    try {
      MoreFiles.deleteRecursively(staging, RecursiveDeleteOption.ALLOW_INSECURE);
    } catch (IOException e) {
      if (!committed) {
        throw e;
      }
    }
  }

  private static boolean onlyTheLockIsLeft(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (!p.getFileName().toString().equals(DirectoryLock.NAME)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // not empty or not ours to remove: leave it
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes the directory's entries durable; some file systems cannot, which only weakens power-loss safety. */
  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException ignored) {
      // not supported here (e.g. Windows); renames are still atomic
    }
  }
}
