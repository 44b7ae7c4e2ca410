package io.ward.server.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A device's detail as {@code GET /api/v1/devices/{id}} gives it: the fields of {@link
 * DeviceJson.Detail}, what the last CMDB import found wrong about the device ({@code
 * cmdbConflicts}), and the external endpoints it talked with ({@code externalEndpoints}: the 100 it
 * exchanged the most flows with, with its own traffic with each).
 */
public record DeviceDetailJson(
    @JsonUnwrapped DeviceJson.Detail detail,
    List<CmdbConflictJson> cmdbConflicts,
    List<ExternalEndpointJson.Contact> externalEndpoints) {
  public DeviceDetailJson {
    cmdbConflicts = List.copyOf(cmdbConflicts);
    externalEndpoints = List.copyOf(externalEndpoints);
  }
}
