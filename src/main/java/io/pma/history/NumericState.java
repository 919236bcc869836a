package io.pma.history;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A state text that is a plain decimal ("20.05", "-3", "1000") packed into one long as
 * {@code unscaled * 16 + scale}, so that it is stored as a small integer and comes back as exactly
 * the text it was ("20.50" stays "20.50"). Texts that would not come back identical ("1e3", "+5",
 * "007", "-0") are not packed and are stored as text. Pure functions.
 */
final class NumericState {
  private static final int SCALE_BITS = 4;
  private static final int MAX_SCALE = (1 << SCALE_BITS) - 1;
  private static final int MAX_LENGTH = 20;
  /** Unscaled values beyond this would overflow the shift. */
  private static final long MAX_UNSCALED = Long.MAX_VALUE >> SCALE_BITS;

  private NumericState() {}

  /** The packed value, or null when the text is not a plain decimal that round-trips. */
  static Long pack(String text) {
    if (text.isEmpty() || text.length() > MAX_LENGTH || !looksNumeric(text)) {
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text);
    } catch (NumberFormatException e) {
      return null;
    }
    int scale = value.scale();
    BigInteger unscaled = value.unscaledValue();
    if (scale < 0 || scale > MAX_SCALE || unscaled.bitLength() > 63
        || Math.abs(unscaled.longValue()) > MAX_UNSCALED) {
      return null;
    }
    long packed = unscaled.longValue() * (1L << SCALE_BITS) + scale;
    return unpack(packed).equals(text) ? packed : null;
  }

  /** The text a packed value was made from. */
  static String unpack(long packed) {
    long unscaled = Math.floorDiv(packed, 1L << SCALE_BITS);
    int scale = (int) Math.floorMod(packed, 1L << SCALE_BITS);
    if (scale == 0) {
      return Long.toString(unscaled);
    }
    // What BigDecimal.toPlainString gives, without a BigDecimal per row (reads are hot).
    boolean negative = unscaled < 0;
    String digits = negative ? Long.toString(unscaled).substring(1) : Long.toString(unscaled);
    StringBuilder text = new StringBuilder(digits.length() + scale + 3);
    if (negative) {
      text.append('-');
    }
    if (digits.length() <= scale) {
      text.append("0.");
      for (int i = digits.length(); i < scale; i++) {
        text.append('0');
      }
      text.append(digits);
    } else {
      text.append(digits, 0, digits.length() - scale).append('.')
          .append(digits, digits.length() - scale, digits.length());
    }
    return text.toString();
  }

  /** The packed value as a number, for statistics. */
  static double toDouble(long packed) {
    return Math.floorDiv(packed, 1L << SCALE_BITS)
        / POWERS_OF_TEN[(int) Math.floorMod(packed, 1L << SCALE_BITS)];
  }

  private static final double[] POWERS_OF_TEN = Powers.of(MAX_SCALE + 1);

  /** 10^0 .. 10^(n-1). */
  private static final class Powers {
    static double[] of(int n) {
      double[] powers = new double[n];
      powers[0] = 1;
      for (int i = 1; i < n; i++) {
        powers[i] = powers[i - 1] * 10;
      }
      return powers;
    }
  }

  private static boolean looksNumeric(String text) {
    char first = text.charAt(0);
    return (first >= '0' && first <= '9') || first == '-';
  }
}
