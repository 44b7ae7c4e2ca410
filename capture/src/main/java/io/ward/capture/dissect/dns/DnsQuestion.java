package io.ward.capture.dissect.dns;

/** One entry of the question section (RFC 1035 §4.1.2). */
record DnsQuestion(String name, int type, int qclass) {}
