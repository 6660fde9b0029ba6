package dev.otpnet.internal.tls;

import dev.otpnet.ssl.BadCert;
import dev.otpnet.ssl.VerifyEvent;
import dev.otpnet.ssl.VerifyFun;
import dev.otpnet.ssl.VerifyResult;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.PKIXNameConstraintValidator;
import org.bouncycastle.asn1.x509.NameConstraintValidatorException;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * X.509 path validation the way Erlang's {@code public_key:pkix_path_validation/3} runs it, so a
 * {@link VerifyFun} sees the same events in the same order: the path is walked from the
 * certificate next to the trust anchor down to the peer's own; every failed check calls the fun
 * with {@code {bad_cert, Reason}} and goes on if the fun says {@code valid}; extensions the
 * validation does not know call it with {@code {extension, Ext}}; a certificate that passed
 * calls it with {@code valid}, the peer's with {@code valid_peer}. An unknown CA (or a
 * self-signed peer) is reported on the top certificate of the chain, which then serves as anchor.
 * Before the fun hears anything, the path goes through the request's {@link Floor}, whose
 * refusal ends the validation whatever the fun would say.
 *
 * <p>Stateless; one call validates one chain on the calling thread.
 */
final class PathValidator {
    private static final Set<String> KNOWN_EXTENSIONS = Set.of(
            "2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.18", "2.5.29.19", "2.5.29.30", "2.5.29.31",
            "2.5.29.32", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54", "1.3.6.1.5.5.7.1.1");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";

    /** What the validation needs besides the chain. */
    record Request(List<X509Certificate> chain, List<X509Certificate> anchors, VerifyFun<Object> fun, Object state,
                   int depth, boolean peerIsServer, String hostname, Date now, Floor floor) {
    }

    /**
     * A check that runs on the path before the fun is asked anything, and whose refusal the fun
     * cannot lift (the JDK's algorithm constraints, see {@link AlgorithmFloor}).
     */
    interface Floor {
        /** No floor. */
        Floor NONE = path -> null;

        /**
         * @param path the path to walk, trust anchor first, the peer's certificate last; when no
         *             anchor is known the top of the chain comes twice (as anchor and as a link
         *             of its own), and when the peer's certificate is itself the anchor the path
         *             is that one certificate
         * @return why the path is refused, or null
         */
        Object refuse(List<X509Certificate> path);
    }

    /** The outcome: accepted with the fun's final state, or the reason it failed. */
    sealed interface Outcome {
        record Accepted(Object state) implements Outcome {
        }

        record Rejected(Object reason) implements Outcome {
        }
    }

    /** Thrown inside the walk when the fun fails. */
    private static final class Stop extends Exception {
        final Object reason;

        Stop(Object reason) {
            super(null, null, false, false);
            this.reason = reason;
        }
    }

    private Object state;
    private final Request request;

    private PathValidator(Request request) {
        this.request = request;
        this.state = request.state();
    }

    static Outcome validate(Request request) {
        PathValidator v = new PathValidator(request);
        try {
            v.walk();
            return new Outcome.Accepted(v.state);
        } catch (Stop s) {
            return new Outcome.Rejected(s.reason);
        }
    }

    private void walk() throws Stop {
        List<X509Certificate> chain = request.chain();
        X509Certificate anchor = null;
        int end = chain.size();
        for (int i = 0; i < chain.size() && anchor == null; i++) {
            X509Certificate c = chain.get(i);
            if (request.anchors().contains(c)) {
                anchor = c;
                end = i == 0 ? 1 : i;
            } else {
                X509Certificate issuer = issuerAmongAnchors(c);
                if (issuer != null) {
                    anchor = issuer;
                    end = i + 1;
                }
            }
        }
        List<X509Certificate> path = new ArrayList<>(chain.subList(0, end));
        java.util.Collections.reverse(path);
        List<X509Certificate> floorPath = new ArrayList<>();
        if (anchor == null) {
            floorPath.add(path.getFirst()); // an untrusted top is judged as its own issuer too
        } else if (anchor != chain.getFirst()) {
            floorPath.add(anchor);
        }
        floorPath.addAll(path);
        Object refused = request.floor().refuse(List.copyOf(floorPath));
        if (refused != null) {
            throw new Stop(refused);
        }
        if (anchor == null) {
            X509Certificate top = path.getFirst();
            boolean selfSigned = path.size() == 1 && top.getSubjectX500Principal().equals(top.getIssuerX500Principal());
            call(top, VerifyEvent.badCert(selfSigned ? BadCert.SELFSIGNED_PEER : BadCert.UNKNOWN_CA), true);
            anchor = top;
            path.removeFirst();
        }
        int remaining = Math.min(request.depth(), anchor.getBasicConstraints() < 0 ? Integer.MAX_VALUE : anchor.getBasicConstraints());
        PKIXNameConstraintValidator names = new PKIXNameConstraintValidator();
        addConstraints(names, anchor);
        X509Certificate issuer = anchor;
        boolean pinnedPeer = anchor == chain.getFirst();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            boolean peer = i == path.size() - 1;
            checkTime(c);
            if (!pinnedPeer) {
                if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    bad(c, BadCert.INVALID_ISSUER);
                }
                checkNames(names, c, peer);
                try {
                    c.verify(issuer.getPublicKey());
                } catch (GeneralSecurityException e) {
                    bad(c, BadCert.INVALID_SIGNATURE);
                }
            }
            if (!peer) {
                if (c.getBasicConstraints() < 0) {
                    bad(c, BadCert.MISSING_BASIC_CONSTRAINT);
                }
                boolean[] ku = c.getKeyUsage();
                if (ku != null && (ku.length < 6 || !ku[5])) {
                    bad(c, BadCert.INVALID_KEY_USAGE);
                }
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    if (remaining <= 0) {
                        bad(c, BadCert.MAX_PATH_LENGTH_REACHED);
                    }
                    remaining--;
                }
                if (c.getBasicConstraints() >= 0) {
                    remaining = Math.min(remaining, c.getBasicConstraints());
                }
                addConstraints(names, c);
            }
            extensions(c, peer);
            if (peer) {
                peerChecks(c);
            }
            call(c, peer ? VerifyEvent.VALID_PEER : VerifyEvent.VALID, false);
            issuer = c;
        }
    }

    private X509Certificate issuerAmongAnchors(X509Certificate c) {
        for (X509Certificate a : request.anchors()) {
            if (a.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                try {
                    c.verify(a.getPublicKey());
                    return a;
                } catch (GeneralSecurityException e) {
                    // same name, other key: keep looking
                }
            }
        }
        return null;
    }

    private void checkTime(X509Certificate c) throws Stop {
        try {
            c.checkValidity(request.now());
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            bad(c, BadCert.CERT_EXPIRED);
        }
    }

    private void checkNames(PKIXNameConstraintValidator names, X509Certificate c, boolean peer) throws Stop {
        if (!peer && c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return;
        }
        try {
            names.checkPermittedDN(X500Name.getInstance(c.getSubjectX500Principal().getEncoded()));
            names.checkExcludedDN(X500Name.getInstance(c.getSubjectX500Principal().getEncoded()));
            var sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == GeneralName.dNSName || type == GeneralName.iPAddress || type == GeneralName.rfc822Name) {
                        GeneralName g = new GeneralName(type, String.valueOf(san.get(1)));
                        names.checkPermitted(g);
                        names.checkExcluded(g);
                    }
                }
            }
        } catch (NameConstraintValidatorException | CertificateParsingException e) {
            bad(c, BadCert.NAME_NOT_PERMITTED);
        }
    }

    private static void addConstraints(PKIXNameConstraintValidator names, X509Certificate ca) {
        byte[] ext = ca.getExtensionValue("2.5.29.30");
        if (ext == null) {
            return;
        }
        NameConstraints nc = NameConstraints.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets());
        GeneralSubtree[] permitted = nc.getPermittedSubtrees();
        if (permitted != null) {
            names.intersectPermittedSubtree(permitted);
        }
        GeneralSubtree[] excluded = nc.getExcludedSubtrees();
        if (excluded != null) {
            for (GeneralSubtree s : excluded) {
                names.addExcludedSubtree(s);
            }
        }
    }

    private void extensions(X509Certificate c, boolean peer) throws Stop {
        for (boolean critical : new boolean[] {true, false}) {
            Set<String> oids = critical ? c.getCriticalExtensionOIDs() : c.getNonCriticalExtensionOIDs();
            if (oids == null) {
                continue;
            }
            for (String oid : oids) {
                if (KNOWN_EXTENSIONS.contains(oid)) {
                    continue;
                }
                byte[] der = c.getExtensionValue(oid);
                byte[] value = org.bouncycastle.asn1.ASN1OctetString.getInstance(der).getOctets();
                VerifyResult<Object> r = request.fun().verify(c, new VerifyEvent.Extension(oid, critical, value), state);
                switch (r) {
                    case VerifyResult.Valid<Object> v -> state = v.state();
                    case VerifyResult.Unknown<Object> u -> {
                        state = u.state();
                        if (critical) {
                            bad(c, BadCert.UNKNOWN_CRITICAL_EXTENSION);
                        }
                    }
                    case VerifyResult.Fail<Object> f -> throw new Stop(f.reason());
                }
            }
        }
    }

    private void peerChecks(X509Certificate c) throws Stop {
        try {
            List<String> eku = c.getExtendedKeyUsage();
            String wanted = request.peerIsServer() ? SERVER_AUTH : CLIENT_AUTH;
            if (eku != null && !eku.contains(wanted) && !eku.contains(ANY_EKU)) {
                bad(c, BadCert.INVALID_EXT_KEY_USAGE);
            }
        } catch (CertificateParsingException e) {
            bad(c, BadCert.INVALID_EXT_KEY_USAGE);
        }
        if (request.hostname() != null && !HostnameCheck.matches(c, request.hostname())) {
            bad(c, BadCert.HOSTNAME_CHECK_FAILED);
        }
    }

    private void bad(X509Certificate c, BadCert reason) throws Stop {
        call(c, VerifyEvent.badCert(reason), true);
    }

    private void call(X509Certificate c, VerifyEvent event, boolean failure) throws Stop {
        VerifyResult<Object> r = request.fun().verify(c, event, state);
        switch (r) {
            case VerifyResult.Valid<Object> v -> state = v.state();
            case VerifyResult.Unknown<Object> u -> {
                if (failure) {
                    throw new Stop(event);
                }
                state = u.state();
            }
            case VerifyResult.Fail<Object> f -> throw new Stop(f.reason());
        }
    }
}
