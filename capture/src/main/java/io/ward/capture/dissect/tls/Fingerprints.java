package io.ward.capture.dissect.tls;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/** TLS client fingerprints of a ClientHello: JA3 (Salesforce) and JA4 (FoxIO). */
final class Fingerprints {
  private static final HexFormat HEX = HexFormat.of();

  private Fingerprints() {}

  /**
   * The JA3 string: {@code version,ciphers,extensions,groups,pointFormats}, decimal values joined
   * by '-', GREASE removed (github.com/salesforce/ja3, README "How it works").
   */
  static String ja3String(ClientHello h) {
    return h.legacyVersion()
        + ","
        + decimals(h.ciphers())
        + ","
        + decimals(h.extensions())
        + ","
        + decimals(h.groups())
        + ","
        + decimals(h.pointFormats());
  }

  /** The JA3 fingerprint: MD5 of {@link #ja3String}, lower-case hex. */
  static String ja3(ClientHello h) {
    return HEX.formatHex(digest("MD5", ja3String(h)));
  }

  /**
   * JA4 for TLS over TCP (FoxIO JA4 technical details): {@code t}, version, SNI d/i, cipher and
   * extension counts, ALPN first/last character, then truncated SHA-256 of the sorted ciphers and
   * of the sorted extensions (without SNI and ALPN) followed by the signature algorithms in wire
   * order.
   */
  static String ja4(ClientHello h) {
    List<Integer> ciphers = noGrease(h.ciphers());
    List<Integer> extensions = noGrease(h.extensions());
    String a =
        "t"
            + ja4Version(h.highestVersion())
            + (extensions.contains(HelloParser.EXT_SERVER_NAME) ? "d" : "i")
            + twoDigits(ciphers.size())
            + twoDigits(extensions.size())
            + ja4Alpn(h.alpn());
    List<Integer> sortedExtensions = new ArrayList<>();
    for (int e : extensions) {
      if (e != HelloParser.EXT_SERVER_NAME && e != HelloParser.EXT_ALPN) {
        sortedExtensions.add(e);
      }
    }
    sortedExtensions.sort(null);
    List<Integer> sortedCiphers = new ArrayList<>(ciphers);
    sortedCiphers.sort(null);
    String b = ciphers.isEmpty() ? "000000000000" : truncatedSha256(hex4(sortedCiphers));
    List<Integer> sigs = noGrease(h.signatureAlgorithms());
    String extText = hex4(sortedExtensions) + (sigs.isEmpty() ? "" : "_" + hex4(sigs));
    String c = sortedExtensions.isEmpty() ? "000000000000" : truncatedSha256(extText);
    return a + "_" + b + "_" + c;
  }

  /** JA4's two-character version: 13, 12, 11, 10, s3, s2, s1, else 00. */
  static String ja4Version(int v) {
    switch (v) {
      case 0x0304:
        return "13";
      case 0x0303:
        return "12";
      case 0x0302:
        return "11";
      case 0x0301:
        return "10";
      case 0x0300:
        return "s3";
      case 0x0200:
      case 0x0002:
        return "s2";
      case 0x0100:
        return "s1";
      default:
        return "00";
    }
  }

  /**
   * First and last character of the first ALPN value; "00" without ALPN. When either is not
   * alphanumeric, the first and last character of the value's hex form instead.
   */
  static String ja4Alpn(List<String> alpn) {
    if (alpn.isEmpty() || alpn.get(0).isEmpty()) {
      return "00";
    }
    String v = alpn.get(0);
    char first = v.charAt(0);
    char last = v.charAt(v.length() - 1);
    if (alphanumeric(first) && alphanumeric(last)) {
      return "" + first + last;
    }
    String hex = HEX.formatHex(v.getBytes(StandardCharsets.ISO_8859_1));
    return "" + hex.charAt(0) + hex.charAt(hex.length() - 1);
  }

  private static boolean alphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static String truncatedSha256(String text) {
    return HEX.formatHex(digest("SHA-256", text)).substring(0, 12);
  }

  private static String twoDigits(int n) {
    int v = Math.min(n, 99);
    return new String(new char[] {(char) ('0' + v / 10), (char) ('0' + v % 10)});
  }

  private static List<Integer> noGrease(List<Integer> values) {
    List<Integer> out = new ArrayList<>(values.size());
    for (int v : values) {
      if (!TlsVersion.isGrease(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private static String decimals(List<Integer> values) {
    StringJoiner j = new StringJoiner("-");
    for (int v : values) {
      if (!TlsVersion.isGrease(v)) {
        j.add(Integer.toString(v));
      }
    }
    return j.toString();
  }

  static String hex4(List<Integer> values) {
    StringBuilder sb = new StringBuilder(values.size() * 5);
    for (int v : values) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      appendHex(sb, v, 4);
    }
    return sb.toString();
  }

  /**
   * Appends {@code v} as lower-case hex, zero-padded to {@code digits}, as {@code %0Nx} would:
   * written out because String.format ran for every cipher of every ClientHello.
   */
  static void appendHex(StringBuilder sb, int v, int digits) {
    String hex = Integer.toHexString(v);
    for (int i = hex.length(); i < digits; i++) {
      sb.append('0');
    }
    sb.append(hex);
  }

  private static byte[] digest(String algorithm, String text) {
    try {
      return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 and SHA-256 (MessageDigest Javadoc).
      throw new IllegalStateException(e);
    }
  }
}
