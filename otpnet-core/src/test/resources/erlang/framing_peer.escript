#!/usr/bin/env escript
%% A real gen_tcp peer for otpnet's framing interop tests: one run handles every payload size of
%% one {packet, Type}. Prints one line per fact, ends with "ok" or "fail: ...", and stops by itself
%% (every wait has a deadline).
%%
%%   echo_server Type          - listen on 127.0.0.1:0 with {packet, Type}, print "port N", accept
%%                               one connection and echo each packet until it closes. Types other
%%                               than 1/2/4 keep their header in the packet, so echoing the packet
%%                               echoes the frame. For the http types each parsed packet is printed
%%                               as "pkt ~p" and written back as the bytes it came from.
%%   echo_client Port Type Sizes - connect with {packet, Type}, and for each size (a comma list)
%%                               send one frame of that payload size (framed here for the types
%%                               whose header gen_tcp does not write) and check the echo: "echoed N".
%%                               For the http types: send a request and a response whose header
%%                               values have that size, print each echoed packet as "pkt ~p", and
%%                               check that the packets rebuild the bytes sent.
%%
%% Type is 1, 2, 4, line, asn1, cdr, sunrm, tpkt, http or http_bin. Frames use variant I (the
%% size's position in the list) exactly as dev.otpnet.testing.Frames does.
-mode(compile).

-define(T, 20000).
%% Large enough for a 70000-byte header line: with packet_size 0 the buffer bounds an http line.
%% Only the http types get it (see buffer/1).
-define(BUFFER, 262144).

main(["echo_server", TypeS]) ->
    Type = type(TypeS),
    {ok, L} = gen_tcp:listen(0, [binary, {ip, {127,0,0,1}}, {packet, Type}, {active, once},
                                 {reuseaddr, true} | buffer(Type)]),
    {ok, Port} = inet:port(L),
    io:format("port ~p~n", [Port]),
    {ok, S} = gen_tcp:accept(L, ?T),
    N = echo(S, 0),
    io:format("packets ~p~n", [N]),
    io:format("ok~n");

main(["echo_client", PortS, TypeS, SizesS]) ->
    Type = type(TypeS),
    {ok, S} = gen_tcp:connect({127,0,0,1}, list_to_integer(PortS),
                              [binary, {packet, Type}, {active, false} | buffer(Type)], ?T),
    Sizes = [list_to_integer(X) || X <- string:tokens(SizesS, ",")],
    lists:foreach(fun({I, Size}) -> client_one(S, Type, I, Size) end,
                  lists:zip(lists:seq(0, length(Sizes) - 1), Sizes)),
    ok = gen_tcp:close(S),
    io:format("ok~n").

%% ---------------------------------------------------------------- server

echo(S, N) ->
    receive
        {http, S, Packet} ->
            io:format("pkt ~100000000p~n", [Packet]),
            ok = gen_tcp:send(S, unparse(Packet)),
            ok = inet:setopts(S, [{active, once}]),
            echo(S, N + 1);
        {tcp, S, Data} ->
            ok = gen_tcp:send(S, Data),
            ok = inet:setopts(S, [{active, once}]),
            echo(S, N + 1);
        {tcp_closed, S} -> N;
        {tcp_error, S, Reason} -> fail(io_lib:format("echo: ~p", [Reason]))
    after ?T -> fail("echo: nothing for 20 s")
    end.

%% ---------------------------------------------------------------- client

client_one(S, Type, _I, Size) when Type =:= http; Type =:= http_bin ->
    Sent = iolist_to_binary([request(Size), response(Size)]),
    ok = gen_tcp:send(S, Sent),
    Packets = recv_http(S, 2, []),
    [io:format("pkt ~100000000p~n", [P]) || P <- Packets],
    case iolist_to_binary([unparse(P) || P <- Packets]) of
        Sent -> io:format("echoed ~p~n", [Size]);
        _ -> fail(io_lib:format("size ~p: the packets do not rebuild the bytes sent", [Size]))
    end;
client_one(S, Type, I, Size) ->
    Payload = payload(Size),
    Frame = frame(Type, Payload, I),
    ok = gen_tcp:send(S, Frame),
    Got = recv_frame(S, Type, <<>>),
    case Got =:= Frame of
        true -> io:format("echoed ~p~n", [Size]);
        false -> fail(io_lib:format("size ~p: got ~p bytes back, expected ~p",
                                    [Size, byte_size(Got), byte_size(Frame)]))
    end.

%% gen_tcp cuts a long line at its buffer: gather the pieces up to the delimiter.
recv_frame(S, line, Acc) ->
    {ok, D} = gen_tcp:recv(S, 0, ?T),
    All = <<Acc/binary, D/binary>>,
    case binary:last(All) of
        $\n -> All;
        _ -> recv_frame(S, line, All)
    end;
recv_frame(S, _, _) ->
    {ok, D} = gen_tcp:recv(S, 0, ?T),
    D.

%% Packets until the Count-th http_eoh.
recv_http(_, 0, Acc) -> lists:reverse(Acc);
recv_http(S, Count, Acc) ->
    case gen_tcp:recv(S, 0, ?T) of
        {ok, http_eoh} -> recv_http(S, Count - 1, [http_eoh | Acc]);
        {ok, P} -> recv_http(S, Count, [P | Acc]);
        {error, Reason} -> fail(io_lib:format("http recv: ~p", [Reason]))
    end.

%% ---------------------------------------------------------------- frames, as Frames.java

%% gen_tcp writes the length header of 1, 2 and 4 itself.
frame(T, P, _) when is_integer(T) -> P;
frame(line, P, _) -> <<P/binary, $\n>>;
frame(asn1, P, I) ->
    Tag = case I rem 3 of 0 -> <<16#04>>; 1 -> <<16#1f, 16#81, 16#02>>; 2 -> <<16#30>> end,
    <<Tag/binary, (ber_length(byte_size(P), I rem 3 =:= 2))/binary, P/binary>>;
frame(cdr, P, I) when I rem 2 =:= 0 -> <<"GIOP", 1, 0, 0, 0, (byte_size(P)):32/big, P/binary>>;
frame(cdr, P, _) -> <<"GIOP", 1, 2, 1, 0, (byte_size(P)):32/little, P/binary>>;
frame(sunrm, P, I) -> <<(1 - I rem 2):1, (byte_size(P)):31, P/binary>>;
frame(tpkt, P, _) -> <<3, 0, (byte_size(P) + 4):16, P/binary>>.

ber_length(N, true) -> <<16#84, N:32>>;
ber_length(N, false) when N < 128 -> <<N>>;
ber_length(N, false) -> B = binary:encode_unsigned(N), <<(16#80 bor byte_size(B)), B/binary>>.

payload(N) -> << <<($a + I rem 26)>> || I <- lists:seq(0, N - 1) >>.

%% ---------------------------------------------------------------- http, as dev.otpnet.testing.HttpMessages

%% A header value of Size printable bytes, quotes and backslashes included, no blanks.
value(Size) ->
    Alphabet = <<"abcXYZ019\"\\,;=:/?-_.~()[]{}<>@!#$%&'*+^`|">>,
    << <<(binary:at(Alphabet, I rem byte_size(Alphabet)))>> || I <- lists:seq(0, Size - 1) >>.

request(Size) ->
    ["GET /size/", integer_to_list(Size), " HTTP/1.1\r\nHost: otpnet.test\r\nX-Value: ", value(Size),
     "\r\nContent-Length: 0\r\n\r\n"].

response(Size) ->
    ["HTTP/1.1 200 OK\r\nServer: erl\r\nX-Value: ", value(Size), "\r\n\r\n"].

%% The bytes a packet came from, for messages written as above (one blank after each colon).
unparse({http_request, Method, {abs_path, Path}, {Major, Minor}}) ->
    [text(Method), " ", Path, " HTTP/", integer_to_list(Major), ".", integer_to_list(Minor), "\r\n"];
unparse({http_response, {Major, Minor}, Status, Phrase}) ->
    ["HTTP/", integer_to_list(Major), ".", integer_to_list(Minor), " ", integer_to_list(Status), " ",
     Phrase, "\r\n"];
unparse({http_header, _, _, Raw, Value}) -> [Raw, ": ", Value, "\r\n"];
unparse(http_eoh) -> "\r\n";
unparse(Other) -> fail(io_lib:format("unexpected packet ~p", [Other])).

text(A) when is_atom(A) -> atom_to_list(A);
text(T) -> T.

%% ----------------------------------------------------------------

%% The http types need a buffer that holds their longest line; the others keep gen_tcp's default,
%% so a long line reaches an Erlang socket in pieces cut at its buffer.
buffer(http) -> [{buffer, ?BUFFER}];
buffer(http_bin) -> [{buffer, ?BUFFER}];
buffer(_) -> [].

type(S) ->
    case string:to_integer(S) of
        {N, []} -> N;
        _ -> list_to_atom(S)
    end.

fail(Why) ->
    io:format("fail: ~s~n", [Why]),
    halt(1).
