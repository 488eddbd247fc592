package dev.tapes.agent.capture.apache;

/** A classic exchange being captured, from the start of {@code execute} to its return. */
public interface ClassicExchange {
  /**
   * {@code execute} returned {@code response}, or threw {@code thrown}: the application's request
   * is given its own body back, and the response body is set to be copied as the application reads
   * it.
   */
  void end(Object response, Throwable thrown);
}
