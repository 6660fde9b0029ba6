/**
 * Wires: the byte streams under a socket ({@link dev.otpnet.internal.wire.Wire}), a TCP channel
 * ({@code TcpWire}), a user's gen_tcp-like transport ({@code TransportWire}), bytes read ahead
 * put back in front of another wire ({@code PrefixedWire}); the one translation of the JDK's I/O
 * failures into Erlang reasons ({@code Failures}); and {@code JdkPoller}, which starts the JDK's
 * I/O poller while file descriptors are free. Not exported.
 *
 * <p>Threading rule: a wire is read by one thread at a time and written by one thread at a time
 * (the two may overlap); close, abort and the shutdowns may come from any thread and wake a
 * blocked read or write. Wires block: they are meant for virtual threads, on which the JDK
 * turns a blocking call into a park on its poller.
 */
package dev.otpnet.internal.wire;
