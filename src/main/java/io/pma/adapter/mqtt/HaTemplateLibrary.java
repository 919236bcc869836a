package io.pma.adapter.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.objects.date.StrftimeFormatter;
import io.pma.domain.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Home Assistant's template filters and functions, as device discovery configs use them, added to
 * jinjava with Home Assistant's semantics: {@code float}, {@code int} and {@code round} fail
 * without a default when the value is not a number ({@code round} gives an int for precision 0);
 * {@code is_defined} fails on an undefined value; {@code iif}, {@code bool}, {@code is_number},
 * {@code from_json}, {@code to_json}, {@code multiply}, {@code timestamp_local},
 * {@code timestamp_utc}, {@code timestamp_custom}, {@code base64_encode}/{@code base64_decode};
 * {@code float()}, {@code int()}, {@code bool()}, {@code iif()} and {@code is_number()} as
 * functions too. Nothing here reaches beyond its arguments (no states, no clock but what the
 * message carries).
 */
final class HaTemplateLibrary {
  private static final Object NONE = new Object();

  private HaTemplateLibrary() {}

  static void register(Jinjava jinjava) {
    filter(jinjava, "float", (v, a) -> toFloat(v, arg(a, 0)));
    filter(jinjava, "int", (v, a) -> toInt(v, arg(a, 0)));
    filter(jinjava, "round", (v, a) -> round(v, arg(a, 0), arg(a, 1), arg(a, 2)));
    filter(jinjava, "multiply", (v, a) -> multiply(v, arg(a, 0), arg(a, 1)));
    filter(jinjava, "is_defined", (v, a) -> {
      if (v == null) {
        throw new InterpretException("the template's value is not defined");
      }
      return v;
    });
    filter(jinjava, "iif", (v, a) -> iif(v, arg(a, 0), arg(a, 1), arg(a, 2)));
    filter(jinjava, "bool", (v, a) -> toBool(v, arg(a, 0)));
    filter(jinjava, "is_number", (v, a) -> isNumber(v));
    filter(jinjava, "from_json", (v, a) -> fromJson(v, arg(a, 0)));
    filter(jinjava, "to_json", (v, a) -> toJson(v));
    filter(jinjava, "timestamp_local", (v, a) -> timestamp(v, ZoneId.systemDefault(), null,
        arg(a, 0)));
    filter(jinjava, "timestamp_utc", (v, a) -> timestamp(v, ZoneOffset.UTC, null, arg(a, 0)));
    filter(jinjava, "timestamp_custom", (v, a) -> {
      Object format = arg(a, 0);
      Object local = arg(a, 1);
      ZoneId zone = local == NONE || truthy(local) ? ZoneId.systemDefault() : ZoneOffset.UTC;
      return timestamp(v, zone, format == NONE ? "%Y-%m-%d %H:%M:%S" : String.valueOf(format),
          arg(a, 2));
    });
    filter(jinjava, "base64_encode", (v, a) -> Base64.getEncoder().encodeToString(
        String.valueOf(v).getBytes(StandardCharsets.UTF_8)));
    filter(jinjava, "base64_decode", (v, a) -> {
      try {
        return new String(Base64.getDecoder().decode(String.valueOf(v)), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InterpretException("base64_decode: not base64");
      }
    });
    function(jinjava, "float", "floatFunction");
    function(jinjava, "int", "intFunction");
    function(jinjava, "bool", "boolFunction");
    function(jinjava, "iif", "iifFunction");
    function(jinjava, "is_number", "isNumberFunction");
  }

  /** A filter's body: the filtered value and its positional arguments. */
  @FunctionalInterface
  private interface Body {
    Object apply(Object value, Object[] args);
  }

  private static void filter(Jinjava jinjava, String name, Body body) {
    jinjava.registerFilter(new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args,
          Map<String, Object> kwargs) {
        return body.apply(var, args == null ? new Object[0] : args);
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return body.apply(var, args);
      }
    });
  }

  private static void function(Jinjava jinjava, String name, String method) {
    jinjava.registerFunction(new ELFunctionDefinition("", name, HaTemplateLibrary.class, method,
        Object.class, Object[].class));
  }

  private static Object arg(Object[] args, int index) {
    return args.length > index ? args[index] : NONE;
  }

  // Functions: jinjava calls these by reflection with the trailing arguments as varargs.

  public static Object floatFunction(Object value, Object... fallback) {
    return toFloat(value, fallback.length > 0 ? fallback[0] : NONE);
  }

  public static Object intFunction(Object value, Object... fallback) {
    return toInt(value, fallback.length > 0 ? fallback[0] : NONE);
  }

  public static Object boolFunction(Object value, Object... fallback) {
    return toBool(value, fallback.length > 0 ? fallback[0] : NONE);
  }

  public static Object iifFunction(Object value, Object... rest) {
    return iif(value, rest.length > 0 ? rest[0] : NONE, rest.length > 1 ? rest[1] : NONE,
        rest.length > 2 ? rest[2] : NONE);
  }

  public static Object isNumberFunction(Object value, Object... ignored) {
    return isNumber(value);
  }

  private static Double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (value instanceof CharSequence text) {
      return io.pma.adapter.mqtt.Filter.parse(text.toString());
    }
    return null;
  }

  private static Object fallback(String name, Object value, Object fallback) {
    if (fallback != NONE) {
      return fallback;
    }
    throw new InterpretException(name + ": cannot convert '" + value + "' to a number");
  }

  private static Object toFloat(Object value, Object fallback) {
    Double number = number(value);
    return number != null ? (Object) number : fallback("float", value, fallback);
  }

  private static Object toInt(Object value, Object fallback) {
    if (value instanceof Long || value instanceof Integer) {
      return ((Number) value).longValue();
    }
    Double number = number(value);
    if (number == null || number.isNaN() || number.isInfinite()) {
      return fallback("int", value, fallback);
    }
    return (long) number.doubleValue();
  }

  private static Object round(Object value, Object precisionArg, Object method, Object fallback) {
    Double number = number(value);
    if (number == null || number.isNaN() || number.isInfinite()) {
      return fallback("round", value, fallback);
    }
    int precision = precisionArg == NONE ? 0 : ((Number) toInt(precisionArg, 0L)).intValue();
    String how = method == NONE ? "common" : String.valueOf(method);
    BigDecimal exact = BigDecimal.valueOf(number);
    BigDecimal rounded = switch (how) {
      case "ceil" -> exact.setScale(precision, RoundingMode.CEILING);
      case "floor" -> exact.setScale(precision, RoundingMode.FLOOR);
      case "half" -> exact.multiply(BigDecimal.valueOf(2)).setScale(0, RoundingMode.HALF_EVEN)
          .divide(BigDecimal.valueOf(2));
      default -> exact.setScale(precision, RoundingMode.HALF_EVEN); // Python's round()
    };
    return precision == 0 && !"half".equals(how) ? (Object) rounded.longValue()
        : (Object) rounded.doubleValue();
  }

  private static Object multiply(Object value, Object factor, Object fallback) {
    Double number = number(value);
    Double by = number(factor);
    if (number == null || by == null) {
      return fallback("multiply", value, fallback);
    }
    return number * by;
  }

  private static boolean truthy(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence text) {
      return text.length() > 0;
    }
    if (value instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    if (value instanceof Map<?, ?> m) {
      return !m.isEmpty();
    }
    return true;
  }

  private static Object iif(Object value, Object ifTrue, Object ifFalse, Object ifNone) {
    if (value == null && ifNone != NONE) {
      return ifNone;
    }
    if (truthy(value)) {
      return ifTrue == NONE ? Boolean.TRUE : ifTrue;
    }
    return ifFalse == NONE ? Boolean.FALSE : ifFalse;
  }

  /** Home Assistant's bool(): true/on/yes/enable/1 and their opposites, else the default. */
  private static Object toBool(Object value, Object fallback) {
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (value instanceof CharSequence text) {
      switch (text.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true": case "on": case "yes": case "enable": case "1":
          return true;
        case "false": case "off": case "no": case "disable": case "0": case "none":
          return false;
        default:
          break;
      }
    }
    if (fallback != NONE) {
      return fallback;
    }
    throw new InterpretException("bool: cannot convert '" + value + "' to a boolean");
  }

  private static boolean isNumber(Object value) {
    Double number = number(value);
    return number != null && !(value instanceof Boolean) && !number.isNaN()
        && !number.isInfinite();
  }

  private static Object fromJson(Object value, Object fallback) {
    try {
      return Json.MAPPER.readValue(String.valueOf(value), Object.class);
    } catch (JsonProcessingException e) {
      if (fallback != NONE) {
        return fallback;
      }
      throw new InterpretException("from_json: not JSON");
    }
  }

  private static String toJson(Object value) {
    try {
      return Json.MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new InterpretException("to_json: " + e.getOriginalMessage());
    }
  }

  /** A Unix timestamp as Home Assistant shows it: ISO 8601 with offset, or a strftime format. */
  private static Object timestamp(Object value, ZoneId zone, String format, Object fallback) {
    Double seconds = number(value);
    if (seconds == null || seconds.isNaN() || seconds.isInfinite()
        || Math.abs(seconds) > 1e13) {
      if (fallback != NONE) {
        return fallback;
      }
      throw new InterpretException("timestamp: '" + value + "' is not a Unix timestamp");
    }
    long micros = Math.round(seconds * 1_000_000);
    ZonedDateTime time = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atZone(zone);
    if (format != null) {
      return StrftimeFormatter.format(time, format);
    }
    return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }
}
