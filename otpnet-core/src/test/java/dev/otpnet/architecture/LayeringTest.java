package dev.otpnet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The floors of the library (docs/ARCHITECTURE.md): a lower package never names a higher one.
 *
 * <pre>
 *   cli
 *   listener
 *   otp        tcp   ssl   socket
 *   process    inet  packet  etf        (the ground floor)
 * </pre>
 *
 * Each public package's implementation lives under {@code dev.otpnet.internal.<name>} and belongs to the
 * same floor as its public package, so the rules name both.
 */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.otpnet");
    }

    private static final String[] ABOVE_GROUND = {
        "dev.otpnet.tcp..", "dev.otpnet.ssl..", "dev.otpnet.socket..", "dev.otpnet.otp..",
        "dev.otpnet.listener..", "dev.otpnet.cli..",
        "dev.otpnet.internal.tcp..", "dev.otpnet.internal.tls..", "dev.otpnet.internal.socket..",
        "dev.otpnet.internal.otp..", "dev.otpnet.internal.listener..", "dev.otpnet.internal.cli..",
    };

    private static final String[] GROUND_FLOOR = {
        "dev.otpnet.process.", "dev.otpnet.inet.", "dev.otpnet.packet.", "dev.otpnet.etf.",
        "dev.otpnet.internal.process.", "dev.otpnet.internal.packet.", "dev.otpnet.internal.conn.",
        "dev.otpnet.internal.wire.", "dev.otpnet.internal.time.", "dev.otpnet.internal.etf.",
    };

    @Test
    void theImportSeesTheWholeLibrary() {
        // Guards the rules below against passing on an empty import (a class file version the
        // importer cannot read, say).
        assertTrue(classes.contain("dev.otpnet.inet.Reason"), "inet imported");
        assertTrue(classes.contain("dev.otpnet.ssl.Ssl"), "ssl imported");
        assertTrue(classes.contain("dev.otpnet.tcp.GenTcp"), "tcp imported");
    }

    /**
     * A sealed type lists its variants in the class file's PermittedSubclasses attribute, which is not
     * a dependency to ArchUnit; so this rule reads it by reflection. A ground-floor sealed type that
     * must list variants from a higher floor is in the wrong place.
     */
    @Test
    void groundFloorSealedTypesPermitOnlyGroundFloorVariants() throws ClassNotFoundException {
        List<String> offences = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!onGroundFloor(c.getName())) {
                continue;
            }
            Class<?> type = Class.forName(c.getName(), false, LayeringTest.class.getClassLoader());
            Class<?>[] permitted = type.getPermittedSubclasses();
            if (permitted == null) {
                continue;
            }
            for (Class<?> p : permitted) {
                if (!onGroundFloor(p.getName())) {
                    offences.add(type.getName() + " permits " + p.getName());
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    private static boolean onGroundFloor(String className) {
        for (String prefix : GROUND_FLOOR) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(true).check(classes);
    }

    @Test
    void theGroundFloorNamesNothingAboveIt() {
        check(noClasses().that().resideInAnyPackage(
                        "dev.otpnet.process..", "dev.otpnet.inet..", "dev.otpnet.packet..", "dev.otpnet.etf..",
                        "dev.otpnet.internal.process..", "dev.otpnet.internal.packet..",
                        "dev.otpnet.internal.conn..", "dev.otpnet.internal.wire..", "dev.otpnet.internal.time..",
                        "dev.otpnet.internal.etf..")
                .should().dependOnClassesThat().resideInAnyPackage(ABOVE_GROUND));
    }

    @Test
    void processesKnowNothingOfSockets() {
        check(noClasses().that().resideInAnyPackage("dev.otpnet.process..", "dev.otpnet.internal.process..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.inet..", "dev.otpnet.packet..", "dev.otpnet.internal.conn..",
                        "dev.otpnet.internal.wire..", "dev.otpnet.internal.packet.."));
    }

    @Test
    void framingIsPureAndKnowsNoSockets() {
        check(noClasses().that().resideInAnyPackage("dev.otpnet.packet..", "dev.otpnet.internal.packet..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.process..", "dev.otpnet.internal.process..",
                        "dev.otpnet.internal.conn..", "dev.otpnet.internal.wire..", "java.nio.channels.."));
    }

    @Test
    void transportsDoNotKnowEachOtherOrWhatIsBuiltOnThem() {
        check(noClasses().that().resideInAnyPackage("dev.otpnet.tcp..", "dev.otpnet.internal.tcp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.ssl..", "dev.otpnet.internal.tls..", "dev.otpnet.socket..",
                        "dev.otpnet.internal.socket..", "dev.otpnet.otp..", "dev.otpnet.listener..",
                        "dev.otpnet.cli.."));
        check(noClasses().that().resideInAnyPackage("dev.otpnet.socket..", "dev.otpnet.internal.socket..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.tcp..", "dev.otpnet.ssl..", "dev.otpnet.internal.tcp..",
                        "dev.otpnet.internal.tls..", "dev.otpnet.otp..", "dev.otpnet.listener..",
                        "dev.otpnet.cli.."));
        check(noClasses().that().resideInAnyPackage("dev.otpnet.ssl..", "dev.otpnet.internal.tls..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.socket..", "dev.otpnet.otp..", "dev.otpnet.listener..", "dev.otpnet.cli.."));
    }

    @Test
    void supervisionKnowsOnlyProcesses() {
        check(noClasses().that().resideInAnyPackage("dev.otpnet.otp..", "dev.otpnet.internal.otp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.otpnet.inet..", "dev.otpnet.tcp..", "dev.otpnet.ssl..", "dev.otpnet.socket..",
                        "dev.otpnet.listener..", "dev.otpnet.cli..", "dev.otpnet.internal.conn..",
                        "dev.otpnet.internal.tcp..", "dev.otpnet.internal.tls.."));
    }

    @Test
    void theListenerNeverNamesTheCommand() {
        check(noClasses().that().resideInAnyPackage("dev.otpnet.listener..", "dev.otpnet.internal.listener..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.otpnet.cli.."));
    }
}
