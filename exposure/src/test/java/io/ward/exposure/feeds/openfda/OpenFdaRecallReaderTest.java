package io.ward.exposure.feeds.openfda;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.exposure.feeds.FeedResult;
import io.ward.exposure.feeds.Fixtures;
import io.ward.model.exposure.DeviceRecall;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OpenFdaRecallReaderTest {

  private final OpenFdaRecallReader reader = new OpenFdaRecallReader();

  @Test
  void shouldReadEnforcementReportsWithModelNumbersAndReportTheOneWithoutNumber() {
    FeedResult<DeviceRecall> result =
        reader.read(Fixtures.path("openfda/device-enforcement-sample.json"));

    assertThat(result.items()).hasSize(2);
    DeviceRecall pump = result.items().get(0);
    assertThat(pump.recallNumber()).isEqualTo("Z-0001-2024");
    assertThat(pump.eventNumber()).contains("90001");
    assertThat(pump.firm()).isEqualTo("Example Infusion Systems, Inc.");
    assertThat(pump.modelNumbers()).containsExactly("LVP-8015", "LVP-8100");
    assertThat(pump.classification()).contains(DeviceRecall.RecallClass.CLASS_I);
    assertThat(pump.date()).contains(LocalDate.of(2024, 1, 15));
    assertThat(pump.status()).contains("Ongoing");
    assertThat(result.items().get(1).modelNumbers()).containsExactly("US-300-A");
    assertThat(result.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location()).contains("/results/2"));
  }

  @Test
  void shouldReadDeviceRecallRecords() {
    DeviceRecall r = reader.read(Fixtures.path("openfda/device-recall-sample.json")).items().get(0);

    assertThat(r.recallNumber()).isEqualTo("Z-0003-2023");
    assertThat(r.eventNumber()).contains("92001");
    assertThat(r.modelNumbers()).containsExactly("MX-450");
    assertThat(r.productCode()).contains("FRN");
    assertThat(r.date()).contains(LocalDate.of(2023, 5, 2));
    assertThat(r.classification()).isEmpty();
  }
}
