/**
 * The process runtime behind {@link dev.otpnet.process.Proc}: one {@link ProcessCore} per process (its
 * life state, links, monitors, name and exit hooks), the lock-free many-senders/one-receiver
 * {@code Mailbox} with the owner-private save queue that makes selective receive keep arrival order,
 * {@link Receive} ({@code receive ... after}), {@link Signals} (exit signals along links, {@code DOWN}
 * messages), the {@link Registry} of names and the {@link ProcessTable}.
 *
 * <p>Threading rule: a process is one virtual thread (or an adopted platform thread, see
 * {@link Current}). Anything may be delivered to a process from any thread; only the process's own
 * thread reads its mailbox. A process dies once, when its exit reason is set under its lock; the
 * thread that set it runs the exit hooks (which close the sockets it owns) and signals links and
 * monitors. Nothing here knows sockets: the socket layer registers an {@link ExitHook}.
 */
package dev.otpnet.internal.process;
