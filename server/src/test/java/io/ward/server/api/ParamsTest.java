package io.ward.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ward.model.Category;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ParamsTest {

  @Test
  void shouldReadKnownIdsAndListTheAcceptedOnesWhenUnknown() {
    assertThat(Params.id("category", "infusion-pump", Category.class, Category::id))
        .contains(Category.INFUSION_PUMP);
    assertThat(Params.id("category", " ", Category.class, Category::id)).isEmpty();
    assertThatThrownBy(() -> Params.id("category", "pump' OR 1=1", Category.class, Category::id))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("category must be one of")
        .hasMessageContaining("infusion-pump");
  }

  @Test
  void shouldRefuseTextThatIsTooLongOrHoldsControlCharacters() {
    assertThat(Params.text("q", "  pump ", 10)).contains("pump");
    assertThatThrownBy(() -> Params.text("q", "x".repeat(11), 10))
        .hasMessage("q is longer than 10 characters");
    assertThatThrownBy(() -> Params.text("q", "a\u0000b", 10)).hasMessageContaining("control");
    assertThatThrownBy(() -> Params.required("title", "", 10)).hasMessage("title is required");
  }

  @Test
  void shouldReadIsoDatesAndBoundLimits() {
    assertThat(Params.date("due", "2026-01-31")).contains(LocalDate.of(2026, 1, 31));
    assertThatThrownBy(() -> Params.date("due", "31/01/2026")).hasMessageContaining("2026-01-31");
    assertThat(Params.limit(null, 50, 500)).isEqualTo(50);
    assertThatThrownBy(() -> Params.limit(501, 50, 500)).hasMessageContaining("[1,500]");
  }
}
