package dev.tapes.agent.capture.jdk;

import dev.tapes.agent.capture.ExchangeRecorder;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the tees that copy response bodies, keeping the JDK client's threading as it was.
 *
 * <p>The client calls a body subscriber's {@code getBody} on its executor, one more task and one
 * more thread hop per call, unless the subscriber is one of the JDK's own trusted ones ({@code
 * ofString}, {@code ofLines}, {@code ofInputStream} and the like). A plain tee around a trusted
 * subscriber would therefore change which threads the application's calls use, and add a task to
 * the application's executor on every captured call. So the tee of a trusted subscriber is itself
 * trusted, with the subscriber's own answer: a subclass of {@link ResponseBodyTee} that implements
 * the JDK's internal interface, made once at start, after the JDK module has opened that package to
 * the agent (and to nothing else). On a JDK without that interface, every tee is a plain one.
 */
public final class ResponseTees {
  private static final Logger log = LoggerFactory.getLogger(ResponseTees.class);

  static final String PACKAGE = "jdk.internal.net.http";
  static final String TRUSTED = PACKAGE + ".ResponseSubscribers$TrustedSubscriber";

  /** The JDK's trusted-subscriber interface, or null when tees cannot be trusted. */
  private final Class<?> trusted;

  /** {@code static boolean needsExecutor(BodySubscriber)} of that interface. */
  private final MethodHandle needsExecutor;

  /** The constructor of the trusted tee: {@code (BodySubscriber, ExchangeRecorder, boolean)}. */
  private final MethodHandle trustedTee;

  private ResponseTees(Class<?> trusted, MethodHandle needsExecutor, MethodHandle trustedTee) {
    this.trusted = trusted;
    this.needsExecutor = needsExecutor;
    this.trustedTee = trustedTee;
  }

  /** Tees that are never trusted: the client runs {@code getBody} on its executor for each. */
  private static ResponseTees plain() {
    return new ResponseTees(null, null, null);
  }

  /** Trusted tees where this JDK allows them, plain ones otherwise (with a debug line). */
  public static ResponseTees create(Instrumentation inst) {
    try {
      Module jdk = HttpClient.class.getModule();
      Module agent = ResponseTees.class.getModule();
      if (!jdk.isExported(PACKAGE, agent)) {
        inst.redefineModule(
            jdk, Set.of(), Map.of(PACKAGE, Set.of(agent)), Map.of(), Set.of(), Map.of());
      }
      return forInterface(Class.forName(TRUSTED, false, HttpClient.class.getClassLoader()));
    } catch (Throwable t) {
      log.debug("JDK client: response copies run getBody on the client's executor: " + t);
      return plain();
    }
  }

  /** Trusted tees for {@code trusted}, which the agent's module can already access. */
  private static ResponseTees forInterface(Class<?> trusted) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle needsExecutor =
        lookup.findStatic(
            trusted,
            "needsExecutor",
            MethodType.methodType(boolean.class, HttpResponse.BodySubscriber.class));
    Class<?> tee =
        new ByteBuddy()
            .subclass(ResponseBodyTee.class, ConstructorStrategy.Default.IMITATE_SUPER_CLASS)
            .implement(trusted)
            .name(ResponseBodyTee.class.getName() + "$Trusted")
            .make()
            .load(
                ResponseBodyTee.class.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookup))
            .getLoaded();
    MethodHandle constructor =
        lookup.findConstructor(
            tee,
            MethodType.methodType(
                void.class,
                HttpResponse.BodySubscriber.class,
                ExchangeRecorder.class,
                boolean.class));
    return new ResponseTees(
        trusted,
        needsExecutor,
        constructor.asType(
            MethodType.methodType(
                ResponseBodyTee.class,
                HttpResponse.BodySubscriber.class,
                ExchangeRecorder.class,
                boolean.class)));
  }

  /** A tee copying what {@code delegate} receives into {@code recorder}. */
  @SuppressWarnings("unchecked")
  <T> HttpResponse.BodySubscriber<T> tee(
      HttpResponse.BodySubscriber<T> delegate, ExchangeRecorder recorder) {
    if (trusted != null && trusted.isInstance(delegate)) {
      try {
        boolean needs = (boolean) needsExecutor.invokeExact(delegate);
        return (HttpResponse.BodySubscriber<T>)
            (ResponseBodyTee<?>) trustedTee.invokeExact(delegate, recorder, needs);
      } catch (Throwable t) {
        // Not expected; a plain tee is always correct, only slower.
      }
    }
    return new ResponseBodyTee<>(delegate, recorder, true);
  }
}
