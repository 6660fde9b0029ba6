/**
 * Erlang's {@code socket} module: the kernel's socket calls with Erlang's names, messages and
 * errors, over TCP, UDP and Unix domain stream sockets. Entry point: {@link dev.otpnet.socket.Sockets}.
 *
 * <p>A {@link dev.otpnet.socket.Socket} belongs to the process that opened it; every call blocks
 * its caller (a virtual thread) or, as {@code nowait}, returns at once and later sends a
 * {@link dev.otpnet.socket.Select} message. One selector thread serves every socket.
 */
package dev.otpnet.socket;
