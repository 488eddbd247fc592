package dev.tapes.agent.capture;

import dev.tapes.agent.bootstrap.HttpHooks;
import dev.tapes.agent.capture.apache.ApacheHooks;
import dev.tapes.agent.capture.jdk.JdkHttpHooks;
import dev.tapes.agent.capture.okhttp.OkHttpHooks;

/** The hooks installed in the bridge: each client's calls go to that client's capture. */
public final class CaptureHooks implements HttpHooks {
  private final JdkHttpHooks jdk;
  private final OkHttpHooks okhttp;
  private final ApacheHooks apache;

  public CaptureHooks(JdkHttpHooks jdk, OkHttpHooks okhttp, ApacheHooks apache) {
    this.jdk = jdk;
    this.okhttp = okhttp;
    this.apache = apache;
  }

  @Override
  public Object jdkSend(Object request, Object handler) {
    return jdk.jdkSend(request, handler);
  }

  @Override
  public Object jdkRequestBody(Object request, Object publisher) {
    return jdk.jdkRequestBody(request, publisher);
  }

  @Override
  public Object jdkApplicationBody(Object publisher) {
    return jdk.jdkApplicationBody(publisher);
  }

  @Override
  public void jdkSent(Object handler, Object future, Throwable thrown) {
    jdk.jdkSent(handler, future, thrown);
  }

  @Override
  public Object okhttpInterceptor(Class<?> interceptorType) {
    return okhttp.interceptorFor(interceptorType);
  }

  @Override
  public Object apacheClassicStart(Class<?> client, Object target, Object request) {
    return apache.classicStart(client, target, request);
  }

  @Override
  public void apacheClassicEnd(Object exchange, Object response, Throwable thrown) {
    apache.classicEnd(exchange, response, thrown);
  }

  @Override
  public void apacheResponseClosing(Object entity) {
    apache.responseClosing(entity);
  }

  @Override
  public Object[] apacheAsyncStart(
      Class<?> client, Object target, Object producer, Object consumer) {
    return apache.asyncStart(client, target, producer, consumer);
  }
}
