package dev.otpnet.internal.tls;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made ClientHello records for tests of the pre-parser. */
final class Hellos {
    private Hellos() {
    }

    /**
     * A syntactically valid ClientHello record.
     *
     * @param versions supported_versions entries, or none for a TLS 1.2-style hello
     * @param suites   cipher suite codes
     * @param sni      server name or null
     * @param alpn     protocols (may be empty)
     */
    static byte[] clientHello(int[] versions, int[] suites, String sni, String... alpn) {
        return clientHello(0x0303, versions, suites, sni, alpn);
    }

    /** As {@link #clientHello(int[], int[], String, String...)} with legacy_version {@code legacy}. */
    static byte[] clientHello(int legacy, int[] versions, int[] suites, String sni, String... alpn) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, legacy);
        body.writeBytes(new byte[32]);
        body.write(0);
        u16(body, suites.length * 2);
        for (int s : suites) {
            u16(body, s);
        }
        body.write(1);
        body.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (sni != null) {
            byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0);
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0);
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        if (alpn.length > 0) {
            ByteArrayOutputStream list = new ByteArrayOutputStream();
            for (String p : alpn) {
                list.write(p.length());
                list.writeBytes(p.getBytes(StandardCharsets.US_ASCII));
            }
            u16(ext, 16);
            u16(ext, list.size() + 2);
            u16(ext, list.size());
            ext.writeBytes(list.toByteArray());
        }
        if (versions.length > 0) {
            u16(ext, 43);
            u16(ext, versions.length * 2 + 1);
            ext.write(versions.length * 2);
            for (int v : versions) {
                u16(ext, v);
            }
        }
        u16(body, ext.size());
        body.writeBytes(ext.toByteArray());
        return record(handshake(1, body.toByteArray()));
    }

    static byte[] handshake(int type, byte[] body) {
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(type);
        m.write(body.length >>> 16);
        m.write(body.length >>> 8);
        m.write(body.length);
        m.writeBytes(body);
        return m.toByteArray();
    }

    static byte[] record(byte[] fragment) {
        ByteArrayOutputStream r = new ByteArrayOutputStream();
        r.write(22);
        u16(r, 0x0301);
        u16(r, fragment.length);
        r.writeBytes(fragment);
        return r.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }
}
