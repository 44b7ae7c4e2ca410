package io.ward.exposure.risk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The network services an advisory's text names as the way its flaw is reached.
 *
 * @param services the services named, e.g. {@code Telnet}, {@code FTP}, in table order
 * @param protocols the inventory protocol ids that show any of them in use
 * @param quote the advisory's sentence that names the service (or the reason it is not judged)
 * @param notJudged why served protocols cannot judge this flaw (Bluetooth, a TLS client…), when so
 */
public record ServiceMention(
    List<String> services, Set<String> protocols, String quote, Optional<String> notJudged) {

  public ServiceMention {
    services = List.copyOf(services);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("a mention names at least one service");
    }
    protocols = Set.copyOf(protocols);
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(notJudged, "notJudged");
  }

  /** The services for people: {@code Telnet}, {@code Telnet or FTP}. */
  public String label() {
    if (services.size() == 1) {
      return services.get(0);
    }
    return String.join(", ", services.subList(0, services.size() - 1))
        + " or "
        + services.get(services.size() - 1);
  }
}
