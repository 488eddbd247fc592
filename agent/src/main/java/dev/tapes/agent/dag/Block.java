package dev.tapes.agent.dag;

import dev.tapes.agent.json.JsonObject;
import dev.tapes.agent.json.JsonValue;
import java.util.Objects;

/**
 * One typed piece of a message: text, an image, a tool call or its result, reasoning, or a provider
 * payload passed through. String fields are null when absent; an empty string is kept as given.
 */
public final class Block {
  private final String type;
  private final String text;
  private final String imageUrl;
  private final String imageBase64;
  private final String mediaType;
  private final String toolUseId;
  private final String toolName;
  private final JsonObject toolInput;
  private final String toolResultId;
  private final String toolOutput;
  private final boolean isError;
  private final String thinking;
  private final String thinkingSignature;
  private final JsonValue content;

  private Block(Builder b) {
    this.type = b.type;
    this.text = b.text;
    this.imageUrl = b.imageUrl;
    this.imageBase64 = b.imageBase64;
    this.mediaType = b.mediaType;
    this.toolUseId = b.toolUseId;
    this.toolName = b.toolName;
    this.toolInput = b.toolInput;
    this.toolResultId = b.toolResultId;
    this.toolOutput = b.toolOutput;
    this.isError = b.isError;
    this.thinking = b.thinking;
    this.thinkingSignature = b.thinkingSignature;
    this.content = b.content;
  }

  public static Builder builder(String type) {
    return new Builder().type(type);
  }

  public static Block text(String text) {
    return builder("text").text(text).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.text = text;
    b.imageUrl = imageUrl;
    b.imageBase64 = imageBase64;
    b.mediaType = mediaType;
    b.toolUseId = toolUseId;
    b.toolName = toolName;
    b.toolInput = toolInput;
    b.toolResultId = toolResultId;
    b.toolOutput = toolOutput;
    b.isError = isError;
    b.thinking = thinking;
    b.thinkingSignature = thinkingSignature;
    b.content = content;
    return b;
  }

  public String type() {
    return type;
  }

  public String text() {
    return text;
  }

  public String imageUrl() {
    return imageUrl;
  }

  public String imageBase64() {
    return imageBase64;
  }

  public String mediaType() {
    return mediaType;
  }

  public String toolUseId() {
    return toolUseId;
  }

  public String toolName() {
    return toolName;
  }

  /** Tool arguments as an object, or null. */
  public JsonObject toolInput() {
    return toolInput;
  }

  public String toolResultId() {
    return toolResultId;
  }

  public String toolOutput() {
    return toolOutput;
  }

  public boolean isError() {
    return isError;
  }

  public String thinking() {
    return thinking;
  }

  public String thinkingSignature() {
    return thinkingSignature;
  }

  /** Opaque provider payload as a JSON value, or null. */
  public JsonValue content() {
    return content;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Block)) {
      return false;
    }
    Block b = (Block) o;
    return isError == b.isError
        && Objects.equals(type, b.type)
        && Objects.equals(text, b.text)
        && Objects.equals(imageUrl, b.imageUrl)
        && Objects.equals(imageBase64, b.imageBase64)
        && Objects.equals(mediaType, b.mediaType)
        && Objects.equals(toolUseId, b.toolUseId)
        && Objects.equals(toolName, b.toolName)
        && Objects.equals(String.valueOf(toolInput), String.valueOf(b.toolInput))
        && Objects.equals(toolResultId, b.toolResultId)
        && Objects.equals(toolOutput, b.toolOutput)
        && Objects.equals(thinking, b.thinking)
        && Objects.equals(thinkingSignature, b.thinkingSignature)
        && Objects.equals(String.valueOf(content), String.valueOf(b.content));
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, text, toolUseId, toolName, toolResultId, thinking);
  }

  @Override
  public String toString() {
    return "Block{" + type + "}";
  }

  /** Collects a block's fields; unset fields stay absent. */
  public static final class Builder {
    private String type;
    private String text;
    private String imageUrl;
    private String imageBase64;
    private String mediaType;
    private String toolUseId;
    private String toolName;
    private JsonObject toolInput;
    private String toolResultId;
    private String toolOutput;
    private boolean isError;
    private String thinking;
    private String thinkingSignature;
    private JsonValue content;

    private Builder() {}

    public Builder type(String type) {
      this.type = type;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder imageUrl(String imageUrl) {
      this.imageUrl = imageUrl;
      return this;
    }

    public Builder imageBase64(String imageBase64) {
      this.imageBase64 = imageBase64;
      return this;
    }

    public Builder mediaType(String mediaType) {
      this.mediaType = mediaType;
      return this;
    }

    public Builder toolUseId(String toolUseId) {
      this.toolUseId = toolUseId;
      return this;
    }

    public Builder toolName(String toolName) {
      this.toolName = toolName;
      return this;
    }

    public Builder toolInput(JsonObject toolInput) {
      this.toolInput = toolInput;
      return this;
    }

    public Builder toolResultId(String toolResultId) {
      this.toolResultId = toolResultId;
      return this;
    }

    public Builder toolOutput(String toolOutput) {
      this.toolOutput = toolOutput;
      return this;
    }

    public Builder isError(boolean isError) {
      this.isError = isError;
      return this;
    }

    public Builder thinking(String thinking) {
      this.thinking = thinking;
      return this;
    }

    public Builder thinkingSignature(String thinkingSignature) {
      this.thinkingSignature = thinkingSignature;
      return this;
    }

    public Builder content(JsonValue content) {
      this.content = content;
      return this;
    }

    public Block build() {
      return new Block(this);
    }
  }
}
