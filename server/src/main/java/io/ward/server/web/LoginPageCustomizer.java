package io.ward.server.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Points form sign-in at the console's own {@code /login} page (Spring Security's generated page
 * needs inline styles, which the CSP forbids). Spring Security applies {@code
 * Customizer<HttpSecurity>} beans to the HttpSecurity that the security configuration then builds
 * on.
 */
@Configuration(proxyBeanMethods = false)
class LoginPageCustomizer {

  @Bean
  Customizer<HttpSecurity> wardLoginPage() {
    return http -> {
      try {
        http.formLogin(form -> form.loginPage("/login"));
      } catch (Exception e) {
        throw new IllegalStateException("cannot configure the sign-in page", e);
      }
    };
  }
}
