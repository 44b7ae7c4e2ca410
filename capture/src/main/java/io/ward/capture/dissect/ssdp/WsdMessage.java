package io.ward.capture.dissect.ssdp;

import java.util.Optional;

/**
 * One WS-Discovery SOAP message (WS-Discovery 2005/04 and OASIS 1.1 §4-6).
 *
 * @param action the last segment of wsa:Action: Hello, Bye, Probe, ProbeMatches, Resolve…
 * @param types the Types element (space-separated QNames such as {@code wsdp:Device})
 * @param xaddrs the XAddrs element (space-separated transport addresses, usually URLs)
 * @param endpoint the wsa:Address of the EndpointReference (a device's stable urn:uuid)
 */
record WsdMessage(
    String action, Optional<String> types, Optional<String> xaddrs, Optional<String> endpoint) {}
