package dev.tapes.agent.launch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's implementation and its relocated dependencies from the {@code inst/} folder of
 * the agent jar, where they are stored as {@code .classdata} so that no other class loader finds
 * them: the application can neither see the agent's classes nor collide with them.
 *
 * <p>Its parent is the platform class loader, so the agent sees the JDK (including {@code
 * java.net.http}) and the bootstrap bridge, and nothing of the application.
 */
final class AgentClassLoader extends ClassLoader {
  static final String PREFIX = "inst/";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final URL jarUrl;
  private final ProtectionDomain domain;

  AgentClassLoader(JarFile jar, URL jarUrl, ClassLoader parent) {
    super("tapes-agent", parent);
    this.jar = jar;
    this.jarUrl = jarUrl;
    this.domain =
        new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    definePackageFor(name);
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  private void definePackageFor(String className) {
    int dot = className.lastIndexOf('.');
    if (dot < 0) {
      return;
    }
    String pkg = className.substring(0, dot);
    if (getDefinedPackage(pkg) == null) {
      try {
        definePackage(pkg, null, null, null, null, null, null, null);
      } catch (IllegalArgumentException raced) {
        // Another thread defined it first.
      }
    }
  }

  /** Class files are served too (as Byte Buddy reads advice bytecode through resources). */
  @Override
  protected URL findResource(String name) {
    JarEntry entry = entryFor(name);
    if (entry == null) {
      return null;
    }
    try {
      return new URL("jar:" + jarUrl + "!/" + entry.getName());
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null
        ? Collections.emptyEnumeration()
        : Collections.enumeration(Collections.singletonList(url));
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    InputStream fromParent = getParent() == null ? null : getParent().getResourceAsStream(name);
    if (fromParent != null) {
      return fromParent;
    }
    JarEntry entry = entryFor(name);
    if (entry == null) {
      return null;
    }
    try (InputStream in = jar.getInputStream(entry)) {
      return new ByteArrayInputStream(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JarEntry entryFor(String name) {
    String path = name.startsWith("/") ? name.substring(1) : name;
    if (path.endsWith(".class")) {
      path = path.substring(0, path.length() - ".class".length()) + ".classdata";
    }
    return jar.getJarEntry(PREFIX + path);
  }
}
