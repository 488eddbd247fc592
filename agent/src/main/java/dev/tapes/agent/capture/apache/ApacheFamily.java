package dev.tapes.agent.capture.apache;

import dev.tapes.agent.capture.LibraryApi;
import dev.tapes.agent.log.AgentLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Apache HttpClient families the agent captures. Each has a public client class that names the
 * class loader of the application's copy, and its own classes defined beside that copy; a copy
 * lacking a method those classes call is left alone, with one log line.
 */
public enum ApacheFamily {
  CLASSIC_4(
      "Apache HttpClient 4",
      "org.apache.http.impl.client.CloseableHttpClient",
      Packages.V4,
      "Classic4Client",
      List.of("Classic4Client", "Classic4Exchange", "TeeRequestEntity", "TeeResponseEntity"),
      List.of("org/apache/http/")),
  CLASSIC_5(
      "Apache HttpClient 5 (classic)",
      "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
      Packages.V5,
      "Classic5Client",
      List.of(
          "Classic5Client",
          "Classic5Exchange",
          "Requests",
          "TeeRequestEntity",
          "TeeResponseEntity"),
      List.of("org/apache/hc/")),
  ASYNC_5(
      "Apache HttpClient 5 (async)",
      "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient",
      Packages.V5,
      "Async5Client",
      List.of(
          "Async5Client",
          "AsyncExchange",
          "Requests",
          "TeeRequestProducer",
          "TeeRequestChannel",
          "TeeDataStreamChannel",
          "TeeResponseConsumer"),
      List.of("org/apache/hc/"));

  private static final Logger log = LoggerFactory.getLogger(ApacheFamily.class);

  private final String title;
  private final String clientClass;
  private final String wrappers;
  private final String entryClass;
  private final List<String> wrapperClasses;
  private final List<String> libraryPackages;

  /** What each application class loader was found to lack: "" for nothing. */
  private final Map<ClassLoader, String> checked = Collections.synchronizedMap(new WeakHashMap<>());

  ApacheFamily(
      String title,
      String clientClass,
      String wrappers,
      String entry,
      List<String> wrapperClasses,
      List<String> libraryPackages) {
    this.title = title;
    this.clientClass = clientClass;
    this.wrappers = wrappers;
    this.entryClass = wrappers + entry;
    List<String> names = new ArrayList<>();
    wrapperClasses.forEach(c -> names.add(wrappers + c));
    this.wrapperClasses = List.copyOf(names);
    this.libraryPackages = libraryPackages;
  }

  /** The family whose public client class is named {@code name}, or null. */
  static ApacheFamily ofClient(String name) {
    for (ApacheFamily f : values()) {
      if (f.clientClass.equals(name)) {
        return f;
      }
    }
    return null;
  }

  String title() {
    return title;
  }

  /** The package of the classes defined beside the library, as a name prefix. */
  String wrappers() {
    return wrappers;
  }

  /** The {@link ApacheClient} of this family, defined beside the library. */
  String entryClass() {
    return entryClass;
  }

  /**
   * True when the copy of the library in {@code loader} has every method that the {@code advice}
   * classes and this family's wrappers call; logs once per loader when it does not.
   */
  public boolean understood(ClassLoader loader, Class<?>... advice) {
    String missing = checked.get(loader);
    if (missing == null) {
      missing = firstMissing(loader, advice);
      checked.put(loader, missing);
      if (!missing.isEmpty()
          && AgentLog.allow(name() + "-version-" + System.identityHashCode(loader))) {
        log.warn(
            title
                + " in class loader "
                + loader
                + " has no "
                + missing
                + ": calls through it are not recorded");
      }
    }
    return missing.isEmpty();
  }

  private String firstMissing(ClassLoader loader, Class<?>... advice) {
    List<String> users = new ArrayList<>(wrapperClasses);
    for (Class<?> a : advice) {
      users.add(a.getName());
    }
    try {
      String missing =
          LibraryApi.firstMissing(
              loader, ApacheFamily.class.getClassLoader(), users, libraryPackages);
      return missing == null ? "" : missing;
    } catch (RuntimeException | LinkageError e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static final class Packages {
    static final String V4 = "dev.tapes.agent.capture.apache.v4.wrappers.";
    static final String V5 = "dev.tapes.agent.capture.apache.v5.wrappers.";
  }
}
