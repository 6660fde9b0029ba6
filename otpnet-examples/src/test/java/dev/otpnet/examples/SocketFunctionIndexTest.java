package dev.otpnet.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketFunctionIndexTest {

    @Test
    void everyFunctionOfTheIndexRunsAndPrintsErlangsResult() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SocketFunctionIndex.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        String[] expected = {
            "socket:open(inet, stream, tcp)", "ok = socket:bind(", "ok = socket:setopt(ListeningSocket, {socket, reuseaddr}",
            "ok = socket:listen(ListeningSocket, 4)", "{ok, stream} = socket:getopt(ListeningSocket, {socket, type})",
            "{ok, #{addr => {127,0,0,1},family => inet,port => ", "{ok, ConnectedSocket} = socket:accept(ListeningSocket)",
            "ok = socket:connect(", "= socket:peername(ConnectedSocket)", "ok = socket:send(",
            "socket:recv(ConnectedSocket, 5)", "socket:recv(ConnectedSocket)\n",
            "{error, timeout} = socket:recv(ConnectedSocket, 1, 100)", "socket:recvfrom(ConnectedSocket, 4)",
            "ok = socket:sendto(", "socket:recvfrom(UdpB)", "socket:recvfrom(UdpB, 5, 1000)",
            "{socket, linger}", "ok = socket:shutdown(Socket, read_write)", "ok = socket:listen(Second)",
            "{error, timeout} = socket:accept(Second, 50)", "ok = socket:close(",
        };
        for (String e : expected) {
            assertTrue(out.contains(e), "missing '" + e + "' in:\n" + out);
        }
        assertTrue(out.contains(",<<\"trunc\">>}} = socket:recvfrom(UdpB, 5, 1000)"), out);
    }
}
