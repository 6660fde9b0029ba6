#!/usr/bin/env escript
%% A real Erlang/OTP peer for the socket module's interop tests (dev.otpnet.socket.ErlangSocketInteropTest).
%% Each role prints what it saw, one fact a line, and ends with "ok" (or crashes, which the test
%% reports). Every wait has a deadline.
%%
%%   gen_udp_echo Family          - gen_udp on loopback: print "port N", answer 3 datagrams with "echo:" ++ Data
%%   gen_udp_send Family Port     - gen_udp: send "one", "two" and 20000 bytes to Port, print the reply
%%   socket_tcp_server Family     - socket module: listen on loopback, print "port N", accept, recv 5,
%%                                  send back "erl:" ++ Data, then recv until closed
%%   socket_tcp_client Family Port - socket module: connect, send "hello", recv 8, print it
%%   socket_udp_server Family     - socket module dgram: print "port N", recvfrom(S, 3) (truncating),
%%                                  recvfrom(S, 0), sendto the sender "erl:" ++ both
%%   socket_udp_client Family Port - socket module dgram: sendto "ping", recvfrom the reply
%%   local_server Path            - socket module local stream: bind Path, listen, print "listening",
%%                                  accept, recv 5, send "erl:" ++ Data
%%   local_client Path            - socket module local stream: connect to Path, send "hello", recv 8
-mode(compile).

-define(T, 20000).

main(["gen_udp_echo", F]) ->
    {ok, S} = gen_udp:open(0, [binary, family(F), {ip, loopback(F)}, {active, false}, {recbuf, 65536}]),
    {ok, Port} = inet:port(S),
    io:format("port ~p~n", [Port]),
    [begin
         {ok, {A, P, D}} = gen_udp:recv(S, 0, ?T),
         io:format("got ~p bytes from ~p~n", [byte_size(D), P]),
         ok = gen_udp:send(S, A, P, <<"echo:", D/binary>>)
     end || _ <- [1, 2, 3]],
    io:format("ok~n");
main(["gen_udp_send", F, PortS]) ->
    Port = list_to_integer(PortS),
    {ok, S} = gen_udp:open(0, [binary, family(F), {ip, loopback(F)}, {active, false}]),
    ok = gen_udp:send(S, loopback(F), Port, <<"one">>),
    ok = gen_udp:send(S, loopback(F), Port, <<"two">>),
    ok = gen_udp:send(S, loopback(F), Port, binary:copy(<<"z">>, 20000)),
    {ok, {_, _, Reply}} = gen_udp:recv(S, 0, ?T),
    io:format("reply ~s~n", [Reply]),
    io:format("ok~n");
main(["socket_tcp_server", F]) ->
    D = domain(F),
    {ok, L} = socket:open(D, stream, tcp),
    ok = socket:bind(L, #{family => D, addr => loopback, port => 0}),
    ok = socket:listen(L),
    {ok, #{port := Port}} = socket:sockname(L),
    io:format("port ~p~n", [Port]),
    {ok, S} = socket:accept(L, ?T),
    {ok, #{family := D}} = socket:peername(S),
    {ok, Data} = socket:recv(S, 5, ?T),
    io:format("got ~s~n", [Data]),
    ok = socket:send(S, <<"erl:", Data/binary>>),
    io:format("end ~p~n", [socket:recv(S, 0, ?T)]),
    io:format("ok~n");
main(["socket_tcp_client", F, PortS]) ->
    D = domain(F),
    {ok, S} = socket:open(D, stream, tcp),
    ok = socket:connect(S, #{family => D, addr => loopback, port => list_to_integer(PortS)}),
    ok = socket:send(S, <<"hello">>),
    {ok, R} = socket:recv(S, 8, ?T),
    io:format("reply ~s~n", [R]),
    ok = socket:close(S),
    io:format("ok~n");
main(["socket_udp_server", F]) ->
    D = domain(F),
    {ok, S} = socket:open(D, dgram, udp),
    ok = socket:bind(S, #{family => D, addr => loopback, port => 0}),
    {ok, #{port := Port}} = socket:sockname(S),
    io:format("port ~p~n", [Port]),
    {ok, {_, Cut}} = socket:recvfrom(S, 3, ?T),
    io:format("cut ~s~n", [Cut]),
    {ok, {From, Whole}} = socket:recvfrom(S, 0, ?T),
    io:format("whole ~s~n", [Whole]),
    ok = socket:sendto(S, <<"erl:", Cut/binary, ",", Whole/binary>>, From),
    io:format("ok~n");
main(["socket_udp_client", F, PortS]) ->
    D = domain(F),
    {ok, S} = socket:open(D, dgram, udp),
    ok = socket:bind(S, #{family => D, addr => loopback, port => 0}),
    ok = socket:sendto(S, <<"ping">>, #{family => D, addr => loopback, port => list_to_integer(PortS)}),
    {ok, {_, R}} = socket:recvfrom(S, 0, ?T),
    io:format("reply ~s~n", [R]),
    io:format("ok~n");
main(["local_server", Path]) ->
    {ok, L} = socket:open(local, stream, default),
    ok = socket:bind(L, #{family => local, path => Path}),
    ok = socket:listen(L),
    io:format("listening~n"),
    {ok, S} = socket:accept(L, ?T),
    {ok, Data} = socket:recv(S, 5, ?T),
    io:format("got ~s~n", [Data]),
    ok = socket:send(S, <<"erl:", Data/binary>>),
    io:format("end ~p~n", [socket:recv(S, 0, ?T)]),
    socket:close(L),
    file:delete(Path),
    io:format("ok~n");
main(["local_client", Path]) ->
    {ok, S} = socket:open(local, stream, default),
    ok = socket:connect(S, #{family => local, path => Path}),
    ok = socket:send(S, <<"hello">>),
    {ok, R} = socket:recv(S, 8, ?T),
    io:format("reply ~s~n", [R]),
    io:format("ok~n").

domain("inet") -> inet;
domain("inet6") -> inet6.

family("inet") -> inet;
family("inet6") -> inet6.

loopback("inet") -> {127, 0, 0, 1};
loopback("inet6") -> {0, 0, 0, 0, 0, 0, 0, 1}.
