package io.ward.server.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
  @Test
  void shouldRefuseShortLongAndOneOrTwoCharacterPasswords() {
    assertThatThrownBy(() -> PasswordPolicy.checkPassword("short"))
        .hasMessageContaining("at least 12 characters");
    assertThatThrownBy(() -> PasswordPolicy.checkPassword("x".repeat(257)))
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> PasswordPolicy.checkPassword("aaaaaaaaaaaaaaaa"))
        .hasMessageContaining("different characters");
    assertThatThrownBy(() -> PasswordPolicy.checkPassword("abababababab"))
        .hasMessageContaining("different characters");
    assertThatCode(() -> PasswordPolicy.checkPassword("correct horse battery staple"))
        .doesNotThrowAnyException();
  }
}
