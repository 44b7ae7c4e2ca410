package io.ward.model.exposure;

import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One asset row of a hospital CMMS/CMDB export (ServiceNow, Nuvolo…), as the hospital knows it.
 *
 * @param assetTag the hospital's asset tag
 * @param manufacturer manufacturer as entered
 * @param model model as entered
 * @param serial serial number
 * @param softwareVersion software / firmware version as entered
 * @param department owning department, e.g. {@code ICU}
 * @param location location, e.g. building/floor/room
 * @param mac MAC address
 * @param ip IP address
 * @param hostname host name
 * @param extra unmapped columns by header name, for display
 * @param source the export file name
 * @param line the 1-based line the row started on
 */
public record CmdbAsset(
    Optional<String> assetTag,
    Optional<String> manufacturer,
    Optional<String> model,
    Optional<String> serial,
    Optional<String> softwareVersion,
    Optional<String> department,
    Optional<String> location,
    Optional<MacAddress> mac,
    Optional<IpAddress> ip,
    Optional<String> hostname,
    Map<String, String> extra,
    String source,
    long line) {

  public CmdbAsset {
    Objects.requireNonNull(assetTag, "assetTag");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(softwareVersion, "softwareVersion");
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(hostname, "hostname");
    extra = Map.copyOf(extra);
    Objects.requireNonNull(source, "source");
    if (assetTag.isEmpty()
        && serial.isEmpty()
        && mac.isEmpty()
        && ip.isEmpty()
        && hostname.isEmpty()) {
      throw new IllegalArgumentException(
          "an asset needs an asset tag, serial, MAC, IP or host name to be identified");
    }
  }
}
