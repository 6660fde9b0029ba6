#!/usr/bin/env escript
%% Erlang/OTP ssl peers for the otpnet command's tests (dev.otpnet.cli.EchoCommandIT and
%% ClientCommandIT). Each role prints one fact per line, ends with "ok" or "fail: ...", and stops
%% by itself: every wait has a deadline and a watchdog halts the node.
%%
%%   client Port CaFile Host Message...
%%       ssl:connect(Host, Port) with {packet,4}, verify_peer against CaFile and the host name
%%       checked (Erlang's default for verify_peer with a host name); prints "info: Version Cipher",
%%       then per message sends it and prints "echo: Reply"; closes.
%%   server Dir Password
%%       ssl:listen on 127.0.0.1 with Dir/cert.pem and Dir/key.pem (the key decrypted with
%%       Password, "none" for none), {packet,4}; prints "port N"; accepts one client, echoes each
%%       packet until it closes, prints "closed after N packets".
-mode(compile).

-define(T, 20000).

main([Role | Args]) ->
    logger:set_primary_config(level, none),
    ok = io:setopts([{encoding, unicode}]),
    {ok, _} = application:ensure_all_started(ssl),
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

role("client", [Port, CaFile, Host | Messages]) ->
    {ok, S} = ssl:connect(Host, list_to_integer(Port),
                          [binary, {packet, 4}, {active, false}, {verify, verify_peer},
                           {cacertfile, CaFile}, {server_name_indication, Host}], ?T),
    {ok, Info} = ssl:connection_information(S, [protocol, selected_cipher_suite]),
    io:format("info: ~p ~p~n", [proplists:get_value(protocol, Info),
                                 ssl:suite_to_str(proplists:get_value(selected_cipher_suite, Info))]),
    lists:foreach(fun(M) ->
                          Bin = unicode:characters_to_binary(M),
                          ok = ssl:send(S, Bin),
                          {ok, Reply} = ssl:recv(S, 0, ?T),
                          io:format("echo: ~ts~n", [Reply])
                  end, Messages),
    ok = ssl:close(S);
role("server", [Dir, Password]) ->
    Pw = case Password of "none" -> []; _ -> [{password, Password}] end,
    {ok, L} = ssl:listen(0, [binary, {packet, 4}, {active, false}, {reuseaddr, true}, {ip, {127, 0, 0, 1}},
                             {certfile, filename:join(Dir, "cert.pem")},
                             {keyfile, filename:join(Dir, "key.pem")} | Pw]),
    {ok, {_, Port}} = ssl:sockname(L),
    io:format("port ~p~n", [Port]),
    {ok, T} = ssl:transport_accept(L, ?T),
    {ok, S} = ssl:handshake(T, ?T),
    N = echo(S, 0),
    io:format("closed after ~p packets~n", [N]).

echo(S, N) ->
    case ssl:recv(S, 0, ?T) of
        {ok, Data} -> ok = ssl:send(S, Data), echo(S, N + 1);
        {error, closed} -> N
    end.
