package io.ward.exposure.match;

import static io.ward.exposure.match.Devices.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.exposure.Advisory;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncrementalMatcherTest {

  @Test
  void shouldRematchOnlyTheDevicesANewAdvisoryTouchesAndAgreeWithAFullRematch() {
    Advisory bd = RealAdvisories.icsma("icsma-23-194-01");
    Advisory dcmtk = RealAdvisories.icsma("icsma-22-174-01");
    Device pump = device("mac:pump", "BD", "Alaris PCU Model 8015", "12.1.2");
    Device pacs = device("mac:pacs", "OFFIS", "DCMTK", "3.6.6");
    Device monitor = device("mac:mon", "Philips", "IntelliVue MX450", "M.04");

    IncrementalMatcher inc =
        new IncrementalMatcher(MatchIndex.build(List.of(bd), VendorAliases.defaults()), List.of());
    assertThat(inc.addDevice(pump)).isNotEmpty();
    assertThat(inc.addDevice(pacs)).isEmpty();
    assertThat(inc.addDevice(monitor)).isEmpty();

    Set<String> touched = inc.addAdvisory(dcmtk);
    assertThat(touched).containsExactly("mac:pacs");
    assertThat(inc.findingsOf("mac:pacs")).hasSize(3);

    ReferenceMatcher full = new ReferenceMatcher(List.of(bd, dcmtk), VendorAliases.defaults());
    for (Device d : List.of(pump, pacs, monitor)) {
      assertThat(inc.findingsOf(d.id())).isEqualTo(full.match(d, List.of()));
    }
    assertThat(inc.addAdvisory(RealAdvisories.icsma("icsma-20-254-01"))).containsExactly("mac:mon");
  }
}
