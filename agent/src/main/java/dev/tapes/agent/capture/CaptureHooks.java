package dev.tapes.agent.capture;

import dev.tapes.agent.bootstrap.HttpHooks;
import dev.tapes.agent.capture.jdk.JdkHttpHooks;
import dev.tapes.agent.capture.okhttp.OkHttpHooks;

/** The hooks installed in the bridge: each client's calls go to that client's capture. */
public final class CaptureHooks implements HttpHooks {
  private final JdkHttpHooks jdk;
  private final OkHttpHooks okhttp;

  public CaptureHooks(JdkHttpHooks jdk, OkHttpHooks okhttp) {
    this.jdk = jdk;
    this.okhttp = okhttp;
  }

  @Override
  public Object jdkSend(Object request, Object handler) {
    return jdk.jdkSend(request, handler);
  }

  @Override
  public Object jdkBodySubscribe(Object publisher, Object subscriber) {
    return jdk.jdkBodySubscribe(publisher, subscriber);
  }

  @Override
  public Object okhttpInterceptor(Class<?> interceptorType) {
    return okhttp.interceptorFor(interceptorType);
  }
}
