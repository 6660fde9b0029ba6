package dev.otpnet.internal.conn;

import dev.otpnet.internal.wire.Wire;

/**
 * How a {@link Sender}'s side of the socket ends: {@code shutdown(write)} and close, each at once
 * or, while bytes are queued, once the drainer has written them (inet_drv's pending shutdown and
 * delayed close). Either one refuses later sends at once.
 *
 * <pre>
 *   shutdown(write), nobody writing ──▶ shut now (by the caller, outside the lock)
 *   shutdown(write) or close, bytes queued ──▶ pending ──{@link #drained}──▶ shut, then close
 * </pre>
 *
 * <p>Memory: made at the first shutdown or delayed close; a socket that is simply closed with
 * nothing queued never has one.
 *
 * <p>Thread confinement: every call under the {@code Sender}'s lock.
 */
final class SendEnd {
    private boolean shutdownPending;
    private boolean closePending;
    private boolean outputShut;

    /** Whether sends are refused: the output is shut, or a shutdown or close waits for the queue. */
    boolean refusesSends() {
        return outputShut || shutdownPending || closePending;
    }

    /**
     * {@code shutdown(write)} was asked for: true if the caller shuts the wire's output now (after
     * letting go of the lock); false if that was already done or asked, or if, while someone is
     * {@code draining}, it waits for the queued bytes.
     */
    boolean shutdown(boolean draining) {
        if (outputShut || shutdownPending) {
            return false;
        }
        if (draining) {
            shutdownPending = true;
            return false;
        }
        outputShut = true;
        return true;
    }

    /** Close was asked for while bytes are queued: {@link #drained} closes the wire. */
    void closeWhenDrained() {
        closePending = true;
    }

    /** Nobody writes any more: runs a shutdown, then a close, that waited for the queue to empty. */
    void drained(Wire wire) {
        if (shutdownPending && !outputShut) {
            outputShut = true;
            try {
                wire.shutdownOutput();
            } catch (Exception ignored) {
                // the peer is gone; nothing more to tell it
            }
        }
        if (closePending) {
            wire.close();
        }
    }
}
