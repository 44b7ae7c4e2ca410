package io.ward.capture.dissect.ssdp;

import java.util.Map;
import java.util.Optional;

/**
 * One SSDP datagram (UPnP Device Architecture 2.0 §1): an HTTP-over-UDP head.
 *
 * @param kind NOTIFY, M-SEARCH or RESPONSE
 * @param headers header values by upper-case name (the first of repeated names)
 */
record SsdpMessage(Kind kind, Map<String, String> headers) {

  /** The three SSDP message kinds. */
  enum Kind {
    NOTIFY,
    SEARCH,
    RESPONSE
  }

  SsdpMessage {
    headers = Map.copyOf(headers);
  }

  Optional<String> header(String upperCaseName) {
    return Optional.ofNullable(headers.get(upperCaseName)).filter(v -> !v.isEmpty());
  }
}
