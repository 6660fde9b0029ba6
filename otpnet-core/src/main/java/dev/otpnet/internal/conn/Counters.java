package dev.otpnet.internal.conn;

/**
 * One direction's getstat counters: octets, packets, largest, mean and mean deviation of packet
 * sizes. Not thread-safe: each instance is updated under its direction's lock.
 */
final class Counters {
    long octets;
    long count;
    long max;
    private double avg;
    private double dvi;

    /** Counts {@code bytes} arriving or leaving, without a packet boundary (the raw octets). */
    void addOctets(long bytes) {
        octets += bytes;
    }

    /** Counts one packet of {@code size} bytes. */
    void addPacket(long size) {
        count++;
        max = Math.max(max, size);
        avg += (size - avg) / count;
        dvi += (Math.abs(size - avg) - dvi) / count;
    }

    long avg() {
        return Math.round(avg);
    }

    long dvi() {
        return Math.round(dvi);
    }
}
