package io.pma.adapter.mqtt;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceNotFoundException;
import com.hubspot.jinjava.tree.Node;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Home Assistant template beyond the fast subset of {@link TemplateExpression}: {@code {% if %}},
 * {@code {% set %}}, arithmetic, comparisons, dicts, loops and Home Assistant's filters and
 * functions ({@link HaTemplateLibrary}), rendered by jinjava.
 *
 * <p>Parsed once per config; each render walks the parsed tree with a fresh interpreter. The
 * sandbox: only the variables given (the message, a command's values) are visible; no
 * {@code include}/{@code import}/{@code extends}/{@code macro} (no files, no recursion); ranges
 * are capped at {@value #RANGE_LIMIT} items, lists and dicts at {@value #MAX_COLLECTION},
 * strings and output at {@value #MAX_OUTPUT} characters, and one render may visit at most
 * {@value #NODE_BUDGET} template nodes, so nested loops cannot run away. A render that breaks
 * any rule, or errs, is a {@link MalformedPayloadException}: the entity keeps its state.
 * Immutable and thread-safe.
 */
final class JinjaTemplate {
  static final int RANGE_LIMIT = 256;
  static final int MAX_COLLECTION = 1_000;
  static final int MAX_OUTPUT = 65_536;
  static final int NODE_BUDGET = 10_000;

  private static final ThreadLocal<int[]> NODES_LEFT = ThreadLocal.withInitial(() -> new int[1]);
  private static final Jinjava JINJAVA = sandbox();
  private static final ThreadLocal<JinjavaInterpreter> INTERPRETERS = ThreadLocal.withInitial(
      () -> new JinjavaInterpreter(JINJAVA, new Context(JINJAVA.getGlobalContext(), Map.of(),
          JINJAVA.getGlobalConfig().getDisabled()), JINJAVA.getGlobalConfig()));

  private final Node tree;
  private final String source;

  private JinjaTemplate(Node tree, String source) {
    this.tree = tree;
    this.source = source;
  }

  private static Jinjava sandbox() {
    JinjavaConfig config = JinjavaConfig.newBuilder()
        .withDisabled(Map.of(Context.Library.TAG,
            Set.of("include", "import", "from", "extends", "macro", "call", "block")))
        .withEnableRecursiveMacroCalls(false)
        .withMaxRenderDepth(3)
        .withNestedInterpretationEnabled(false)
        .withFailOnUnknownTokens(false)
        .withRangeLimit(RANGE_LIMIT)
        .withMaxListSize(MAX_COLLECTION)
        .withMaxMapSize(MAX_COLLECTION)
        .withMaxStringLength(MAX_OUTPUT)
        .withMaxOutputSize(MAX_OUTPUT)
        .withTimeZone(ZoneId.systemDefault())
        .withLegacyOverrides(LegacyOverrides.newBuilder().withEvaluateMapKeys(true)
            .withUsePyishObjectMapper(true).withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true).withKeepNullableLoopValues(true).build())
        .withProcessors(JinjavaProcessors.newBuilder()
            .withNodePreProcessor((node, interpreter) -> spend()).build())
        .build();
    Jinjava jinjava = new Jinjava(config);
    jinjava.setResourceLocator((name, encoding, interpreter) -> {
      throw new ResourceNotFoundException("templates cannot read files: " + name);
    });
    HaTemplateLibrary.register(jinjava);
    return jinjava;
  }

  private static void spend() {
    int[] left = NODES_LEFT.get();
    if (--left[0] < 0) {
      throw new BudgetExceeded();
    }
  }

  /** Parses a template; a syntax error is an {@link InvalidConfigException}. */
  static JinjaTemplate compile(String source) throws InvalidConfigException {
    // Tags are looked up while parsing: the disabled ones must be missing from this context.
    JinjavaInterpreter parser = new JinjavaInterpreter(JINJAVA, new Context(
        JINJAVA.getGlobalContext(), Map.of(), JINJAVA.getGlobalConfig().getDisabled()),
        JINJAVA.getGlobalConfig());
    Node tree;
    try {
      tree = parser.parse(source);
    } catch (RuntimeException e) {
      throw new InvalidConfigException("template '" + source.strip() + "' does not parse: "
          + e.getMessage());
    }
    List<TemplateError> errors = parser.getErrors();
    if (!errors.isEmpty()) {
      throw new InvalidConfigException("template '" + source.strip() + "' does not parse: "
          + errors.get(0).getMessage());
    }
    return new JinjaTemplate(tree, source);
  }

  /** Renders with {@code variables} (plain Java values: String, Number, Boolean, Map, List). */
  String render(Map<String, ?> variables) throws MalformedPayloadException {
    // One interpreter per thread (the adapter renders on its event loop): building one costs
    // more than most renders. Each render gets its own scope, so nothing a template sets
    // survives it; an interpreter that collected errors (which it cannot forget) is replaced.
    JinjavaInterpreter interpreter = INTERPRETERS.get();
    int[] left = NODES_LEFT.get();
    left[0] = NODE_BUDGET;
    JinjavaInterpreter.pushCurrent(interpreter);
    String output;
    RuntimeException failure = null;
    try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
      interpreter.getContext().putAll(variables);
      output = interpreter.render(tree);
    } catch (RuntimeException e) {
      output = null;
      failure = e;
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    List<TemplateError> errors = interpreter.getErrors();
    if (failure != null || !errors.isEmpty()) {
      INTERPRETERS.remove();
    }
    if (left[0] < 0) {
      // jinjava wraps exceptions thrown inside tags, or records them as errors; either way the
      // budget stopped the render.
      throw new MalformedPayloadException("template '" + source.strip() + "' visits more than "
          + NODE_BUDGET + " nodes");
    }
    if (failure != null) {
      throw new MalformedPayloadException("template '" + source.strip() + "' failed: "
          + failure.getMessage());
    }
    for (TemplateError error : errors) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        Exception cause = error.getException();
        throw new MalformedPayloadException("template '" + source.strip() + "' failed: "
            + error.getMessage() + (cause == null || cause.getMessage() == null ? ""
                : " (" + cause.getMessage() + ")"));
      }
    }
    return output;
  }

  @Override
  public String toString() {
    return source;
  }

  /** Thrown from the node visitor when a render used up its budget. */
  private static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("template node budget exceeded", null, false, false);
    }
  }
}
