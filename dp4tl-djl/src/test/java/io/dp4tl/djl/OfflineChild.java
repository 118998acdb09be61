package io.dp4tl.djl;

import ai.djl.engine.Engine;
import io.dp4tl.api.ModelException;
import io.dp4tl.djl.internal.Network;
import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/**
 * Child process of {@link DjlEnginesTest}: records every http(s) URL that anything in the JVM asks
 * {@link URL} to open, with or without a proxy, and fails it before any connection is made (so
 * nothing leaves the machine), then loads the engine
 * through dp4tl ({@code args[0] = "dp4tl"}, and runs a network) or through DJL directly
 * ({@code "raw"}), and prints {@code attempted: <url>} for each URL, then {@code done}.
 */
public final class OfflineChild {
  private OfflineChild() {}

  public static void main(String[] args) {
    URLStreamHandler refuse = new URLStreamHandler() {
      @Override
      protected URLConnection openConnection(URL url) throws IOException {
        System.out.println("attempted: " + url);
        throw new IOException("network blocked by the test: " + url);
      }

      @Override
      protected URLConnection openConnection(URL url, Proxy proxy) throws IOException {
        return openConnection(url);
      }
    };
    URL.setURLStreamHandlerFactory(protocol -> protocol.startsWith("http") ? refuse : null);
    try {
      if (args[0].equals("raw")) {
        Engine.getEngine("PyTorch");
      } else {
        DjlEngines.prepareThread(1);
        try (Network network = Network.create(Architecture.parse("cnn", 2), 2, 1)) {
          network.fingerprint();
        }
      }
    } catch (ModelException e) {
      System.out.println("refused: " + e.getMessage());
    }
    System.out.println("done");
  }
}
