/**
 * inet: socket options, the messages sockets send their owner, failure reasons, and functions
 * that work on every kind of socket. Entry point: {@link dev.otpnet.inet.Inet}.
 */
package dev.otpnet.inet;
