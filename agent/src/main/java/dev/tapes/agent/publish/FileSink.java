package dev.tapes.agent.publish;

import dev.tapes.agent.log.AgentLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events as JSON lines to a local file: the sink when no broker is configured. An event
 * that cannot be written is counted as dropped, and the file is opened again for the next one.
 */
public final class FileSink implements Sink {
  private static final Logger log = LoggerFactory.getLogger(FileSink.class);

  private final Path path;
  private final AtomicLong dropped = new AtomicLong();
  private BufferedWriter writer;

  public FileSink(Path path) {
    this.path = path;
  }

  @Override
  public void publish(NodeEvent event) {
    try {
      write(event);
    } catch (IOException | RuntimeException e) {
      dropped.incrementAndGet();
      closeQuietly();
      if (AgentLog.allow("file-sink")) {
        log.warn("could not write events to " + describe() + ": " + e);
      }
    }
  }

  private void closeQuietly() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // the file is already failing; the next event opens it again
      }
      writer = null;
    }
  }

  @Override
  public long droppedEvents() {
    return dropped.get();
  }

  private void write(NodeEvent event) throws IOException {
    if (writer == null) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      writer =
          new BufferedWriter(
              new OutputStreamWriter(
                  Files.newOutputStream(
                      path,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.APPEND,
                      StandardOpenOption.WRITE),
                  StandardCharsets.UTF_8));
    }
    writer.write(event.toJson());
    writer.write('\n');
  }

  @Override
  public void flush() throws IOException {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public void close(long timeoutMillis) throws IOException {
    if (writer != null) {
      writer.close();
      writer = null;
    }
  }

  @Override
  public String describe() {
    return "file " + path.toAbsolutePath();
  }
}
