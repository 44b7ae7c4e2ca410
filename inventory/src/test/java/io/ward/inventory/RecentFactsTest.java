package io.ward.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short path of {@link InputStore} for facts counted before must count exactly as the full path
 * does: the same record, the same value, every repeat, and nothing for a look-alike subject.
 */
class RecentFactsTest {

  private static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
  }

  private static final MacAddress MAC = MacAddress.parse("00:09:fb:00:00:02");
  private static final IpAddress IP = IpAddress.parse("10.0.0.2");

  private static EndpointKey key(Optional<MacAddress> mac, Optional<IpAddress> ip) {
    return EndpointKey.of(mac, ip).orElseThrow();
  }

  private static ValueStat stat(InputStore store, EndpointKey key, String field, String value) {
    return store.records.get(key).fields.get(field).get(value);
  }

  @Test
  void shouldCountEveryRepeatOfAFactIntoItsRecord() {
    InputStore store = new InputStore(kb);
    for (int t = 1; t <= 5; t++) {
      // A new Endpoint and a new String each time, as flows and parsers make them.
      Endpoint subject = Endpoint.of(MAC, IP, t == 3 ? 20 : 0);
      store.add(
          new Observation(
              t * 10L, subject, ObservationFields.HL7_SENDING_APP, new String("PIIC_iX")));
    }
    EndpointKey key = key(Optional.of(MAC), Optional.of(IP));
    ValueStat stat = stat(store, key, ObservationFields.HL7_SENDING_APP, "PIIC_iX");
    assertThat(stat.count).isEqualTo(5);
    assertThat(stat.first).isEqualTo(10);
    assertThat(stat.last).isEqualTo(50);
    assertThat(stat.times()).containsExactly(10, 20, 30, 40, 50); // a timed field keeps its times
    KeyRecord record = store.records.get(key);
    assertThat(record.observations).isEqualTo(5);
    assertThat(record.vlans).containsExactly(20);
    assertThat(record.first).isEqualTo(10);
    assertThat(record.last).isEqualTo(50);
  }

  @Test
  void shouldCountRepeatsOutOfTimeOrderAndKeepTheSmallestTimesOfATimedFact() {
    InputStore store = new InputStore(kb);
    Endpoint subject = Endpoint.of(MAC, IP, 0);
    String field = ObservationFields.HL7_SENDING_FACILITY;
    for (int t = 100; t < 120; t++) {
      store.add(new Observation(t, subject, field, "ICU")); // the time sample fills at 16
    }
    store.add(new Observation(7, subject, field, "ICU")); // earlier than all: must be kept
    store.add(new Observation(5, subject, ObservationFields.HL7_MESSAGE_TYPE, "ORU^R01"));
    store.add(new Observation(300, subject, ObservationFields.HL7_MESSAGE_TYPE, "ORU^R01"));
    store.add(new Observation(3, subject, ObservationFields.HL7_MESSAGE_TYPE, "ORU^R01"));
    EndpointKey key = key(Optional.of(MAC), Optional.of(IP));
    ValueStat icu = stat(store, key, field, "ICU");
    assertThat(icu.count).isEqualTo(21);
    assertThat(icu.first).isEqualTo(7);
    assertThat(icu.last).isEqualTo(119);
    assertThat(icu.times()).hasSize(ValueStat.MAX_TIMES).startsWith(7, 100, 101).endsWith(114);
    ValueStat type = stat(store, key, ObservationFields.HL7_MESSAGE_TYPE, "ORU^R01");
    assertThat(type.count).isEqualTo(3);
    assertThat(type.first).isEqualTo(3);
    assertThat(type.last).isEqualTo(300);
    KeyRecord record = store.records.get(key);
    assertThat(record.first).isEqualTo(3);
    assertThat(record.last).isEqualTo(300);
    assertThat(record.observations).isEqualTo(24);
  }

  @Test
  void shouldKeepSubjectsThatShareAnAddressApart() {
    // One slot: every fact meets the previous one there, so the comparison alone keeps them apart.
    InputStore store = new InputStore(kb, new RecentFacts(1), new RecentFlows());
    IpAddress otherIp = IpAddress.parse("10.0.0.3");
    String field = ObservationFields.DHCP_HOSTNAME;
    for (int i = 0; i < 3; i++) {
      store.add(new Observation(1, Endpoint.of(MAC, IP, 0), field, "PUMP"));
      store.add(new Observation(2, Endpoint.ofIp(IP, 0), field, "PUMP"));
      store.add(new Observation(3, Endpoint.ofMac(MAC, 0), field, "PUMP"));
      store.add(new Observation(4, Endpoint.of(MAC, otherIp, 0), field, "PUMP"));
      store.add(new Observation(5, Endpoint.of(MAC, IP, 0), field, "PUMP-2"));
      store.add(new Observation(5, Endpoint.of(MAC, IP, 0), field, "PUMP-3"));
      store.add(new Observation(6, Endpoint.of(MAC, IP, 0), ObservationFields.NBNS_NAME, "PUMP"));
    }
    assertThat(stat(store, key(Optional.of(MAC), Optional.of(IP)), field, "PUMP-2").count)
        .isEqualTo(3);
    assertThat(stat(store, key(Optional.of(MAC), Optional.of(IP)), field, "PUMP-3").count)
        .isEqualTo(3);
    assertThat(
            stat(store, key(Optional.of(MAC), Optional.of(IP)), ObservationFields.NBNS_NAME, "PUMP")
                .count)
        .isEqualTo(3);
    assertThat(stat(store, key(Optional.of(MAC), Optional.of(IP)), field, "PUMP").count)
        .isEqualTo(3);
    assertThat(stat(store, key(Optional.empty(), Optional.of(IP)), field, "PUMP").count)
        .isEqualTo(3);
    assertThat(stat(store, key(Optional.of(MAC), Optional.empty()), field, "PUMP").count)
        .isEqualTo(3);
    assertThat(stat(store, key(Optional.of(MAC), Optional.of(otherIp)), field, "PUMP").count)
        .isEqualTo(3);
  }

  @Test
  void shouldCountAKeptValueAfterTheFieldOverflowedAndForgetADroppedOne() {
    InputStore store = new InputStore(kb);
    Endpoint subject = Endpoint.of(MAC, IP, 0);
    String field = ObservationFields.HTTP_USER_AGENT;
    store.add(new Observation(1, subject, field, "zz-last")); // largest: dropped on overflow
    store.add(new Observation(1, subject, field, "aa-first"));
    for (int i = 0; i < KeyRecord.MAX_VALUES_PER_FIELD; i++) {
      store.add(new Observation(2, subject, field, String.format("m-%03d", i)));
    }
    store.add(new Observation(3, subject, field, "aa-first"));
    store.add(new Observation(3, subject, field, "zz-last"));
    EndpointKey key = key(Optional.of(MAC), Optional.of(IP));
    assertThat(stat(store, key, field, "aa-first").count).isEqualTo(2);
    assertThat(store.records.get(key).fields.get(field)).doesNotContainKey("zz-last");
    assertThat(store.records.get(key).fields.get(field)).hasSize(KeyRecord.MAX_VALUES_PER_FIELD);
    assertThat(store.records.get(key).observations).isEqualTo(KeyRecord.MAX_VALUES_PER_FIELD + 4);
  }

  @Test
  void shouldStillBindAddressesEachTimeADhcpLeaseIsSeen() {
    InputStore store = new InputStore(kb);
    Endpoint client = Endpoint.ofMac(MAC, 0);
    for (int i = 0; i < 3; i++) {
      store.add(new Observation(i, client, ObservationFields.DHCP_LEASED_IP, "10.0.0.2"));
    }
    assertThat(store.records.get(key(Optional.of(MAC), Optional.of(IP))).strongBindings)
        .isEqualTo(3);
  }
}
