package dev.otpnet.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Many senders against one selective receiver. Bounded in count (the senders stop by themselves)
 * and every wait has a deadline, so a lost message fails the test instead of hanging it.
 */
class MailboxStressTest {

    private static final int SENDERS = 8;
    private static final int PER_SENDER = 200_000;

    record Msg(int sender, int seq) {}

    record Done(int sender) {}

    @Test
    void manySendersAndASelectiveReceiverLoseNothingDuplicateNothingAndKeepPerSenderOrder() {
        Proc.flush();
        Pid receiver = Proc.self();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Proc.spawn(() -> {
                for (int seq = 0; seq < PER_SENDER; seq++) {
                    receiver.send(new Msg(sender, seq));
                }
                receiver.send(new Done(sender));
            });
        }

        // Alternately take an even and an odd sequence number, whatever the sender: each receive
        // skips messages of the other parity, which must stay queued and keep their order.
        BitSet[] seen = new BitSet[SENDERS];
        int[] lastEven = new int[SENDERS];
        int[] lastOdd = new int[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            seen[s] = new BitSet(PER_SENDER);
            lastEven[s] = -2;
            lastOdd[s] = -1;
        }
        int total = SENDERS * PER_SENDER;
        for (int i = 0; i < total; i++) {
            int parity = i & 1;
            Optional<Msg> next = Proc.receive(Msg.class, m -> (m.seq() & 1) == parity, Await.MUST_ARRIVE_MS);
            Msg m = next.orElseThrow(() -> new AssertionError("a message was lost"));
            assertTrue(!seen[m.sender()].get(m.seq()), () -> "duplicate " + m);
            seen[m.sender()].set(m.seq());
            int[] last = parity == 0 ? lastEven : lastOdd;
            assertEquals(last[m.sender()] + 2, m.seq(), () -> "out of order: " + m);
            last[m.sender()] = m.seq();
        }
        for (int s = 0; s < SENDERS; s++) {
            assertEquals(PER_SENDER, seen[s].cardinality());
        }
        for (int s = 0; s < SENDERS; s++) {
            Await.message(Done.class);
        }
        assertEquals(Optional.empty(), Proc.receive(Msg.class, 0));
    }

    @Test
    void manySendersAndAPlainReceiverKeepPerSenderOrder() {
        Proc.flush();
        Pid receiver = Proc.self();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            Proc.spawn(() -> {
                for (int seq = 0; seq < PER_SENDER; seq++) {
                    receiver.send(new Msg(sender, seq));
                }
            });
        }
        int[] next = new int[SENDERS];
        for (int i = 0; i < SENDERS * PER_SENDER; i++) {
            Msg m = Await.message(Msg.class);
            assertEquals(next[m.sender()], m.seq(), () -> "out of order or duplicated: " + m);
            next[m.sender()]++;
        }
        for (int s = 0; s < SENDERS; s++) {
            assertEquals(PER_SENDER, next[s]);
        }
    }
}
