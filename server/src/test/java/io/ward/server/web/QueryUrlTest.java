package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryUrlTest {
  @Test
  void shouldKeepAPlusAndOtherReservedCharactersOfAValue() {
    assertThat(new QueryUrl("/advisories").param("q", "d+t & c=1").param("offset", 25).toString())
        .isEqualTo("/advisories?q=d%2Bt+%26+c%3D1&offset=25");
  }

  @Test
  void shouldKeepTheSearchTextOfTheInventorysSortAndPageLinks() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", "d+t");
    params.put("category", "");
    // A "+" read back as a space: page 2 of a 60-device search listed 543 devices.
    assertThat(InventoryPages.url(params, "vendor", "asc", "abc"))
        .isEqualTo("/devices?q=d%2Bt&sort=vendor&order=asc&cursor=abc");
  }
}
