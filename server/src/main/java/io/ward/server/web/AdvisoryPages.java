package io.ward.server.web;

import io.ward.server.api.ApiException;
import io.ward.server.api.FindingJson;
import io.ward.server.api.Params;
import io.ward.server.exposure.AdvisoryQueries;
import io.ward.server.exposure.FindingService;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Advisories ({@code /advisories}): the stored advisories with their reach here, searchable and a
 * page at a time, and one advisory's affected devices with the form that opens one remediation
 * record for all of them (or one vendor/model/firmware among them).
 */
@Controller
class AdvisoryPages {
  static final int PAGE = 50;

  private final AdvisoryQueries advisories;
  private final FindingService findings;

  AdvisoryPages(AdvisoryQueries advisories, FindingService findings) {
    this.advisories = advisories;
    this.findings = findings;
  }

  @GetMapping("/advisories")
  String list(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(name = "offset", defaultValue = "0") int offset,
      Model model) {
    Optional<String> text = Params.text("q", q, Params.MAX_SEARCH);
    if (offset < 0 || offset > MAX_OFFSET) {
      throw ApiException.badRequest("offset must be from 0 to " + MAX_OFFSET);
    }
    AdvisoryQueries.Listing listing = advisories.list(text, offset, PAGE);
    model.addAttribute("page", "advisories");
    model.addAttribute("rows", listing.items());
    model.addAttribute("total", listing.total());
    model.addAttribute("q", text.orElse(""));
    model.addAttribute("from", listing.items().isEmpty() ? 0 : offset + 1);
    model.addAttribute("to", offset + listing.items().size());
    model.addAttribute(
        "nextUrl", offset + PAGE < listing.total() ? url(text, offset + PAGE) : null);
    model.addAttribute("prevUrl", offset > 0 ? url(text, Math.max(0, offset - PAGE)) : null);
    return "advisories";
  }

  /** Largest offset: far beyond any advisory count, small enough that the page's sums fit. */
  static final int MAX_OFFSET = 100_000_000;

  private static String url(Optional<String> text, int offset) {
    QueryUrl b = new QueryUrl("/advisories");
    text.ifPresent(t -> b.param("q", t));
    return b.param("offset", offset).toString();
  }

  @GetMapping("/advisories/{id}")
  String detail(@PathVariable("id") long id, Model model) {
    AdvisoryQueries.Summary s =
        advisories.byId(id).orElseThrow(() -> ApiException.notFound("no advisory " + id));
    model.addAttribute("page", "advisories");
    model.addAttribute("a", s);
    model.addAttribute(
        "findings", findings.ofAdvisory(s.advisory().key()).stream().map(FindingJson::of).toList());
    model.addAttribute("groups", advisories.deviceGroups(s.advisory().key()));
    model.addAttribute("returnTo", "/advisories/" + id);
    return "advisory";
  }
}
