#!/usr/bin/env escript
%% A real gen_tcp peer for otpnet's interop tests. Every role prints what it saw on stdout, one
%% line per fact, ends with "ok" or "fail: ...", and stops by itself (every wait has a deadline).
%%
%%   echo_server Packet Active Count  - listen on 127.0.0.1:0, print "port N", echo Count connections
%%   echo_client Port Packet Active Sizes - send one packet per size (comma list), check each echo
%%   halfclose_client Port            - send "request", shutdown(write), read the reply to the end
%%   reset_client Port                - send "x" then close with {linger,{true,0}} (a reset)
%%   reset_observer                   - listen, accept with show_econnreset, print what arrives
%%   many_clients Port N              - N concurrent {packet,4} clients, one echo each
-mode(compile).

-define(T, 20000).

main(["echo_server", P, A, C]) ->
    {ok, L} = gen_tcp:listen(0, [binary, {ip, {127,0,0,1}}, {packet, packet(P)}, {active, active(A)},
                                 {backlog, 1024}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    Self = self(),
    N = list_to_integer(C),
    [begin
         {ok, S} = gen_tcp:accept(L, ?T),
         Pid = spawn(fun() -> receive go -> ok end, echo(S, active(A)), Self ! done end),
         ok = gen_tcp:controlling_process(S, Pid),
         Pid ! go
     end || _ <- lists:seq(1, N)],
    [receive done -> ok after ?T -> fail("echo handler did not finish") end || _ <- lists:seq(1, N)],
    io:format("ok~n");

main(["echo_client", Port, P, A, Sizes]) ->
    {ok, S} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port),
                              [binary, {packet, packet(P)}, {active, active(A)}], ?T),
    lists:foreach(fun(Size) ->
                          Data = payload(Size),
                          ok = gen_tcp:send(S, Data),
                          Got = receive_n(S, packet(P), active(A), Size),
                          case Got =:= Data of
                              true -> io:format("echoed ~p~n", [Size]);
                              false -> fail(io_lib:format("size ~p: got ~p bytes back", [Size, byte_size(Got)]))
                          end
                  end, [list_to_integer(X) || X <- string:tokens(Sizes, ",")]),
    ok = gen_tcp:close(S),
    io:format("ok~n");

main(["halfclose_client", Port]) ->
    {ok, S} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port), [binary, {active, false}], ?T),
    ok = gen_tcp:send(S, <<"request">>),
    ok = gen_tcp:shutdown(S, write),
    Reply = read_to_end(S, <<>>),
    io:format("reply ~s~n", [Reply]),
    io:format("ok~n");

main(["reset_client", Port]) ->
    {ok, S} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port), [binary, {active, false}], ?T),
    ok = gen_tcp:send(S, <<"x">>),
    {ok, <<"go">>} = gen_tcp:recv(S, 2, ?T),
    ok = inet:setopts(S, [{linger, {true, 0}}]),
    ok = gen_tcp:close(S),
    io:format("ok~n");

main(["reset_observer"]) ->
    {ok, L} = gen_tcp:listen(0, [binary, {ip, {127,0,0,1}}, {active, true}, {show_econnreset, true}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, S} = gen_tcp:accept(L, ?T),
    print_until_closed(S),
    io:format("ok~n");

main(["many_clients", Port, Count]) ->
    N = list_to_integer(Count),
    Self = self(),
    Pids = [spawn(fun() -> Self ! {self(), one_client(list_to_integer(Port), I)} end) || I <- lists:seq(1, N)],
    Results = [receive {Pid, R} -> R after 60000 -> timeout end || Pid <- Pids],
    case [R || R <- Results, R =/= ok] of
        [] -> io:format("clients ~p~n", [N]), io:format("ok~n");
        Bad -> fail(io_lib:format("~p of ~p failed, first ~p", [length(Bad), N, hd(Bad)]))
    end.

one_client(Port, I) ->
    case gen_tcp:connect({127,0,0,1}, Port, [binary, {packet, 4}, {active, false}], 30000) of
        {ok, S} ->
            Msg = list_to_binary("hello-" ++ integer_to_list(I)),
            ok = gen_tcp:send(S, Msg),
            R = case gen_tcp:recv(S, 0, 30000) of
                    {ok, Msg} -> ok;
                    Other -> {bad_echo, Other}
                end,
            gen_tcp:close(S),
            R;
        Error -> {connect, Error}
    end.

echo(S, false) ->
    case gen_tcp:recv(S, 0, ?T) of
        {ok, Data} -> ok = gen_tcp:send(S, Data), echo(S, false);
        {error, closed} -> ok;
        {error, Reason} -> fail(io_lib:format("echo recv: ~p", [Reason]))
    end;
echo(S, Active) ->
    receive
        {tcp, S, Data} ->
            ok = gen_tcp:send(S, Data),
            case Active of once -> inet:setopts(S, [{active, once}]); _ -> ok end,
            echo(S, Active);
        {tcp_closed, S} -> ok;
        {tcp_error, S, Reason} -> fail(io_lib:format("echo: ~p", [Reason]))
    after ?T -> fail("echo: nothing for 20 s")
    end.

%% Receives Size bytes back: one packet when framed, as many chunks as it takes in raw mode.
receive_n(S, 0, Active, Size) -> receive_raw(S, Active, Size, <<>>);
receive_n(S, _, false, _) -> {ok, D} = gen_tcp:recv(S, 0, ?T), D;
receive_n(S, _, Active, _) ->
    receive {tcp, S, D} -> rearm(S, Active), D
    after ?T -> fail("no echo")
    end.

receive_raw(_, _, Size, Acc) when byte_size(Acc) >= Size -> Acc;
receive_raw(S, false, Size, Acc) ->
    {ok, D} = gen_tcp:recv(S, 0, ?T), receive_raw(S, false, Size, <<Acc/binary, D/binary>>);
receive_raw(S, Active, Size, Acc) ->
    receive {tcp, S, D} -> rearm(S, Active), receive_raw(S, Active, Size, <<Acc/binary, D/binary>>)
    after ?T -> fail("no raw echo")
    end.

rearm(S, once) -> inet:setopts(S, [{active, once}]);
rearm(_, _) -> ok.

read_to_end(S, Acc) ->
    case gen_tcp:recv(S, 0, ?T) of
        {ok, D} -> read_to_end(S, <<Acc/binary, D/binary>>);
        {error, closed} -> Acc
    end.

print_until_closed(S) ->
    receive
        {tcp, S, D} -> io:format("data ~s~n", [D]), print_until_closed(S);
        {tcp_error, S, R} -> io:format("tcp_error ~p~n", [R]), print_until_closed(S);
        {tcp_closed, S} -> io:format("tcp_closed~n")
    after ?T -> fail("nothing arrived")
    end.

payload(Size) -> list_to_binary([I rem 251 || I <- lists:seq(1, Size)]).

packet("raw") -> 0;
packet(P) -> list_to_integer(P).

active("true") -> true;
active("false") -> false;
active("once") -> once.

fail(Why) ->
    io:format("fail: ~s~n", [Why]),
    halt(1).
