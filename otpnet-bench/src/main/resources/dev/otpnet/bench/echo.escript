#!/usr/bin/env escript
%%! +P 400000 +Q 300000 +K true
%% The {packet, 4} echo server as an Erlang user writes it: gen_tcp or ssl, a process per connection
%% that owns its socket, {active, once} flow control; the TLS handshake runs in that process.
%%   escript echo.escript tcp Port
%%   escript echo.escript tls Port CertFile KeyFile
%% Prints "listening on PORT" once it accepts, then serves until killed.
-mode(compile).

main(["tcp", Port]) ->
    {ok, L} = gen_tcp:listen(list_to_integer(Port), opts()),
    announce(inet:port(L)),
    accept_tcp(L);
main(["tls", Port, Cert, Key]) ->
    ok = ssl:start(),
    {ok, L} = ssl:listen(list_to_integer(Port),
                         [{certfile, Cert}, {keyfile, Key}, {versions, ['tlsv1.3', 'tlsv1.2']} | opts()]),
    {ok, {_, P}} = ssl:sockname(L),
    announce({ok, P}),
    accept_tls(L).

opts() ->
    [binary, {packet, 4}, {active, false}, {reuseaddr, true}, {nodelay, true}, {backlog, 4096},
     {ip, {127, 0, 0, 1}}].

announce({ok, P}) -> io:format("listening on ~b~n", [P]).

accept_tcp(L) ->
    case gen_tcp:accept(L) of
        {ok, S} ->
            Pid = spawn(fun() -> receive go -> ok end, echo(gen_tcp, inet, S) end),
            ok = gen_tcp:controlling_process(S, Pid),
            Pid ! go;
        {error, Reason} ->
            io:format(standard_error, "accept failed: ~p~n", [Reason]),
            timer:sleep(100)
    end,
    accept_tcp(L).

accept_tls(L) ->
    case ssl:transport_accept(L) of
        {ok, S} ->
            Pid = spawn(fun() ->
                                receive go -> ok end,
                                case ssl:handshake(S, 10000) of
                                    {ok, T} -> echo(ssl, ssl, T);
                                    {error, _} -> ok
                                end
                        end),
            ok = ssl:controlling_process(S, Pid),
            Pid ! go;
        {error, Reason} ->
            io:format(standard_error, "accept failed: ~p~n", [Reason]),
            timer:sleep(100)
    end,
    accept_tls(L).

echo(Mod, Opts, S) ->
    ok = Opts:setopts(S, [{active, once}]),
    receive
        {_, S, Data} when is_binary(Data) -> Mod:send(S, Data), echo(Mod, Opts, S);
        {tcp_closed, S} -> ok;
        {ssl_closed, S} -> ok;
        {tcp_error, S, _} -> ok;
        {ssl_error, S, _} -> ok
    end.
