package dev.tapes.agent.capture.okhttp;

import dev.tapes.agent.capture.LibraryCapture;
import dev.tapes.agent.capture.LibraryClassLoader;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each OkHttp in the application its capturing interceptor: one instance per OkHttp (per
 * class loader that defines {@code okhttp3.Interceptor}), defined beside it by a {@link
 * LibraryClassLoader}. Kept in a {@link ClassValue} of OkHttp's own interface, so that the
 * interceptor, its loader and OkHttp's loader can all be unloaded together.
 */
public final class OkHttpHooks {
  private static final Logger log = LoggerFactory.getLogger(OkHttpHooks.class);

  /** Stands for "no interceptor for this OkHttp" in the class value. */
  private static final Object NONE = new Object();

  private final LibraryCapture capture;
  private final ClassValue<Object> interceptors =
      new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> interceptorType) {
          return create(interceptorType);
        }
      };

  public OkHttpHooks(Pipeline pipeline, Endpoints endpoints, long budget) {
    this.capture = new LibraryCapture(pipeline, endpoints, budget);
  }

  /** The interceptor for the OkHttp whose {@code okhttp3.Interceptor} this is, or null. */
  public Object interceptorFor(Class<?> interceptorType) {
    if (!interceptorType.getName().equals("okhttp3.Interceptor")) {
      return null;
    }
    Object interceptor = interceptors.get(interceptorType);
    return interceptor == NONE ? null : interceptor;
  }

  private Object create(Class<?> interceptorType) {
    try {
      ClassLoader loader =
          new LibraryClassLoader(
              "tapes-okhttp",
              interceptorType.getClassLoader(),
              OkHttpHooks.class.getClassLoader(),
              OkHttpInstrumentation.WRAPPERS);
      Object interceptor =
          loader
              .loadClass(OkHttpInstrumentation.WRAPPERS + "CapturingInterceptor")
              .getConstructor(LibraryCapture.class)
              .newInstance(capture);
      if (interceptorType.isInstance(interceptor)) {
        return interceptor;
      }
      warn(interceptorType, "its Interceptor is not the one the capture links against");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warn(interceptorType, e.toString());
    }
    return NONE;
  }

  private static void warn(Class<?> interceptorType, String why) {
    if (AgentLog.allow("okhttp-interceptor-" + System.identityHashCode(interceptorType))) {
      log.warn(
          "OkHttp in class loader "
              + interceptorType.getClassLoader()
              + " is not recorded: "
              + why);
    }
  }
}
