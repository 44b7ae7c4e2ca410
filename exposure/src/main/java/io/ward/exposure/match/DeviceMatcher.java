package io.ward.exposure.match;

import io.ward.model.Device;
import io.ward.model.exposure.Finding;
import io.ward.model.exposure.Sbom;
import java.util.List;

/** Matches devices (and the SBOMs of their models) against advisories. */
public interface DeviceMatcher {

  /** The vulnerability findings of one device, sorted by id, one per vulnerability and subject. */
  List<Finding> match(Device device, List<Sbom> sboms);
}
