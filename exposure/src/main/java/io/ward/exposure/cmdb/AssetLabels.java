package io.ward.exposure.cmdb;

import io.ward.model.exposure.CmdbAsset;

/** How an asset is named in messages. */
final class AssetLabels {

  private AssetLabels() {}

  /** The asset tag, else the serial, else the line. */
  static String of(CmdbAsset a) {
    return a.assetTag()
        .map(t -> "asset " + t)
        .or(() -> a.serial().map(s -> "serial " + s))
        .orElse("line " + a.line());
  }

  /** The file and line. */
  static String source(CmdbAsset a) {
    return a.source() + ":" + a.line();
  }
}
