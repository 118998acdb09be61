package io.dp4tl.djl.internal;

import io.dp4tl.api.ModelException;
import io.dp4tl.core.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The file a dp4tl DJL network is saved in: the 8 bytes {@code DP4TLDJL}, a format version
 * (int32, big-endian), the architecture name (modified UTF-8), width and class count (int32), then
 * the backbone's and the head's parameters in DJL's own parameter encoding
 * ({@code Block.saveParameters}).
 */
public final class ModelFile {
  /** Extension of saved networks. */
  public static final String EXTENSION = ".params";

  private static final byte[] MAGIC = "DP4TLDJL".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private ModelFile() {}

  /**
   * Writes a network atomically.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Path file, Network network) throws IOException {
    AtomicFiles.write(file, out -> {
      DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
      data.write(MAGIC);
      data.writeInt(VERSION);
      network.write(data);
      data.flush();
    });
  }

  /** Whether the file starts with this format's magic bytes. */
  public static boolean hasMagic(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads a network.
   *
   * @throws ModelException if the file is missing, unreadable or not a dp4tl DJL network
   */
  public static Network read(Path file) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new ModelException(file + " is not a dp4tl DJL network (it does not start with "
            + "DP4TLDJL); write one with PretrainedModel.save of the djl trainer");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new ModelException(file + " has dp4tl DJL format version " + version + ", this dp4tl reads "
            + VERSION);
      }
      Network network = Network.read(in);
      if (in.read() != -1) {
        network.close();
        throw new ModelException(file + " has bytes after the network's parameters: the file is corrupt");
      }
      return network;
    } catch (NoSuchFileException e) {
      throw new ModelException("model file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ModelException("cannot read dp4tl DJL network " + file + ": " + e.getMessage(), e);
    }
  }
}
