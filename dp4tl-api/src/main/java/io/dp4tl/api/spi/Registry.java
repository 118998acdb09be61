package io.dp4tl.api.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import io.dp4tl.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named implementations of one SPI: those found by {@link ServiceLoader} on the first lookup, plus
 * those registered by hand (which win over discovered ones of the same name). Thread-safe.
 *
 * @param <T> the SPI type
 */
public final class Registry<T> {
  private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
  /** The JVM's message for a class built for a newer Java: the class and its class file version. */
  private static final Pattern NEWER_CLASS = Pattern.compile("^(\\S+) has been compiled by a more recent version"
      + ".*?class file version (\\d+)");
  private static final Registry<Scorer> SCORERS = new Registry<>(Scorer.class, Scorer::name, "scorer");
  private static final Registry<ModelBackendProvider> BACKENDS =
      new Registry<>(ModelBackendProvider.class, ModelBackendProvider::name, "model backend");
  private static final Registry<Trainer> TRAINERS = new Registry<>(Trainer.class, Trainer::name, "trainer");
  private static final Registry<Accelerator> ACCELERATORS =
      new Registry<>(Accelerator.class, Accelerator::name, "accelerator");

  private final Class<T> type;
  private final Function<T, String> naming;
  private final String kind;
  private final Map<String, T> registered = new LinkedHashMap<>();
  private Map<String, T> discovered;
  private final List<String> unloadable = new ArrayList<>();

  private Registry(Class<T> type, Function<T, String> naming, String kind) {
    this.type = type;
    this.naming = naming;
    this.kind = kind;
  }

  /** Selection methods: {@code lm}, {@code fm}, baselines, third-party scorers. */
  public static Registry<Scorer> scorers() {
    return SCORERS;
  }

  /** Surrogate model engines: {@code onnx}, {@code djl}, ... */
  public static Registry<ModelBackendProvider> modelBackends() {
    return BACKENDS;
  }

  /** Pretraining / finetuning implementations. */
  public static Registry<Trainer> trainers() {
    return TRAINERS;
  }

  /** Numeric kernels: {@code cpu} (dp4tl-core), {@code cuda} (dp4tl-gpu). */
  public static Registry<Accelerator> accelerators() {
    return ACCELERATORS;
  }

  /**
   * Registers an implementation explicitly.
   *
   * @throws IllegalArgumentException if another implementation was registered under that name
   */
  public synchronized void register(T implementation) {
    requireNonNull(implementation, "implementation");
    String name = naming.apply(implementation);
    checkArgument(!registered.containsKey(name), "a %s named '%s' is already registered", kind, name);
    registered.put(name, implementation);
  }

  /**
   * The implementation with this name.
   *
   * @throws InvalidInputException if there is none; the message lists the names available
   */
  public synchronized T find(String name) {
    T found = registered.get(name);
    if (found == null) {
      found = discovered().get(name);
    }
    if (found == null) {
      throw new InvalidInputException("unknown " + kind + " '" + name + "'; available: " + names()
          + (unloadable.isEmpty() ? "" : "; found but not loadable here: " + String.join("; ", unloadable))
          + " (add an implementation to the classpath with a META-INF/services/" + type.getName()
          + " entry, or register one with Registry)");
    }
    return found;
  }

  /** Every implementation, registered ones first. */
  public synchronized List<T> all() {
    Map<String, T> all = new LinkedHashMap<>(registered);
    discovered().forEach(all::putIfAbsent);
    return ImmutableList.copyOf(all.values());
  }

  /** Names of every implementation, registered ones first. */
  public synchronized List<String> names() {
    return all().stream().map(naming).collect(ImmutableList.toImmutableList());
  }

  /**
   * Implementations found on the classpath that cannot be loaded here, each with the reason in
   * plain words (e.g. {@code "io.dp4tl.gpu.CudaAccelerator needs Java 22+ (this is Java 17.0.15)"}).
   * Discovery itself stays quiet; callers say what matters to the user when it matters.
   */
  public synchronized List<String> unloadable() {
    discovered();
    return List.copyOf(unloadable);
  }

  private Map<String, T> discovered() {
    if (discovered == null) {
      Map<String, T> found = new LinkedHashMap<>();
      Iterator<T> providers = ServiceLoader.load(type, Registry.class.getClassLoader()).iterator();
      while (true) {
        try {
          if (!providers.hasNext()) {
            break;
          }
          T t = providers.next();
          found.putIfAbsent(naming.apply(t), t);
        } catch (ServiceConfigurationError | LinkageError e) {
          // One provider that cannot load (a missing class, or one built for a newer Java, such as
          // dp4tl-gpu on Java 17) must not hide the others.
          unloadable.add(reason(e));
          LOG.debug("skipping one {} provider that cannot be loaded here", kind, e);
        }
      }
      discovered = found;
    }
    return discovered;
  }

  /** Why a provider cannot load, in plain words where the cause is a class built for a newer Java. */
  private static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedClassVersionError && t.getMessage() != null) {
        Matcher m = NEWER_CLASS.matcher(t.getMessage());
        if (m.find()) {
          int java = Integer.parseInt(m.group(2)) - 44; // class file version 66 is Java 22
          return m.group(1).replace('/', '.') + " needs Java " + java + "+ (this is Java "
              + System.getProperty("java.version") + ")";
        }
      }
    }
    return e.toString();
  }
}
