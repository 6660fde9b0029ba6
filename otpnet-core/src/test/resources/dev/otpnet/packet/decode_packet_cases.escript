#!/usr/bin/env escript
%%! -noshell
%% Differential cases for dev.otpnet.packet.Packets.decode: generates inputs for every packet
%% type (random and crafted), runs each through the real erlang:decode_packet/3 and writes one
%% line per case:
%%
%%   Type <TAB> PacketSize <TAB> LineLength <TAB> LineDelimiter <TAB> HexInput <TAB> Result
%%
%% Result is the returned term printed as io:format("~p") does, on one line, as latin1 bytes.
%% Usage: escript decode_packet_cases.escript Seed CasesPerType OutFile
-mode(compile).

main([SeedS, PerTypeS, Out]) ->
    Seed = list_to_integer(SeedS),
    PerType = list_to_integer(PerTypeS),
    rand:seed(exsss, {Seed, Seed * 7 + 1, Seed * 13 + 2}),
    Types = [raw, 1, 2, 4, line, asn1, cdr, sunrm, fcgi, tpkt, http, httph, http_bin, httph_bin],
    {ok, F} = file:open(Out, [write, raw, binary, delayed_write]),
    N = lists:sum([emit_type(F, T, PerType) || T <- Types]),
    ok = file:close(F),
    io:format("~w cases~n", [N]);
main(_) ->
    io:format(standard_error, "usage: decode_packet_cases.escript Seed CasesPerType OutFile~n", []),
    halt(2).

emit_type(F, Type, PerType) ->
    Crafted = crafted(Type),
    Random = [random_case(Type) || _ <- lists:seq(1, max(0, PerType - length(Crafted)))],
    Cases = lists:append([expand(C) || C <- Crafted ++ Random]),
    [emit(F, Type, Bin, Opts) || {Bin, Opts} <- Cases],
    length(Cases).

%% A crafted input is also tried cut short at a few places, and with trailing bytes.
expand({Bin, Opts}) ->
    Cuts = lists:usort([0, 1, byte_size(Bin) - 1, byte_size(Bin) div 2, rand_between(0, byte_size(Bin))]),
    [{Bin, Opts}, {<<Bin/binary, "rest">>, Opts}]
        ++ [{binary:part(Bin, 0, C), Opts} || C <- Cuts, C >= 0, C < byte_size(Bin)];
expand(Bin) when is_binary(Bin) ->
    expand({Bin, []}).

emit(F, Type, Bin, Opts) ->
    Ps = proplists:get_value(packet_size, Opts, 0),
    Ll = proplists:get_value(line_length, Opts, 0),
    Ld = proplists:get_value(line_delimiter, Opts, $\n),
    ErlOpts = [{packet_size, Ps}, {line_length, Ll}] ++ [{line_delimiter, Ld} || Type =:= line],
    Result = erlang:decode_packet(Type, Bin, ErlOpts),
    Printed = unicode:characters_to_binary(io_lib:format("~100000000p", [Result]), latin1, latin1),
    ok = file:write(F, [io_lib:format("~w\t~w\t~w\t~w\t", [Type, Ps, Ll, Ld]), binary:encode_hex(Bin), $\t,
                        Printed, $\n]).

%% ---------------------------------------------------------------------------------------------
%% Random cases

random_case(raw) -> {rand_bytes(rand_between(0, 40)), rand_opts()};
random_case(T) when is_integer(T) ->
    Len = rand_len(T),
    Body = rand_bytes(min(Len, rand_between(0, 70))),
    Extra = rand_bytes(rand_between(0, 3)),
    Bin = <<Len:(T * 8), Body/binary, Extra/binary>>,
    {maybe_cut(Bin), size_opts(Len)};
