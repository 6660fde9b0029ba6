package dev.otpnet.otp;

import dev.otpnet.process.Pid;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps what the library logs under {@code dev.otpnet} (System.Logger goes to java.util.logging). */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.otpnet");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    /** The records whose message names {@code pid}. */
    List<LogRecord> about(Pid pid) {
        return records.stream().filter(r -> r.getMessage().contains(pid.toString() + " ")
                || r.getMessage().contains(pid.toString() + "\n")).toList();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
