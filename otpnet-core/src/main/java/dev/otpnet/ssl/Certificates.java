package dev.otpnet.ssl;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Makes X.509 certificates for tests, development and {@code otpnet gencert}: certificate
 * authorities, certificates they issue, and self-signed certificates, with subject alternative
 * names, validity and key type from a {@link CertificateSpec}. Built with BouncyCastle.
 *
 * <pre>{@code
 * Credential ca = Certificates.authority(CertificateSpec.authority("test CA"));
 * Credential server = Certificates.issue(ca, CertificateSpec.leaf("localhost"));
 * Credential client = Certificates.issue(ca, CertificateSpec.leaf("alice").withUsages(false, true));
 * }</pre>
 *
 * Thread-safe; every call generates a fresh key pair.
 */
public final class Certificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A self-signed certificate authority. */
    public static Credential authority(CertificateSpec spec) {
        if (!spec.authority()) {
            throw new IllegalArgumentException("authority() needs a CA spec (CertificateSpec.authority(name))");
        }
        return selfSigned(spec);
    }

    /** A self-signed certificate (a CA, or a leaf that is its own issuer). */
    public static Credential selfSigned(CertificateSpec spec) {
        KeyPair keys = generate(spec.keyType());
        X500Name subject = name(spec.commonName());
        return new Credential(List.of(build(spec, subject, keys, subject, keys, spec.keyType())), keys.getPrivate());
    }

    /**
     * A certificate for {@code spec} signed by {@code issuer}; the credential's chain holds the new
     * certificate followed by the issuer's chain minus a self-signed root.
     */
    public static Credential issue(Credential issuer, CertificateSpec spec) {
        X509Certificate issuerCert = issuer.certificate();
        if (issuerCert.getBasicConstraints() < 0) {
            throw new IllegalArgumentException("the issuer " + issuerCert.getSubjectX500Principal().getName()
                    + " is not a certificate authority");
        }
        KeyPair keys = generate(spec.keyType());
        X500Name issuerName = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        KeyPair issuerKeys = new KeyPair(issuerCert.getPublicKey(), issuer.key());
        KeyType signer = keyTypeOf(issuer);
        X509Certificate cert = build(spec, name(spec.commonName()), keys, issuerName, issuerKeys, signer);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        for (X509Certificate c : issuer.chain()) {
            if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                chain.add(c);
            }
        }
        return new Credential(chain, keys.getPrivate());
    }

    private static KeyType keyTypeOf(Credential c) {
        return c.key().getAlgorithm().equals("RSA") ? KeyType.RSA_2048 : KeyType.EC_P256;
    }

    private static X509Certificate build(CertificateSpec spec, X500Name subject, KeyPair keys, X500Name issuer,
                                         KeyPair issuerKeys, KeyType signer) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(96, RANDOM).add(BigInteger.ONE),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (spec.authority()) {
                b.addExtension(Extension.basicConstraints, true, spec.pathLength() >= 0
                        ? new BasicConstraints(spec.pathLength()) : new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int usage = KeyUsage.digitalSignature | (spec.keyType().algorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0);
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                List<KeyPurposeId> purposes = new ArrayList<>();
                if (spec.serverAuth()) {
                    purposes.add(KeyPurposeId.id_kp_serverAuth);
                }
                if (spec.clientAuth()) {
                    purposes.add(KeyPurposeId.id_kp_clientAuth);
                }
                if (!purposes.isEmpty()) {
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
                }
            }
            if (!spec.subjectAltNames().isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, sans(spec.subjectAltNames()));
            }
            var signerBuilder = new JcaContentSignerBuilder(signer.signatureAlgorithm());
            return new JcaX509CertificateConverter().getCertificate(b.build(signerBuilder.build(issuerKeys.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("could not build the certificate for " + spec.commonName(), e);
        }
    }

    private static GeneralNames sans(List<String> names) {
        GeneralName[] out = new GeneralName[names.size()];
        for (int i = 0; i < out.length; i++) {
            String n = names.get(i);
            out[i] = n.startsWith("DNS:")
                    ? new GeneralName(GeneralName.dNSName, n.substring(4))
                    : new GeneralName(GeneralName.iPAddress, n.substring(3));
        }
        return new GeneralNames(out);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "otpnet").addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair generate(KeyType type) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(type.algorithm());
            if (type.algorithm().equals("EC")) {
                g.initialize(new ECGenParameterSpec(type.size() == 384 ? "secp384r1" : "secp256r1"), RANDOM);
            } else {
                g.initialize(type.size(), RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate " + type + " keys", e);
        }
    }
}
