package dev.tapes.agent.llm;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Undoes the content codings of a captured body. {@code Content-Encoding} tokens are peeled right
 * to left ({@code identity} ignored); {@code gzip} and {@code x-gzip} are decoded; anything else is
 * refused. A gzip stream cut short after producing output is salvaged: what it produced is kept.
 * Each layer's output is capped, which guards against decompression bombs.
 */
public final class BodyDecoding {
  /** The most bytes one decoding layer may produce: 48 MiB, as in tapes. */
  public static final long MAX_DECODED_BYTES = 48L * 1024 * 1024;

  private static final int GZIP_MAGIC_0 = 0x1f;
  private static final int GZIP_MAGIC_1 = 0x8b;

  private BodyDecoding() {}

  /** Why a body could not be decoded. */
  public enum Failure {
    UNSUPPORTED,
    UNDECODABLE,
    OVERSIZE
  }

  /** A body whose content coding could not be undone. */
  public static final class DecodeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    DecodeException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
    }
  }

  /**
   * Decodes {@code body} according to a {@code Content-Encoding} header value (null or blank for
   * none). Decoding is lazy where it can be: errors inside a stream surface as {@link
   * DecodeException} from {@code read}.
   */
  public static InputStream decode(InputStream body, String contentEncoding) throws IOException {
    List<String> codings = codings(contentEncoding);
    InputStream in = body;
    for (int i = codings.size() - 1; i >= 0; i--) {
      String coding = codings.get(i);
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        in = gunzip(in);
      } else {
        throw new DecodeException(
            Failure.UNSUPPORTED,
            "unsupported content coding '" + coding + "' in '" + contentEncoding.trim() + "'");
      }
    }
    return in;
  }

  /** Decodes gzip when the body starts with gzip's magic bytes; passes it through otherwise. */
  public static InputStream decodeDetected(InputStream body) throws IOException {
    PushbackInputStream in = new PushbackInputStream(body, 2);
    int b0 = in.read();
    int b1 = b0 < 0 ? -1 : in.read();
    if (b1 >= 0) {
      in.unread(b1);
    }
    if (b0 >= 0) {
      in.unread(b0);
    }
    return b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1 ? gunzip(in) : in;
  }

  /** Decodes a whole body held in memory. */
  public static byte[] decode(byte[] body, String contentEncoding) throws IOException {
    if (codings(contentEncoding).isEmpty()) {
      return body;
    }
    return decode(new ByteArrayInputStream(body), contentEncoding).readAllBytes();
  }

  /** The codings a header names, in header order, lower-cased, without {@code identity}. */
  static List<String> codings(String contentEncoding) {
    List<String> out = new ArrayList<>();
    if (contentEncoding == null) {
      return out;
    }
    for (String token : contentEncoding.split(",")) {
      String coding = token.trim().toLowerCase(Locale.ROOT);
      if (!coding.isEmpty() && !coding.equals("identity")) {
        out.add(coding);
      }
    }
    return out;
  }

  private static InputStream gunzip(InputStream in) throws IOException {
    GZIPInputStream gzip;
    try {
      gzip = new GZIPInputStream(in, 8192);
    } catch (EOFException e) {
      throw new DecodeException(Failure.UNDECODABLE, "no bytes to undo a claimed coding on");
    } catch (ZipException e) {
      throw new DecodeException(Failure.UNDECODABLE, "invalid gzip header");
    }
    return new Salvaging(gzip);
  }

  /**
   * Ends the stream quietly where gzip data stops early after producing output, and counts output
   * against the cap.
   */
  private static final class Salvaging extends FilterInputStream {
    private long produced;
    private boolean salvaged;

    Salvaging(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (salvaged) {
        return -1;
      }
      int n;
      try {
        n = super.read(b, off, len);
      } catch (EOFException e) {
        if (produced == 0) {
          throw new DecodeException(Failure.UNDECODABLE, "unexpected EOF with no output produced");
        }
        salvaged = true;
        return -1;
      } catch (ZipException e) {
        throw new DecodeException(Failure.UNDECODABLE, "corrupt gzip data: " + e.getMessage());
      }
      if (n > 0) {
        produced += n;
        if (produced > MAX_DECODED_BYTES) {
          throw new DecodeException(
              Failure.OVERSIZE, "decoded body exceeds " + MAX_DECODED_BYTES + " bytes");
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] sink = new byte[(int) Math.min(n, 8192)];
      long skipped = 0;
      while (skipped < n) {
        int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
        if (r < 0) {
          break;
        }
        skipped += r;
      }
      return skipped;
    }
  }
}
