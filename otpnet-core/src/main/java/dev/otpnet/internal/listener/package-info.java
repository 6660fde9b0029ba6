/**
 * The listener's machinery, named after Ranch's modules: {@code RanchListenerSup},
 * {@code RanchAcceptorsSup}, {@code RanchAcceptor}, {@code RanchConnsSup} (hand-written, as Ranch's is,
 * because it counts), {@code RanchConnection} (the connection process up to the handler),
 * {@code RanchServer} (the table of listeners); {@code Permits} (the exact limit),
 * {@code AcceptBackoff} (emfile episodes), {@code ListenerEvents} (JFR), {@code ProxyV1},
 * {@code ProxyV2} and {@code ProxyReader} (the PROXY protocol).
 *
 * <p>Threading: each process runs on its own virtual thread; {@code ListenerState} and
 * {@code ConnRecord} are shared and read from any thread (volatile fields, concurrent maps),
 * written only by the processes of the listener's tree.
 */
package dev.otpnet.internal.listener;
