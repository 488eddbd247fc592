package dev.tapes.agent.capture.jdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.subclass.ConstructorStrategy;
import net.bytebuddy.implementation.MethodCall;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

/** The check that decides whether this JDK's HTTP client is one the capture understands. */
class JdkHttpClientInstrumentationTest {
  private static final ClassFileLocator JDK =
      ClassFileLocator.ForClassLoader.of(HttpClient.class.getClassLoader());

  @Test
  void theRunningJdkHasEverythingTheCaptureUses() {
    TypePool pool = TypePool.Default.of(JDK);
    TypeDescription client = pool.describe(JdkHttpClientInstrumentation.CLIENT_IMPL).resolve();
    assertNull(JdkHttpClientInstrumentation.missing(client, pool));
  }

  @Test
  void aClientWithoutTheFourArgumentSendAsyncIsLeftAlone() {
    TypeDescription client =
        new ByteBuddy()
            .subclass(Object.class)
            .name(JdkHttpClientInstrumentation.CLIENT_IMPL)
            .make()
            .getTypeDescription();
    assertEquals(
        JdkHttpClientInstrumentation.CLIENT_IMPL
            + ".sendAsync(HttpRequest, BodyHandler, PushPromiseHandler, Executor)",
        JdkHttpClientInstrumentation.missing(client, TypePool.Default.of(JDK)));
  }

  @Test
  void aRequestClassThatIsMissingOrDifferentIsNamed() throws Exception {
    TypePool jdk = TypePool.Default.of(JDK);
    TypeDescription client = jdk.describe(JdkHttpClientInstrumentation.CLIENT_IMPL).resolve();

    assertEquals(
        JdkHttpClientInstrumentation.REQUEST_IMPL,
        JdkHttpClientInstrumentation.missing(client, TypePool.Empty.INSTANCE));

    DynamicType.Unloaded<?> noCopyConstructor =
        new ByteBuddy()
            .subclass(Object.class)
            .name(JdkHttpClientInstrumentation.REQUEST_IMPL)
            .defineField("requestPublisher", HttpRequest.BodyPublisher.class)
            .make();
    assertEquals(
        JdkHttpClientInstrumentation.REQUEST_IMPL + "(HttpRequest, ProxySelector)",
        JdkHttpClientInstrumentation.missing(client, poolOf(noCopyConstructor)));

    DynamicType.Unloaded<?> noPublisherField =
        new ByteBuddy()
            .subclass(Object.class, ConstructorStrategy.Default.NO_CONSTRUCTORS)
            .name(JdkHttpClientInstrumentation.REQUEST_IMPL)
            .defineConstructor(Visibility.PUBLIC)
            .withParameters(HttpRequest.class, ProxySelector.class)
            .intercept(MethodCall.invoke(Object.class.getConstructor()))
            .defineField("requestPublisher", Object.class)
            .make();
    assertEquals(
        JdkHttpClientInstrumentation.REQUEST_IMPL + ".requestPublisher",
        JdkHttpClientInstrumentation.missing(client, poolOf(noPublisherField)));
  }

  private static TypePool poolOf(DynamicType.Unloaded<?> type) {
    return TypePool.Default.of(
        new ClassFileLocator.Compound(
            ClassFileLocator.Simple.of(type.getTypeDescription().getName(), type.getBytes()), JDK));
  }
}
