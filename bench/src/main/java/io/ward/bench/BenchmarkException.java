package io.ward.bench;

/** A benchmark step failed in a way that makes its figures meaningless (a tool crashed, etc.). */
final class BenchmarkException extends Exception {

  BenchmarkException(String message) {
    super(message);
  }
}
