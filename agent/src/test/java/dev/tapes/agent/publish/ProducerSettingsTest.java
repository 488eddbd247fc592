package dev.tapes.agent.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {
  @Test
  void passwordsKeysAndLoginConfigurationAreSecret() {
    for (String name :
        new String[] {
          "sasl.jaas.config",
          "ssl.key.password",
          "ssl.keystore.password",
          "ssl.truststore.password",
          "ssl.keystore.key",
          "sasl.oauthbearer.client.credentials.client.secret",
          "SASL.JAAS.CONFIG"
        }) {
      assertTrue(ProducerSettings.isSecret(name), name);
    }
  }

  @Test
  void ordinarySettingsAndClassNamesAreShown() {
    for (String name :
        new String[] {
          "acks",
          "compression.type",
          "security.protocol",
          "sasl.mechanism",
          "key.serializer",
          "sasl.login.callback.handler.class",
          "ssl.keystore.location",
          "ssl.keystore.type"
        }) {
      assertFalse(ProducerSettings.isSecret(name), name);
    }
  }

  @Test
  void settingsKeepTheirNamesAndValues() {
    // Unrelocated here, so Kafka's class names stay as given; the packaged agent renames them.
    Map<String, String> given =
        Map.of(
            "acks", "1",
            "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\";");
    assertEquals(given, ProducerSettings.relocated(given));
  }
}
