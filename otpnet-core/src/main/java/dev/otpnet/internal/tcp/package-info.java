/**
 * What gen_tcp needs beyond the shared socket layer: the {@code Acceptor} that serves concurrent
 * accepts with time-outs on one listen socket, {@code Prepared} (listen and connect options
 * normalised once), and {@code TcpSockets}, the bridge other otpnet packages use to reach inside
 * a {@code TcpSocket}. Not exported.
 *
 * <p>Threading rule: an accept runs on the caller's thread only while it waits; one
 * {@code otpnet-acceptor} virtual thread per listen socket calls the kernel's accept, only
 * while someone waits, and hands each connection to the longest waiter. An I/O failure of one
 * accept goes to one caller; any other throwable closes the listen socket and reaches every
 * caller as the reason.
 */
package dev.otpnet.internal.tcp;
