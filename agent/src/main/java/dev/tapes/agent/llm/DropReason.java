package dev.tapes.agent.llm;

/** Why an exchange on a turn endpoint produced no nodes. The names are tapes' vocabulary. */
public enum DropReason {
  /** The status was not exactly 200. */
  UPSTREAM_STATUS("upstream_status"),
  /** Not a turn endpoint, or not a POST to one. */
  NON_TURN_REQUEST("non_turn_request"),
  /** The request body's content coding could not be undone. */
  REQUEST_DECODE("request_decode"),
  /** The response completed with no body bytes. */
  EMPTY_RESPONSE("empty_response"),
  /** No parser handles the provider. */
  UNKNOWN_PROVIDER("unknown_provider"),
  /** The response body's content coding could not be undone. */
  RESPONSE_DECODE("response_decode"),
  /** The bytes decoded but are not a turn of the provider's format. */
  REDUCER_ERROR("reducer_error"),
  /** The application went away mid-exchange and nothing usable was left. */
  CLIENT_DISCONNECT("client_disconnect"),
  /** The exchange was larger than the capture budget. */
  REQUEST_OVER_BUDGET("request_over_budget"),
  /** The pipeline's queue was full. */
  QUEUE_FULL("queue_full");

  private final String wireName;

  DropReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
