package io.ward.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The requests a load client sends: typical inventory searches of the REST API (by category,
 * medical flag, vendor, criticality, free text, sorted pages, combined filters) and their next
 * pages by cursor; or one device's page from the API and from the console. Values come from the
 * loaded fleet, so every filter finds devices.
 */
final class ServerRequests {

  static final String DEFAULT = "inventory: riskiest first (default)";
  static final String CATEGORY = "inventory: by category";
  static final String MEDICAL = "inventory: medical only";
  static final String VENDOR = "inventory: by vendor";
  static final String CRITICALITY = "inventory: by criticality";
  static final String TEXT = "inventory: free text";
  static final String SORTED = "inventory: other sort, page size";
  static final String COMBINED = "inventory: combined filters";
  static final String NEXT_PAGE = "inventory: next page (cursor)";
  static final String DETAIL = "device API: detail with evidence";
  static final String PEERS = "device API: peers";
  static final String FINDINGS = "device API: findings";
  static final String CONSOLE = "console: device page";

  /**
   * The load phases: the inventory searches, one device through the inventory API, then the
   * console's device page. Apart, so each phase's response times are its own requests' (mixed, the
   * cheap API answers queued behind pages costing five times as much).
   */
  enum Mix {
    /** Typical filtered inventory searches of the REST API and their next pages. */
    INVENTORY(
        new Object[][] {
          {DEFAULT, 8},
          {CATEGORY, 10},
          {MEDICAL, 8},
          {VENDOR, 8},
          {CRITICALITY, 6},
          {TEXT, 10},
          {SORTED, 8},
          {COMBINED, 8},
        }),
    /** One device through the inventory API: its detail, and its peers or its findings. */
    DEVICE_API(new Object[][] {{DETAIL, 2}, {PEERS, 1}, {FINDINGS, 1}}),
    /** One device's page in the console (HTML: identity, evidence, peers, findings, work). */
    DEVICE_PAGE(new Object[][] {{CONSOLE, 1}});

    private final Object[][] shares;

    Mix(Object[][] shares) {
      this.shares = shares;
    }
  }

  /** Share of list requests after which the client reads on, up to {@link #PAGES} more pages. */
  private static final int FOLLOW_PERCENT = 35;

  private static final int PAGES = 3;

  private static final String[] CRITICALITIES = {"life-critical", "high", "medium", "low"};

  private static final String[] SORTS = {
    "risk", "last-seen", "criticality", "vendor", "category", "id"
  };

  private static final int[] LIMITS = {25, 50, 100, 200};

  /**
   * One request.
   *
   * @param kind what it asks, as the report names it
   * @param path the path and query
   * @param follow read the next page of this listing afterwards
   */
  record Request(String kind, String path, boolean follow) {}

  /** Where a client is in a listing it reads page by page. */
  static final class Reading {
    private String base;
    private String cursor;
    private int pagesLeft;

    /** The listing answered with {@code nextCursor} (null on its last page). */
    void answered(Request r, String nextCursor) {
      if (nextCursor == null || !r.follow()) {
        base = null;
        cursor = null;
        pagesLeft = 0;
        return;
      }
      if (!r.kind().equals(NEXT_PAGE)) {
        base = r.path();
        pagesLeft = PAGES;
      }
      cursor = nextCursor;
    }
  }

  private final List<String> categories = new ArrayList<>();
  private final List<String> vendors = new ArrayList<>();
  private final List<ServerFleet.Member> members;
  private final Object[][] mix;
  private final int weightTotal;

  ServerRequests(ServerFleet fleet, Mix mix) {
    this.members = fleet.members();
    this.mix = mix.shares;
    for (ServerFleet.Member m : members) {
      categories.add(m.template().category());
      if (!m.template().vendor().isEmpty()) {
        vendors.add(m.template().vendor());
      }
    }
    int total = 0;
    for (Object[] k : this.mix) {
      total += (Integer) k[1];
    }
    this.weightTotal = total;
  }

