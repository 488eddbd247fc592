package dev.tapes.it;

import java.util.List;

/** A loopback LLM server that answers each POST with the next scripted reply and records it. */
interface ScriptedServer extends AutoCloseable {
  String baseUrl();

  void enqueue(LlmServer.Reply reply);

  List<LlmServer.Recorded> recorded();

  @Override
  void close();
}
