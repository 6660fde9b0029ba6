#!/usr/bin/env escript
%% A real Erlang/OTP ssl peer for otpnet's ssl socket interop tests (dev.otpnet.ssl.ErlangSslInteropTest
%% and ErlangSslFailuresInteropTest).
%% Every role takes the directory holding the PEM files first (file names in Options are relative
%% to it), prints one fact per line ("Tag: Term", the term on one line), ends with "ok" or
%% "fail: ...", and stops by itself: every wait has a deadline and a watchdog halts the node.
%%
%%   echo_client Dir Port Options Cases
%%       Cases is "P:A,P:A,..." (P = 0 | 2 | 4, A = true | once | false). One connection per case,
%%       in order, with {packet, P} and {active, A}; sends one packet per size the type can carry
%%       (raw: 1..1 MiB, 2: 0..65535, 4: 0..1 MiB), checks each echo, prints "case I: P A Protocol".
%%   echo_server Dir Options Cases
%%       Prints "port N", then per case accepts one connection, sets {packet, P} and {active, A},
%%       echoes until the peer closes, prints "case I: P A Protocol".
%%   client Dir Port Host Options Count Flags
%%       Count connections, one after another. Each prints "connect I: Result" and, when it
%%       succeeded, its "info I: [...]", sends "hello", prints "reply I: Data" or
%%       "recv_error I: Reason", closes. Flags (comma list or "none"): accept_unknown_ca adds a
%%       verify_fun accepting {bad_cert, unknown_ca}; save_then_reuse makes connection 1 save its
%%       session ({reuse_sessions, save}) and the later ones ask for it ({reuse_session, Id}).
%%   key_update_client Dir Port Options Rounds
%%       One connection with {packet, 4}: per round sends "round I", prints "echo I: Data" when
%%       it comes back, then ssl:update_keys(S, Type) (write on odd rounds; read_write on even
%%       ones, which asks the server to update its keys too) and prints "update I: Result".
%%       Then 1 MiB under the newest keys, prints "big: Size" when it is back, and closes.
%%   server Dir Options Count
%%       Prints "port N"; per connection "handshake I: Result", "info I: [...]", echoes until the
%%       peer closes, prints "closed I: Reason".
%%   starttls_client Dir Port Options
%%       gen_tcp: sends "STARTTLS\n", expects "GO\n", ssl:connect(TcpSocket, Options), sends
%%       "secret", expects it back, ssl:close(S, {self(), 5000}) and prints "downgrade: Shape",
%%       then on plain TCP sends "plain again" and prints "plain: Data".
%%   starttls_server Dir Options
%%       The mirror: prints "port N", expects "STARTTLS\n", sends "GO\n", ssl:handshake(Tcp,
%%       Options), echoes one message, downgrades, sends "plain back", prints "plain: Data".
%%   truncating_client Dir Port Options Count
%%       Per connection: gen_tcp connect, ssl:connect(Tcp, Options), sends "partial", then
%%       gen_tcp:shutdown(Tcp, write): a FIN without close_notify. Prints "after I: Result" with
%%       what ssl:recv then gives.
%%   truncating_server Dir Options
%%       The mirror over one accepted connection.
%%   raw_client Dir Port Hex
%%       gen_tcp: sends the bytes (nothing for "none"), prints every "got: <<...>>" until
%%       "closed: Reason".
%%   raw_server Dir
%%       gen_tcp: prints "port N", accepts one connection, reads and never answers, prints
%%       "closed: Reason" when the peer goes away.
-mode(compile).

-define(T, 20000).

main([Role, Dir | Args]) ->
    logger:set_primary_config(level, none),
    {ok, _} = application:ensure_all_started(ssl),
    ok = file:set_cwd(Dir),
    spawn(fun() -> timer:sleep(60000), io:format("fail: watchdog: ~s still running after 60 s~n", [Role]), halt(3) end),
    try
        role(Role, Args),
        io:format("ok~n")
    catch
        C:E:St ->
            io:format("fail: ~s ~p:~0p ~0p~n", [Role, C, E, St]),
            halt(1)
    end,
    halt(0).

%% ---------------------------------------------------------------- echo matrix

