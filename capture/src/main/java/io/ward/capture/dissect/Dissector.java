package io.ward.capture.dissect;

import io.ward.model.Transport;

/**
 * One application protocol. Stateless and thread-safe: per-flow state lives in the {@link
 * DissectorSession} it opens. Registered in {@link DissectorRegistry}; adding a protocol touches
 * its own package, its tests and that one table.
 *
 * <p>Contract for untrusted bytes: no method may throw, allocate from an attacker-chosen length
 * without a bound, or loop without progress. What cannot be parsed is counted with {@link
 * FlowContext#anomaly(String)} and skipped.
 */
public interface Dissector {

  /** Short lower-case protocol id used in flows and JSON, e.g. {@code hl7}, {@code dicom}. */
  String protocol();

  /** The transport this protocol runs over. */
  Transport transport();

  /**
   * Ports on which the protocol is usually found; tried first, still confirmed by {@link #probe}.
   */
  int[] wellKnownPorts();

  /**
   * True when the protocol is also looked for on any port by payload (like HL7/MLLP: 0x0B then
   * {@code MSH|}; DICOM: A-ASSOCIATE-RQ type 0x01 and protocol version 1).
   */
  boolean heuristic();

  /**
   * Looks at the first payload of a flow (one datagram for UDP, the first bytes of one direction
   * for TCP) and says whether it is this protocol. Must be cheap; must not keep a reference.
   *
   * @param fromClient true when the bytes were sent by the flow's client
   */
  boolean probe(byte[] buf, int offset, int length, boolean fromClient);

  /** True when this protocol encrypts its payload (TLS, SNMPv3 with privacy…). */
  default boolean encrypted() {
    return false;
  }

  /** Opens the per-flow state after a successful probe. */
  DissectorSession open(FlowContext flow);
}
