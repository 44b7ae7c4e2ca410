package io.ward.capture.dissect.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Segments are the text between CR or LF characters, whatever mix of the two a sender uses. */
class Er7SegmentsProperties {

  @Property(tries = 2_000)
  void findsTheSegmentsASplitOnCrAndLfFinds(@ForAll("messages") String message) {
    Er7Segments segments = Er7Segments.read(message).orElseThrow();
    List<String> expected = new ArrayList<>();
    for (String part : message.split("[\r\n]")) {
      if (!part.isEmpty()) {
        expected.add(part);
      }
    }
    int obx = 0;
    for (String part : expected) {
      if (part.startsWith("OBX|")) {
        String field1 = part.split("\\|", -1)[1];
        assertThat(segments.field("OBX", obx++, 1)).as(message).isEqualTo(Optional.of(field1));
      } else if (part.equals("OBX")) {
        assertThat(segments.field("OBX", obx++, 1)).as(message).isEmpty(); // an id, no fields
      }
    }
    assertThat(segments.count("OBX")).as(message).isEqualTo(obx);
    assertThat(segments.field("OBX", obx, 1)).isEmpty();
  }

  /** An MSH segment, then OBX segments and look-alikes joined by runs of CR and LF. */
  @Provide
  Arbitrary<String> messages() {
    Arbitrary<String> obx =
        Arbitraries.strings().withChars("abc^").ofMaxLength(5).map(v -> "OBX|" + v + "|x");
    Arbitrary<String> noise = Arbitraries.strings().withChars("OBXPID|x").ofMaxLength(6);
    Arbitrary<String> breaks =
        Arbitraries.strings().withChars("\r\n").ofMinLength(1).ofMaxLength(3);
    Arbitrary<String> segment = Arbitraries.oneOf(obx, noise);
    return Arbitraries.lazy(() -> segment)
        .list()
        .ofMaxSize(12)
        .flatMap(
            list ->
                breaks
                    .list()
                    .ofSize(list.size())
                    .map(
                        seps -> {
                          StringBuilder sb = new StringBuilder("MSH|^~\\&|APP");
                          for (int i = 0; i < list.size(); i++) {
                            sb.append(seps.get(i)).append(list.get(i));
                          }
                          return sb.toString();
                        }));
  }
}
