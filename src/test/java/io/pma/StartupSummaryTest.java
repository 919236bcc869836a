package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StartupSummaryTest {
  @Test
  @DisplayName("the summary names PostgreSQL without its credentials, and a browsable admin URL")
  void postgresWithoutCredentials() {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_STORAGE_TYPE", "postgres",
        "PMA_STORAGE_POSTGRES_URL", "postgresql://pma:s3cret@db:5432/pma?user=pma&password=s3cret",
        "PMA_BROKER_TYPE", "redis"));
    String line = StartupSummary.line(config, 3001, 7, List.of("homeassistant", "mqtt"), false);
    assertThat(line).doesNotContain("s3cret")
        .contains("storage postgres postgresql://***@db:5432/pma?user=pma&password=***",
            "| broker redis", "| adapters homeassistant,mqtt", "| 7 entities, NIO",
            "| admin http://localhost:3001/");
  }
}
