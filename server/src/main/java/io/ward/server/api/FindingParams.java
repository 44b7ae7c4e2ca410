package io.ward.server.api;

import io.ward.model.Category;
import io.ward.model.exposure.Decision;
import io.ward.model.exposure.FindingKind;
import io.ward.model.exposure.FindingStatus;
import io.ward.server.exposure.FindingFilter;

/**
 * Turns the findings filters of a request (API or console) into a {@link FindingFilter}: an unknown
 * id is a 400 naming the parameter and the ids it accepts, text is length- and control-checked.
 */
public final class FindingParams {
  private FindingParams() {}

  /** The sort values accepted: by score, highest or lowest first. */
  public static final String SCORE_DESC = "score-desc";

  /** Lowest score first. */
  public static final String SCORE_ASC = "score-asc";

  /** The filter the parameters ask for. */
  public static FindingFilter filter(
      String status,
      boolean kev,
      String decision,
      String kind,
      String category,
      String vendor,
      String q,
      String sort) {
    return new FindingFilter(
        Params.id("status", status, FindingStatus.class, FindingStatus::id),
        kev,
        Params.id("decision", decision, Decision.class, Decision::id),
        Params.id("kind", kind, FindingKind.class, FindingKind::id),
        Params.id("category", category, Category.class, Category::id),
        Params.text("vendor", vendor, Params.MAX_SEARCH),
        Params.text("q", q, Params.MAX_SEARCH),
        ascending(sort));
  }

  private static boolean ascending(String sort) {
    if (sort == null || sort.isBlank() || sort.strip().equals(SCORE_DESC)) {
      return false;
    }
    if (sort.strip().equals(SCORE_ASC)) {
      return true;
    }
    throw ApiException.badRequest("sort must be one of " + SCORE_DESC + ", " + SCORE_ASC);
  }
}
