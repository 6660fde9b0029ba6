/**
 * Erlang's external term format: {@code term_to_binary} and {@code binary_to_term}
 * ({@link dev.otpnet.etf.Terms}), a {@link dev.otpnet.etf.Term} model to pattern-match on,
 * a socket that sends and receives terms ({@link dev.otpnet.etf.TermSocket}), and a Java
 * program run as an Erlang port ({@link dev.otpnet.etf.ErlangPort}). The codec is pure: no I/O.
 * The wire layout of every tag is in {@link dev.otpnet.etf.Tag}.
 */
package dev.otpnet.etf;
