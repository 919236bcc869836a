package io.pma.adapter.mqtt;

import io.pma.bench.Microbenchmark;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * One state message through a compiled value template, as the adapter does it per message and
 * binding: a fresh payload (decoded lazily), then the render. {@code subset*} take the fast
 * hand-written path; {@code jinja*} the full template language (zigbee2mqtt's climate action
 * template, a conditional, arithmetic with filters).
 */
public class TemplateBenchmark extends Microbenchmark {
  private static final byte[] CLIMATE = ("{\"battery\":90,\"linkquality\":99,\"local_temperature\""
      + ":19.5,\"occupied_heating_setpoint\":21,\"running_state\":\"heat\",\"system_mode\":"
      + "\"heat\"}").getBytes(StandardCharsets.UTF_8);
  private static final byte[] NUMBER = "21.5".getBytes(StandardCharsets.UTF_8);

  private ValueTemplate subsetJson;
  private ValueTemplate subsetFilter;
  private ValueTemplate jinjaDict;
  private ValueTemplate jinjaIf;
  private ValueTemplate jinjaArithmetic;

  @Setup
  public void setUp() throws InvalidConfigException {
    subsetJson = ValueTemplate.compile("{{ value_json.local_temperature }}");
    subsetFilter = ValueTemplate.compile("{{ value | float | round(1) }}");
    jinjaDict = ValueTemplate.compile("{% set values = {None:None,'idle':'idle','heat':'heating'}"
        + " %}{{ values[value_json.running_state] }}");
    jinjaIf = ValueTemplate.compile("{% if value_json.system_mode == 'off' %}off{% else %}"
        + "{{ value_json.system_mode }}{% endif %}");
    jinjaArithmetic = ValueTemplate.compile("{{ (value | float * 1.8 + 32) | round(1) }}");
  }

  @Benchmark
  public String subsetJson() throws MalformedPayloadException {
    return subsetJson.render(new Payload(CLIMATE));
  }

  @Benchmark
  public String subsetFilter() throws MalformedPayloadException {
    return subsetFilter.render(new Payload(NUMBER));
  }

  @Benchmark
  public String jinjaDict() throws MalformedPayloadException {
    return jinjaDict.render(new Payload(CLIMATE));
  }

  @Benchmark
  public String jinjaIf() throws MalformedPayloadException {
    return jinjaIf.render(new Payload(CLIMATE));
  }

  @Benchmark
  public String jinjaArithmetic() throws MalformedPayloadException {
    return jinjaArithmetic.render(new Payload(NUMBER));
  }
}
