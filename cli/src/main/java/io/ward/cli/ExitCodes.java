package io.ward.cli;

import io.ward.capture.CaptureFormatException;
import io.ward.engine.InventoryFormatException;
import io.ward.inventory.KnowledgeBaseException;
import io.ward.server.audit.AuditKeyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/** Ward's exit codes (DESIGN.md) and the mapping of failures to one-line messages. */
final class ExitCodes {
  private ExitCodes() {}

  static final int OK = 0;
  static final int USAGE = 2;
  static final int BAD_INPUT = 3;
  static final int WARNINGS = 4;
  static final int INTERNAL = 1;

  static int forException(Throwable t) {
    if (t instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (isInputProblem(t)) {
      return BAD_INPUT;
    }
    return INTERNAL;
  }

  static boolean isInputProblem(Throwable t) {
    return t instanceof CaptureFormatException
        || t instanceof InventoryFormatException
        || t instanceof KnowledgeBaseException
        || t instanceof NoSuchFileException
        || t instanceof AccessDeniedException
        || t instanceof UserInputException
        || t instanceof AuditKeyException;
  }

  /** One line on stderr for user errors; a stack trace only for Ward's own bugs. */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(
        Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
      Throwable t = ex instanceof UncheckedIOException ? ex.getCause() : ex;
      if (isInputProblem(t)) {
        cl.getErr().println("ward: " + describe(t));
        return BAD_INPUT;
      }
      if (t instanceof IOException) {
        cl.getErr().println("ward: " + describe(t));
        return BAD_INPUT;
      }
      cl.getErr().println("ward: internal error, please report it: " + t);
      t.printStackTrace(cl.getErr());
      return INTERNAL;
    }
  }

  /** A user error's message: its text, saying what a bare file name in it means. */
  static String describe(Throwable t) {
    if (t instanceof NoSuchFileException n) {
      // A reason given where it was thrown ("not a directory") already says what is wrong.
      return n.getReason() != null ? n.getMessage() : n.getMessage() + ": no such file";
    }
    if (t instanceof AccessDeniedException) {
      return t.getMessage() + ": permission denied";
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
