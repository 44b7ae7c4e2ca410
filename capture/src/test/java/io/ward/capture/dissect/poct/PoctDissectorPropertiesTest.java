package io.ward.capture.dissect.poct;

import static org.assertj.core.api.Assertions.assertThat;

import io.ward.capture.dissect.testing.DissectorExercise;
import io.ward.capture.dissect.testing.FuzzSeeds;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary and mutated real bytes never make the poct dissector throw. */
class PoctDissectorPropertiesTest {

  @Property(tries = 1_000)
  void cleanDropsControlCharactersAsTheCharacterByCharacterCopyDoes(
      @ForAll @net.jqwik.api.constraints.Chars({' ', '\t', '\u0085', '\u0001', 'a', '\u00e9'})
          String value) {
    StringBuilder sb = new StringBuilder();
    value.chars().filter(c -> !Character.isISOControl(c)).forEach(c -> sb.append((char) c));
    assertThat(PoctParser.clean(value)).isEqualTo(sb.toString().strip());
  }

  private static final List<byte[]> SEEDS =
      FuzzSeeds.load(PoctDissectorFuzzTest.class, "fuzzDissector");

  @Property(tries = 300)
  void shouldNeverThrowOnRandomBytes(@ForAll @Size(max = 3000) byte[] data) {
    DissectorExercise.runChecked(new PoctDissector(), 7001, data);
  }

  @Property(tries = 300)
  void shouldNeverThrowOnMutatedRealPayload(
      @ForAll @IntRange(min = 0, max = 1 << 20) int which,
      @ForAll @IntRange(min = 0, max = 1 << 20) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 100) int cutPercent) {
    assertThat(SEEDS).isNotEmpty();
    byte[] seed = SEEDS.get(which % SEEDS.size()).clone();
    if (seed.length > 1) {
      seed[1 + position % (seed.length - 1)] = value;
    }
    int keep = Math.max(1, seed.length * cutPercent / 100);
    DissectorExercise.runChecked(new PoctDissector(), 7001, java.util.Arrays.copyOf(seed, keep));
  }
}
