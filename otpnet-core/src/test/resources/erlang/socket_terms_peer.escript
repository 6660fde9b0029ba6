#!/usr/bin/env escript
%% The Erlang side of SocketTermsInteropTest: a gen_tcp server with {packet, 4} that decodes each
%% packet with binary_to_term and answers {echo, T}; for the atom split it sends its answer in two
%% parts (the header and half the body, then, after the client's next packet, the rest), so the
%% client's read times out in the middle of a packet.
-mode(compile).

main(_) ->
    {ok, L} = gen_tcp:listen(0, [binary, {packet, 4}, {active, false}, {ip, {127, 0, 0, 1}}]),
    {ok, P} = inet:port(L),
    io:format("port ~b~n", [P]),
    {ok, S} = gen_tcp:accept(L, 30000),
    loop(S).

loop(S) ->
    case gen_tcp:recv(S, 0, 30000) of
        {ok, Bin} ->
            case binary_to_term(Bin) of
                split ->
                    Body = term_to_binary({split_reply, lists:seq(1, 100)}),
                    {A, B} = split_binary(Body, byte_size(Body) div 2),
                    ok = inet:setopts(S, [{packet, raw}]),
                    ok = gen_tcp:send(S, [<<(byte_size(Body)):32>>, A]),
                    ok = inet:setopts(S, [{packet, 4}]),
                    {ok, Go} = gen_tcp:recv(S, 0, 30000),
                    go = binary_to_term(Go),
                    ok = inet:setopts(S, [{packet, raw}]),
                    ok = gen_tcp:send(S, B),
                    ok = inet:setopts(S, [{packet, 4}]),
                    loop(S);
                T ->
                    ok = gen_tcp:send(S, term_to_binary({echo, T})),
                    loop(S)
            end;
        {error, closed} ->
            io:format("ok~n")
    end.