role("echo_client", [Port, Options, Cases]) ->
    lists:foreach(
      fun({I, {P, A}}) ->
              {ok, S} = ssl:connect({127,0,0,1}, list_to_integer(Port),
                                    [binary, {packet, P}, {active, A} | term(Options)], ?T),
              [echo_one(S, P, A, Size) || Size <- sizes(P)],
              say(io_lib:format("case ~p", [I]), {P, A, protocol(S)}),
              say(io_lib:format("close ~p", [I]), ssl:close(S))
      end, cases(Cases));

role("echo_server", [Options, Cases]) ->
    {ok, L} = ssl:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true} | term(Options)]),
    {ok, {_, Port}} = ssl:sockname(L),
    io:format("port ~p~n", [Port]),
    lists:foreach(
      fun({I, {P, A}}) ->
              {ok, S0} = ssl:transport_accept(L, ?T),
              {ok, S} = ssl:handshake(S0, ?T),
              ok = ssl:setopts(S, [{packet, P}, {active, A}]),
              V = protocol(S),
              closed = echo_until_closed(S, A),
              say(io_lib:format("case ~p", [I]), {P, A, V})
      end, cases(Cases)),
    ssl:close(L);

%% ---------------------------------------------------------------- one connection at a time

role("client", [Port, Host, Options, Count, Flags]) ->
    Fs = flags(Flags),
    Base = term(Options) ++ verify_fun(Fs),
    lists:foldl(
      fun(I, Saved) ->
              Extra = case {lists:member(save_then_reuse, Fs), Saved} of
                          {false, _} -> [];
                          {true, none} -> [{reuse_sessions, save}];
                          {true, Saved} -> [{reuse_session, Saved}]
                      end,
              R = ssl:connect(Host, list_to_integer(Port), [binary, {active, false} | Extra ++ Base], ?T),
              say(io_lib:format("connect ~p", [I]), R),
              case R of
                  {ok, S} ->
                      Info = info(S),
                      say(io_lib:format("info ~p", [I]), Info),
                      %% on TLS 1.3 a server may refuse us after connect returned: send and
                      %% recv then say why
                      _ = ssl:send(S, <<"hello">>),
                      case ssl:recv(S, 0, ?T) of
                          {ok, Data} -> say(io_lib:format("reply ~p", [I]), Data);
                          {error, E} -> say(io_lib:format("recv_error ~p", [I]), E)
                      end,
                      ssl:close(S),
                      case {Saved, Info} of
                          {none, [_ | _]} -> binary:decode_hex(proplists:get_value(session_id, Info));
                          _ -> Saved
                      end;
                  _ ->
                      Saved
              end
      end, none, lists:seq(1, list_to_integer(Count)));

role("key_update_client", [Port, Options, Rounds]) ->
    {ok, S} = ssl:connect({127,0,0,1}, list_to_integer(Port),
                          [binary, {packet, 4}, {active, false} | term(Options)], ?T),
    lists:foreach(
      fun(I) ->
              Msg = iolist_to_binary(io_lib:format("round ~p", [I])),
              ok = ssl:send(S, Msg),
              {ok, Msg} = ssl:recv(S, 0, ?T),
              say(io_lib:format("echo ~p", [I]), Msg),
              Type = case I rem 2 of 1 -> write; 0 -> read_write end,
              say(io_lib:format("update ~p", [I]), ssl:update_keys(S, Type))
      end, lists:seq(1, list_to_integer(Rounds))),
    Big = binary:copy(<<"k">>, 1 bsl 20),
    ok = ssl:send(S, Big),
    {ok, Big} = ssl:recv(S, 0, ?T),
    say("big", byte_size(Big)),
    ssl:close(S);

role("server", [Options, Count]) ->
    {ok, L} = ssl:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true} | term(Options)]),
    {ok, {_, Port}} = ssl:sockname(L),
    io:format("port ~p~n", [Port]),
    lists:foreach(
      fun(I) ->
              {ok, S0} = ssl:transport_accept(L, ?T),
              R = ssl:handshake(S0, ?T),
              say(io_lib:format("handshake ~p", [I]), R),
              case R of
                  {ok, S} ->
                      say(io_lib:format("info ~p", [I]), info(S)),
                      say(io_lib:format("closed ~p", [I]), echo_until_closed(S, false));
                  _ ->
                      ok
              end
      end, lists:seq(1, list_to_integer(Count))),
    ssl:close(L);