random_case(line) ->
    Delim = pick([$\n, $\n, $\n, $;, 0, 255, $\r]),
    Bin = iolist_to_binary([line_piece(Delim) || _ <- lists:seq(1, rand_between(0, 4))]),
    Opts = [{line_delimiter, Delim}
            | pick([[], [{packet_size, rand_between(1, 40)}], [{line_length, rand_between(1, 40)}],
                    [{packet_size, rand_between(1, 40)}, {line_length, rand_between(1, 40)}]])],
    {Bin, Opts};
random_case(asn1) -> {maybe_cut(asn1_tlv()), size_opts(rand_between(0, 200))};
random_case(cdr) -> {maybe_cut(cdr_msg()), size_opts(rand_between(0, 100))};
random_case(sunrm) ->
    Len = rand_len(4) band 16#7fffffff,
    Last = rand:uniform(2) - 1,
    Body = rand_bytes(min(Len, rand_between(0, 60))),
    {maybe_cut(<<Last:1, Len:31, Body/binary, (rand_bytes(rand_between(0, 3)))/binary>>), size_opts(Len)};
random_case(fcgi) -> {maybe_cut(fcgi_record()), size_opts(rand_between(0, 300))};
random_case(tpkt) -> {maybe_cut(tpkt_packet()), size_opts(rand_between(0, 80))};
random_case(T) when T =:= http; T =:= http_bin ->
    Line = pick([fun request_line/0, fun request_line/0, fun status_line/0, fun garbage_line/0]),
    http_case(iolist_to_binary(Line()));
random_case(T) when T =:= httph; T =:= httph_bin ->
    http_case(iolist_to_binary(header_lines())).

http_case(Bin) ->
    Next = pick([<<>>, <<"\r\n">>, <<" folded\r\n">>, <<"Host: x\r\n">>, <<"\t">>]),
    Full = <<Bin/binary, Next/binary>>,
    Size = byte_size(Bin),
    Opts = pick([[], [], [], [{packet_size, max(1, Size + rand_between(-2, 2))}],
                 [{line_length, max(1, Size + rand_between(-2, 2))}],
                 [{packet_size, rand_between(1, 200)}, {line_length, rand_between(1, 30)}]]),
    {maybe_cut(Full), Opts}.

