package dev.tapes.agent.testing;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a property over many generated inputs. Each try draws its input from its own seeded {@link
 * Random}, so a failure names the one seed that replays it. The seeds are fixed by default, which
 * keeps builds deterministic; {@code -Dtapes.props.seed=N} explores other inputs.
 *
 * <p>Deliberately small: no shrinking, so generators should keep inputs short enough to read.
 */
public final class PropertyCheck {
  private static final String SEED_PROPERTY = "tapes.props.seed";

  private PropertyCheck() {}

  /**
   * Checks {@code property} on {@code tries} inputs from {@code generator}.
   *
   * @param name names the property in failure messages
   * @param describe renders a failing input for the failure message
   */
  public static <T> void forAll(
      String name,
      int tries,
      Function<Random, T> generator,
      Function<? super T, String> describe,
      Consumer<? super T> property) {
    Random seeds = new Random(baseSeed(name));
    for (int i = 0; i < tries; i++) {
      long seed = seeds.nextLong();
      T input = generator.apply(new Random(seed));
      try {
        property.accept(input);
      } catch (AssertionError | RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            name
                + " failed on try "
                + (i + 1)
                + " of "
                + tries
                + " (input seed "
                + seed
                + ", base seed "
                + baseSeed(name)
                + "): "
                + e
                + "\ninput: "
                + describe.apply(input),
            e);
      }
    }
  }

  /** As {@link #forAll(String, int, Function, Function, Consumer)}, inputs shown by toString. */
  public static <T> void forAll(
      String name, int tries, Function<Random, T> generator, Consumer<? super T> property) {
    forAll(name, tries, generator, String::valueOf, property);
  }

  /** Shows a string with every char outside printable ASCII as a Java escape. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.append('"').toString();
  }

  /** Shows bytes as space-separated hex. */
  public static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      if (out.length() > 0) {
        out.append(' ');
      }
      out.append(String.format("%02x", b & 0xff));
    }
    return out.toString();
  }

  private static long baseSeed(String name) {
    String configured = System.getProperty(SEED_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Long.parseLong(configured.trim()) ^ name.hashCode();
    }
    return 0x7a9e5L * 31 + name.hashCode();
  }
}
