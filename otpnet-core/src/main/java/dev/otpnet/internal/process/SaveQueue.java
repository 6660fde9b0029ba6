package dev.otpnet.internal.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The messages a selective receive looked at and left: the front of a mailbox, older than anything
 * still in its incoming queue, kept in arrival order.
 *
 * <p>Thread confinement: owned by the mailbox's owner thread; only {@link #size()} may be read by
 * other threads (a snapshot).
 */
final class SaveQueue {

    private static final VarHandle SIZE;

    static {
        try {
            SIZE = MethodHandles.lookup().findVarHandle(SaveQueue.class, "size", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Cell {
        final Object value;
        Cell next;

        Cell(Object value) {
            this.value = value;
        }
    }

    private Cell first;
    private Cell last;
    @SuppressWarnings("unused") // written through SIZE
    private int size;

    boolean isEmpty() {
        return first == null;
    }

    int size() {
        return (int) SIZE.getOpaque(this);
    }

    void add(Object message) {
        Cell cell = new Cell(message);
        if (last == null) {
            first = cell;
        } else {
            last.next = cell;
        }
        last = cell;
        SIZE.setOpaque(this, (int) SIZE.getOpaque(this) + 1);
    }

    /**
     * Removes and returns the oldest message {@code which} accepts, or {@link Mailbox#NONE}. If
     * {@code which} throws, the queue is unchanged.
     */
    Object take(Predicate<Object> which) {
        Cell previous = null;
        for (Cell cell = first; cell != null; previous = cell, cell = cell.next) {
            if (which.test(cell.value)) {
                unlink(previous, cell);
                return cell.value;
            }
        }
        return Mailbox.NONE;
    }

    /** Removes every message {@code which} accepts and hands them, oldest first, to {@code sink}. */
    int takeAll(Predicate<Object> which, Consumer<Object> sink) {
        int moved = 0;
        Cell previous = null;
        Cell cell = first;
        while (cell != null) {
            Cell next = cell.next;
            if (which.test(cell.value)) {
                unlink(previous, cell);
                sink.accept(cell.value);
                moved++;
            } else {
                previous = cell;
            }
            cell = next;
        }
        return moved;
    }

    private void unlink(Cell previous, Cell cell) {
        if (previous == null) {
            first = cell.next;
        } else {
            previous.next = cell.next;
        }
        if (last == cell) {
            last = previous;
        }
        cell.next = null;
        SIZE.setOpaque(this, (int) SIZE.getOpaque(this) - 1);
    }
}
