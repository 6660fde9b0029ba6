#!/usr/bin/env escript
%% An Erlang ssl client for DemoApp: {packet, 4} in binary mode, passive; sends each message and a
%% 100 000-byte one (which TLS splits into several records and {packet,4} puts back together),
%% prints each echo's size and head, then closes.
%%   escript ssl_client.escript PORT CACERTFILE MESSAGE...
main([Port, Ca | Messages]) ->
    ssl:start(),
    {ok, S} = ssl:connect("localhost", list_to_integer(Port),
                          [binary, {packet, 4}, {active, false}, {verify, verify_peer}, {cacertfile, Ca}], 10000),
    Big = binary:copy(<<"0123456789">>, 10000),
    lists:foreach(fun(M) ->
                          ok = ssl:send(S, M),
                          {ok, Echo} = ssl:recv(S, 0, 10000),
                          io:format("echo ~b ~s~n", [byte_size(Echo), binary:part(Echo, 0, min(16, byte_size(Echo)))])
                  end, [list_to_binary(M) || M <- Messages] ++ [Big]),
    ok = ssl:close(S),
    io:format("ok~n").
