package dev.tapes.agent.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a stream into lines ending in {@code \n} (a {@code \r} before it is dropped), and keeps
 * the exact bytes read until a format is chosen, so that a single document can be reassembled.
 */
public final class LineSource {
  private final InputStream in;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int limit;
  private boolean eof;
  private long consumed;
  private ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private byte[] line = new byte[256];

  public LineSource(InputStream in) {
    this.in = in;
  }

  public long consumed() {
    return consumed;
  }

  /** The next line, or null at the end of the stream. */
  public byte[] next() throws IOException {
    int n = 0;
    boolean any = false;
    while (true) {
      if (pos == limit && !fill()) {
        if (!any) {
          return null;
        }
        break;
      }
      any = true;
      int start = pos;
      while (pos < limit && buf[pos] != '\n') {
        pos++;
      }
      int chunk = pos - start;
      n = append(n, start, chunk);
      if (pos < limit) {
        pos++; // the newline
        break;
      }
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    byte[] out = new byte[n];
    System.arraycopy(line, 0, out, 0, n);
    return out;
  }

  /** The next line with anything but spaces and tabs on it, or null at the end. */
  public byte[] nextNonBlank() throws IOException {
    byte[] l;
    while ((l = next()) != null) {
      for (byte b : l) {
        if (b != ' ' && b != '\t') {
          return l;
        }
      }
    }
    return null;
  }

  /** Streams are never reassembled: stop keeping their bytes. */
  public void stopRecording() {
    recorded = null;
  }

  /** Every byte of the stream: what was read as lines, exactly, then the rest. */
  public byte[] everything() throws IOException {
    if (recorded == null) {
      throw new IllegalStateException("lines were read past the point of recording");
    }
    pos = limit; // already recorded by fill()
    recorded.write(in.readAllBytes());
    byte[] all = recorded.toByteArray();
    recorded = null;
    return all;
  }

  private int append(int n, int start, int chunk) {
    if (n + chunk > line.length) {
      byte[] bigger = new byte[Math.max(line.length * 2, n + chunk)];
      System.arraycopy(line, 0, bigger, 0, n);
      line = bigger;
    }
    System.arraycopy(buf, start, line, n, chunk);
    return n + chunk;
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      eof = true; // read() blocks until it has a byte, so 0 cannot mean "not yet"
      return false;
    }
    pos = 0;
    limit = n;
    consumed += n;
    if (recorded != null) {
      recorded.write(buf, 0, n);
    }
    return true;
  }
}
