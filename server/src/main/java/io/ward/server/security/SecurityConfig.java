package io.ward.server.security;

import io.ward.server.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Ward's web security, built from {@link AuthorizationTable}: form sign-in with sessions for the
 * console (each checked again after a change to its user, {@link SessionRecheckFilter}), bearer
 * tokens for scripts, CSRF on every form (not on bearer calls), and strict headers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfig {

  /** Content Security Policy: this origin only, no inline script, no framing. */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Bean
  SecurityFilterChain wardSecurity(
      HttpSecurity http,
      WardAuthenticationProvider passwords,
      TokenService tokens,
      AddressThrottle throttle,
      UserService users,
      SecurityChanges changes,
      AuditLog audit)
      throws Exception {
    // The sign-in form's manager holds the provider alone. Registering the provider with
    // HttpSecurity would also put it in Spring Boot's global manager (it is a bean), which becomes
    // the parent: a failed sign-in would then run twice and count twice towards lockout.
    // The token is checked and the session's user read again, then the upload gate runs, all
    // before the CSRF filter: reading the form's token makes the servlet container receive and
    // store a whole multipart body (UploadGate), so the gate must judge the sender's current role,
    // not the one a session held before its user was demoted or disabled. Filters added before the
    // same one keep the order they are added in.
    http.authenticationManager(new ProviderManager(passwords))
        .addFilterBefore(new BearerTokenFilter(tokens, throttle), CsrfFilter.class)
        .addFilterBefore(new SessionRecheckFilter(users, changes, audit), CsrfFilter.class)
        .addFilterBefore(new UploadGate(), CsrfFilter.class)
        .authorizeHttpRequests(SecurityConfig::authorize)
        .formLogin(form -> form.permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(
                    BearerTokenFilter::hasBearer, SecurityConfig::apiCallWithoutSession))
        .requestCache(cache -> cache.requestCache(pagesOnly()))
        .exceptionHandling(
            ex ->
                ex.defaultAuthenticationEntryPointFor(
                        new ApiAuthenticationEntryPoint(),
                        PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                    .accessDeniedHandler(new RefusalReasonHandler()))
        .headers(
            h ->
                h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                    .frameOptions(f -> f.deny())
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  /**
   * An API call with no session: CSRF (forged requests riding a browser's session cookie) cannot
   * apply, so it is left to authentication, which answers 401 rather than "form expired".
   */
  private static boolean apiCallWithoutSession(HttpServletRequest request) {
    return request.getSession(false) == null
        && request.getRequestURI().startsWith(request.getContextPath() + "/api/");
  }

  /**
   * Remembers a page to return to after sign-in; never an API call (no session for scripts), nor an
   * htmx request: the request replayed after sign-in carries the saved request's headers, so an
   * htmx sort link met by an ended session came back as its bare results section, without the page
   * around it. After such a request the user lands on the start page.
   */
  private static HttpSessionRequestCache pagesOnly() {
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(
        request ->
            !request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                && "GET".equals(request.getMethod())
                && request.getHeader("HX-Request") == null);
    return cache;
  }

  private static void authorize(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry a) {
    for (AuthorizationTable.Rule rule : AuthorizationTable.rules()) {
      var matcher =
          rule.method()
              .map(m -> PathPatternRequestMatcher.withDefaults().matcher(m, rule.pattern()))
              .orElseGet(() -> PathPatternRequestMatcher.withDefaults().matcher(rule.pattern()));
      if (rule.access() == AuthorizationTable.Access.PUBLIC) {
        a.requestMatchers(matcher).permitAll();
      } else {
        a.requestMatchers(matcher)
            .hasAnyAuthority(rule.roles().stream().map(Role::authority).toArray(String[]::new));
      }
    }
    a.anyRequest().denyAll();
  }
}
