package io.ward.server.ingest;

import jakarta.servlet.MultipartConfigElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where the servlet container keeps a multipart upload larger than {@code
 * spring.servlet.multipart.file-size-threshold} while receiving it: {@code
 * <data-dir>/uploads/.parts}, owner-only, emptied at start ({@link UploadStore#sweep}). By default
 * it would be the container's directory under {@code java.io.tmpdir}, readable by every local user,
 * where a crash mid-upload left a capture's patient data for good.
 *
 * <p>The container's size limits are {@code ward.ingest.max-upload-size} (Spring's {@code
 * spring.servlet.multipart.max-file-size} and {@code max-request-size} are not used): a request
 * that declares a larger body is refused before it is read, one that sends more is stopped when its
 * file passes the limit, and what it had written is deleted. {@link UploadStore} checks the same
 * limit again, for uploads that do not come through the container.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(MultipartProperties.class)
class UploadPartsConfig {

  /**
   * What a request may carry besides the file: the form's other fields, a CMDB column mapping (at
   * most 64 KiB), the multipart headers.
   */
  static final long REQUEST_OVERHEAD = 1 << 20;

  @Bean
  MultipartConfigElement multipartConfigElement(MultipartProperties multipart, UploadStore store) {
    Path parts;
    try {
      parts = store.partsDirectory();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the upload directory under the data dir", e);
    }
    MultipartConfigElement config = multipart.createMultipartConfig();
    return new MultipartConfigElement(
        parts.toString(),
        store.maxBytes(),
        store.maxBytes() + REQUEST_OVERHEAD,
        config.getFileSizeThreshold());
  }
}
