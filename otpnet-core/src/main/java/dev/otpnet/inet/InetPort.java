package dev.otpnet.inet;

import dev.otpnet.process.Pid;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What every otpnet socket offers, listening or connected: the {@code inet} functions and
 * ownership. {@link InetSocket} adds data transfer for connected sockets.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public interface InetPort extends AutoCloseable {

    /** Closes the socket. Idempotent. */
    @Override
    void close();

    boolean isOpen();

    /** Makes {@code pid} the owner; only the current owner may, else {@code not_owner}. */
    void controllingProcess(Pid pid) throws InetException;

    /** The owning (controlling) process. */
    Pid owner();

    void setopts(List<? extends Option> options) throws InetException;

    List<Option> getopts(List<OptionName> names) throws InetException;

    InetSocketAddress sockname() throws InetException;

    /** The local port. */
    default int port() throws InetException {
        return sockname().getPort();
    }

    /** The tag of this socket's messages: {@code "tcp"} or {@code "ssl"}. */
    String transport();
}
