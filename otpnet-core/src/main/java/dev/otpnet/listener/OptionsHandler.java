package dev.otpnet.listener;

/**
 * A {@link ProtocolHandler} that also gets the listener's protocol options: Ranch's
 * {@code Protocol:start_link(Ref, Transport, Opts)} with {@code Opts}. The options are read when
 * the connection process starts, so {@link Listener#setProtocolOptions} changes them for new
 * connections only; a connection keeps the value it started with.
 *
 * <pre>{@code
 * record Greeting(String text) {}
 * Listener.start("greeter", Transport.tcp(), settings, new Greeting("hello"),
 *         (conn, greeting) -> conn.socket().send(greeting.text() + "\n"));
 * Listener.setProtocolOptions("greeter", new Greeting("bonjour"));   // the next connections say bonjour
 * }</pre>
 *
 * <p>The type parameter is checked by the compiler at {@link Listener#start}; a value of another
 * type given later to {@link Listener#setProtocolOptions} fails in each new connection process
 * with a {@link ClassCastException} (logged, its permit back), as a bad {@code Opts} crashes a
 * Ranch protocol's {@code start_link}.
 *
 * @param <T> the type of the options
 */
@FunctionalInterface
public interface OptionsHandler<T> {
    void serve(Connection connection, T options) throws Exception;
}
