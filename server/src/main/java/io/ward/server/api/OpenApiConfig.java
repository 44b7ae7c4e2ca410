package io.ward.server.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

  @Bean
  OpenAPI wardOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Ward API")
                .version("v1")
                .description(
                    "Passive discovery and protection of hospital medical devices: inventory,"
                        + " evidence, traffic, findings, remediation and ingest. Errors are RFC"
                        + " 9457 problem documents (application/problem+json).")
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API token from `ward tokens create` or the console")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