%% ---------------------------------------------------------------- upgrade and downgrade

role("starttls_client", [Port, Options]) ->
    {ok, T} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port), [binary, {active, false}], ?T),
    ok = gen_tcp:send(T, <<"STARTTLS\n">>),
    {ok, <<"GO\n">>} = gen_tcp:recv(T, 3, ?T),
    {ok, S} = ssl:connect(T, term(Options), ?T),
    say("tls", info(S)),
    ok = ssl:send(S, <<"secret">>),
    {ok, <<"secret">>} = ssl:recv(S, 6, ?T),
    {P, Rest} = downgrade(S),
    ok = gen_tcp:send(P, <<"plain again">>),
    say("plain", recv_plain(P, Rest, byte_size(<<"plain back">>))),
    gen_tcp:close(P);

role("starttls_server", [Options]) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, T} = gen_tcp:accept(L, ?T),
    {ok, <<"STARTTLS\n">>} = gen_tcp:recv(T, 9, ?T),
    ok = gen_tcp:send(T, <<"GO\n">>),
    {ok, S} = ssl:handshake(T, term(Options), ?T),
    say("tls", info(S)),
    {ok, Data} = ssl:recv(S, 0, ?T),
    ok = ssl:send(S, Data),
    {P, Rest} = downgrade(S),
    %% This side speaks first on plain TCP: OTP 25's ssl:close(S, {Pid, T}) sometimes returns
    %% {ok, Port} and drops bytes that arrived right behind the peer's close_notify (two Erlang
    %% peers lose them too), so the peer must not send before it has heard from us.
    ok = gen_tcp:send(P, <<"plain back">>),
    say("plain", recv_plain(P, Rest, byte_size(<<"plain again">>))),
    {error, closed} = gen_tcp:recv(P, 0, ?T),
    gen_tcp:close(L);

%% ---------------------------------------------------------------- TCP FIN without close_notify

role("truncating_client", [Port, Options, Count]) ->
    lists:foreach(
      fun(I) ->
              {ok, T} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port), [binary, {active, false}], ?T),
              {ok, S} = ssl:connect(T, term(Options), ?T),
              truncate(S, T, I)
      end, lists:seq(1, list_to_integer(Count)));

role("truncating_server", [Options]) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, T} = gen_tcp:accept(L, ?T),
    {ok, S} = ssl:handshake(T, term(Options), ?T),
    truncate(S, T, 1),
    gen_tcp:close(L);

%% ---------------------------------------------------------------- raw bytes

role("raw_client", [Port, Hex]) ->
    {ok, T} = gen_tcp:connect({127,0,0,1}, list_to_integer(Port), [binary, {active, false}], ?T),
    case Hex of
        "none" -> ok;
        _ -> ok = gen_tcp:send(T, binary:decode_hex(list_to_binary(Hex)))
    end,
    print_until_closed(T);

role("raw_server", []) ->
    {ok, L} = gen_tcp:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true}]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, T} = gen_tcp:accept(L, ?T),
    print_until_closed(T),
    gen_tcp:close(L).

%% ---------------------------------------------------------------- helpers

cases(Text) ->
    lists:zip(lists:seq(1, length(string:tokens(Text, ","))),
              [begin
                   [P, A] = string:tokens(C, ":"),
                   {list_to_integer(P), list_to_atom(A)}
               end || C <- string:tokens(Text, ",")]).

sizes(0) -> [1, 255, 256, 65535, 65536, 1048576];
sizes(2) -> [0, 1, 255, 256, 65535];
sizes(4) -> [0, 1, 255, 256, 65535, 65536, 1048576].

echo_one(S, P, A, Size) ->
    Data = crypto:strong_rand_bytes(Size),
    ok = ssl:send(S, Data),
    case receive_packet(S, P, A, Size, <<>>) of
        Data -> ok;
        Got -> throw({echo_differs, {packet, P}, {active, A}, {size, Size}, {got, byte_size(Got)}})
    end.

%% One echoed packet; in raw mode, Size bytes however they are cut.
receive_packet(S, 0, false, Size, Acc) ->
    {ok, D} = ssl:recv(S, Size - byte_size(Acc), ?T),
    <<Acc/binary, D/binary>>;
receive_packet(S, _, false, _, <<>>) ->
    {ok, D} = ssl:recv(S, 0, ?T),
    D;
