package dev.otpnet.internal.listener;

import dev.otpnet.otp.ChildSpec;
import dev.otpnet.otp.OtpException;
import dev.otpnet.otp.Strategy;
import dev.otpnet.otp.SupFlags;
import dev.otpnet.otp.Supervisor;
import dev.otpnet.process.Pid;
import java.time.Duration;
import java.util.List;

/**
 * Ranch's {@code ranch_listener_sup}: one listener's supervisor, {@code rest_for_one} over the
 * connection supervisor and then the acceptors supervisor, so acceptors never run without a place
 * to hand connections to, and stop first.
 *
 * <pre>
 *   otpnet_ranch_sup (one_for_one, every listener)
 *     └─ {ranch_listener_sup, Name}   rest_for_one
 *          ├─ ranch_conns_sup          connection processes, temporary, linked, counted
 *          └─ ranch_acceptors_sup      one_for_one, owns the listen sockets
 *               └─ acceptor × num_acceptors
 * </pre>
 *
 * <p>With {@code num_conns_sups} above 1, {@code ranch_conns_sup} is replaced by Ranch 2's
 * {@code ranch_conns_sup_sup} ({@code one_for_one}) over {@code ["ranch_conns_sup", I]} for each
 * index; acceptors hand connections to them in turn, and the permits stay one pool for the
 * listener, so {@code max_connections} is still exact over them all.
 */
final class RanchListenerSup {
    static final String CONNS_SUP = "ranch_conns_sup";
    static final String CONNS_SUP_SUP = "ranch_conns_sup_sup";

    private RanchListenerSup() {
    }

    static Pid startLink(ListenerState st) throws OtpException {
        Pid pid = Supervisor.startLink(SupFlags.of(Strategy.REST_FOR_ONE).withIntensity(1)
                .withPeriod(Duration.ofSeconds(5)), List.of(
                connsChild(st),
                ChildSpec.supervisor(RanchAcceptorsSup.ID, extra -> RanchAcceptorsSup.startLink(st))));
        st.listenerSup = pid;
        return pid;
    }

    private static ChildSpec connsChild(ListenerState st) {
        int n = st.connsSups.length();
        if (n == 1) {
            return ChildSpec.supervisor(CONNS_SUP, extra -> RanchConnsSup.startLink(st));
        }
        List<ChildSpec> sups = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            sups.add(ChildSpec.supervisor(List.of(CONNS_SUP, id), extra -> RanchConnsSup.startLink(st, id)));
        }
        return ChildSpec.supervisor(CONNS_SUP_SUP, extra -> Supervisor.startLink(SupFlags.of(Strategy.ONE_FOR_ONE)
                .withIntensity(1).withPeriod(Duration.ofSeconds(5)), sups));
    }
}
