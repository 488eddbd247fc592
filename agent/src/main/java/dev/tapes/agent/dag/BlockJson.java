package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;

/**
 * The JSON form of a block, with the field names of the node format: how blocks appear in events
 * and how the {@code hash} command reads them.
 */
public final class BlockJson {
  private BlockJson() {}

  /** Reads a block; fields of the wrong JSON type are ignored. */
  public static Block read(JsonObject o) {
    JsonValue content = o.get("content");
    return Block.builder(o.string("type"))
        .text(o.string("text"))
        .imageUrl(o.string("image_url"))
        .imageBase64(o.string("image_base64"))
        .mediaType(o.string("media_type"))
        .toolUseId(o.string("tool_use_id"))
        .toolName(o.string("tool_name"))
        .toolInput(o.object("tool_input"))
        .toolResultId(o.string("tool_result_id"))
        .toolOutput(o.string("tool_output"))
        .isError(o.bool("is_error", false))
        .thinking(o.string("thinking"))
        .thinkingSignature(o.string("thinking_signature"))
        .content(content == null || content.isNull() ? null : content)
        .build();
  }

  /** Writes a block as parsed (not projected), leaving out empty fields and a false is_error. */
  public static void write(StringBuilder out, Block b) {
    out.append("{\"type\":");
    JsonString.appendQuoted(out, b.type() == null ? "" : b.type());
    field(out, "text", b.text());
    field(out, "image_url", b.imageUrl());
    field(out, "image_base64", b.imageBase64());
    field(out, "media_type", b.mediaType());
    field(out, "tool_use_id", b.toolUseId());
    field(out, "tool_name", b.toolName());
    if (b.toolInput() != null && !b.toolInput().isEmpty()) {
      out.append(",\"tool_input\":").append(b.toolInput());
    }
    field(out, "tool_result_id", b.toolResultId());
    field(out, "tool_output", b.toolOutput());
    if (b.isError()) {
      out.append(",\"is_error\":true");
    }
    field(out, "thinking", b.thinking());
    field(out, "thinking_signature", b.thinkingSignature());
    if (b.content() != null) {
      out.append(",\"content\":").append(b.content());
    }
    out.append('}');
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value != null && !value.isEmpty()) {
      out.append(",\"").append(name).append("\":");
      JsonString.appendQuoted(out, value);
    }
  }
}
