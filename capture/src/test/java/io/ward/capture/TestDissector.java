package io.ward.capture;

import io.ward.capture.dissect.Dissector;
import io.ward.capture.dissect.DissectorSession;
import io.ward.capture.dissect.FlowContext;
import io.ward.model.Transport;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dissector for engine tests: accepts payloads starting with a prefix, and reports each chunk it
 * receives as an observation {@code <protocol>.data = "<c|s>:<text>"} about the client.
 */
final class TestDissector implements Dissector {
  final String protocol;
  final Transport transport;
  final int[] ports;
  final boolean heuristic;
  final String prefix;
  boolean encrypted;
  boolean markEncrypted;
  int chunksWanted = Integer.MAX_VALUE;
  boolean throwOnData;
  final AtomicInteger probes = new AtomicInteger();
  final AtomicInteger chunks = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();

  TestDissector(
      String protocol, Transport transport, int[] ports, boolean heuristic, String prefix) {
    this.protocol = protocol;
    this.transport = transport;
    this.ports = ports;
    this.heuristic = heuristic;
    this.prefix = prefix;
  }

  @Override
  public String protocol() {
    return protocol;
  }

  @Override
  public Transport transport() {
    return transport;
  }

  @Override
  public int[] wellKnownPorts() {
    return ports;
  }

  @Override
  public boolean heuristic() {
    return heuristic;
  }

  @Override
  public boolean probe(byte[] buf, int offset, int length, boolean fromClient) {
    probes.incrementAndGet();
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    if (length < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (buf[offset + i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean encrypted() {
    return encrypted;
  }

  @Override
  public DissectorSession open(FlowContext flow) {
    return new DissectorSession() {
      int seen;

      @Override
      public boolean onData(
          boolean fromClient, long epochNanos, byte[] buf, int offset, int length) {
        chunks.incrementAndGet();
        if (throwOnData) {
          throw new IllegalStateException("bug in a dissector");
        }
        if (markEncrypted) {
          flow.markEncrypted();
        }
        String text = new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        flow.observe(true, epochNanos, protocol + ".data", (fromClient ? "c:" : "s:") + text);
        return ++seen < chunksWanted;
      }

      @Override
      public boolean onGap(boolean fromClient, long missingBytes) {
        flow.observe(true, 0, protocol + ".gap", Long.toString(missingBytes));
        return true;
      }

      @Override
      public void onClose() {
        closes.incrementAndGet();
      }
    };
  }
}
