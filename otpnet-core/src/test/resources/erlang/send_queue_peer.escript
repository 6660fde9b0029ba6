#!/usr/bin/env escript
%% A real gen_tcp peer for otpnet's send-queue tests: what Erlang does when the other side does
%% not read. Prints one line per fact and stops by itself (every wait has a deadline).
%%
%%   silent_server          - listen on 127.0.0.1:0 with a small receive buffer, print "port N",
%%                            accept one connection, print "accepted", and never read from it.
%%                            Waits for "stop" on stdin (or 60 s), then prints "ok".
%%   send_and_close Port N  - Erlang's own pattern: connect to Port, send N bytes (the other
%%                            side does not read), print "sent", set {linger,{true,0}}, close,
%%                            print "closed" and "ok".
-mode(compile).

-define(T, 60000).

main(["silent_server"]) ->
    {ok, L} = gen_tcp:listen(0, [binary, {ip, {127,0,0,1}}, {active, false}, {recbuf, 4096}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, S} = gen_tcp:accept(L, ?T),
    io:format("accepted~n"),
    _ = io:get_line(""),
    gen_tcp:close(S),
    io:format("ok~n");

main(["send_and_close", PortS, NS]) ->
    {ok, S} = gen_tcp:connect({127,0,0,1}, list_to_integer(PortS), [binary, {active, false}], ?T),
    ok = gen_tcp:send(S, binary:copy(<<0>>, list_to_integer(NS))),
    io:format("sent~n"),
    ok = inet:setopts(S, [{linger, {true, 0}}]),
    ok = gen_tcp:close(S),
    io:format("closed~n"),
    io:format("ok~n").
