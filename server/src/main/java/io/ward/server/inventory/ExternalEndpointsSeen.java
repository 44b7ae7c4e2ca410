package io.ward.server.inventory;

import io.ward.model.ExternalEndpoint;
import java.util.List;

/**
 * The external endpoints one capture showed, with each device's traffic with them.
 *
 * @param endpoints the endpoints as the inventory separated them from the devices
 * @param traffic each device's flows with each endpoint ({@link FlowHours#external})
 */
public record ExternalEndpointsSeen(
    List<ExternalEndpoint> endpoints, List<ExternalTrafficRow> traffic) {

  /** A capture without external endpoints. */
  public static final ExternalEndpointsSeen NONE = new ExternalEndpointsSeen(List.of(), List.of());

  public ExternalEndpointsSeen {
    endpoints = List.copyOf(endpoints);
    traffic = List.copyOf(traffic);
  }
}
