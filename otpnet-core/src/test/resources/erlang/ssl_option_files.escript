#!/usr/bin/env escript
%% What Erlang/OTP's ssl says about certificate, key and CA files it cannot use.
%%
%%   escript ssl_option_files.escript client CertFile KeyFile Options
%%       starts a TLS server with CertFile/KeyFile on 127.0.0.1, connects to it with Options
%%       (an Erlang term) and prints "result: Term" on one line
%%   escript ssl_option_files.escript server Options
%%       listens with Options, connects to itself with a plain ssl client and prints the
%%       server's ssl:handshake/2 result as "result: Term"
main(["client", CertFile, KeyFile, Options]) ->
    start(),
    {ok, L} = ssl:listen(0, [{certfile, CertFile}, {keyfile, KeyFile}, {ip, {127,0,0,1}}]),
    {ok, {_, Port}} = ssl:sockname(L),
    spawn(fun() -> accept(L) end),
    say(ssl:connect({127,0,0,1}, Port, term(Options), 5000));
main(["server", Options]) ->
    start(),
    {ok, L} = ssl:listen(0, [{ip, {127,0,0,1}} | term(Options)]),
    {ok, {_, Port}} = ssl:sockname(L),
    Self = self(),
    spawn(fun() -> {ok, S} = ssl:transport_accept(L), Self ! {result, ssl:handshake(S, 5000)} end),
    _ = ssl:connect({127,0,0,1}, Port, [{verify, verify_none}], 5000),
    receive {result, R} -> say(R) after 10000 -> say(timeout) end.

accept(L) ->
    {ok, S} = ssl:transport_accept(L),
    spawn(fun() -> ssl:handshake(S, 5000) end),
    accept(L).

start() ->
    logger:set_primary_config(level, none),
    {ok, _} = application:ensure_all_started(ssl).

term(Text) ->
    {ok, Tokens, _} = erl_scan:string(Text ++ "."),
    {ok, Term} = erl_parse:parse_term(Tokens),
    Term.

say(Term) ->
    io:format("result: ~s~n", [io_lib:print(Term, 1, 1000000, -1)]).
