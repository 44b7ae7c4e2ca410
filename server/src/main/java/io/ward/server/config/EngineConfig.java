package io.ward.server.config;

import io.ward.inventory.KnowledgeBase;
import io.ward.inventory.KnowledgeBaseException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The engine pieces the server shares between jobs: the fingerprint knowledge base. */
@Configuration(proxyBeanMethods = false)
class EngineConfig {

  @Bean
  @Lazy
  KnowledgeBase knowledgeBase(WardProperties properties) throws KnowledgeBaseException {
    Optional<java.nio.file.Path> userDir =
        Optional.of(properties.dataDirectory().resolve("knowledge"))
            .filter(java.nio.file.Files::isDirectory);
    try {
      return KnowledgeBase.load(userDir);
    } catch (UncheckedIOException e) {
      throw new KnowledgeBaseException("cannot read the knowledge base: " + e.getMessage(), e);
    }
  }

  @Bean
  TransactionTemplate transactionTemplate(PlatformTransactionManager tm) {
    return new TransactionTemplate(tm);
  }
}
