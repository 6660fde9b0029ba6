package dev.otpnet.bench;

/**
 * One measured run of one server in one scenario: the client's rate, the rate per second of server
 * CPU, latency percentiles, and for the idle scenarios the server's bytes per connection (RSS and,
 * for JVM servers, heap after a full GC). {@code note} says what went wrong, if anything did.
 */
record Row(double rate, double perCpuSecond, double p50Micros, double p99Micros, double rssPerConn,
           double heapPerConn, long serverRss, String note) {

    static Row failed(String note) {
        return new Row(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -1, note);
    }

    boolean ok() {
        return note == null || note.isEmpty();
    }
}
