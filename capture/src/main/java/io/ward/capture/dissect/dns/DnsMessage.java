package io.ward.capture.dissect.dns;

import java.util.List;

/**
 * One DNS-format message (RFC 1035 §4.1), as used by DNS, mDNS (RFC 6762), LLMNR (RFC 4795) and
 * NetBIOS name service (RFC 1002 §4.2). Sections are cut at {@link DnsParser#MAX_RECORDS} records.
 *
 * @param flags the 16-bit flags word (QR, opcode, AA, TC, RD, RA, Z, RCODE)
 * @param anomalies kinds of malformation met while parsing (reported, never thrown)
 */
record DnsMessage(
    int id,
    int flags,
    List<DnsQuestion> questions,
    List<DnsRecord> answers,
    List<DnsRecord> authorities,
    List<DnsRecord> additionals,
    List<String> anomalies) {

  DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
    anomalies = List.copyOf(anomalies);
  }

  /** True for a response (QR bit). */
  boolean isResponse() {
    return (flags & 0x8000) != 0;
  }

  /** The 4-bit opcode: 0 query; NBNS also 5 registration, 6 release, 8 refresh… */
  int opcode() {
    return (flags >>> 11) & 0xF;
  }

  /** The 4-bit response code. */
  int rcode() {
    return flags & 0xF;
  }
}
