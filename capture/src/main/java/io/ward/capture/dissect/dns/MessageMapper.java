package io.ward.capture.dissect.dns;

/** Turns one parsed message into observations; one implementation per protocol flavour. */
interface MessageMapper {

  void map(DnsMessage message, Emitter out);
}