rand_len(1) -> pick([0, 1, 2, 3, 127, 128, 255, rand_between(0, 255)]);
rand_len(2) -> pick([0, 1, 5, 255, 256, 65535, rand_between(0, 65535), rand_between(0, 80)]);
rand_len(4) ->
    pick([0, 1, 7, 65536, 16#7fffffef, 16#7ffffffb, 16#7ffffffc, 16#7fffffff, 16#80000000, 16#ffffffff,
          rand_between(0, 16#ffffffff), rand_between(0, 80), rand_between(0, 80)]).

%% packet_size around the announced length, within 1..2^31-1 (PacketOptions holds an int).
size_opts(Len) ->
    Size = fun(S) -> [{packet_size, max(1, min(S, 16#7fffffff))}] end,
    pick([[], [], Size(Len), Size(Len + 1), Size(Len - 1), Size(rand_between(1, 100))]).

rand_opts() -> pick([[], [{packet_size, rand_between(1, 10)}], [{line_length, rand_between(1, 10)}]]).

maybe_cut(Bin) ->
    case rand:uniform(3) of
        1 -> binary:part(Bin, 0, rand_between(0, byte_size(Bin)));
        _ -> Bin
    end.

line_piece(Delim) ->
    Text = pick([rand_bytes(rand_between(0, 12)), list_to_binary(lists:duplicate(rand_between(0, 60), $a)),
                 <<"hello world">>, <<>>]),
    case rand:uniform(4) of
        1 -> Text;
        _ -> <<Text/binary, Delim>>
    end.

asn1_tlv() ->
    Tag = pick([<<16#30>>, <<16#02>>, <<16#1f, 16#05>>, <<16#3f, 16#81, 16#02>>, <<16#1f, 16#80, 16#80, 16#01>>,
                <<(rand_between(0, 255))>>, <<16#1f, (rand_bytes(rand_between(0, 4)))/binary>>,
                <<16#df, 16#ff, 16#ff, 16#ff, 16#7f>>]),
    Len = pick([0, 1, 5, 127, 128, 255, 256, 65536, 16#7ffffff0, rand_between(0, 300)]),
    LenBytes = pick([short, long, long, indefinite, weird]),
    {LenField, Body} =
        case LenBytes of
            short when Len < 128 -> {<<Len>>, rand_bytes(Len)};
            indefinite -> {<<16#80>>, <<1, 1, 0, 0, 0>>};
            weird -> {<<(pick([16#85, 16#86, 16#ff, 16#84, 16#80, 16#81]))>>, rand_bytes(rand_between(0, 10))};
            _ ->
                N = pick([1, 2, 3, 4]) + 0,
                L = Len band ((1 bsl (8 * N)) - 1),
                {<<(16#80 bor N), L:(8 * N)>>, rand_bytes(min(L, 80))}
        end,
    <<Tag/binary, LenField/binary, Body/binary, (rand_bytes(rand_between(0, 2)))/binary>>.

cdr_msg() ->
    Magic = pick([<<"GIOP">>, <<"GIOP">>, <<"GIOP">>, <<"GIOX">>, <<"giop">>, rand_bytes(4)]),
    Flags = rand_between(0, 3),
    Size = pick([0, 1, 10, 255, 256, 16#7ffffff3, 16#7ffffff4, 16#ffffffff, rand_between(0, 60)]),
    SizeBin = case Flags band 1 of
                  1 -> <<Size:32/little>>;
                  0 -> <<Size:32/big>>
              end,
    Body = rand_bytes(min(Size, rand_between(0, 70))),
    <<Magic/binary, (rand_between(0, 2)), (rand_between(0, 3)), Flags, (rand_between(0, 7)), SizeBin/binary,
      Body/binary>>.

fcgi_record() ->
    Version = pick([1, 1, 1, 0, 2, 255]),
    Content = pick([0, 1, 8, 255, 256, 65535, rand_between(0, 60)]),
    Padding = pick([0, 0, 1, 7, 255, rand_between(0, 10)]),
    Body = rand_bytes(min(Content + Padding, rand_between(0, 80))),
    <<Version, (rand_between(1, 11)), (rand_between(0, 65535)):16, Content:16, Padding, 0, Body/binary,
      (rand_bytes(rand_between(0, 2)))/binary>>.

tpkt_packet() ->
    Version = pick([3, 3, 3, 0, 2, 4]),
    Length = pick([0, 1, 3, 4, 5, 8, 65535, rand_between(0, 70)]),
    Body = rand_bytes(min(max(Length - 4, 0), rand_between(0, 70))),
    <<Version, (rand_between(0, 255)), Length:16, Body/binary, (rand_bytes(rand_between(0, 2)))/binary>>.

%% ---------------------------------------------------------------------------------------------
%% HTTP

request_line() ->
    Method = pick(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "get", "Get", "PATCH",
                   "M-SEARCH", "CONNECT", "G\x7fT", "X", "G\xc8T", "GE(T", ""]),
    Uri = uri(),
    Version = pick(["HTTP/1.1", "HTTP/1.0", "HTTP/0.9", "", "HTTP/1.", "HTTP/.1", "http/1.1", "HTTP/12.34",
                    "HTTP/1.1x", "HTTP/99999999999.1", "HTTP/1.99999999999", "HTTP/2", "HTTP/1.1 extra",
                    "HTTP/ 1.1", "HTTPS/1.1"]),
    [Method, sep(), Uri, sep(), Version, ending()].

status_line() ->
    Version = pick(["HTTP/1.1", "HTTP/1.0", "HTTP/1.", "HTTP/x.1", "HTTP/12.3", "HTTP/", "HTTP/1.1x"]),
    Status = pick(["200", "404", "", "99999999999", "2x0", "0"]),
    Phrase = pick(["OK", "Not Found", "", " spaced  ", "caf\xe9", "a\rb"]),
    pick([[Version, sep(), Status, sep(), Phrase, ending()], [Version, sep(), Status, ending()],
          [Version, Status, ending()], [Version, ending()]]).

garbage_line() ->
    pick([["\r\n"], ["\n"], [rand_bytes(rand_between(0, 20)), ending()], [rand_text(rand_between(1, 30)), "\n"],
          ["Host: example.com", ending()]]).

uri() ->
    pick(["*", "/", "/index.html?q=1&r=%20", "a", "ab", "*x", "//x", "http://h", "HTTP://Host.Example:8080/p",
          "http://h:80", "https://h:0/p?q", "https://h:/x", "http://h:99999999999/x", "http://h:2147483648/x",
          "http://[::1]:4000/x", "http://h:8x/y", "http://h:/", "http://", "https://", "httpx://h", "mailto:a@b",
          ":x", "a:", "example.com", "?", "/\xe9", rand_text(rand_between(1, 15))]).

sep() -> pick([" ", " ", " ", "\t", "  ", " \t "]).

ending() -> pick(["\r\n", "\r\n", "\r\n", "\n", "\r\r\n", "\rx\n", "", " \r\n"]).

header_lines() ->
    Lines = [header_line() || _ <- lists:seq(1, rand_between(1, 2))],
    pick([Lines, [hd(Lines)], ["\r\n"], ["\n"], [hd(Lines), "\r\n"]]).

header_line() ->
    Name = pick(["Host", "host", "HOST", "content-length", "Content-MD5", "x-forwarded-for", "WWW-Authenticate",
                 "Set-Cookie2", "Proxy-Connection", "X-Custom", "x-cUSTOM-header", "--x--y", "a", "",
                 "Bad Name", "Bad\tName", "Na\x7fme", "Na\xe9me", "Name ", lists:duplicate(50, $a),
                 lists:duplicate(51, $b), lists:duplicate(52, $c) ++ "-Dd", "Accept-Encoding", "Keep-Alive",
                 "Etag", "Cookie", "User-Agent"]),
    Colon = pick([":", ":", ":", "", " :"]),
    Value = pick(["", "x", "  spaced value  ", "text/html; charset=utf-8", "caf\xe9", rand_text(rand_between(0, 20))]),
    Fold = pick([[], [], [], ["\r\n", pick([" ", "\t", "  "]), "folded"], ["\r\n ", "a\r\n\tb"]]),
    [Name, Colon, pick([" ", "", "\t", "  "]), Value, Fold, ending()].

%% ---------------------------------------------------------------------------------------------
%% Crafted: every boundary of every length form

crafted(raw) -> [<<>>, <<0>>, {<<"abc">>, [{packet_size, 1}]}, {<<"abc">>, [{line_length, 1}]}];
crafted(1) -> [<<L, (binary:copy(<<"x">>, L))/binary>> || L <- [0, 1, 2, 254, 255]]
                  ++ [{<<3, 1, 2, 3>>, [{packet_size, P}]} || P <- [1, 2, 3, 4]];
crafted(2) -> [<<L:16, (binary:copy(<<"y">>, min(L, 300)))/binary>> || L <- [0, 1, 255, 256, 300, 65535]]
                  ++ [{<<300:16, (binary:copy(<<"y">>, 300))/binary>>, [{packet_size, P}]} || P <- [299, 300, 301]];
crafted(4) -> [<<L:32>> || L <- [0, 1, 16#7fffffef, 16#7ffffffa, 16#7ffffffb, 16#7ffffffc, 16#7fffffff,
                                 16#80000000, 16#fffffffe, 16#ffffffff]]
                  ++ [{<<5:32, "hello">>, [{packet_size, P}]} || P <- [4, 5, 6]]
                  ++ [{<<16#7ffffffb:32>>, [{packet_size, 16#7fffffff}]}];
crafted(line) ->
    [<<"abc\n">>, <<"\n">>, <<"\n\n">>, <<"abc\ndef\n">>,
     {<<"abcdef\n">>, [{line_length, 3}]}, {<<"abcdef">>, [{line_length, 3}]}, {<<"abc">>, [{line_length, 3}]},
     {<<"ab">>, [{line_length, 3}]}, {<<"abc\n">>, [{line_length, 4}]}, {<<"abc\n">>, [{line_length, 3}]},
     {<<"abc\n">>, [{packet_size, 3}]}, {<<"abc\n">>, [{packet_size, 4}]}, {<<"abcd">>, [{packet_size, 3}]},
     {<<"abc">>, [{packet_size, 3}]}, {<<"abc">>, [{packet_size, 3}, {line_length, 2}]},
     {<<"abcd">>, [{packet_size, 3}, {line_length, 2}]}, {<<"a;b;c">>, [{line_delimiter, $;}]},
     {<<"a\nb;">>, [{line_delimiter, $;}]}, {<<0, 1, 0>>, [{line_delimiter, 0}]},
     {<<"x", 255, "y">>, [{line_delimiter, 255}]}];
crafted(asn1) ->
    [<<16#30, 3, 1, 2, 3>>, <<16#30, 0>>, <<16#30, 16#80, 1, 2>>, <<16#30, 16#81, 3, 1, 2, 3>>,
     <<16#30, 16#82, 0, 3, 1, 2, 3>>, <<16#30, 16#83, 0, 0, 3, 1, 2, 3>>, <<16#30, 16#84, 0, 0, 0, 3, 1, 2, 3>>,
     <<16#30, 16#85, 0, 0, 0, 0, 3>>, <<16#30, 16#ff, 1>>, <<16#30, 16#84, 16#7f, 16#ff, 16#ff, 16#fa>>,
     <<16#30, 16#84, 16#7f, 16#ff, 16#ff, 16#fb>>, <<16#30, 16#84, 16#ff, 16#ff, 16#ff, 16#ff>>,
     <<16#1f, 16#05, 1, 9>>, <<16#1f, 16#81, 16#82, 16#03, 2, 7, 7>>, <<16#1f, 16#1f, 0>>, <<16#1f>>, <<16#1f, 16#81>>,
     <<16#1f, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 16#80, 1, 0>>,
     <<16#1f, 16#81, 16#84, 0, 0, 0, 2, 5, 5>>, {<<16#30, 16#81, 200, (binary:copy(<<0>>, 200))/binary>>,
                                                [{packet_size, 199}]},
     {<<16#30, 16#81, 200, (binary:copy(<<0>>, 200))/binary>>, [{packet_size, 200}]}];
crafted(cdr) ->
    [<<"GIOP", 1, 0, 0, 0, 3:32/big, "abc">>, <<"GIOP", 1, 0, 1, 0, 3:32/little, "abc">>,
     <<"GIOP", 1, 2, 3, 7, 0:32, "x">>, <<"GIOP", 1, 0, 0, 0, 16#7ffffff3:32>>, <<"GIOP", 1, 0, 0, 0, 16#7ffffff4:32>>,
     <<"GIOX", 1, 0, 0, 0, 0:32>>, <<"GIO">>, {<<"GIOP", 1, 0, 0, 0, 3:32, "abc">>, [{packet_size, 2}]},
     {<<"GIOP", 1, 0, 1, 0, 3:32/little, "abc">>, [{packet_size, 3}]}];
crafted(sunrm) ->
    [<<1:1, 3:31, "abc">>, <<0:1, 3:31, "abc">>, <<0:32>>, <<1:1, 0:31>>, <<16#ffffffff:32>>, <<16#7ffffffb:32>>,
     <<16#fffffffb:32>>, <<16#7ffffffc:32>>, {<<1:1, 3:31, "abc">>, [{packet_size, 2}]}];
crafted(fcgi) ->
    [<<1, 1, 0, 1, 0, 3, 2, 0, "abcPP">>, <<1, 1, 0, 1, 0, 0, 0, 0>>, <<1, 1, 0, 1, 0, 0, 5, 0, "PPPPP">>,
     <<0, 1, 0, 1, 0, 3, 2, 0, "abcPP">>, <<2, 1, 0, 1, 0, 3, 2, 0, "abcPP">>, <<1, 1, 0, 1, 255, 255, 255, 0>>]
        ++ [{<<1, 1, 0, 1, 0, 3, 2, 0, "abcPP">>, [{packet_size, P}]} || P <- [3, 4, 5, 6]];
crafted(tpkt) ->
    [<<3, 0, 0, L:8, (binary:copy(<<"z">>, max(L - 4, 0)))/binary>> || L <- [0, 1, 2, 3, 4, 5, 9]]
        ++ [<<3, 0, 255, 255>>, <<4, 0, 0, 4>>, <<0, 0, 0, 4>>]
        ++ [{<<3, 0, 0, 9, "hello">>, [{packet_size, P}]} || P <- [4, 5, 6]];
crafted(T) when T =:= http; T =:= http_bin ->
    [<<"GET / HTTP/1.1\r\n">>, <<"GET /\r\n">>, <<"GET / \r\n">>, <<"\r\n">>, <<"\n">>, <<"\r">>,
     <<"HTTP/1.1 200 OK\r\n">>, <<"HTTP/1.1 200\r\n">>, <<"HTTP/1.1 \r\n">>, <<"HTTP/1.1\r\n">>,
     <<"GET http://[::1]:4000/x HTTP/1.1\r\n">>, <<"Host: x\r\n\r\n">>,
     {<<"GET / HTTP/1.1\r\n">>, [{packet_size, 16}]}, {<<"GET / HTTP/1.1\r\n">>, [{packet_size, 15}]},
     {<<"GET / HTTP/1.1\r">>, [{packet_size, 15}]}, {<<"GET / HTTP/1.1\r">>, [{packet_size, 16}]},
     {<<"GET / HTTP/1.1\r\n">>, [{line_length, 15}]}, {<<"GET / HTTP/1.1\r\n">>, [{line_length, 16}]},
     {<<"GET / HTTP/1.1\r\n">>, [{line_length, 5}, {packet_size, 100}]},
     <<"GET /", (binary:copy(<<"a">>, 3000))/binary, " HTTP/1.1\r\n">>];
crafted(_Httph) ->
    [<<"Host: x\r\n">>, <<"Host: x\r\n\r\n">>, <<"Host: x\r\n y\r\n\r\n">>, <<"Host: x\r\n\ty\r\n z\r\nA">>,
     <<"\r\n">>, <<"\n">>, <<"\r\n x">>, <<"\n x">>, <<"A\n x">>, <<"A: b\n">>, <<"A: b\nc">>,
     <<"Content-Length: 5\r\n\r\n">>, <<": v\r\n\r\n">>, <<"A:\r\n\r\n">>, <<"Host : x\r\n\r\n">>,
     {<<"A: b\r\n">>, [{packet_size, 6}]}, {<<"A: b\r\n">>, [{packet_size, 5}]},
     {<<"A: b\r\n c\r\n\r\n">>, [{packet_size, 10}]}, {<<"A: b\r\n c\r\n\r\n">>, [{packet_size, 11}]},
     {<<"A: b\r\n c\r\n\r\n">>, [{line_length, 10}]},
     <<"X-Big: ", (binary:copy(<<"v">>, 5000))/binary, "\r\n\r\n">>].

%% ---------------------------------------------------------------------------------------------

pick(List) -> lists:nth(rand:uniform(length(List)), List).

rand_between(Lo, Hi) when Hi < Lo -> Lo;
rand_between(Lo, Hi) -> Lo + rand:uniform(Hi - Lo + 1) - 1.

rand_bytes(N) -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, N)]).

rand_text(N) -> list_to_binary([pick([rand_between(32, 126), rand_between(32, 126), $:, $/, $\s, 127, 200])
                                || _ <- lists:seq(1, N)]).
