package dev.tapes.agent.capture.apache;

import dev.tapes.agent.capture.LibraryCapture;
import dev.tapes.agent.capture.LibraryClassLoader;
import dev.tapes.agent.log.AgentLog;
import dev.tapes.agent.pipeline.Endpoints;
import dev.tapes.agent.pipeline.Pipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each Apache HttpClient in the application its capture: one {@link ApacheClient} per family
 * and copy of the library (per class loader of its public client class), defined beside it by a
 * {@link LibraryClassLoader}. Kept in a {@link ClassValue} of that client class, so that the
 * capture, its loader and the library's loader can all be unloaded together.
 */
public final class ApacheHooks {
  private static final Logger log = LoggerFactory.getLogger(ApacheHooks.class);

  /** Stands for "this copy is not captured" in the class value. */
  private static final Object NONE = new Object();

  private final LibraryCapture capture;
  private final ClassValue<Object> clients =
      new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> clientType) {
          return create(clientType);
        }
      };

  public ApacheHooks(Pipeline pipeline, Endpoints endpoints, long budget) {
    this.capture = new LibraryCapture(pipeline, endpoints, budget);
  }

  /** See {@code HttpHooks.apacheClassicStart}. */
  public Object classicStart(Class<?> clientType, Object target, Object request) {
    ApacheClient client = clientFor(clientType);
    return client == null ? null : client.classicStart(target, request);
  }

  /** See {@code HttpHooks.apacheClassicEnd}. */
  public void classicEnd(Object exchange, Object response, Throwable thrown) {
    if (exchange instanceof ClassicExchange) {
      ((ClassicExchange) exchange).end(response, thrown);
    }
  }

  /** See {@code HttpHooks.apacheResponseClosing}. */
  public void responseClosing(Object entity) {
    if (entity instanceof ResponseCopy) {
      ((ResponseCopy) entity).responseClosed();
    }
  }

  /** See {@code HttpHooks.apacheAsyncStart}. */
  public Object[] asyncStart(Class<?> clientType, Object target, Object producer, Object consumer) {
    ApacheClient client = clientFor(clientType);
    return client == null ? null : client.asyncStart(target, producer, consumer);
  }

  private ApacheClient clientFor(Class<?> clientType) {
    Object client = clients.get(clientType);
    return client == NONE ? null : (ApacheClient) client;
  }

  private Object create(Class<?> clientType) {
    ApacheFamily family = ApacheFamily.ofClient(clientType.getName());
    if (family == null) {
      return NONE;
    }
    try {
      ClassLoader loader =
          new LibraryClassLoader(
              "tapes-apache",
              clientType.getClassLoader(),
              ApacheHooks.class.getClassLoader(),
              family.wrappers());
      Object client =
          loader
              .loadClass(family.entryClass())
              .getConstructor(LibraryCapture.class)
              .newInstance(capture);
      if (client instanceof ApacheClient) {
        return client;
      }
      warn(family, clientType, "its capture is not an ApacheClient");
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      warn(family, clientType, e.toString());
    }
    return NONE;
  }

  private static void warn(ApacheFamily family, Class<?> clientType, String why) {
    if (AgentLog.allow("apache-client-" + System.identityHashCode(clientType))) {
      log.warn(
          family.title()
              + " in class loader "
              + clientType.getClassLoader()
              + " is not recorded: "
              + why);
    }
  }
}
