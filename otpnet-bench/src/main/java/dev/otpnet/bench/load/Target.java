package dev.otpnet.bench.load;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Where the load goes, and how to open one connection to it: a plain JDK {@link Socket}, or an
 * {@link SSLSocket} held to TLS 1.3 with TLS_AES_128_GCM_SHA256, the same for every server. The load
 * generator uses nothing of the code under test.
 */
public record Target(String host, int port, SSLContext tls) {

    /** One open connection with {@code {packet, 4}} framing helpers. Not thread-safe per direction. */
    public record Conn(Socket socket, DataInputStream in, OutputStream out) implements AutoCloseable {

        /** Writes one packet: a 4-byte big-endian length, then the body. */
        public void send(byte[] body) throws IOException {
            int n = body.length;
            byte[] frame = new byte[4 + n];
            frame[0] = (byte) (n >>> 24);
            frame[1] = (byte) (n >>> 16);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
            System.arraycopy(body, 0, frame, 4, n);
            out.write(frame);
            out.flush();
        }

        /** Reads one packet into {@code into} (which must be large enough); returns its length. */
        public int receive(byte[] into) throws IOException {
            int n = in.readInt();
            if (n > into.length) {
                throw new IOException("packet of " + n + " bytes, expected at most " + into.length);
            }
            in.readFully(into, 0, n);
            return n;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
    }

    /** How long one read may wait for the server. */
    static final int READ_TIMEOUT_MS = 30_000;

    public Conn open() throws IOException {
        return open(null);
    }

    /** Opens a connection, from {@code source} if given (several loopback addresses give more ports). */
    public Conn open(String source) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        // Every read is bounded: a server that stops answering (out of descriptors, say) fails the
        // load instead of holding it for ever.
        s.setSoTimeout(READ_TIMEOUT_MS);
        if (source != null) {
            s.bind(new InetSocketAddress(source, 0));
        }
        s.connect(new InetSocketAddress(host, port), 10_000);
        if (tls != null) {
            SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(s, host, port, true);
            t.setEnabledProtocols(new String[] {"TLSv1.3"});
            t.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
            t.setUseClientMode(true);
            t.setSoTimeout(READ_TIMEOUT_MS);
            t.startHandshake();
            s = t;
        }
        return new Conn(s, new DataInputStream(new java.io.BufferedInputStream(s.getInputStream(), 65536)),
                s.getOutputStream());
    }
}
