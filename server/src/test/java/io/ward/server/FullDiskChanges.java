package io.ward.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.server.api.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Changes the disk-full tests send to a server whose database's disk is full (API tokens, through
 * the API or the console), and what they then find stored.
 */
final class FullDiskChanges {
  private FullDiskChanges() {}

  /** One change to send, the {@code n}th. */
  interface Change {
    HttpResponse<String> send(int n) throws Exception;
  }

  /** The {@code n}th change, and the answer that refused it. */
  record Refusal(int n, HttpResponse<String> answer) {}

  /**
   * Sends the change again and again until an answer is not {@code accepted}; the disk is full, so
   * one comes within a few writes of the database.
   */
  static Refusal firstRefused(Change change, int accepted) throws Exception {
    for (int n = 0; n < 1000; n++) {
      HttpResponse<String> r = change.send(n);
      if (r.statusCode() != accepted) {
        return new Refusal(n, r);
      }
    }
    throw new AssertionError("1000 changes were taken on a full disk");
  }

  /** Creates an API token of the caller's through the API. */
  static HttpResponse<String> createToken(Http http, String name) throws Exception {
    return http.json("POST", "/api/v1/tokens", Http.json(Map.of("name", name)));
  }

  /** The names of the caller's API tokens. */
  static List<String> tokenNames(Http http) throws Exception {
    HttpResponse<String> r = http.get("/api/v1/tokens");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    Http.json(r.body()).forEach(t -> names.add(t.get("name").asString()));
    return names;
  }
}
