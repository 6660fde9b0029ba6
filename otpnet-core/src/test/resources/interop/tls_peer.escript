#!/usr/bin/env escript
%% An Erlang/OTP ssl peer for otpnet's interop tests. Every line it prints is one Erlang term
%% after a tag, on one line, so the Java side can wait for it:
%%
%%   escript tls_peer.escript server Count Options
%%       listens on 127.0.0.1, prints "listening: Port", accepts Count connections, prints
%%       "handshake: Result" for each, echoes what it receives, prints "closed" or
%%       "recv_error: Reason"; exits after Count connections or 30 seconds.
%%   escript tls_peer.escript client Port Host Options Message [Actions]
%%       connects, prints "connect: Result", then "connection: Info", runs Actions
%%       (renegotiate | update_keys) printing "Action: Result", sends Message printing
%%       "send: Result", prints "reply: Data" or "recv_error: Reason", closes.
%%
%% Options is an Erlang term, e.g. "[{certfile,\"server.pem\"},{keyfile,\"server.key\"}]".

main(["server", Count, Options]) ->
    start(),
    Self = self(),
    spawn(fun() -> timer:sleep(30000), io:format("gave up~n"), halt(2) end),
    {ok, L} = ssl:listen(0, [binary, {active, false}, {ip, {127,0,0,1}}, {reuseaddr, true} | term(Options)]),
    {ok, {_, Port}} = ssl:sockname(L),
    say("listening", Port),
    serve(L, list_to_integer(Count)),
    Self ! done;
main(["client", Port, Host, Options, Message | Actions]) ->
    start(),
    %% {log_level, L} among the options also opens the logger, so alerts ssl logs are printed
    case proplists:get_value(log_level, term(Options)) of
        undefined -> ok;
        Level -> logger:set_primary_config(level, Level)
    end,
    R = ssl:connect(Host, list_to_integer(Port), [binary, {active, false} | term(Options)], 10000),
    say("connect", R),
    case R of
        {ok, S} ->
            say("connection", ssl:connection_information(S, [protocol, selected_cipher_suite, sni_hostname])),
            say("alpn", ssl:negotiated_protocol(S)),
            [say(A, action(list_to_atom(A), S)) || A <- Actions],
            say("send", ssl:send(S, Message)),
            case ssl:recv(S, 0, 10000) of
                {ok, Data} -> say("reply", Data);
                {error, E} -> say("recv_error", E)
            end,
            ssl:close(S);
        _ ->
            ok
    end,
    %% the logger writes asynchronously: let what ssl logged (alerts) out before the VM halts
    _ = logger_std_h:filesync(default).

action(renegotiate, S) -> ssl:renegotiate(S);
action(update_keys, S) -> ssl:update_keys(S, read_write).

serve(_, 0) ->
    ok;
serve(L, N) ->
    {ok, S} = ssl:transport_accept(L, 20000),
    R = ssl:handshake(S, 10000),
    say("handshake", R),
    case R of
        {ok, T} ->
            say("connection", ssl:connection_information(T, [protocol, sni_hostname])),
            say("peer", case ssl:peercert(T) of
                            {ok, Der} -> subject(Der);
                            Other -> Other
                        end),
            echo(T);
        _ ->
            ok
    end,
    serve(L, N - 1).

echo(S) ->
    case ssl:recv(S, 0, 10000) of
        {ok, Data} ->
            ssl:send(S, Data),
            echo(S);
        {error, closed} ->
            say("closed", closed);
        {error, E} ->
            say("recv_error", E),
            ssl:close(S)
    end.

subject(Der) ->
    Cert = public_key:pkix_decode_cert(Der, otp),
    {rdnSequence, Rdns} = element(7, element(2, Cert)),
    [V || [{'AttributeTypeAndValue', {2,5,4,3}, V}] <- Rdns].

start() ->
    logger:set_primary_config(level, none),
    {ok, _} = application:ensure_all_started(ssl).

term(Text) ->
    {ok, Tokens, _} = erl_scan:string(Text ++ "."),
    {ok, Term} = erl_parse:parse_term(Tokens),
    Term.

say(Tag, Term) ->
    io:format("~s: ~s~n", [Tag, io_lib:print(Term, 1, 1000000, -1)]).
