package io.ward.capture.dissect.dns;

/**
 * One resource record (RFC 1035 §4.1.3) with its data decoded where Ward reads it.
 *
 * @param rclass the class without the mDNS cache-flush bit (RFC 6762 §10.2)
 */
record DnsRecord(String name, int type, int rclass, long ttl, Rdata rdata) {}
