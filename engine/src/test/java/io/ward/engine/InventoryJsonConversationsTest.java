package io.ward.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Transport;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conversations of {@code ward analyze --json} name a flow's other clients (docs/inventory-
 * schema.md). No real capture has a listed conversation with other clients: they come from flows of
 * unspecified addresses (DHCP, ICMPv6) and relays, none of them a listed protocol; so the flows
 * here are made up.
 */
class InventoryJsonConversationsTest {

  static final long T0 = 1_700_000_000_000_000_000L;

  private static Flow flow(Endpoint client, List<Flow.OtherClient> others) {
    return new Flow(
        client,
        1025,
        Endpoint.of(MacAddress.parse("02:00:00:00:00:0f"), IpAddress.parse("10.0.0.15"), 0),
        80,
        Transport.TCP,
        0,
        Optional.of("http"),
        false,
        3,
        300,
        2,
        200,
        T0,
        T0 + 1_000,
        others);
  }

  @Test
  void shouldListAConversationsOtherClientsAndWriteNothingNewOnTheOthers() throws Exception {
    FlowStatistics stats = new FlowStatistics(10);
    stats.add(
        flow(
            Endpoint.of(MacAddress.parse("02:00:00:00:00:01"), IpAddress.parse("0.0.0.0"), 0),
            List.of(
                new Flow.OtherClient(
                    Endpoint.ofMac(MacAddress.parse("02:00:00:00:00:02"), 0), T0 + 500, T0 + 900),
                new Flow.OtherClient(
                    Endpoint.of(
                        MacAddress.parse("02:00:00:00:00:03"), IpAddress.parse("10.0.0.3"), 0),
                    T0 + 600,
                    T0 + 600))));
    stats.add(flow(Endpoint.ofIp(IpAddress.parse("10.0.0.9"), 0), List.of()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InventoryJson.write(
        new AnalysisResult(List.of(), List.of(), List.of(), stats.summary(), 0, "test"), out);

    JsonNode conversations =
        new ObjectMapper()
            .readTree(out.toByteArray())
            .path("flows")
            .path("cleartext")
            .path("conversations");
    assertThat(conversations).hasSize(2);
    JsonNode shared = conversations.get(0);
    assertThat(shared.path("client").asText()).isEqualTo("0.0.0.0");
    JsonNode others = shared.path("otherClients");
    assertThat(others).hasSize(2);
    assertThat(others.get(0).path("client").asText()).isEqualTo("02:00:00:00:00:02");
    assertThat(others.get(0).path("firstSeen").asText()).isEqualTo(UtcTimestamp.format(T0 + 500));
    assertThat(others.get(0).path("lastSeen").asText()).isEqualTo(UtcTimestamp.format(T0 + 900));
    assertThat(others.get(1).path("client").asText()).isEqualTo("10.0.0.3");
    // The packets stay the flow's, and a conversation without other clients has no new key.
    assertThat(shared.path("packets").asLong()).isEqualTo(5);
    JsonNode plain = conversations.get(1);
    assertThat(plain.has("otherClients")).isFalse();
    assertThat(plain.size()).isEqualTo(11);
  }
}
