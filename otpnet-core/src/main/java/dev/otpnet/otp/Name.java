package dev.otpnet.otp;

import java.util.Objects;

/**
 * A name to register a server under while it lives: Erlang's {@code {local, Name}}.
 *
 * <p>The name is registered by the new process itself before its {@code init} runs, so it is in
 * place by the time {@code start} returns, and it goes away when the process dies. A name already
 * taken makes {@code start} fail with {@link AlreadyStarted}. Only local names exist (no
 * {@code global} or {@code via}).
 *
 * @param name the registered name, as {@link dev.otpnet.process.Proc#register} takes it
 */
public record Name(String name) {

    public Name {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A registered name must not be blank.");
        }
    }

    /** {@code {local, Name}}. */
    public static Name local(String name) {
        return new Name(name);
    }

    @Override
    public String toString() {
        return "{local," + name + "}";
    }
}
