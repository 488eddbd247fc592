package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonArray;
import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonString;
import dev.tapes.agent.json.JsonValue;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Computes node hashes exactly as tapes does: SHA-256 over the canonical JSON of {@code {"parent":
 * ..., "content": {"type": "message", "role": ..., "content": projected blocks}}}, in lowercase
 * hex.
 *
 * <p>Not thread-safe: it reuses one buffer and one digest. Use one instance per thread.
 */
public final class NodeHasher {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final CanonicalJson out = new CanonicalJson();
  private final ProjectedText text = new ProjectedText();
  private final MessageDigest sha256;

  public NodeHasher() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The hash of a message whose parent node has hash {@code parent} ("" for a root). */
  public String hash(String parent, String role, List<Block> blocks) {
    write(parent, role, blocks);
    sha256.update(out.buffer(), 0, out.length());
    return hex(sha256.digest());
  }

  /** The exact bytes that are hashed, for tests and debugging. */
  public byte[] canonicalInput(String parent, String role, List<Block> blocks) {
    write(parent, role, blocks);
    return out.toByteArray();
  }

  /**
   * Writes the hash input. Projection happens on the way: text is projected into a scratch buffer
   * and written from there, and tool arguments are pruned while they are written, so the projected
   * blocks of {@link Projection#project} are never built.
   */
  private void write(String parent, String role, List<Block> blocks) {
    out.reset();
    out.raw("{\"content\":{\"content\":[");
    int written = 0;
    for (Block b : blocks) {
      boolean hasText = b.text() != null && !b.text().isEmpty();
      if (hasText && text.project(b.text()).isEmpty()) {
        continue; // text that projects to nothing drops its block
      }
      if (written++ > 0) {
        out.raw(',');
      }
      writeBlock(b, hasText);
    }
    out.raw("],\"role\":").string(role).raw(",\"type\":\"message\"},\"parent\":");
    out.string(parent).raw('}');
  }

  /**
   * Members in sorted key order; absent and empty fields left out as tapes' encoder does. When
   * {@code hasText}, {@link #text} holds the block's projected text.
   */
  private void writeBlock(Block b, boolean hasText) {
    out.raw('{');
    if (isPresent(b.content())) {
      out.raw("\"content\":").value(b.content()).raw(',');
    }
    leadingField("image_base64", b.imageBase64());
    leadingField("image_url", b.imageUrl());
    out.raw("\"is_error\":").raw(b.isError() ? "true" : "false");
    field("media_type", b.mediaType());
    if (hasText) {
      out.raw(",\"text\":");
      text.writeTo(out);
    }
    field("thinking", b.thinking());
    // The projection clears thinking_signature.
    JsonObject input = b.toolInput();
    if (input != null && !Projection.prunesToEmpty(input)) {
      out.raw(",\"tool_input\":");
      writePruned(input);
    }
    field("tool_name", b.toolName());
    String output = b.toolOutput();
    if (output != null && !output.isEmpty() && !text.project(output).isEmpty()) {
      out.raw(",\"tool_output\":");
      text.writeTo(out);
    }
    field("tool_result_id", b.toolResultId());
    field("tool_use_id", b.toolUseId());
    // tapes always writes the type, even when a provider part had none.
    out.raw(",\"type\":").string(b.type() == null ? "" : b.type());
    out.raw('}');
  }

  /** Writes tool arguments as {@link Projection#prune} leaves them: no empty members. */
  private void writePruned(JsonObject input) {
    out.raw('{');
    int written = 0;
    for (String key : CanonicalJson.sortedKeys(input.members())) {
      JsonValue v = input.get(key);
      JsonObject nested = v.asObject();
      if (nested != null ? Projection.prunesToEmpty(nested) : Projection.isEmptyValue(v)) {
        continue;
      }
      if (written++ > 0) {
        out.raw(',');
      }
      out.string(key).raw(':');
      if (nested != null) {
        writePruned(nested);
      } else {
        out.value(v);
      }
    }
    out.raw('}');
  }

  /** A field written before {@code is_error}, which is always present: comma after. */
  private void leadingField(String name, String value) {
    if (value != null && !value.isEmpty()) {
      out.raw('"').raw(name).raw("\":").string(value).raw(',');
    }
  }

  /** A field written after {@code is_error}: comma before. */
  private void field(String name, String value) {
    if (value != null && !value.isEmpty()) {
      out.raw(",\"").raw(name).raw("\":").string(value);
    }
  }

  /** Raw content counts unless it is null or an empty string, object or array. */
  static boolean isPresent(JsonValue content) {
    if (content == null || content.isNull()) {
      return false;
    }
    if (content instanceof JsonString) {
      return !((JsonString) content).value().isEmpty();
    }
    if (content instanceof JsonObject) {
      return !((JsonObject) content).isEmpty();
    }
    if (content instanceof JsonArray) {
      return ((JsonArray) content).size() > 0;
    }
    return true;
  }

  static String hex(byte[] digest) {
    char[] chars = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      chars[2 * i] = HEX[(digest[i] >> 4) & 0xf];
      chars[2 * i + 1] = HEX[digest[i] & 0xf];
    }
    return new String(chars);
  }
}
