/**
 * gen_tcp: TCP sockets owned by a process, with active modes, framing and Erlang's options.
 * Entry point: {@link dev.otpnet.tcp.GenTcp}.
 */
package dev.otpnet.tcp;
