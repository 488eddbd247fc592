package dev.tapes.agent.capture;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines the agent's classes that implement one HTTP library's interfaces (a {@code wrappers}
 * package) beside the application's copy of that library: its parent is the library's class loader,
 * so they link against that copy, while every other agent class they name comes from the agent's
 * own loader. Nothing is added to the application's loader, and the application cannot see these
 * classes.
 */
public final class LibraryClassLoader extends ClassLoader {
  private static final String AGENT = "dev.tapes.agent.";

  static {
    registerAsParallelCapable();
  }

  private final ClassLoader agentLoader;
  private final String wrappers;

  /**
   * @param wrappers the package defined here, as a name prefix ending in a dot
   */
  public LibraryClassLoader(
      String name, ClassLoader libraryLoader, ClassLoader agentLoader, String wrappers) {
    super(name, libraryLoader);
    this.agentLoader = agentLoader;
    this.wrappers = wrappers;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (name.startsWith(wrappers)) {
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
  public static byte[] classFile(ClassLoader agentLoader, String name) {
    try (InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }
}
