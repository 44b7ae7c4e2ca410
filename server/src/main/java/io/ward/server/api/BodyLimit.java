package io.ward.server.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the body of API requests other than file uploads at {@link #MAX_BYTES}: a larger declared
 * length is refused with 413 before it is read, and a chunked body is cut off at the cap (413 from
 * the error handler). Uploads (multipart) are streamed to disk and have no cap here.
 */
@Component
class BodyLimit extends OncePerRequestFilter {
  /** The largest JSON body accepted. */
  static final long MAX_BYTES = 1 << 20;

  /** The body passed the cap. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("the request body is larger than " + MAX_BYTES + " bytes");
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return !request.getRequestURI().startsWith("/api/")
        || (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response
          .getWriter()
          .write(
              "{\"type\":\"about:blank\",\"title\":\"Too large\",\"status\":413,"
                  + "\"detail\":\"the request body is larger than "
                  + MAX_BYTES
                  + " bytes\"}");
      return;
    }
    chain.doFilter(new Capped(request), response);
  }

  /** A request whose body stream fails once it passes the cap. */
  private static final class Capped extends HttpServletRequestWrapper {
    private ServletInputStream capped;

    Capped(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        capped = new CappedStream(super.getInputStream());
      }
      return capped;
    }
  }

  private static final class CappedStream extends ServletInputStream {
    private final ServletInputStream in;
    private long read;

    CappedStream(ServletInputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = in.read(buf, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws TooLarge {
      read += n;
      if (read > MAX_BYTES) {
        throw new TooLarge();
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}
