package dev.otpnet.internal.listener;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The listener's JFR events, so a running server can be watched with {@code jfr print --events
 * dev.otpnet.listener.*} or JDK Mission Control: one per accept, per handshake done or failed, per
 * connection end, per {@code emfile} episode. Each costs nothing unless a recording enables it.
 */
public final class ListenerEvents {
    private ListenerEvents() {
    }

    @Name("dev.otpnet.listener.Accept")
    @Label("Connection Accepted")
    @Category({"otpnet", "Listener"})
    @StackTrace(false)
    static final class Accept extends Event {
        @Label("Listener") String listener;
        @Label("Peer") String peer;
        @Label("Permits In Use") int permitsInUse;
    }

    @Name("dev.otpnet.listener.HandshakeDone")
    @Label("Handshake Done")
    @Description("The PROXY header (if any) and the TLS handshake (if any) are done; the handler starts")
    @Category({"otpnet", "Listener"})
    @StackTrace(false)
    static final class HandshakeDone extends Event {
        @Label("Listener") String listener;
        @Label("Peer") String peer;
        @Label("Client (PROXY header)") String proxiedClient;
        @Label("TLS Version") String tlsVersion;
        @Label("Cipher") String cipher;
        @Label("SNI") String sni;
        @Label("ALPN") String alpn;
    }

    @Name("dev.otpnet.listener.HandshakeFailed")
    @Label("Handshake Failed")
    @Category({"otpnet", "Listener"})
    @StackTrace(false)
    static final class HandshakeFailed extends Event {
        @Label("Listener") String listener;
        @Label("Peer") String peer;
        @Label("Stage") String stage;
        @Label("Reason") String reason;
    }

    @Name("dev.otpnet.listener.ConnectionEnd")
    @Label("Connection Ended")
    @Category({"otpnet", "Listener"})
    @StackTrace(false)
    static final class ConnectionEnd extends Event {
        @Label("Listener") String listener;
        @Label("Peer") String peer;
        @Label("Exit Reason") String reason;
        @Label("Bytes In") @DataAmount long bytesIn;
        @Label("Bytes Out") @DataAmount long bytesOut;
    }

    @Name("dev.otpnet.listener.AcceptBackoff")
    @Label("Accept Back-off Episode")
    @Description("Accepts failed for want of file descriptors (emfile, enfile) and were retried every 100 ms")
    @Category({"otpnet", "Listener"})
    @StackTrace(false)
    static final class Backoff extends Event {
        @Label("Listener") String listener;
        @Label("Reason") String reason;
        @Label("Failed Accepts") long failures;
        @Label("Milliseconds") long millis;
    }

    static void accepted(String listener, dev.otpnet.tcp.TcpSocket socket, int permitsInUse) {
        Accept e = new Accept();
        if (e.isEnabled()) {
            e.listener = listener;
            e.peer = RanchConnection.peer(socket);
            e.permitsInUse = permitsInUse;
            e.commit();
        }
    }

    static void handshakeDone(String listener, String peer, String proxiedClient, String tlsVersion, String cipher,
                              String sni, String alpn) {
        HandshakeDone e = new HandshakeDone();
        if (e.isEnabled()) {
            e.listener = listener;
            e.peer = peer;
            e.proxiedClient = proxiedClient;
            e.tlsVersion = tlsVersion;
            e.cipher = cipher;
            e.sni = sni;
            e.alpn = alpn;
            e.commit();
        }
    }

    static void handshakeFailed(String listener, String peer, String stage, String reason) {
        HandshakeFailed e = new HandshakeFailed();
        if (e.isEnabled()) {
            e.listener = listener;
            e.peer = peer;
            e.stage = stage;
            e.reason = reason;
            e.commit();
        }
    }

    static void connectionEnded(String listener, String peer, String reason, long bytesIn, long bytesOut) {
        ConnectionEnd e = new ConnectionEnd();
        if (e.isEnabled()) {
            e.listener = listener;
            e.peer = peer;
            e.reason = reason;
            e.bytesIn = bytesIn;
            e.bytesOut = bytesOut;
            e.commit();
        }
    }

    static void backoffEnded(String listener, String reason, long failures, long millis) {
        Backoff e = new Backoff();
        if (e.isEnabled()) {
            e.listener = listener;
            e.reason = reason;
            e.failures = failures;
            e.millis = millis;
            e.commit();
        }
    }
}
