package dev.otpnet.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mailbox alone, on one thread. */
class MailboxTest {

    @Test
    void anEmptyMailboxGivesNone() {
        Mailbox m = new Mailbox();
        assertSame(Mailbox.NONE, m.take(null));
        assertEquals(0, m.size());
    }

    @Test
    void takeAllKeepsTheOrderOfWhatItLeavesAndWhatItMoves() {
        Mailbox m = new Mailbox();
        for (int i = 0; i < 10; i++) {
            m.put(i);
        }
        assertEquals(3, m.take(x -> x.equals(3)));
        List<Object> odd = new ArrayList<>();
        assertSame(Mailbox.NONE, m.take(x -> x.equals(42)));
        m.put(11);
        assertEquals(5, m.takeAll(x -> (Integer) x % 2 == 1, odd::add));
        assertEquals(List.of(1, 5, 7, 9, 11), odd);
        assertEquals(List.of(0, 2, 4, 6, 8), m.drain());
    }

    @Test
    void sizeCountsSavedAndIncomingMessages() {
        Mailbox m = new Mailbox();
        m.put("a");
        m.put("b");
        assertSame(Mailbox.NONE, m.take(x -> false));
        m.put("c");
        assertEquals(3, m.size());
        assertEquals("a", m.take(null));
        assertEquals(2, m.size());
    }
}
