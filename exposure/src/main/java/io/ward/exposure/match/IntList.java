package io.ward.exposure.match;

import java.util.Arrays;

/** A growable list of ints without boxing. */
final class IntList {

  private int[] values;
  private int size;

  IntList() {
    this(4);
  }

  IntList(int capacity) {
    values = new int[Math.max(1, capacity)];
  }

  void add(int v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int get(int i) {
    return values[i];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The last value; the list must not be empty. */
  int last() {
    return values[size - 1];
  }

  int[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
