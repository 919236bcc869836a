package io.pma.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GlobTest {
  @Test
  @DisplayName("the linear matcher agrees with a regular expression on 200,000 random cases")
  void agreesWithRegex() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      String glob = random(random, "ab.*", random.nextInt(8));
      String text = random(random, "ab.", random.nextInt(10));
      boolean expected = Pattern.matches(glob.replace(".", "\\.").replace("*", ".*"), text);
      assertThat(Glob.compile(glob).matches(text))
          .as("seed %d: '%s' against '%s'", seed, glob, text).isEqualTo(expected);
      assertThat(Glob.matches(glob, text)).isEqualTo(expected);
    }
  }

  @Test
  @DisplayName("globs written to make backtracking matchers quadratic still answer correctly")
  void adversarial() {
    String id = "sensor." + "a".repeat(248);
    assertThat(Glob.compile("*" + "a".repeat(124) + "b1").matches(id)).isFalse();
    assertThat(Glob.compile("*" + "a".repeat(124) + "*b").matches(id)).isFalse();
    assertThat(Glob.compile("*a*a*a*a*a*a*a*a*a*a*b").matches(id)).isFalse();
    assertThat(Glob.compile("*" + "a".repeat(124) + "*").matches(id)).isTrue();
    assertThat(Glob.compile("sensor.*a").matches(id)).isTrue();
  }

  @Test
  @DisplayName("the literal prefix is the text before the first star")
  void prefix() {
    assertThat(Glob.compile("light.k*n*").prefix()).isEqualTo("light.k");
    assertThat(Glob.compile("*.kitchen").prefix()).isEmpty();
    assertThat(Glob.compile("light.kitchen").prefix()).isEqualTo("light.kitchen");
  }

  private static String random(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
