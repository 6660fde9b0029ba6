package dev.otpnet.socket;

import dev.otpnet.process.Pid;
import java.util.List;
import java.util.Map;

/**
 * What {@link Sockets#info(Socket)} tells about one socket, Erlang's {@code socket:info/1} map.
 *
 * @param counters Erlang's counters: {@code read_byte}, {@code read_pkg}, {@code read_pkg_max},
 *                 {@code read_tries}, {@code read_waits}, {@code read_fails}, the same six for
 *                 {@code write_}, and {@code acc_success}, {@code acc_tries}, {@code acc_waits},
 *                 {@code acc_fails}
 * @param numReaders pending {@code recv}/{@code recvfrom} calls (blocked or {@code nowait})
 * @param numWriters pending {@code send}/{@code sendto}/{@code connect} calls
 * @param numAcceptors pending {@code accept} calls
 * @param rstates the read side's states ({@code open}, {@code bound}, {@code listening},
 *                {@code connected}, {@code read_shutdown}, {@code closed})
 * @param wstates the write side's states ({@code connecting}, {@code write_shutdown})
 */
public record SocketInfo(Domain domain, Type type, Protocol protocol, String ctype, Pid owner,
        Map<String, Long> counters, int numReaders, int numWriters, int numAcceptors,
        List<String> rstates, List<String> wstates) {
    public SocketInfo {
        counters = Map.copyOf(counters);
        rstates = List.copyOf(rstates);
        wstates = List.copyOf(wstates);
    }
}
