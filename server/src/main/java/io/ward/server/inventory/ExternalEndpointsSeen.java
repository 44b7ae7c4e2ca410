package io.ward.server.inventory;

import io.ward.model.ExternalEndpoint;
import io.ward.model.IpNetwork;
import java.util.List;
import java.util.Set;

/**
 * The external endpoints one capture showed, with each device's traffic with them.
 *
 * @param endpoints the endpoints as the inventory separated them from the devices
 * @param traffic each device's flows with each endpoint ({@link FlowHours#external})
 * @param internalNetworks the ranges declared internal when the capture was analysed: a device at a
 *     public address in one of them is a device by declaration, not for want of a router's MAC
 */
public record ExternalEndpointsSeen(
    List<ExternalEndpoint> endpoints,
    List<ExternalTrafficRow> traffic,
    List<IpNetwork> internalNetworks) {

  /** A capture without external endpoints. */
  public static final ExternalEndpointsSeen NONE =
      new ExternalEndpointsSeen(List.of(), List.of(), List.of());

  public ExternalEndpointsSeen {
    endpoints = List.copyOf(endpoints);
    traffic = List.copyOf(traffic);
    internalNetworks = List.copyOf(internalNetworks);
  }

  /** These endpoints but those at {@code ips}, and the traffic with them. */
  ExternalEndpointsSeen without(Set<String> ips) {
    if (ips.isEmpty()) {
      return this;
    }
    return new ExternalEndpointsSeen(
        endpoints.stream().filter(e -> !ips.contains(e.ip().toString())).toList(),
        traffic.stream().filter(t -> !ips.contains(t.ip().toString())).toList(),
        internalNetworks);
  }
}
