package dev.tapes.agent.capture.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Defines the agent's OkHttp-facing classes (the {@code wrappers} package) beside one application's
 * OkHttp: its parent is OkHttp's class loader, so they link against that OkHttp and Okio, while
 * every other agent class they name comes from the agent's own loader. Nothing is added to the
 * application's loader, and the application cannot see these classes.
 */
final class OkHttpClassLoader extends ClassLoader {
  static final String WRAPPERS = "dev.tapes.agent.capture.okhttp.wrappers.";

  /** Every class of the wrappers package, for the check of the OkHttp methods they call. */
  static final List<String> WRAPPER_CLASSES =
      List.of(
          WRAPPERS + "CapturingInterceptor",
          WRAPPERS + "RecorderStream",
          WRAPPERS + "TeeRequestBody",
          WRAPPERS + "TeeResponseBody",
          WRAPPERS + "TeeSink",
          WRAPPERS + "TeeSource");

  private static final String AGENT = "dev.tapes.agent.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader agentLoader;

  OkHttpClassLoader(ClassLoader okhttpLoader, ClassLoader agentLoader) {
    super("tapes-okhttp", okhttpLoader);
    this.agentLoader = agentLoader;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(WRAPPERS)) {
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : define(name);
      }
    }
    if (name.startsWith(AGENT)) {
      return agentLoader.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  private Class<?> define(String name) throws ClassNotFoundException {
    byte[] bytes = classFile(agentLoader, name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** The class file of an agent class, read from the agent's loader without loading it. */
  static byte[] classFile(ClassLoader agentLoader, String name) {
    try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
