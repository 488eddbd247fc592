package dev.tapes.agent.capture.okhttp.wrappers;

import dev.tapes.agent.capture.ExchangeRecorder;
import dev.tapes.agent.capture.LibraryCapture;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The application interceptor the agent adds, last, to every OkHttp client: calls to turn endpoints
 * go on with their request body copied as OkHttp writes it, and come back with their response body
 * copied as the application reads it. Being an application interceptor, it sees the bodies as the
 * application does (gzip already decoded by OkHttp). Other calls pass straight through. What OkHttp
 * throws reaches the application unchanged; what the capture throws never does.
 */
public final class CapturingInterceptor implements Interceptor {
  private final LibraryCapture capture;

  public CapturingInterceptor(LibraryCapture capture) {
    this.capture = capture;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    ExchangeRecorder recorder = start(request);
    if (recorder == null) {
      return chain.proceed(request);
    }

    Response response;
    try {
      response = chain.proceed(withBodyCopied(request, recorder));
    } catch (IOException | RuntimeException | Error e) {
      recorder.cutShort();
      throw e;
    }

    return withBodyCopied(response, request, recorder);
  }

  private ExchangeRecorder start(Request request) {
    try {
      return capture.start(
          request.url().toString(), request.method(), request.header("Content-Encoding"));
    } catch (Throwable t) {
      return null;
    }
  }

  /** The request with its body teed, or the request itself when it has none worth copying. */
  private static Request withBodyCopied(Request request, ExchangeRecorder recorder) {
    try {
      RequestBody body = request.body();
      // A duplex body is written after the response has started: not a turn's request.
      if (body == null || body.isDuplex()) {
        return request;
      }
      return request
          .newBuilder()
          .method(request.method(), new TeeRequestBody(body, recorder))
          .build();
    } catch (RuntimeException | LinkageError e) {
      return request;
    }
  }

  /**
   * The response with its body teed, and with the application's own request as its {@code
   * request()} (OkHttp sets there the request the next interceptor was given, the teed one).
   */
  private static Response withBodyCopied(
      Response response, Request request, ExchangeRecorder recorder) {
    try {
      recorder.responseStarted(response.code(), response.header("Content-Encoding"));
      ResponseBody body = response.body();
      Response.Builder builder = response.newBuilder().request(request);
      if (body == null) {
        recorder.completed();
        return builder.build();
      }
      return builder.body(new TeeResponseBody(body, recorder)).build();
    } catch (RuntimeException | LinkageError e) {
      recorder.cutShort();
      return response;
    }
  }
}
