package dev.otpnet.internal.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.otpnet.inet.Inet;
import dev.otpnet.process.Proc;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void infinityIsOneValueEverywhere() {
        assertEquals(Deadline.INFINITY, Proc.INFINITY);
        assertEquals(Deadline.INFINITY, Inet.INFINITY);
    }

    @Test
    void infinityNeverExpires() {
        Deadline d = Deadline.after(Deadline.INFINITY);
        assertSame(Deadline.never(), d);
        assertTrue(d.isInfinite());
        assertFalse(d.expired());
        assertEquals(Long.MAX_VALUE, d.remainingNanos());
        assertEquals(Deadline.INFINITY, d.remainingMillis());
    }

    @Test
    void aTimeOutTooLargeForTheClockIsInfinite() {
        assertTrue(Deadline.after(Long.MAX_VALUE / 1_000_000).isInfinite());
    }

    @Test
    void zeroHasAlreadyPassed() {
        Deadline d = Deadline.after(0);
        assertFalse(d.isInfinite());
        assertTrue(d.expired());
        assertEquals(0, d.remainingMillis());
        assertTrue(d.remainingNanos() <= 0);
    }

    @Test
    void aFutureDeadlineGivesTheNextStepTheTimeLeftRoundedUp() {
        Deadline d = new Deadline(System.nanoTime() + 3_600_000_000_000L);   // an hour ahead
        assertFalse(d.expired());
        long left = d.remainingMillis();
        assertTrue(left > 3_590_000 && left <= 3_600_000, "left " + left);
    }

    @Test
    void aNegativeTimeOutIsTheCallersMistake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Deadline.after(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }
}
