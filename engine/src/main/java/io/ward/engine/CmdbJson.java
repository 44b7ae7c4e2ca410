package io.ward.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ward.exposure.cmdb.CmdbConflict;
import io.ward.exposure.cmdb.CmdbMergeResult;
import io.ward.exposure.cmdb.UnobservedAsset;
import io.ward.model.Device;
import io.ward.model.exposure.CmdbAsset;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** The {@code cmdb} object of the {@code ward.findings/1} document (docs/findings-schema.md). */
final class CmdbJson {
  private CmdbJson() {}

  /** Writes {@code "cmdb": {…}}, or {@code "cmdb": null} when no export was given. */
  static void write(JsonGenerator g, Optional<CmdbReconciliation> cmdb) throws IOException {
    if (cmdb.isEmpty()) {
      g.writeNullField("cmdb");
      return;
    }
    CmdbMergeResult m = cmdb.get().merge();
    g.writeObjectFieldStart("cmdb");
    g.writeStringField("file", cmdb.get().file());
    g.writeNumberField("assets", cmdb.get().assets());
    g.writeNumberField("matched", m.matchedCount());
    g.writeArrayFieldStart("conflicts");
    for (CmdbConflict c : m.conflicts()) {
      g.writeStartObject();
      g.writeStringField("kind", kind(c.kind()));
      opt(g, "device", c.deviceId());
      g.writeStringField("asset", c.asset());
      g.writeStringField("source", c.source());
      opt(g, "observed", c.observed());
      opt(g, "observedSource", c.observedSource());
      opt(g, "recorded", c.recorded());
      g.writeStringField("message", c.message());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("notObserved");
    for (UnobservedAsset u : m.unobserved()) {
      CmdbAsset a = u.asset();
      g.writeStartObject();
      opt(g, "device", u.device().map(Device::id));
      opt(g, "assetTag", a.assetTag());
      opt(g, "manufacturer", a.manufacturer());
      opt(g, "model", a.model());
      opt(g, "softwareVersion", a.softwareVersion());
      opt(g, "serial", a.serial());
      opt(g, "mac", a.mac().map(Object::toString));
      opt(g, "ip", a.ip().map(Object::toString));
      opt(g, "hostname", a.hostname());
      opt(g, "department", a.department());
      opt(g, "location", a.location());
      g.writeStringField("source", a.source() + ":" + a.line());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /** {@code DUPLICATE_ASSET} → {@code duplicate-asset}. */
  static String kind(CmdbConflict.Kind k) {
    return k.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static void opt(JsonGenerator g, String name, Optional<String> v) throws IOException {
    if (v.isPresent()) {
      g.writeStringField(name, v.get());
    } else {
      g.writeNullField(name);
    }
  }
}
