package dev.tapes.agent.bench;

import dev.tapes.agent.dag.Chain;
import dev.tapes.agent.dag.Message;
import dev.tapes.agent.dag.Node;
import dev.tapes.agent.dag.NodeHasher;
import dev.tapes.agent.json.JsonException;
import dev.tapes.agent.json.JsonReader;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.llm.Provider;
import dev.tapes.agent.llm.TurnParser;
import dev.tapes.agent.llm.openai.ChatCompletions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Measures the hash path: an OpenAI Chat Completions request of {@value #MESSAGES} messages of
 * about 1 KB each is parsed, turned into messages, and hashed as a chain.
 *
 * <p>Scores are operations per second. For {@link #hashPath}, {@link #parseOnly} and {@link
 * #hashOnly} one operation is one message (one node), so the score is nodes per second; for {@link
 * #streamedReply} one operation is one exchange: a one-message request and a streamed reply of
 * about 4 KB, reduced to a turn.
 *
 * <pre>
 * mvn -q -pl agent -Pbench test-compile exec:exec \
 *     -Dbench.args="HashPath -f 1 -wi 3 -i 5 -w 2s -r 3s -t 1"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HashPathBenchmark {
  static final int MESSAGES = 20;

  /** The request body as a client sends it. */
  private byte[] requestBody;

  /** The same request already parsed, for measuring the hash alone. */
  private List<Message> parsedMessages;

  /** A one-message request and a streamed reply of about 4 KB, for the reply reduction. */
  private byte[] streamRequestBody;

  private byte[] streamedReplyBody;

  /** Not thread-safe: one per benchmark thread. */
  private NodeHasher hasher;

  @Setup
  public void setUp() throws JsonException {
    Conversation conversation = new Conversation(new Random(20240611L));
    requestBody = conversation.request().getBytes(StandardCharsets.UTF_8);
    streamRequestBody = Conversation.STREAM_REQUEST.getBytes(StandardCharsets.UTF_8);
    streamedReplyBody = conversation.streamedReply().getBytes(StandardCharsets.UTF_8);
    hasher = new NodeHasher();

    parsedMessages = parse(requestBody);
    if (parsedMessages.size() != MESSAGES) {
      throw new IllegalStateException(
          "the request parsed to " + parsedMessages.size() + " messages");
    }
    if (streamedReplyBody.length < 3500 || streamedReplyBody.length > 5000) {
      throw new IllegalStateException("the streamed reply has " + streamedReplyBody.length + " B");
    }
    TurnParser.Result reply = streamedReply();
    if (reply.turn() == null || reply.turn().reply().message().blocks().size() != 2) {
      throw new IllegalStateException("the streamed reply did not reduce to text and a tool call");
    }
  }

  /** Parse, project and hash: what the agent does with each captured request. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public String hashPath() throws JsonException {
    List<Node> chain = Chain.of(parse(requestBody), hasher);
    return chain.get(chain.size() - 1).hash();
  }

  /** The parsing part of {@link #hashPath}: bytes to messages. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public List<Message> parseOnly() throws JsonException {
    return parse(requestBody);
  }

  /** The hashing part of {@link #hashPath}: projection, canonical JSON and SHA-256. */
  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public String hashOnly() {
    List<Node> chain = Chain.of(parsedMessages, hasher);
    return chain.get(chain.size() - 1).hash();
  }

  /** A streamed reply through the exchange parser: SSE framing, chunk parsing, reduction. */
  @Benchmark
  public TurnParser.Result streamedReply() {
    return TurnParser.parse(
        Provider.OPENAI, streamRequestBody, new ByteArrayInputStream(streamedReplyBody));
  }

  private static List<Message> parse(byte[] body) throws JsonException {
    return ChatCompletions.requestMessages(JsonReader.parse(body).asObject());
  }

  /**
   * Writes a deterministic coding-assistant conversation: a system prompt, user and assistant
   * turns, tool calls with JSON arguments and their results. Text has paragraphs, indented code
   * with trailing blanks, non-ASCII words and, in some user messages, a harness reminder, so that
   * projection has whitespace and tags to remove.
   */
  static final class Conversation {
    static final String STREAM_REQUEST =
        "{\"model\":\"gpt-4o-mini\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Where is the buffer reset?\"}]}";

    private static final int MESSAGE_CHARS = 1000;

    private static final String[] WORDS =
        ("the request node hash chain parser buffer thread value message reply stream agent block"
                + " tool result field canonical order key a of to and is in when every each after"
                + " before then returns reads writes keeps drops sorted empty parent root head"
                + " naïve café Größe façade données 日本語 данные λ → ✓ 🙂")
            .split(" ");

    private static final String[] CODE = {
      "for (Message m : messages) {",
      "  String hash = hasher.hash(parent, m.role(), m.blocks());",
      "  nodes.add(new Node(hash, parent, m));  ",
      "  parent = hash;\t",
      "}",
      "if (text.indexOf('<') < 0) {",
      "  return text;",
      "}",
      "out.raw(\"{\\\"content\\\":\");",
      "// Größe des Puffers: 4096 bytes"
    };

    private final Random random;
    private int calls;

    Conversation(Random random) {
      this.random = random;
    }

    /** A request body of {@value HashPathBenchmark#MESSAGES} messages. */
    String request() {
      StringBuilder json = new StringBuilder(32 * 1024);
      json.append("{\"model\":\"gpt-4o\",\"temperature\":0.2,\"stream\":true,");
      json.append("\"stream_options\":{\"include_usage\":true},\"messages\":[");
      json.append(textMessage("system", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", reminder() + text(MESSAGE_CHARS - 200)));
      json.append(',').append(toolCalls(searchCall(), readCall()));
      json.append(',').append(toolResult(calls - 1));
      json.append(',').append(toolResult(calls));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", reminder() + text(MESSAGE_CHARS - 200)));
      json.append(',').append(toolCalls(writeCall(), readCall()));
      json.append(',').append(toolResult(calls - 1));
      json.append(',').append(toolResult(calls));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("assistant", text(MESSAGE_CHARS)));
      json.append(',').append(textMessage("user", reminder() + text(MESSAGE_CHARS - 200)));
      json.append("],\"tools\":[");
      json.append(tool("search_code", "query", "paths", "case_sensitive", "max_results"));
      json.append(',').append(tool("read_file", "path", "offset", "limit"));
      json.append(',').append(tool("write_file", "path", "content", "create_dirs"));
      return json.append("]}").toString();
    }

    /** An SSE stream of about 4 KB: text deltas, then one tool call in fragments, then usage. */
    String streamedReply() {
      StringBuilder sse = new StringBuilder(5 * 1024);
      chunk(sse, "{\"role\":\"assistant\",\"content\":\"\"}", "null");
      String text = text(400);
      for (int i = 0; i < text.length() && sse.length() < 2100; i += 7) {
        String piece = text.substring(i, Math.min(text.length(), i + 7));
        chunk(sse, "{\"content\":" + quote(piece) + "}", "null");
      }
      chunk(
          sse,
          "{\"tool_calls\":[{\"index\":0,\"id\":\"call_stream\",\"type\":\"function\","
              + "\"function\":{\"name\":\"read_file\",\"arguments\":\"\"}}]}",
          "null");
      String arguments = "{\"path\":\"agent/src/main/java/Chain.java\",\"offset\":0,\"limit\":80}";
      for (int i = 0; i < arguments.length(); i += 12) {
        String piece = arguments.substring(i, Math.min(arguments.length(), i + 12));
        chunk(
            sse,
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote(piece) + "}}]}",
            "null");
      }
      chunk(sse, "{}", "\"tool_calls\"");
      sse.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1752819045,\"model\":\"gpt-4o-2024-08-06\",\"choices\":[],")
          .append("\"usage\":{\"prompt_tokens\":5120,\"completion_tokens\":64,")
          .append("\"total_tokens\":5184,\"prompt_tokens_details\":{\"cached_tokens\":4096}}}\n\n");
      return sse.append("data: [DONE]\n\n").toString();
    }

    private static void chunk(StringBuilder sse, String delta, String finishReason) {
      sse.append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",")
          .append("\"created\":1752819045,\"model\":\"gpt-4o-2024-08-06\",")
          .append("\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,\"delta\":")
          .append(delta)
          .append(",\"logprobs\":null,\"finish_reason\":")
          .append(finishReason)
          .append("}]}\n\n");
    }

    private static String textMessage(String role, String content) {
      return "{\"role\":\"" + role + "\",\"content\":" + quote(content) + "}";
    }

    private static String toolCalls(String... calls) {
      return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
          + String.join(",", calls)
          + "]}";
    }

    private String toolResult(int call) {
      return "{\"role\":\"tool\",\"tool_call_id\":\"call_"
          + call
          + "\",\"content\":"
          + quote(code(MESSAGE_CHARS))
          + "}";
    }

    private String searchCall() {
      String arguments =
          "{\"query\":"
              + quote(text(500))
              + ",\"paths\":[\"agent/src/main/java\",\"agent/src/test/java\"],"
              + "\"case_sensitive\":false,\"max_results\":50,\"exclude\":\"\","
              + "\"options\":{\"context_lines\":2,\"follow_links\":false,\"glob\":null}}";
      return call("search_code", arguments);
    }

    private String readCall() {
      return call(
          "read_file",
          "{\"path\":\"agent/src/main/java/dev/tapes/agent/dag/Chain.java\","
              + "\"offset\":0,\"limit\":200}");
    }

    private String writeCall() {
      return call(
          "write_file",
          "{\"path\":\"agent/src/main/java/dev/tapes/agent/dag/Chain.java\",\"content\":"
              + quote(code(800))
              + ",\"create_dirs\":false}");
    }

    private String call(String name, String arguments) {
      calls++;
      return "{\"id\":\"call_"
          + calls
          + "\",\"type\":\"function\",\"function\":{\"name\":\""
          + name
          + "\",\"arguments\":"
          + quote(arguments)
          + "}}";
    }

    private static String tool(String name, String... parameters) {
      StringBuilder properties = new StringBuilder();
      for (String p : parameters) {
        if (properties.length() > 0) {
          properties.append(',');
        }
        properties.append('"').append(p).append("\":{\"type\":\"string\",\"description\":");
        properties
            .append(quote("The " + p.replace('_', ' ') + " of the " + name + " call."))
            .append('}');
      }
      return "{\"type\":\"function\",\"function\":{\"name\":\""
          + name
          + "\",\"description\":\"Runs "
          + name
          + " in the workspace.\",\"parameters\":{\"type\":\"object\",\"properties\":{"
          + properties
          + "},\"required\":[\""
          + parameters[0]
          + "\"]}}}";
    }

    private String reminder() {
      return "<system-reminder>\nThe user opened agent/src/main/java/dev/tapes/agent/dag/Chain.java"
          + " in the IDE. This may or may not be related to the current task.\n"
          + "</system-reminder>\n";
    }

    /** Prose of about {@code chars} characters: sentences, paragraphs, now and then code. */
    private String text(int chars) {
      StringBuilder out = new StringBuilder(chars + 100);
      while (out.length() < chars) {
        if (out.length() > 0) {
          out.append(random.nextInt(4) == 0 ? "\n\n\n" : "\n\n");
        }
        if (random.nextInt(5) == 0) {
          out.append("```java\n").append(code(120)).append("\n```");
          continue;
        }
        int sentences = 2 + random.nextInt(3);
        for (int s = 0; s < sentences; s++) {
          if (s > 0) {
            out.append(' ');
          }
          sentence(out);
        }
      }
      return out.toString();
    }

    private void sentence(StringBuilder out) {
      int words = 6 + random.nextInt(9);
      for (int w = 0; w < words; w++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        if (w == 0) {
          out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        } else {
          out.append(' ').append(word);
        }
      }
      out.append('.');
    }

    /** Source lines of about {@code chars} characters, some with trailing blanks. */
    private String code(int chars) {
      StringBuilder out = new StringBuilder(chars + 80);
      while (out.length() < chars) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append("    ").append(CODE[random.nextInt(CODE.length)]);
      }
      return out.toString();
    }

    private static String quote(String s) {
      StringBuilder out = new StringBuilder(s.length() + 16);
      JsonString.appendQuoted(out, s);
      return out.toString();
    }
  }
}
