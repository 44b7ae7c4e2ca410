package io.ward.capture.dissect.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * IANA names of TLS cipher suites, from the data file {@code cipher-suites.txt} beside this class
 * (knowledge is data: the table can be regenerated without touching code).
 */
final class CipherSuites {
  private static final Map<Integer, String> NAMES = load();

  private CipherSuites() {}

  /** The IANA name, or {@code 0x} and the code in four hex digits when it is not in the table. */
  static String name(int code) {
    String n = NAMES.get(code);
    return n != null ? n : TlsVersion.hex(code);
  }

  private static Map<Integer, String> load() {
    Map<Integer, String> names = new HashMap<>();
    try (InputStream in = CipherSuites.class.getResourceAsStream("cipher-suites.txt")) {
      if (in == null) {
        throw new IllegalStateException("cipher-suites.txt missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split("\\s+");
        if (parts.length != 2) {
          throw new IllegalStateException("bad line in cipher-suites.txt: " + line);
        }
        names.put(Integer.parseInt(parts[0], 16), parts[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(names);
  }
}
