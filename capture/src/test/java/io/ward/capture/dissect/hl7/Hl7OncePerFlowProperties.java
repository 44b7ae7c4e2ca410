package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorDriver;
import io.ward.capture.dissect.testing.RecordingFlowContext;
import io.ward.model.Facts;
import io.ward.model.Observation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What a connection's HL7 messages emit, however they repeat one another: the first message's facts
 * all, then each later fact (side, field and value) only the first time the flow states it. The
 * session takes shortcuts (sets instead of keys for the first message, and for a second one that
 * repeats nothing); this model takes none.
 */
class Hl7OncePerFlowProperties {

  /** A message and its direction. */
  record Sent(boolean fromClient, String text) {}

  @Property(tries = 1_000)
  void emitsTheFirstMessageWholeThenEachLaterFactOnce(@ForAll("flows") List<Sent> flow) {
    DissectorDriver driver =
        new DissectorDriver(new Hl7Dissector(), RecordingFlowContext.between(49242, 2575));
    long t = 1;
    for (Sent s : flow) {
      driver.feed(s.fromClient(), t++, Hl7DissectorTest.mllp(s.text()));
    }
    RecordingFlowContext ctx = driver.context();
    List<String> emitted = new ArrayList<>();
    for (Observation o : ctx.observations()) {
      emitted.add(key(o.subject().equals(ctx.client()), o.field(), o.value()));
    }
    assertThat(emitted).containsExactlyInAnyOrderElementsOf(expected(flow));
  }

  /** The model: every fact of the first message, then each later fact not stated before. */
  private static List<String> expected(List<Sent> flow) {
    List<String> out = new ArrayList<>();
    Set<String> said = new HashSet<>();
    boolean firstSeen = false;
    for (Sent s : flow) {
      Hl7MessageParser.Result r =
          Hl7MessageParser.parse(s.text().getBytes(StandardCharsets.UTF_8), 0, s.text().length());
      if (r.message().isEmpty()) {
        continue;
      }
      List<String> facts = new ArrayList<>();
      addAll(facts, s.fromClient(), r.message().get().senderFacts());
      addAll(facts, !s.fromClient(), r.message().get().peerFacts());
      for (String f : facts) {
        if (!firstSeen) {
          out.add(f); // the first message is sent whole, a repeated fact in it included
          said.add(f);
        } else if (said.add(f)) {
          out.add(f);
        }
      }
      firstSeen = true;
    }
    return out;
  }

  private static void addAll(List<String> into, boolean aboutClient, Facts facts) {
    for (int i = 0; i < facts.size(); i++) {
      into.add(key(aboutClient, facts.field(i), facts.value(i)));
    }
  }

  private static String key(boolean aboutClient, String field, String value) {
    return (aboutClient ? "client " : "server ") + field + "=" + value;
  }

  /**
   * One to four messages over a small vocabulary, so that directions, applications, facilities and
   * device ids repeat between messages and within one (two OBX-18 repetitions alike).
   */
  @Provide
  Arbitrary<List<Sent>> flows() {
    Arbitrary<String> app = Arbitraries.of("MONITOR", "HIS", "PUMP");
    Arbitrary<String> facility = Arbitraries.of("ICU", "GOOD HOSP", "");
    Arbitrary<String> type = Arbitraries.of("ORU^R01", "ACK^R01");
    Arbitrary<String> devices =
        Arbitraries.of("DEV1", "DEV2", "MONITOR").list().ofMaxSize(3).map(l -> String.join("~", l));
    Arbitrary<String> text =
        Combinators.combine(app, facility, app, facility, type, devices)
            .as(
                (a, f, ra, rf, ty, d) ->
                    "MSH|^~\\&|"
                        + a
                        + "|"
                        + f
                        + "|"
                        + ra
                        + "|"
                        + rf
                        + "|20240101120000||"
                        + ty
                        + "|C1|P|2.6\r"
                        + (d.isEmpty()
                            ? ""
                            : "OBX|1|NM|150456^X^MDC||97||||||R|||||||" + d + "\r"));
    Arbitrary<Sent> sent = Combinators.combine(Arbitraries.of(true, false), text).as(Sent::new);
    return sent.list().ofMinSize(1).ofMaxSize(4);
  }
}
