package dev.otpnet.internal.conn;

import dev.otpnet.inet.ActiveMode;
import dev.otpnet.inet.Option;

/**
 * The {@code {active, once}} cycle without allocation. A server re-arms with
 * {@code {active, once}} after each packet, so a socket's settings alternate between two values:
 * the armed ones a packet is delivered under, and the passive ones that delivery leaves. Each is an
 * immutable {@link Settings} record; keeping the last pair lets both steps of the cycle reuse them.
 *
 * <p>Thread confinement: used under the receiver's lock, like the settings it swaps.
 */
final class OnceCycle {
    private Settings armed;
    private Settings disarmed;

    /** The settings after one delivery under {@code s} ({@link Settings#afterDelivery}). */
    Settings afterDelivery(Settings s) {
        if (s == armed) {
            return disarmed;
        }
        Settings after = s.afterDelivery();
        if (s.active() == ActiveMode.ONCE) {
            armed = s;
            disarmed = after;
        }
        return after;
    }

    /** {@code s} with {@code o} applied, re-using the armed settings when {@code o} re-arms a disarmed socket. */
    Settings with(Settings s, Option o) {
        if (s == disarmed && o instanceof Option.Active a && a.mode() == ActiveMode.ONCE) {
            return armed;
        }
        return s.with(o);
    }
}
