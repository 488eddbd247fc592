package dev.tapes.agent.capture.apache.v5.wrappers;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/** What the capture reads from an HttpClient 5 request. */
final class Requests {
  private Requests() {}

  /** The request's URL: its own scheme and authority when it has them, else the target's. */
  static String url(HttpHost target, HttpRequest request) {
    String path = request.getPath();
    if (path == null) {
      path = "";
    }
    URIAuthority authority = request.getAuthority();
    if (authority != null) {
      String scheme = request.getScheme();
      return (scheme != null ? scheme : "http") + "://" + authority + path;
    }
    if (target != null) {
      return target.toURI() + path;
    }
    return path;
  }

  /** The request's Content-Encoding header, else {@code fallback}. */
  static String encoding(HttpRequest request, String fallback) {
    Header header = request.getFirstHeader("Content-Encoding");
    return header != null ? header.getValue() : fallback;
  }
}
