package dev.tapes.agent.cli;

/** Bad arguments or an unreadable file: reported in one line, exit code 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
