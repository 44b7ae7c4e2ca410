package io.ward.simulate;

import java.util.SplittableRandom;

/**
 * A fictitious patient for test traffic: a name from a tiny list of obvious placeholders, a random
 * record number and birth date. Never a real person.
 */
record FakePatient(String name, String mrn, String birthDate, String sex, String bed) {

  static FakePatient random(SplittableRandom rnd) {
    String name = Site.FAKE_PATIENTS.get(rnd.nextInt(Site.FAKE_PATIENTS.size()));
    String mrn = String.format("%08d", rnd.nextInt(100_000_000));
    String dob =
        String.format(
            "%04d%02d%02d", 1930 + rnd.nextInt(90), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
    String sex = rnd.nextBoolean() ? "F" : "M";
    String bed =
        String.format(
            "%s^%d^%s", pickUnit(rnd), 100 + rnd.nextInt(300), rnd.nextBoolean() ? "A" : "B");
    return new FakePatient(name, mrn, dob, sex, bed);
  }

  private static String pickUnit(SplittableRandom rnd) {
    String[] units = {"ICU", "CCU", "MED3", "SURG2", "ED", "PEDS", "ONC4"};
    return units[rnd.nextInt(units.length)];
  }
}
