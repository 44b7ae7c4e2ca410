package io.ward.simulate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Password guessing against a device's Telnet service: several connections of three failed logins
 * each (login(1) closes after three failures), with common default user names and fake passwords.
 */
final class TelnetBruteForceAttack implements Attack {
  private static final int CONNECTIONS = 8;
  private static final String[] USERS = {"admin", "root", "service", "biomed", "user", "support"};
  private static final String[] PASSWORDS = {
    "admin", "1234", "password", "Fake-Guess-1", "changeme", "service"
  };

  private PlannedDevice attacker;
  private PlannedDevice target;
  private boolean listening;
  private int id;

  @Override
  public String name() {
    return "telnet-brute-force";
  }

  @Override
  public void prepare(NetworkPlan plan, AttackLog log, SplittableRandom rnd) {
    attacker = Attack.pickWorkstation(plan, rnd, -1);
    target = plan.router();
    for (PlannedDevice d : plan.devices()) {
      if (d.model.server().contains(Protocol.TELNET) && d.model.telnetBanner().isPresent()) {
        target = d;
        listening = true;
        break;
      }
    }
    if (listening) {
      attacker.speaksAsClient(Protocol.TELNET);
      target.speaksAsServer(Protocol.TELNET);
    }
    id = log.register(name(), attacker.index, List.of(target.index), List.of());
  }

  @Override
  public void schedule(Simulation sim, long startMicros, long spanMicros) {
    SplittableRandom rnd = sim.random(0x7E1E, attacker.index);
    sim.schedule(
        new RepeatTask((s, n, at) -> attempt(s, at, rnd), CONNECTIONS, spanMicros / CONNECTIONS),
        startMicros);
  }

  private Host targetHost(Simulation sim) {
    return target.role() == Role.ROUTER ? sim.plan.gateway(attacker.zone) : target.host();
  }

  private void attempt(Simulation sim, long at, SplittableRandom rnd) {
    Conversation c = new Conversation(at, id);
    if (!listening) {
      new TcpFlow(
              c,
              sim.frames,
              attacker.host(),
              sim.ephemeralPort(attacker.index, rnd),
              targetHost(sim),
              Site.TELNET,
              rnd)
          .refused();
      c.start(sim);
      return;
    }
    TcpFlow flow = Exchanges.connect(sim, c, attacker.host(), targetHost(sim), Site.TELNET, rnd);
    flow.server(CleartextLogins.telnetServerOptions(), rnd.nextInt(1_000, 10_000));
    flow.client(CleartextLogins.telnetClientOptions(), 300);
    flow.server(
        CleartextLogins.telnetBanner(target.fill(target.model.telnetBanner().orElseThrow())),
        rnd.nextInt(1_000, 10_000));
    for (int i = 0; i < 3; i++) {
      String user = USERS[rnd.nextInt(USERS.length)];
      flow.client(CleartextLogins.line(user), rnd.nextInt(50_000, 300_000));
      flow.server(Bytes.text(user + "\r\nPassword: "), rnd.nextInt(1_000, 5_000));
      flow.client(
          CleartextLogins.line(PASSWORDS[rnd.nextInt(PASSWORDS.length)]),
          rnd.nextInt(50_000, 300_000));
      String again = i < 2 ? "login: " : "";
      flow.server(Bytes.text("\r\nLogin incorrect\r\n" + again), rnd.nextInt(1_000_000, 3_000_000));
    }
    flow.close(false);
    c.start(sim);
  }
}
