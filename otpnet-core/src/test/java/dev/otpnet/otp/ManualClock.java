package dev.otpnet.otp;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it: restart intensity is tested without sleeping. */
final class ManualClock implements InstantSource {

    private final AtomicLong millis = new AtomicLong(1_000_000);

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }
}
