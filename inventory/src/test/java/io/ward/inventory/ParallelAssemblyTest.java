package io.ward.inventory;

import static io.ward.model.ObservationFields.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ward.model.Device;
import io.ward.model.Endpoint;
import io.ward.model.IpAddress;
import io.ward.model.MacAddress;
import io.ward.model.Observation;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Assembling on several threads gives the devices one thread gives, in the same order. */
class ParallelAssemblyTest {

  private static KnowledgeBase kb;

  @BeforeAll
  static void load() throws Exception {
    kb = KnowledgeBase.load(Optional.empty(), Files.createTempDirectory("no-ieee-data"));
  }

  @Test
  void severalThreadsGiveTheSameDevicesAsOne() {
    InventoryBuilder builder = new InventoryBuilder(kb);
    Random random = new Random(7);
    // 600 devices of a few kinds, as a ward: each with its own MAC and IP, some with an IP-only
    // peer, so that fingerprints repeat across devices (the threads share one memo of them).
    for (int i = 0; i < 600; i++) {
      long oui = List.of(0x0009fbL, 0x00d075L, 0x001b77L, 0x000d5eL).get(i % 4);
      Endpoint device =
          Endpoint.of(
              new MacAddress(oui << 24 | i), IpAddress.ofV4(0x0a000000 | i), i % 3 == 0 ? 20 : 0);
      List<String[]> facts = OrderIndependenceTest.FACTS;
      for (int f = 0; f < 4; f++) {
        String[] fact = facts.get(random.nextInt(facts.size()));
        builder.observation(new Observation(Inputs.T0 + i, device, fact[0], fact[1]));
      }
      builder.observation(new Observation(Inputs.T0, device, DHCP_HOSTNAME, "host-" + i));
      if (i % 5 == 0) {
        Endpoint ipOnly = Endpoint.ofIp(IpAddress.ofV4(0xac100000 | i), 0);
        builder.observation(new Observation(Inputs.T0, ipOnly, NBNS_NAME, "peer-" + i));
      }
    }

    List<Device> one = builder.build(1);
    assertThat(one).hasSizeGreaterThan(600);
    assertThat(InventoryAssembly.parts(2, one.size())).isEqualTo(2);
    assertThat(InventoryAssembly.parts(5, one.size())).isEqualTo(5);
    assertThat(builder.build(2)).isEqualTo(one);
    assertThat(builder.build(5)).isEqualTo(one);
  }

  @Test
  void aSmallInventoryIsAssembledOnOneThread() {
    assertThat(InventoryAssembly.parts(8, 0)).isEqualTo(1);
    assertThat(InventoryAssembly.parts(8, InventoryAssembly.MIN_DEVICES_PER_THREAD * 2 - 1))
        .isEqualTo(1);
    assertThat(InventoryAssembly.parts(8, InventoryAssembly.MIN_DEVICES_PER_THREAD * 3))
        .isEqualTo(3);
    assertThat(InventoryAssembly.parts(1, 100_000)).isEqualTo(1);
  }

  @Test
  void everyPartRunsOnceOnItsOwnThreadAndTheFirstOnTheCaller() {
    String caller = Thread.currentThread().getName();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    int[] runs = new int[4];
    Parallel.run(
        4,
        part -> {
          runs[part]++;
          threads.add(Thread.currentThread().getName());
        });
    assertThat(runs).containsExactly(1, 1, 1, 1);
    assertThat(threads)
        .containsExactlyInAnyOrder(caller, "ward-assembly-1", "ward-assembly-2", "ward-assembly-3");
  }

  @Test
  void aPartsFailureIsRethrownOnTheCallerAfterAllFinish() {
    int[] finished = new int[1];
    assertThatThrownBy(
            () ->
                Parallel.run(
                    3,
                    part -> {
                      if (part == 2) {
                        throw new IllegalStateException("part 2 failed");
                      }
                      synchronized (finished) {
                        finished[0]++;
                      }
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("part 2 failed");
    assertThat(finished[0]).isEqualTo(2);
  }

  @Test
  void theFirstPartsFailureCarriesTheOthers() {
    Throwable thrown =
        catchThrowable(
            () ->
                Parallel.run(
                    4,
                    part -> {
                      if (part != 1) {
                        throw new IllegalArgumentException("part " + part + " failed");
                      }
                    }));
    assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("part 0 failed");
    assertThat(thrown.getSuppressed())
        .extracting(Throwable::getMessage)
        .containsExactly("part 2 failed", "part 3 failed");
  }
}
