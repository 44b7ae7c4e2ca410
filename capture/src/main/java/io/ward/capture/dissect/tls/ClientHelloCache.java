package io.ward.capture.dissect.tls;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ClientHellos read once per distinct offer. A hospital's clients run a handful of TLS stacks that
 * send the same hello connection after connection; only the random, the session id and the server
 * name change. Parsing each into lists of boxed values and looking its prints up by those lists was
 * a twentieth of the analysis on the bench capture.
 *
 * <p>So the bytes of a hello, without its random, session id, server_name contents and the bodies
 * of extensions the parse only counts (a TLS 1.3 key share is random in every hello), are a key
 * (the offer). Every part the parse reads is in it, with its length, so two hellos with equal keys
 * parse to the same {@link ClientHello} but for the server name, which is read from the server_name
 * extensions as the parse reads it ({@link HelloParser#serverName}). An entry is made only from a
 * hello the full parse accepted; the walk that makes the key checks the same framing, so a hello
 * with an equal key is accepted too. Shared by the capture workers, bounded, cleared when full,
 * like the other TLS caches.
 */
final class ClientHelloCache {

  /** Distinct offers kept. */
  static final int MAX_ENTRIES = 1_024;

  /** Larger offers are parsed every time rather than kept. */
  static final int MAX_KEY_BYTES = 4_096;

  /** Hellos with more server_name extensions than this are parsed every time. */
  private static final int MAX_SERVER_NAMES = 4;

  private static final int EXT_SERVER_NAME = 0;

  private static final Map<BytesKey, ClientHelloPrints> CACHE = new ConcurrentHashMap<>();

  private ClientHelloCache() {}

  /** What Ward reports of a ClientHello: its offer's prints and the server it names. */
  record Hello(ClientHelloPrints prints, Optional<String> sni) {}

  /** A ClientHello body (RFC 8446 §4.1.2), as {@link HelloParser#clientHello} reads it. */
  static Optional<Hello> read(byte[] buf, int offset, int length) {
    KeyWalk walk = KeyWalk.of(buf, offset, length);
    if (walk != null) {
      ClientHelloPrints known = CACHE.get(walk.offer);
      if (known != null) {
        return Optional.of(new Hello(known, walk.serverName(buf)));
      }
    }
    Optional<ClientHello> parsed = HelloParser.clientHello(buf, offset, length);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    ClientHelloPrints prints = ClientHelloPrints.of(parsed.get());
    // Offers too large for the prints cache are not pinned here either (hostile hellos).
    if (walk != null && parsed.get().size() <= ClientHelloPrints.MAX_CACHED_SIZE) {
      if (CACHE.size() >= MAX_ENTRIES) {
        CACHE.clear();
      }
      CACHE.put(walk.offer, prints);
    }
    return Optional.of(new Hello(prints, parsed.get().sni()));
  }

  /** Empties the cache (tests). */
  static void clear() {
    CACHE.clear();
  }

  /** A hello's key and where its server_name extension bodies are. */
  private static final class KeyWalk {
    final BytesKey offer;
    private final int[] serverNames; // offset, length pairs
    private final int serverNameCount;

    private KeyWalk(BytesKey offer, int[] serverNames, int serverNameCount) {
      this.offer = offer;
      this.serverNames = serverNames;
      this.serverNameCount = serverNameCount;
    }

    /** The server name as the parse reads it: the first server_name body that yields one. */
    Optional<String> serverName(byte[] buf) {
      for (int i = 0; i < serverNameCount; i++) {
        Optional<String> name =
            HelloParser.serverName(buf, serverNames[2 * i], serverNames[2 * i + 1]);
        if (name.isPresent()) {
          return name;
        }
      }
      return Optional.empty();
    }

    /**
     * The key of a hello, or null when it is not kept (malformed, which the full parse then
     * reports; too large; too many server names). Mirrors {@link HelloParser#clientHello}'s
     * reading: version, random and session id skipped, cipher suites, compression methods skipped,
     * then the extensions while four bytes remain, each type and body; bytes after are ignored.
     */
    static KeyWalk of(byte[] buf, int offset, int length) {
      try {
        Cursor c = new Cursor(buf, offset, length);
        Key key = new Key();
        key.u16(c.u16()); // legacy version
        c.skip(32);
        c.skip(c.u8());
        int suites = c.u16();
        int suitesAt = c.position();
        c.skip(suites); // checked before any byte is copied
        key.u16(suites);
        key.copy(buf, suitesAt, suites);
        c.skip(c.u8());
        int[] serverNames = new int[2 * MAX_SERVER_NAMES];
        int names = 0;
        boolean extensions = c.remaining() >= 2;
        key.u8(extensions ? 1 : 0); // no extensions block is not the same as an empty one
        if (extensions) {
          Cursor ext = c.slice(c.u16());
          while (ext.remaining() >= 4) {
            int type = ext.u16();
            int size = ext.u16();
            int at = ext.position();
            ext.skip(size); // checked before any byte is copied
            key.u16(type);
            if (type == EXT_SERVER_NAME) {
              if (names == MAX_SERVER_NAMES) {
                return null;
              }
              serverNames[2 * names] = at;
              serverNames[2 * names + 1] = size;
              names++;
            } else if (HelloParser.readsClientBody(type)) {
              key.u16(size);
              key.copy(buf, at, size);
            }
          }
        }
        return key.tooLong ? null : new KeyWalk(key.offer(), serverNames, names);
      } catch (Cursor.Truncated e) {
        return null;
      }
    }
  }

  /** Builds a key, giving up past {@link #MAX_KEY_BYTES}. */
  private static final class Key {
    private byte[] bytes = new byte[256];
    private int length;
    boolean tooLong;

    void u8(int v) {
      if (room(1)) {
        bytes[length++] = (byte) v;
      }
    }

    void u16(int v) {
      if (room(2)) {
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
      }
    }

    void copy(byte[] from, int at, int n) {
      if (room(n)) {
        System.arraycopy(from, at, bytes, length, n);
        length += n;
      }
    }

    private boolean room(int n) {
      if (tooLong || length + n > MAX_KEY_BYTES) {
        tooLong = true;
        return false;
      }
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
      }
      return true;
    }

    BytesKey offer() {
      return BytesKey.of(Arrays.copyOf(bytes, length));
    }
  }
}
