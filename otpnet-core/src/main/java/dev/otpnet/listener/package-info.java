/**
 * Ranch for otpnet: the acceptor pool that turns a handler into a production TCP or TLS server.
 *
 * <p>{@link dev.otpnet.listener.Listener} starts, suspends, resumes, drains and stops listeners and
 * tells about them ({@link dev.otpnet.listener.ListenerInfo}); {@link dev.otpnet.listener.ListenerSettings}
 * holds their configuration with Ranch's defaults; a {@link dev.otpnet.listener.ProtocolHandler} serves
 * each {@link dev.otpnet.listener.Connection} in a process of its own. {@link dev.otpnet.listener.ProxyHeaders}
 * is the PROXY protocol (v1 and v2) on both sides.
 *
 * <p>The tree each listener is, visible with {@code Supervisor.whichChildren}:
 *
 * <pre>
 *   otpnet_ranch_sup                     one_for_one, every listener started with Listener.start
 *     └─ [ranch_listener_sup, Name]      rest_for_one
 *          ├─ ranch_conns_sup            counts and links the connection processes (temporary)
 *          └─ ranch_acceptors_sup        one_for_one, owns the listen socket(s)
 *               └─ [acceptor, N] × numAcceptors
 * </pre>
 *
 * <p>With {@code numConnsSups} above 1, {@code ranch_conns_sup} becomes {@code ranch_conns_sup_sup}
 * (one_for_one) over {@code [ranch_conns_sup, I]} for each index, as in Ranch 2; the limit stays one.
 */
package dev.otpnet.listener;
