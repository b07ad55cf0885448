package dev.fp.testing;

import dev.fp.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code fp} command line in this JVM as a user would, capturing what it prints. */
public final class FpCli {
  private FpCli() {
  }

  /** What one command did: its exit code and everything it printed on stdout and stderr. */
  public record Result(int code, String out, String err) {
  }

  /** {@code fp <args>} with stdout and stderr captured (restored afterwards, also when the command throws). */
  public static Result fp(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
