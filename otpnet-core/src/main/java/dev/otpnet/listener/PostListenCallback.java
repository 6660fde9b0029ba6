package dev.otpnet.listener;

import dev.otpnet.tcp.TcpListenSocket;

/**
 * Ranch 2.1's {@code post_listen_callback}: called with each listen socket right after it is
 * opened and before any acceptor accepts on it, at start and at every resume, in the process that
 * owns the listen sockets. Use it for setup the listener's options do not cover (a socket option
 * set through {@code setopts}, registering the port somewhere).
 *
 * <p>Returning is Ranch's {@code ok}. Throwing is its {@code {error, Reason}}: the listen sockets
 * close and {@link Listener#start} (or {@link Listener#resume}) throws; an
 * {@link dev.otpnet.inet.InetException} is thrown as it is, anything else as an
 * {@code InetException} with reason {@code {post_listen_callback, Message}}.
 */
@FunctionalInterface
public interface PostListenCallback {

    /** Ranch's default, {@code fun(_ListenSock) -> ok end}. */
    PostListenCallback NONE = socket -> {
    };

    void afterListen(TcpListenSocket socket) throws Exception;
}
