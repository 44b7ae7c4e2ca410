package io.ward.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 response read off a kept-alive connection: the status, the body (by Content-Length,
 * chunked transfer coding, or up to the end of the stream) and whether the server closes the
 * connection after it. Just what the load client needs, so that reading a response costs the load
 * client far less than the server spends answering it.
 *
 * @param status the status code
 * @param body the body as UTF-8 text
 * @param close the server closes the connection after this response
 */
record ServerHttpResponse(int status, String body, boolean close) {

  private static final int MAX_LINE = 16 * 1024;

  /** Reads one response from {@code in}. */
  static ServerHttpResponse read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (!statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (RuntimeException e) {
      throw new IOException("bad status line: " + statusLine);
    }
    long length = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.endsWith("chunked");
        case "connection" -> close = value.contains("close");
        default -> {
          // not needed
        }
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 8192);
    if (chunked) {
      for (long size = chunkSize(line(in)); size > 0; size = chunkSize(line(in))) {
        copy(in, body, size);
        if (!line(in).isEmpty()) {
          throw new IOException("chunk not followed by CRLF");
        }
      }
      while (!line(in).isEmpty()) {
        // trailer fields
      }
    } else if (length >= 0) {
      copy(in, body, length);
    } else {
      in.transferTo(body);
      close = true;
    }
    return new ServerHttpResponse(status, body.toString(StandardCharsets.UTF_8), close);
  }

  private static long chunkSize(String line) throws IOException {
    int semicolon = line.indexOf(';');
    String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
    try {
      return Long.parseLong(hex, 16);
    } catch (NumberFormatException e) {
      throw new IOException("bad chunk size: " + line);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out, long n) throws IOException {
    byte[] buffer = new byte[8192];
    long left = n;
    while (left > 0) {
      int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (r < 0) {
        throw new EOFException("connection closed " + left + " bytes before the end of the body");
      }
      out.write(buffer, 0, r);
      left -= r;
    }
  }

  /** One CRLF-terminated line without its CRLF (a bare LF also ends it). */
  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed in the middle of a response");
      }
      if (b == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_LINE) {
        throw new IOException("header line longer than " + MAX_LINE + " bytes");
      }
      sb.append((char) b);
    }
  }
}
