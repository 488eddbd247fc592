package dev.tapes.agent.capture.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.tapes.agent.bootstrap.Bridge;
import dev.tapes.agent.capture.LibraryApi;
import dev.tapes.agent.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instruments OkHttp (3.14 and later): every {@code OkHttpClient} is built through its one-argument
 * constructor from a builder, and gets the agent's capturing interceptor as its last application
 * interceptor. A client copied with {@code newBuilder()} already carries it and does not get a
 * second one. An OkHttp that lacks a method the capture calls is left alone, with one log line.
 */
public final class OkHttpInstrumentation {
  private static final Logger log = LoggerFactory.getLogger(OkHttpInstrumentation.class);

  static final String CLIENT = "okhttp3.OkHttpClient";
  static final String BUILDER = "okhttp3.OkHttpClient$Builder";

  /** The package of the classes defined beside an application's OkHttp. */
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

  /** The library's packages, as internal-name prefixes: OkHttp and Okio. */
  private static final List<String> PACKAGES = List.of("okhttp3/", "okio/");

  private OkHttpInstrumentation() {}

  public static AgentBuilder apply(AgentBuilder builder, Instrumentation inst) {
    return builder
        .type(named(CLIENT))
        .transform(
            (b, type, loader, module, domain) -> {
              if (!understood(loader)) {
                return b;
              }
              return b.visit(
                  Advice.to(BuildAdvice.class)
                      .on(
                          isConstructor()
                              .and(takesArguments(1))
                              .and(takesArgument(0, named(BUILDER)))));
            })
        .assureReadEdgeTo(inst, Bridge.class);
  }

  /** True when this OkHttp has every method the advice and the wrappers call. */
  private static boolean understood(ClassLoader okhttpLoader) {
    ClassLoader agentLoader = OkHttpInstrumentation.class.getClassLoader();
    List<String> users = new ArrayList<>(WRAPPER_CLASSES);
    users.add(BuildAdvice.class.getName());
    String missing;
    try {
      missing = LibraryApi.firstMissing(okhttpLoader, agentLoader, users, PACKAGES);
    } catch (RuntimeException | LinkageError e) {
      missing = "(unreadable: " + e + ")";
    }
    if (missing != null) {
      if (AgentLog.allow("okhttp-version-" + System.identityHashCode(okhttpLoader))) {
        log.warn(
            "OkHttp in class loader "
                + okhttpLoader
                + " has no "
                + missing
                + ": calls through it are not recorded");
      }
      return false;
    }
    return true;
  }

  /**
   * Inlined at the end of {@code OkHttpClient(Builder)}: the client's own list of application
   * interceptors, just copied from the builder, is replaced by one with the capturing interceptor
   * last. The application's builder is never touched, and a client built from a copy that already
   * carries it (through {@code newBuilder()}, with interceptors added after it since) gets it last
   * again, not twice.
   */
  static final class BuildAdvice {
    private BuildAdvice() {}

    // The field's type is raw: Byte Buddy resolves the advice's parameter types where OkHttp is
    // not.
    @Advice.OnMethodExit(suppress = Throwable.class)
    @SuppressWarnings({"rawtypes", "unchecked", "UnusedAssignment"})
    static void exit(
        @Advice.FieldValue(value = "interceptors", readOnly = false) List interceptors) {
      Object interceptor = Bridge.okhttpInterceptor(okhttp3.Interceptor.class);
      if (interceptor == null) {
        return;
      }
      int size = interceptors.size();
      if (size > 0 && interceptors.get(size - 1) == interceptor) {
        return;
      }
      List<Object> withCapture = new ArrayList<>(size + 1);
      for (Object i : interceptors) {
        if (i != interceptor) {
          withCapture.add(i);
        }
      }
      withCapture.add(interceptor);
      interceptors = Collections.unmodifiableList(withCapture);
    }
  }
}