  /** Every kind, in report order. */
  static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (Mix m : Mix.values()) {
      for (Object[] k : m.shares) {
        kinds.add((String) k[0]);
      }
      if (m == Mix.INVENTORY) {
        kinds.add(NEXT_PAGE);
      }
    }
    return kinds;
  }

  /** The client's next request: the next page of what it reads, else a new one. */
  Request next(SplittableRandom random, Reading reading) {
    if (reading.cursor != null && reading.pagesLeft > 0) {
      reading.pagesLeft--;
      return new Request(
          NEXT_PAGE, reading.base + "&cursor=" + encode(reading.cursor), reading.pagesLeft > 0);
    }
    int pick = random.nextInt(weightTotal);
    String kind = null;
    for (Object[] k : mix) {
      pick -= (Integer) k[1];
      if (pick < 0) {
        kind = (String) k[0];
        break;
      }
    }
    boolean follow = random.nextInt(100) < FOLLOW_PERCENT;
    ServerFleet.Member m = members.get(random.nextInt(members.size()));
    return switch (kind) {
      case DETAIL -> new Request(kind, "/api/v1/devices/" + m.id(), false);
      case PEERS -> new Request(kind, "/api/v1/devices/" + m.id() + "/peers", false);
      case FINDINGS -> new Request(kind, "/api/v1/devices/" + m.id() + "/findings", false);
      case CONSOLE -> new Request(kind, "/devices/" + m.id(), false);
      default -> new Request(kind, "/api/v1/devices?" + query(kind, random, m), follow);
    };
  }

  private String query(String kind, SplittableRandom random, ServerFleet.Member m) {
    return switch (kind) {
      case CATEGORY -> "category=" + category(random);
      case MEDICAL -> "medical=true";
      case VENDOR -> "vendor=" + encode(vendor(random));
      case CRITICALITY -> "criticality=" + CRITICALITIES[random.nextInt(CRITICALITIES.length)];
      case TEXT -> "q=" + encode(words(random, m));
      case SORTED ->
          "sort="
              + SORTS[random.nextInt(SORTS.length)]
              + "&order="
              + (random.nextBoolean() ? "asc" : "desc")
              + "&limit="
              + LIMITS[random.nextInt(LIMITS.length)];
      case COMBINED -> combined(random);
      default -> "sort=risk";
    };
  }

  private String combined(SplittableRandom random) {
    return switch (random.nextInt(6)) {
      case 0 -> "medical=true&kev=true";
      case 1 -> "category=" + category(random) + "&minRisk=50";
      case 2 -> "vendor=" + encode(vendor(random)) + "&sort=last-seen";
      case 3 -> "criticality=life-critical&kev=true";
      case 4 ->
          "medical=true&criticality="
              + CRITICALITIES[random.nextInt(2)]
              + "&minRisk=70&sort=last-seen";
      default ->
          "site="
              + (1 + random.nextInt(ServerFleet.SITES.size()))
              + "&category="
              + category(random);
    };
  }

  /**
   * What a person types to find devices like {@code m}: a host name, a maker, a model, a subnet.
   */
  private static String words(SplittableRandom random, ServerFleet.Member m) {
    ServerTemplate t = m.template();
    List<String> choices = new ArrayList<>();
    if (!m.hostnames().isEmpty()) {
      String host = m.hostnames().get(0);
      choices.add(host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
    }
    firstWord(t.vendor()).ifPresent(choices::add);
    firstWord(t.model()).ifPresent(choices::add);
    choices.add(m.ip().substring(0, m.ip().lastIndexOf('.') + 1));
    firstWord(t.vendor()).ifPresent(v -> choices.add(t.category().replace('-', ' ') + " " + v));
    return choices.get(random.nextInt(choices.size())).toLowerCase(Locale.ROOT);
  }

  private static java.util.Optional<String> firstWord(String s) {
    for (String w : s.split("[\\s,()]+")) {
      if (w.length() >= 3) {
        return java.util.Optional.of(w);
      }
    }
    return java.util.Optional.empty();
  }

  private String category(SplittableRandom random) {
    return categories.get(random.nextInt(categories.size()));
  }

  private String vendor(SplittableRandom random) {
    return vendors.get(random.nextInt(vendors.size()));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
