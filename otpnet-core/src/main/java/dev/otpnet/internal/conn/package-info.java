/**
 * The socket layer every connected otpnet socket shares, whatever its wire (TCP, TLS, a user's
 * transport): {@link dev.otpnet.internal.conn.Conn} and its parts. Not exported.
 *
 * <ul>
 *   <li>ownership and options: {@code Conn}, {@code Ownership}, {@code Settings} (immutable,
 *       swapped whole), {@code KernelOptions};
 *   <li>the receive side: {@code Receiver} (shared state) with its three roles, the reader
 *       ({@code ReadPump} on the wire poller, or a {@code ReadLoop} thread over a wire that cannot
 *       be polled), {@code ActiveDelivery} (messages to the owner) and {@code RecvQueue}
 *       (passive recv, in turn), over a {@code ReceiveBuffer} that holds memory only while bytes
 *       wait ({@code BufferPool}, {@code Gathering} for huge packets) and a {@code Framer};
 *   <li>the send side: {@code Sender} (who writes when), Erlang's driver queue with its
 *       watermarks ({@code DriverQueue}), the caller's own write ({@code FastPath}) and a shutdown
 *       or close that waits for the queue ({@code SendEnd}).
 * </ul>
 *
 * <p>Threading rule: a socket's reads run on the wire poller's thread when its wire is polled
 * (gen_tcp and ssl sockets; then it has no thread while idle), or else on one reader virtual
 * thread started with the socket and ended by its close; sends run on the caller's thread and,
 * when the kernel does not take everything at once, on one drainer virtual thread at a time. Every public method of
 * {@code Conn} may be called from any thread. Receive-side state is guarded by the receiver's
 * lock (which also orders deliveries against owner and mode changes), send-side state by the
 * sender's; neither lock is held across a blocking read or write, and the receiver's lock is
 * never taken while holding the sender's. No thread here dies unheard: a throwable in the reader
 * closes the socket and reaches the owner as {@code Error} then {@code Closed}.
 */
package dev.otpnet.internal.conn;
