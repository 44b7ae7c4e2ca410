package io.ward.inventory;

import static io.ward.inventory.Inputs.mac;
import static org.assertj.core.api.Assertions.assertThat;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.Observation;
import io.ward.model.ObservationFields;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Windows releases by the DHCP parameter request list (option 55) alone. Windows XP asks for no
 * classless static routes (121, RFC 3442); Vista and 7 (NT 6.0/6.1) added 121; either may end the
 * list with 252 (WPAD), as INFORMs and some DISCOVERs do. Lists as published in PRADS's dhcp.fp and
 * lanmap2's BOOTP fingerprint map (WinNT5.1 against WinNT6).
 */
class WindowsDhcpFingerprintTest {

  static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.loadDefault();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "1,15,3,6,44,46,47,31,33,249,43; Windows XP",
        "1,15,3,6,44,46,47,31,33,249,43,252; Windows XP",
        "1,15,3,6,44,46,47,31,33,121,249,43; Windows 7",
        "1,15,3,6,44,46,47,31,33,121,249,43,252; Windows 7",
        "1,3,6,15,31,33,43,44,46,47,119,121,249,252; Windows 10/11"
      })
  void shouldTellTheWindowsReleaseByItsParameterRequestList(String list, String os) {
    InventoryBuilder b = new InventoryBuilder(kb);
    Endpoint client = Endpoint.ofMac(mac("00:1a:2b:3c:4d:5e"), 0);
    b.observation(new Observation(1, client, ObservationFields.DHCP_PARAM_LIST, list));
    Device d = b.build().get(0);
    assertThat(d.os()).as("os of option 55 " + list).contains(os);
  }
}
