package dev.otpnet.inet;

/**
 * {@code inet:getstat/1}: byte and packet counters of one socket (64-bit). Averages and the
 * deviation are of packet sizes, as Erlang computes them.
 */
public record Stats(long recvOct, long recvCnt, long recvMax, long recvAvg, long recvDvi,
        long sendOct, long sendCnt, long sendMax, long sendAvg, long sendPend) {

    @Override
    public String toString() {
        return "[{recv_oct," + recvOct + "},{recv_cnt," + recvCnt + "},{recv_max," + recvMax
                + "},{recv_avg," + recvAvg + "},{recv_dvi," + recvDvi + "},{send_oct," + sendOct
                + "},{send_cnt," + sendCnt + "},{send_max," + sendMax + "},{send_avg," + sendAvg
                + "},{send_pend," + sendPend + "}]";
    }
}
