package io.ward.exposure.feeds.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Literal addresses only: no name is looked up, so the test never leaves this machine. */
class ListedUrlsTest {

  private static final URI PUBLIC_PROVIDER =
      URI.create("https://203.0.113.10/.well-known/csaf/provider-metadata.json");

  @Test
  void shouldRefuseAPublicProviderListingLoopbackPrivateOrLinkLocalAddresses() {
    for (String target :
        new String[] {
          "http://127.0.0.1:8080/admin",
          "http://10.20.1.7/pacs",
          "http://172.16.0.5/x.json",
          "http://192.168.1.1/",
          "http://169.254.169.254/latest/meta-data/",
          "http://[::1]/x.json",
          "http://[fd12:3456::1]/x.json",
          "http://[fe80::1]/x.json",
          "http://0.0.0.0/x.json"
        }) {
      assertThat(ListedUrls.refused(PUBLIC_PROVIDER, URI.create(target)))
          .as(target)
          .hasValueSatisfying(
              why -> assertThat(why).startsWith("refused: ").contains("203.0.113.10"));
    }
  }

  @Test
  void shouldAllowPublicTargetsAndTheProvidersOwnHost() {
    assertThat(ListedUrls.refused(PUBLIC_PROVIDER, URI.create("https://198.51.100.7/doc.json")))
        .isEmpty();
    assertThat(ListedUrls.refused(PUBLIC_PROVIDER, URI.create("https://203.0.113.10/a/b.json")))
        .isEmpty();
  }

  @Test
  void shouldLetAProviderInsideTheNetworkListItsNeighbours() {
    URI mirror = URI.create("http://10.0.0.5/csaf/provider-metadata.json");
    assertThat(ListedUrls.refused(mirror, URI.create("http://10.0.0.6/doc.json"))).isEmpty();
    assertThat(ListedUrls.refused(mirror, URI.create("http://127.0.0.1:9000/doc.json"))).isEmpty();
  }
}
