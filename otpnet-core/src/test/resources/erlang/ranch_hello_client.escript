#!/usr/bin/env escript
%% A real Erlang/OTP ssl client for dev.otpnet.listener.ListenerHelloTest: the listener pauses its
%% TLS handshake after the ClientHello ({handshake, hello}) and its handler continues or cancels.
%%
%%   ranch_hello_client Port Sni Alpn
%%       ssl:connect to 127.0.0.1:Port with server_name_indication Sni and alpn_advertised_protocols
%%       [Alpn] (no verification: the test compares the certificate itself). On success prints
%%       "cert: Hex" (the server certificate, DER in upper-case hex), "alpn: Proto", "line: Text"
%%       (the handler's first line) and "ok". On failure prints "refused: Reason" and "ok".
%% A watchdog halts the node after 30 s.
main([PortS, Sni, Alpn]) ->
    spawn(fun() -> timer:sleep(30000), io:format("fail: watchdog~n"), halt(2) end),
    {ok, _} = application:ensure_all_started(ssl),
    Opts = [binary, {active, false}, {verify, verify_none}, {server_name_indication, Sni},
            {alpn_advertised_protocols, [list_to_binary(Alpn)]}],
    case ssl:connect("127.0.0.1", list_to_integer(PortS), Opts, 10000) of
        {ok, S} ->
            {ok, Der} = ssl:peercert(S),
            io:format("cert: ~s~n", [binary:encode_hex(Der)]),
            io:format("alpn: ~p~n", [ssl:negotiated_protocol(S)]),
            io:format("line: ~s~n", [line(S, <<>>)]),
            ssl:close(S);
        {error, Reason} ->
            io:format("refused: ~0p~n", [Reason])
    end,
    io:format("ok~n"),
    halt(0).

line(S, Acc) ->
    case ssl:recv(S, 0, 10000) of
        {ok, Data} ->
            All = <<Acc/binary, Data/binary>>,
            case binary:split(All, <<"\n">>) of
                [Line, _] -> Line;
                [_] -> line(S, All)
            end;
        {error, Reason} ->
            io:format("fail: recv ~p~n", [Reason]),
            halt(1)
    end.
