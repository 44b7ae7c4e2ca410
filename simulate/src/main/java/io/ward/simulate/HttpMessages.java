package io.ward.simulate;

/** HTTP/1.1 requests and responses (RFC 9112) with the identifying headers Ward reads. */
final class HttpMessages {
  private HttpMessages() {}

  static byte[] get(String host, String path, String userAgent) {
    return Bytes.text(
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nUser-Agent: "
            + userAgent
            + "\r\nAccept: text/html,application/xhtml+xml,*/*;q=0.8\r\n"
            + "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n");
  }

  static byte[] response(
      int status, String reason, String server, String contentType, String body, long micros) {
    byte[] b = Bytes.utf8(body);
    return Bytes.utf8(
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nDate: "
            + CaptureClock.http(micros)
            + "\r\nServer: "
            + server
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + b.length
            + "\r\nConnection: close\r\n\r\n"
            + body);
  }

  /** A small HTML page with a title. */
  static String page(String title, int padding) {
    StringBuilder s = new StringBuilder(padding + 120);
    s.append("<!DOCTYPE html><html><head><title>").append(title).append("</title></head><body>");
    s.append("<h1>").append(title).append("</h1>");
    while (s.length() < padding) {
      s.append("<p>Status OK.</p>");
    }
    return s.append("</body></html>").toString();
  }
}
