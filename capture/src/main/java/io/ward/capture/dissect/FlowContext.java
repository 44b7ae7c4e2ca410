package io.ward.capture.dissect;

import io.ward.model.Endpoint;
import io.ward.model.Facts;

/**
 * What a dissector session may know about and do to its flow: who the two sides are, and where to
 * send what it learnt.
 */
public interface FlowContext {

  /** The side that opened the conversation. */
  Endpoint client();

  /** The side that answered. */
  Endpoint server();

  int clientPort();

  int serverPort();

  /** Emits an observation about the client (side = true) or server (side = false). */
  void observe(boolean aboutClient, long epochNanos, String field, String value);

  /** Emits an observation about an explicit endpoint (e.g. the address a DNS answer resolves). */
  void observe(Endpoint subject, long epochNanos, String field, String value);

  /**
   * Emits several facts about the client (side = true) or server (side = false) at once, as if each
   * were passed to {@link #observe(boolean, long, String, String)} in order. Pass the same instance
   * for the same facts again: the inventory recognises repeats by identity (see {@link Facts}).
   */
  default void observe(boolean aboutClient, long epochNanos, Facts facts) {
    for (int i = 0; i < facts.size(); i++) {
      observe(aboutClient, epochNanos, facts.field(i), facts.value(i));
    }
  }

  /**
   * Says that {@code endpoint}, not this flow's client, also spoke as its client at {@code
   * epochNanos}: a DHCP message names its client (chaddr) apart from the frame's sender, and before
   * they have an address all DHCP clients share one flow. It is credited with the flow's protocol
   * as the client is (see {@link io.ward.model.Flow#otherClients}); naming the client itself does
   * nothing.
   */
  void alsoClient(Endpoint endpoint, long epochNanos);

  /**
   * Counts one piece of input this dissector could not parse, by a short kind like {@code
   * hl7.bad_msh} (a Zeek "weird"). Never throws.
   */
  void anomaly(String kind);

  /**
   * Marks the flow's payload as encrypted from here on (e.g. STARTTLS, or a DICOM association that
   * turned out to run inside TLS).
   */
  void markEncrypted();
}
