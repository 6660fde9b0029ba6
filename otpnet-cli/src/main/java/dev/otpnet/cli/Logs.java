package dev.otpnet.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the command's logs go: stderr, one line per record, {@code INFO} and up ({@code FINE},
 * System.Logger's {@code DEBUG}, with {@code -v}). The command and the library log through
 * {@link System.Logger}, which the JDK routes to {@code java.util.logging}; this sets that up so
 * stdout stays for the command's output ({@code listening on HOST:PORT}, the client's replies).
 */
final class Logs {
    private static final System.Logger LOG = System.getLogger("dev.otpnet.cli");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private Logs() {
    }

    static synchronized void configure(boolean verbose) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        Handler h = new ConsoleHandler(); // System.err
        h.setFormatter(new OneLine());
        h.setLevel(Level.ALL);
        root.addHandler(h);
        root.setLevel(Level.INFO);
        // -v is for otpnet's own debug lines, not the JDK's (its security loggers print every
        // trusted certificate at FINE). The loggers are kept so the levels stay set.
        for (int i = 0; i < OURS.length; i++) {
            OURS[i].setLevel(verbose ? Level.FINE : Level.INFO);
        }
    }

    private static final Logger[] OURS = {Logger.getLogger("otpnet"), Logger.getLogger("dev.otpnet")};

    /**
     * Holds back the supervisors' error reports (logger {@code dev.otpnet.otp}) until the returned
     * handle closes, unless {@code -v} is on. For a start that may fail: a listener that cannot
     * listen fails its supervisor's start, which the supervisor reports (stack trace and all, as
     * Erlang's does); the command reports the same failure as its one line.
     */
    static Held holdingBackSupervisorReports() {
        Logger otp = Logger.getLogger("dev.otpnet.otp");
        Level before = otp.getLevel();
        if (OURS[1].getLevel() == Level.FINE) {
            return () -> { };
        }
        otp.setLevel(Level.OFF);
        HELD.add(otp); // keep a strong reference while the level is set
        return () -> {
            otp.setLevel(before);
            HELD.remove(otp);
        };
    }

    /** What {@link #holdingBackSupervisorReports} returns: closing it lets the reports through again. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private static final List<Logger> HELD = new CopyOnWriteArrayList<>();

    static void debug(String what, Throwable t) {
        LOG.log(System.Logger.Level.DEBUG, what, t);
    }

    /** {@code 00:41:07.123Z INFO echo: message}, and a stack trace only when one was logged. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord r) {
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            String shortName = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder b = new StringBuilder()
                    .append(TIME.format(Instant.ofEpochMilli(r.getMillis()))).append("Z ")
                    .append(level(r.getLevel())).append(' ').append(shortName).append(": ")
                    .append(formatMessage(r)).append(System.lineSeparator());
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                b.append(sw);
            }
            return b.toString();
        }

        private static String level(Level l) {
            return l.intValue() >= Level.SEVERE.intValue() ? "ERROR"
                    : l.intValue() >= Level.WARNING.intValue() ? "WARN"
                    : l.intValue() >= Level.INFO.intValue() ? "INFO" : "DEBUG";
        }
    }
}
