package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/** A workstation or phone reaches a cloud service over TLS through the router. */
final class InternetTlsScenario implements Scenario {
  static final InternetTlsScenario INSTANCE = new InternetTlsScenario();

  @Override
  public boolean appliesTo(PlannedDevice owner, NetworkPlan plan) {
    return plan.has(Role.DOMAIN_CONTROLLER)
        && owner.model.client().contains(Protocol.TLS)
        && owner.model.client().contains(Protocol.DNS);
  }

  @Override
  public void declare(PlannedDevice owner, NetworkPlan plan) {
    owner.speaksAsClient(Protocol.TLS);
    owner.speaksAsClient(Protocol.DNS);
    plan.serving(Role.DOMAIN_CONTROLLER, owner).speaksAsServer(Protocol.DNS);
  }

  private static List<Site.Remote> destinations(PlannedDevice owner) {
    String os = owner.model.os().orElse("");
    if (os.startsWith("iOS") || os.startsWith("iPadOS")) {
      return Site.APPLE_CLOUD;
    }
    if (os.startsWith("Android")) {
      return Site.ANDROID_CLOUD;
    }
    return Site.WINDOWS_CLOUD;
  }

  @Override
  public void build(
      Simulation sim,
      PlannedDevice owner,
      SplittableRandom rnd,
      int occurrence,
      Conversation conv) {
    List<Site.Remote> choices = destinations(owner);
    Site.Remote r = choices.get(rnd.nextInt(choices.size()));
    if (Exchanges.lookUp(occurrence, rnd)) {
      Exchanges.dns(sim, conv, owner, r.name(), r.ip(), rnd);
    }
    Host remote = Host.remote(sim.plan.router().mac, sim.plan.router().index, r.ip());
    Exchanges.tls(
        sim,
        conv,
        owner.host(),
        remote,
        r.name(),
        TlsMessages.Client.of(owner.model),
        true,
        false,
        400 + rnd.nextInt(1_500),
        2_000 + rnd.nextInt(40_000),
        rnd);
  }
}
