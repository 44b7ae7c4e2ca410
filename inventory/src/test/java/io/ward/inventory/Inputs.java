package io.ward.inventory;

import io.ward.model.Endpoint;
import io.ward.model.Flow;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import io.ward.model.Transport;
import java.nio.file.Path;
import java.util.Optional;

/** Small constructors for test input. */
final class Inputs {
  private Inputs() {}

  static final long T0 = 1_700_000_000_000_000_000L;

  static MacAddress mac(String s) {
    return MacAddress.parse(s);
  }

  static IpAddress ip(String s) {
    return IpAddress.parse(s);
  }

  static Endpoint at(String mac, String ip) {
    return Endpoint.of(mac(mac), ip(ip), 0);
  }

  static Endpoint macOnly(String mac) {
    return Endpoint.ofMac(mac(mac), 0);
  }

  static Endpoint ipOnly(String ip) {
    return Endpoint.ofIp(ip(ip), 0);
  }

  static Observation obs(long t, Endpoint subject, String field, String value) {
    return new Observation(T0 + t, subject, field, value);
  }

  static Flow tcp(Endpoint client, Endpoint server, int serverPort, String appProtocol, long t) {
    return new Flow(
        client,
        49152,
        server,
        serverPort,
        Transport.TCP,
        0,
        Optional.ofNullable(appProtocol),
        false,
        3,
        300,
        3,
        300,
        T0 + t,
        T0 + t + 1_000_000);
  }

  static Flow udp(Endpoint client, Endpoint server, int serverPort, long t) {
    return new Flow(
        client,
        50000,
        server,
        serverPort,
        Transport.UDP,
        0,
        Optional.empty(),
        false,
        1,
        100,
        1,
        100,
        T0 + t,
        T0 + t);
  }

  /** Shared test data: WARD_TESTDATA, else ../../shared/data relative to the module. */
  static Path testData() {
    String env = System.getenv("WARD_TESTDATA");
    return env != null && !env.isBlank() ? Path.of(env) : Path.of("../../shared/data");
  }
}
