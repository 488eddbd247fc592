package dev.tapes.it.app;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A small travel assistant, written as an application would write one against an OpenAI-compatible
 * server and Anthropic's Messages API with the JDK's HTTP client. It knows nothing of the agent.
 * Its conversations: a streamed answer and a follow-up question; the same conversation forked
 * before that follow-up; a tool call answered by a local function; and one translation through
 * Anthropic's API.
 *
 * <p>{@code java TravelApp <base URL> [pause]}: the server's {@code /v1/chat/completions} and
 * {@code /v1/messages}; {@code pause}, in milliseconds, is the time a user takes to type before
 * each question after the first (none by default).
 */
public final class TravelApp {
  static final String SYSTEM = "You are a concise travel assistant.";
  private static final String MODEL = "gpt-4o-mini";
  private static final String TOOLS =
      "[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
          + "\"description\":\"Current weather in a city\",\"parameters\":{\"type\":\"object\","
          + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final long pauseMillis;
  private boolean asked;
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private TravelApp(String baseUrl, long pauseMillis) {
    this.baseUrl = baseUrl;
    this.pauseMillis = pauseMillis;
  }

  public static void main(String[] args) throws Exception {
    TravelApp app = new TravelApp(args[0], args.length > 1 ? Long.parseLong(args[1]) : 0);

    // A streamed answer, then a follow-up question.
    List<String> lisbon = new ArrayList<>();
    lisbon.add(message("system", SYSTEM));
    lisbon.add(app.ask("What should I see in Lisbon?"));
    String sights = app.chatStreamed(lisbon);
    lisbon.add(message("assistant", sights));
    List<String> rainy = new ArrayList<>(lisbon);
    rainy.add(app.ask("Anything for a rainy day?"));
    app.chat(rainy, false);

    // The same conversation forked before the follow-up: another question after the same answer.
    List<String> airport = new ArrayList<>(lisbon);
    airport.add(app.ask("How do I get there from the airport?"));
    app.chat(airport, false);

    // A tool call: the model asks for the weather, the application looks it up and sends it back.
    List<String> weather = new ArrayList<>();
    weather.add(message("system", SYSTEM));
    weather.add(app.ask("Is it warm in Lisbon today?"));
    String reply = app.chat(weather, true);
    String callId = Json.string(reply, "id", reply.indexOf("\"tool_calls\""));
    String arguments = Json.string(reply, "arguments", 0);
    String city = Json.string(arguments, "city", 0);
    app.out.println("tool:      get_weather(" + city + ")");
    weather.add(
        "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":"
            + Json.quote(callId)
            + ",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
            + Json.quote(arguments)
            + "}}]}");
    weather.add(
        "{\"role\":\"tool\",\"tool_call_id\":"
            + Json.quote(callId)
            + ",\"content\":"
            + Json.quote(getWeather(city))
            + "}");
    app.chat(weather, true);

    // Another provider: Anthropic's Messages API, whose system prompt is not a message.
    app.translate("Good morning! Where is the tram stop?");
  }

  private String ask(String question) throws InterruptedException {
    pause();
    out.println("user:      " + question);
    return message("user", question);
  }

  /** One chat completion; returns the reply's message object. */
  private void pause() throws InterruptedException {
    if (asked) {
      Thread.sleep(pauseMillis);
    }
    asked = true;
  }

  private String chat(List<String> messages, boolean withTools) throws Exception {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"messages\":["
            + String.join(",", messages)
            + "]"
            + (withTools ? ",\"tools\":" + TOOLS : "")
            + "}";
    String response = post("/v1/chat/completions", body).body();
    int at = response.indexOf("\"message\":");
    String content = Json.string(response, "content", at);
    out.println(
        "assistant: "
            + (content != null ? content : "(calls " + Json.string(response, "name", at) + ")"));
    return response.substring(at);
  }

  /** A streamed chat completion: the answer is printed as it arrives, and returned. */
  private String chatStreamed(List<String> messages) throws Exception {
    String body =
        "{\"model\":\""
            + MODEL
            + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":["
            + String.join(",", messages)
            + "]}";
    HttpRequest request = request("/v1/chat/completions", body);
    StringBuilder answer = new StringBuilder();
    out.print("assistant: ");
    Iterator<String> lines =
        http.send(request, HttpResponse.BodyHandlers.ofLines()).body().iterator();
    while (lines.hasNext()) {
      String line = lines.next();
      if (!line.startsWith("data: {")) {
        continue;
      }
      String piece = Json.string(line, "content", line.indexOf("\"delta\""));
      if (piece != null) {
        answer.append(piece);
        out.print(piece);
      }
    }
    out.println("  (streamed)");
    return answer.toString();
  }

  private void translate(String text) throws Exception {
    pause();
    out.println("user:      " + text + "  (to Anthropic)");
    String body =
        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,"
            + "\"system\":\"Translate into Portuguese.\",\"messages\":["
            + message("user", text)
            + "]}";
    String response = post("/v1/messages", body).body();
    out.println("assistant: " + Json.string(response, "text", 0));
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    HttpResponse<String> response =
        http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + response.statusCode());
    }
    return response;
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer sk-demo")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String message(String role, String content) {
    return "{\"role\":\"" + role + "\",\"content\":" + Json.quote(content) + "}";
  }

  /** The application's own tool. */
  private static String getWeather(String city) {
    return "{\"city\":" + Json.quote(city) + ",\"temperature_c\":22,\"sky\":\"sunny\"}";
  }

  /** Just enough JSON for this application: string fields read, strings written. */
  static final class Json {
    private Json() {}

    /** The string value of the first {@code "field":"..."} at or after {@code from}, or null. */
    static String string(String json, String field, int from) {
      int at = json.indexOf("\"" + field + "\":", Math.max(0, from));
      if (at < 0) {
        return null;
      }
      int i = at + field.length() + 3;
      while (i < json.length() && json.charAt(i) == ' ') {
        i++;
      }
      if (i >= json.length() || json.charAt(i) != '"') {
        return null;
      }
      StringBuilder value = new StringBuilder();
      for (i++; i < json.length() && json.charAt(i) != '"'; i++) {
        char c = json.charAt(i);
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char e = json.charAt(++i);
        switch (e) {
          case 'n':
            value.append('\n');
            break;
          case 't':
            value.append('\t');
            break;
          case 'u':
            value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
            i += 4;
            break;
          default:
            value.append(e);
        }
      }
      return value.toString();
    }

    static String quote(String s) {
      StringBuilder out = new StringBuilder("\"");
      for (char c : s.toCharArray()) {
        if (c == '"' || c == '\\') {
          out.append('\\').append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c < 0x20) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
      return out.append('"').toString();
    }
  }
}
