package dev.tapes.agent.capture.apache;

/**
 * The capture of one Apache HttpClient family (4 classic, 5 classic, 5 async) in one application
 * class loader, defined beside that HttpClient. Arguments are the library's own objects, typed
 * {@code Object} because the agent's loader cannot see the library.
 */
public interface ApacheClient {
  /**
   * A classic execute is starting: returns the {@link ClassicExchange} being captured, its request
   * body already set to be copied, or null when the call is not captured.
   */
  default Object classicStart(Object target, Object request) {
    return null;
  }

  /**
   * An async execute is starting: returns the request producer and response consumer that copy the
   * bodies, or null when the call is not captured.
   */
  default Object[] asyncStart(Object target, Object producer, Object consumer) {
    return null;
  }
}