receive_packet(S, P, A, Size, Acc) ->
    receive
        {ssl, S, D} ->
            A =:= once andalso ssl:setopts(S, [{active, once}]),
            All = <<Acc/binary, D/binary>>,
            case P =:= 0 andalso byte_size(All) < Size of
                true -> receive_packet(S, P, A, Size, All);
                false -> All
            end;
        {ssl_closed, S} -> throw({closed_after, byte_size(Acc)});
        {ssl_error, S, E} -> throw({ssl_error, E})
    after ?T -> throw({no_echo, {packet, P}, {size, Size}, {got, byte_size(Acc)}})
    end.

echo_until_closed(S, false) ->
    case ssl:recv(S, 0, ?T) of
        {ok, D} -> ok = ssl:send(S, D), echo_until_closed(S, false);
        {error, E} -> E
    end;
echo_until_closed(S, A) ->
    receive
        {ssl, S, D} ->
            ok = ssl:send(S, D),
            A =:= once andalso ssl:setopts(S, [{active, once}]),
            echo_until_closed(S, A);
        {ssl_closed, S} -> closed;
        {ssl_error, S, E} -> E
    after ?T -> throw(echo_timeout)
    end.

protocol(S) ->
    {ok, [{protocol, V}]} = ssl:connection_information(S, [protocol]),
    V.

%% What the Java side checks: version, SNI, ALPN, resumption, session id, and the peer's DER.
info(S) ->
    case ssl:connection_information(S, [protocol, sni_hostname, session_resumption, session_id]) of
        {ok, I} -> info(S, I);
        Error -> Error
    end.

info(S, I) ->
    [{protocol, proplists:get_value(protocol, I)},
     {sni_hostname, proplists:get_value(sni_hostname, I, none)},
     {alpn, case ssl:negotiated_protocol(S) of {ok, P} -> P; {error, E} -> E end},
     {session_resumption, proplists:get_value(session_resumption, I)},
     {session_id, binary:encode_hex(proplists:get_value(session_id, I))},
     {peercert, case ssl:peercert(S) of {ok, Der} -> binary:encode_hex(Der); {error, E2} -> E2 end}].

flags("none") -> [];
flags(Text) -> [list_to_atom(F) || F <- string:tokens(Text, ",")].

verify_fun(Flags) ->
    case lists:member(accept_unknown_ca, Flags) of
        true ->
            [{verify_fun, {fun(_, {bad_cert, unknown_ca}, St) -> {valid, St};
                              (_, {bad_cert, _} = R, _) -> {fail, R};
                              (_, {extension, _}, St) -> {unknown, St};
                              (_, valid, St) -> {valid, St};
                              (_, valid_peer, St) -> {valid, St}
                           end, []}}];
        false ->
            []
    end.

%% ssl:close(S, {self(), 5000}): gives the TCP socket back; prints the shape of the answer.
downgrade(S) ->
    case ssl:close(S, {self(), 5000}) of
        {ok, P} -> say("downgrade", ok_port), {P, <<>>};
        {ok, P, Data} -> say("downgrade", {ok_port_data, Data}), {P, Data};
        Other -> throw({downgrade, Other})
    end.

recv_plain(_, Rest, N) when byte_size(Rest) >= N ->
    Rest;
recv_plain(P, Rest, N) ->
    {ok, D} = gen_tcp:recv(P, N - byte_size(Rest), ?T),
    <<Rest/binary, D/binary>>.

%% Sends "partial", then ends the TCP stream under TLS without a close_notify.
truncate(S, T, I) ->
    ok = ssl:send(S, <<"partial">>),
    ok = gen_tcp:shutdown(T, write),
    say(io_lib:format("after ~p", [I]), ssl:recv(S, 0, ?T)),
    ssl:close(S).

print_until_closed(T) ->
    case gen_tcp:recv(T, 0, ?T) of
        {ok, D} -> say("got", D), print_until_closed(T);
        {error, E} -> say("closed", E)
    end.

term(Text) ->
    {ok, Tokens, _} = erl_scan:string(Text ++ "."),
    {ok, Term} = erl_parse:parse_term(Tokens),
    Term.

say(Tag, Term) ->
    io:format("~s: ~s~n", [Tag, io_lib:print(Term, 1, 1000000, -1)]).
