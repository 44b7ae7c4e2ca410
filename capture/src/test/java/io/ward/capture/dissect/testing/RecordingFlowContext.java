package io.ward.capture.dissect.testing;

import io.ward.capture.dissect.FlowContext;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link FlowContext} for dissector unit tests: remembers every observation and anomaly so a test
 * can assert on them, and checks the same invariants the engine's context does (no null values).
 */
public final class RecordingFlowContext implements FlowContext {

  private final Endpoint client;
  private final Endpoint server;
  private final int clientPort;
  private final int serverPort;
  private final List<Observation> observations = new ArrayList<>();
  private final Map<String, Integer> anomalies = new TreeMap<>();
  private final List<Endpoint> otherClients = new ArrayList<>();
  private boolean encrypted;

  /** A context for a flow between two explicit endpoints. */
  public RecordingFlowContext(Endpoint client, int clientPort, Endpoint server, int serverPort) {
    this.client = client;
    this.server = server;
    this.clientPort = clientPort;
    this.serverPort = serverPort;
  }

  /** A context between 10.0.0.1 (MAC 02:00:00:00:00:01) and 10.0.0.2 (02:00:00:00:00:02). */
  public static RecordingFlowContext between(int clientPort, int serverPort) {
    return new RecordingFlowContext(
        Endpoint.of(MacAddress.parse("02:00:00:00:00:01"), IpAddress.parse("10.0.0.1"), 0),
        clientPort,
        Endpoint.of(MacAddress.parse("02:00:00:00:00:02"), IpAddress.parse("10.0.0.2"), 0),
        serverPort);
  }

  @Override
  public Endpoint client() {
    return client;
  }

  @Override
  public Endpoint server() {
    return server;
  }

  @Override
  public int clientPort() {
    return clientPort;
  }

  @Override
  public int serverPort() {
    return serverPort;
  }

  @Override
  public void observe(boolean aboutClient, long epochNanos, String field, String value) {
    observe(aboutClient ? client : server, epochNanos, field, value);
  }

  @Override
  public void observe(Endpoint subject, long epochNanos, String field, String value) {
    observations.add(new Observation(epochNanos, subject, field, value));
  }

  @Override
  public void alsoClient(Endpoint endpoint, long epochNanos) {
    java.util.Objects.requireNonNull(endpoint, "endpoint");
    if (!endpoint.equals(client) && !otherClients.contains(endpoint)) {
      otherClients.add(endpoint);
    }
  }

  @Override
  public void anomaly(String kind) {
    anomalies.merge(kind, 1, Integer::sum);
  }

  @Override
  public void markEncrypted() {
    encrypted = true;
  }

  /** Every observation in emission order. */
  public List<Observation> observations() {
    return List.copyOf(observations);
  }

  /** The values emitted for one field, in order. */
  public List<String> values(String field) {
    return observations.stream()
        .filter(o -> o.field().equals(field))
        .map(Observation::value)
        .toList();
  }

  /** The observations emitted about one subject. */
  public List<Observation> about(Endpoint subject) {
    return observations.stream().filter(o -> o.subject().equals(subject)).toList();
  }

  /** The endpoints a dissector said also spoke as the client, in the order it first said so. */
  public List<Endpoint> otherClients() {
    return List.copyOf(otherClients);
  }

  /** Anomaly counts by kind. */
  public Map<String, Integer> anomalies() {
    return Map.copyOf(anomalies);
  }

  /** True once a dissector called {@link #markEncrypted()}. */
  public boolean encrypted() {
    return encrypted;
  }
}
