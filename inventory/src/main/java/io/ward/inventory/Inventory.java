package io.ward.inventory;

import io.ward.model.Device;
import io.ward.model.ExternalEndpoint;
import java.util.List;

/**
 * What one assembly found: the devices, and the external endpoints they talked to (which are not
 * devices).
 *
 * @param devices the devices, sorted by id
 * @param external the external endpoints, sorted by address
 */
public record Inventory(List<Device> devices, List<ExternalEndpoint> external) {

  public Inventory {
    devices = List.copyOf(devices);
    external = List.copyOf(external);
  }
}
