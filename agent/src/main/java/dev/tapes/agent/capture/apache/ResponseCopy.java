package dev.tapes.agent.capture.apache;

/** A response entity whose body is being copied, told when the application closes its response. */
public interface ResponseCopy {
  /** The response was closed: what the application did not read is not part of the copy. */
  void responseClosed();
}
