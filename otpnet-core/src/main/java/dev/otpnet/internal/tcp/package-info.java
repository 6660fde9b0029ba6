/**
 * What gen_tcp needs beyond the shared socket layer: the {@code Acceptor} that serves concurrent
 * accepts with time-outs on one listen socket, {@code Prepared} (listen and connect options
 * normalised once), and {@code TcpSockets}, the bridge other otpnet packages use to reach inside
 * a {@code TcpSocket}. Not exported.
 *
 * <p>Threading rule: an accept runs on the caller's thread. Callers take turns in arrival
 * order; the first one calls the kernel's (non-blocking) accept itself and parks on the wire
 * poller while the backlog is empty, so no thread is spent on a listen socket and no
 * connection is handed between threads. An I/O failure of one accept goes to one caller; any
 * other throwable closes the listen socket and reaches every caller as the reason.
 */
package dev.otpnet.internal.tcp;
