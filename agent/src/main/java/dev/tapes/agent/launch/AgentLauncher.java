package dev.tapes.agent.launch;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.JarFile;

/**
 * The entry points of the agent jar: {@code premain} and {@code agentmain} for {@code -javaagent},
 * and {@code main} for the command line. Kept tiny and free of dependencies: it is the only agent
 * code on the application's class path. It puts the bridge on the bootstrap class path and hands
 * over to the agent inside its own class loader.
 */
public final class AgentLauncher {
  private AgentLauncher() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst);
  }

  public static void main(String[] args) throws Throwable {
    ClassLoader loader = agentClassLoader(openJar());
    Method main = loader.loadClass("dev.tapes.agent.cli.Main").getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void start(String args, Instrumentation inst) {
    // Checked here, before anything is loaded or appended, so that "false" installs nothing.
    // The setting itself is defined with the others (tapes.enabled).
    String enabled = System.getProperty("tapes.enabled", System.getenv("TAPES_ENABLED"));
    if (enabled != null && enabled.trim().equalsIgnoreCase("false")) {
      return;
    }
    try {
      JarFile jar = openJar();
      inst.appendToBootstrapClassLoaderSearch(jar);
      ClassLoader loader = agentClassLoader(jar);
      Class<?> starter = loader.loadClass("dev.tapes.agent.AgentStarter");
      starter.getMethod("start", Instrumentation.class, String.class).invoke(null, inst, args);
    } catch (Throwable t) {
      Throwable cause = t instanceof InvocationTargetException ? t.getCause() : t;
      System.err.println("[tapes] agent not started: " + cause);
    }
  }

  private static JarFile openJar() throws Exception {
    URL location = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
    return new JarFile(new File(location.toURI()), false);
  }

  private static ClassLoader agentClassLoader(JarFile jar) throws Exception {
    URL url = new File(jar.getName()).toURI().toURL();
    return new AgentClassLoader(jar, url, ClassLoader.getPlatformClassLoader());
  }
}
