package io.ward.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedirectsTest {

  @Test
  void shouldGoBackToLocalPathsOnly() {
    assertThat(Redirects.back("/devices/4#work-2", "/x")).isEqualTo("redirect:/devices/4#work-2");
    assertThat(Redirects.back("//evil.example/", "/x")).isEqualTo("redirect:/x");
    assertThat(Redirects.back("https://evil.example/", "/x")).isEqualTo("redirect:/x");
    assertThat(Redirects.back("/\\evil.example", "/x")).isEqualTo("redirect:/x");
    assertThat(Redirects.back("/a b", "/x")).isEqualTo("redirect:/x");
    assertThat(Redirects.back(null, "/x")).isEqualTo("redirect:/x");
  }
}
