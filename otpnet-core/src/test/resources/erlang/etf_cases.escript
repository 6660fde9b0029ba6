#!/usr/bin/env escript
%% -*- erlang -*-
%% The reference for dev.otpnet.etf: real term_to_binary/binary_to_term.
%%
%%   etf_cases.escript gen SEED COUNT OUT
%%     writes COUNT random terms, one per line:
%%       R <TAB> default <TAB> compressed <TAB> det,minor1 <TAB> det,minor2 <TAB> compressed,det <TAB> det,minor0
%%     then crafted and mutated inputs with Erlang's verdict:
%%       C <TAB> input <TAB> badarg | Used:term_to_binary(binary_to_term(Input), [deterministic])
%%     (all hex).
%%   etf_cases.escript verify IN
%%     each line: reference <TAB> candidate... ; prints "ok N" when every candidate decodes to a
%%     term =:= the reference's, else "fail: ..." lines.
-mode(compile).

main(["gen", Seed, Count, Out]) ->
    rand:seed(exsss, {list_to_integer(Seed), 7, 11}),
    {ok, F} = file:open(Out, [write, raw, binary, delayed_write]),
    N = list_to_integer(Count),
    Terms = [random_term(4) || _ <- lists:seq(1, N)] ++ fixed_terms(),
    lists:foreach(fun(T) -> write_random(F, T) end, Terms),
    Crafted = crafted() ++ lists:append([mutations(T) || T <- lists:sublist(Terms, N div 2)]),
    lists:foreach(fun(B) -> write_crafted(F, B) end, Crafted),
    ok = file:close(F),
    io:format("ok ~p ~p~n", [length(Terms), length(Crafted)]);
main(["verify", In]) ->
    {ok, Data} = file:read_file(In),
    Lines = [L || L <- binary:split(Data, <<"\n">>, [global]), L =/= <<>>],
    Bad = lists:filtermap(fun verify_line/1, Lines),
    case Bad of
        [] -> io:format("ok ~p~n", [length(Lines)]);
        _ -> [io:format("fail: ~s~n", [B]) || B <- lists:sublist(Bad, 20)],
             io:format("failed ~p of ~p~n", [length(Bad), length(Lines)])
    end.

verify_line(Line) ->
    [Ref | Candidates] = [unhex(H) || H <- binary:split(Line, <<"\t">>, [global])],
    T = binary_to_term(Ref),
    Wrong = [C || C <- Candidates, not same(T, C)],
    case Wrong of
        [] -> false;
        _ -> {true, io_lib:format("~s: ~w decoded from ~s", [hex(Ref), [catch binary_to_term(C) || C <- Wrong],
                                                          [hex(C) || C <- Wrong]])}
    end.

same(T, C) ->
    try binary_to_term(C) of
        T2 -> T2 =:= T
    catch _:_ -> false
    end.

write_random(F, T) ->
    Bins = [term_to_binary(T), term_to_binary(T, [compressed]),
            term_to_binary(T, [deterministic, {minor_version, 1}]),
            term_to_binary(T, [deterministic, {minor_version, 2}]),
            term_to_binary(T, [compressed, deterministic, {minor_version, 1}]),
            term_to_binary(T, [deterministic, {minor_version, 0}])],
    file:write(F, ["R", [[$\t, hex(B)] || B <- Bins], $\n]).

write_crafted(F, B) ->
    Verdict = try binary_to_term(B, [used]) of
                  {T, Used} -> [integer_to_list(Used), $:, hex(term_to_binary(T, [deterministic]))]
              catch error:badarg -> "badarg"
              end,
    file:write(F, ["C\t", hex(B), $\t, Verdict, $\n]).

%% ------------------------------------------------------------------ random terms

random_term(0) -> leaf();
random_term(D) ->
    case rand:uniform(10) of
        N when N =< 4 -> leaf();
        5 -> list_to_tuple([random_term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
        6 -> [random_term(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)];
        7 -> improper(D);
        8 -> maps:from_list([{key(), random_term(D - 1)} || _ <- lists:seq(1, rand:uniform(6) - 1)]);
        9 -> string();
        10 -> leaf()
    end.

improper(D) ->
    Tail = case rand:uniform(4) of 1 -> atom(); 2 -> rand:uniform(300); 3 -> <<"t">>; 4 -> {random_term(D - 1)} end,
    lists:foldl(fun(E, Acc) -> [E | Acc] end, Tail, [random_term(D - 1) || _ <- lists:seq(1, rand:uniform(3))]).

key() ->
    case rand:uniform(9) of
        1 -> atom(); 2 -> integer(); 3 -> float(); 4 -> binary(); 5 -> {atom(), integer()};
        6 -> pid(); 7 -> key_ref(); 8 -> port(); 9 -> [integer()]
    end.

%% OTP 25 keeps two =:= external references as two keys of a large map (its hash of them
%% differs); otpnet refuses such a map as having a duplicate key. Map keys use references that
%% cannot collide, so the random maps stay valid for both.
key_ref() ->
    binary_to_term(<<131, 90, 2:16, (enc_atom(node_atom()))/binary, (rand_u32()):32,
                     (rand:uniform(1 bsl 32) - 1):32, (rand:uniform(1 bsl 32) - 1):32>>).

leaf() ->
    case rand:uniform(12) of
        1 -> integer(); 2 -> integer(); 3 -> float(); 4 -> atom(); 5 -> binary(); 6 -> bits();
        7 -> pid(); 8 -> ref(); 9 -> port(); 10 -> []; 11 -> erlang:make_fun(lists, map, 2);
        12 -> string()
    end.

integer() ->
    Edges = [0, 1, 255, 256, -1, -255, -256, 2147483647, 2147483648, -2147483648, -2147483649,
             9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775809,
             18446744073709551615, 18446744073709551616, (1 bsl 2040) - 1, 1 bsl 2040, -(1 bsl 2040),
             (1 bsl 2048) - 1, 1 bsl 4000],
    case rand:uniform(5) of
        1 -> lists:nth(rand:uniform(length(Edges)), Edges);
        2 -> rand:uniform(256) - 1;
        3 -> rand:uniform(1 bsl 40) - (1 bsl 39);
        4 -> (rand:uniform(1 bsl 62)) * (rand:uniform(1 bsl 62)) * sign();
        5 -> rand:uniform(1 bsl (rand:uniform(2100))) * sign()
    end.

sign() -> case rand:uniform(2) of 1 -> 1; 2 -> -1 end.

float() ->
    case rand:uniform(6) of
        1 -> 0.0;
        2 -> lists:nth(rand:uniform(7), [1.0, -1.5, 0.1, 1.0e300, -1.0e-300, 5.0e-324, 1.7976931348623157e308]);
        3 -> rand:uniform() * sign();
        _ -> <<X:64/float>> = <<(rand:uniform(16#7fe0) - 1):16, (rand:uniform(1 bsl 48) - 1):48>>, X * sign()
    end.

atom() ->
    Chars = case rand:uniform(6) of
        1 -> [$a + rand:uniform(26) - 1 || _ <- lists:seq(1, rand:uniform(12))];
        2 -> [lists:nth(rand:uniform(6), "aé_ÿZ0") || _ <- lists:seq(1, rand:uniform(10))];
        3 -> [lists:nth(rand:uniform(8), [$a, 16#e9, 16#3b1, 16#65e5, 16#1f600, 16#10ffff, $_, 16#ff])
              || _ <- lists:seq(1, rand:uniform(20))];
        4 -> lists:duplicate(255, lists:nth(rand:uniform(3), [$x, 16#e9, 16#65e5]));
        5 -> lists:duplicate(rand:uniform(255), 16#1f600);
        6 -> lists:nth(rand:uniform(5), ["", "ok", "true", "nil", "'quoted'"])
    end,
    list_to_atom(Chars).

binary() ->
    Size = case rand:uniform(4) of 1 -> 0; 2 -> rand:uniform(10); 3 -> rand:uniform(300); 4 -> rand:uniform(40) end,
    case rand:uniform(2) of
        1 -> rand:bytes(Size);
        2 -> binary:copy(<<"ab">>, Size)
    end.

bits() ->
    B = rand:bytes(rand:uniform(5) - 1),
    N = rand:uniform(7),
    <<B/binary, (rand:uniform(128)):N>>.

string() ->
    case rand:uniform(4) of
        1 -> [rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(20))];
        2 -> [rand:uniform(256) - 1 || _ <- lists:seq(1, 20)] ++ [256];
        3 -> "unicode " ++ [16#65e5, 16#672c];
        4 -> "plain"
    end.

node_atom() -> lists:nth(rand:uniform(4), ['other@host', 'a@b', 'élan@hôte', 'x@日本']).

enc_atom(A) -> B = atom_to_binary(A, utf8), <<118, (byte_size(B)):16, B/binary>>.

pid() ->
    I = rand_u32(), S = rand_u32(), C = rand_u32(),
    binary_to_term(<<131, 88, (enc_atom(node_atom()))/binary, I:32, S:32, C:32>>).

port() ->
    C = rand_u32(),
    case rand:uniform(2) of
        1 -> binary_to_term(<<131, 89, (enc_atom(node_atom()))/binary, (rand_u32()):32, C:32>>);
        2 -> binary_to_term(<<131, 89, (enc_atom(node_atom()))/binary, (rand:uniform(1000)):32, C:32>>)
    end.

ref() ->
    Len = rand:uniform(5),
    Ids = << <<(rand_u32()):32>> || _ <- lists:seq(1, Len) >>,
    binary_to_term(<<131, 90, Len:16, (enc_atom(node_atom()))/binary, (rand_u32()):32, Ids/binary>>).

rand_u32() ->
    case rand:uniform(3) of 1 -> 0; 2 -> rand:uniform(1000); 3 -> rand:uniform(1 bsl 32) - 1 end.

%% A compiled local fun, so closures travel as Erlang writes them.
local_funs() ->
    Forms = [{attribute, 1, module, etf_fun}, {attribute, 2, export, [{f, 1}, {g, 0}]},
             {function, 3, f, 1, [{clause, 3, [{var, 3, 'X'}], [],
                 [{'fun', 3, {clauses, [{clause, 3, [{var, 3, 'Y'}], [], [{op, 3, '+', {var, 3, 'X'}, {var, 3, 'Y'}}]}]}}]}]},
             {function, 4, g, 0, [{clause, 4, [], [], [{'fun', 4, {clauses, [{clause, 4, [], [], [{atom, 4, ok}]}]}}]}]}],
    {ok, etf_fun, Bin} = compile:forms(Forms),
    {module, etf_fun} = code:load_binary(etf_fun, "etf_fun.erl", Bin),
    [etf_fun:f(5), etf_fun:f({1, [a, "b"]}), etf_fun:g()].

fixed_terms() ->
    Deep = fun Deep(0, Acc) -> Acc; Deep(K, Acc) -> Deep(K - 1, case K rem 3 of 0 -> [Acc]; 1 -> {Acc}; 2 -> #{k => Acc} end) end,
    [Deep(900, leaf), Deep(999, []),
     list_to_tuple(lists:seq(1, 255)), list_to_tuple(lists:seq(1, 256)), list_to_tuple(lists:seq(1, 1000)),
     maps:from_list([{I, I} || I <- lists:seq(1, 32)]), maps:from_list([{I, I} || I <- lists:seq(1, 33)]),
     maps:from_list([{key(), integer()} || _ <- lists:seq(1, 500)]),
     maps:from_list([{integer_to_binary(I), I} || I <- lists:seq(1, 2000)]),
     #{1 => a, 1.0 => b, 2 => c, 0.5 => d, a => e, "s" => f, <<"b">> => g, {t} => h, [] => i, #{} => j,
       [1 | 2] => k, <<1:3>> => l, -1 => m, 1 bsl 70 => n, -(1 bsl 70) => o},
     lists:seq(1, 300), lists:duplicate(65535, $a), lists:duplicate(65536, $a), [1 | 2],
     binary:copy(<<"abc">>, 3000), rand:bytes(5000), [a, b | c], [[] | []], "", <<>>, <<1:1>>, <<255, 7:3>>,
     erlang:make_fun(erlang, abs, 1), erlang:make_fun('élan', 'ƒ', 255),
     list_to_atom(lists:duplicate(255, 16#10ffff)), list_to_atom(lists:duplicate(86, 16#65e5))]
    ++ local_funs().

%% ------------------------------------------------------------------ crafted and mutated inputs

crafted() ->
    A = fun(Name) -> enc_atom(Name) end,
    Latin = fun(Name) -> <<100, (length(Name)):16, (list_to_binary(Name))/binary>> end,
    Bodies =
        [<<97, 0>>, <<97, 255>>, <<98, 0, 0, 0, 0>>, <<98, 255, 255, 255, 255>>, <<98, 128, 0, 0, 0>>,
         <<110, 0, 0>>, <<110, 0, 1>>, <<110, 1, 0, 5>>, <<110, 1, 1, 5>>, <<110, 1, 2, 5>>, <<110, 1, 255, 5>>,
         <<110, 8, 0, 0, 0, 0, 0, 0, 0, 0, 128>>, <<110, 8, 1, 0, 0, 0, 0, 0, 0, 0, 128>>,
         <<110, 2, 0, 0, 0>>, <<111, 0, 0, 0, 1, 0, 7>>, <<111, 0, 0, 1, 0, 0, 0:2048>>,
         <<111, 255, 255, 255, 255, 0>>,
         <<70, 0:64>>, <<70, 1:1, 0:63>>, <<70, 16#7ff0:16, 0:48>>, <<70, 16#fff8:16, 0:48>>, <<70, 16#7ff0:16, 1:48>>,
         <<99, "1.00000000000000000000e+00", 0, 0, 0, 0, 0>>, <<99, "-2.5e-3", 0:192>>, <<99, "abc", 0:224>>,
         <<99, "1.5", 0:224>>, <<99, " 1.5", 0:216>>, <<99, "inf", 0:224>>, <<99, "nan", 0:224>>,
         <<99, "1e400", 0:208>>, <<99, "0x10", 0:216>>, <<99, "1.5junk", 0:192>>,
         <<100, 0, 0>>, <<100, 0, 3, "abc">>, <<100, 0, 2, 233, 233>>, <<100, 1, 0, 0:2048>>, <<100, 0, 255, 0:2040>>,
         <<115, 3, "abc">>, <<115, 0>>, <<115, 2, 255, 254>>,
         <<118, 0, 2, 195, 169>>, <<118, 0, 2, 195, 40>>, <<118, 0, 3, 237, 160, 128>>, <<118, 0, 2, 192, 128>>,
         <<118, 0, 4, 244, 144, 128, 128>>, <<119, 1, 255>>, <<119, 0>>, <<119, 3, 226, 130, 172>>,
         <<118, 3, 254, (binary:copy(<<"é">>, 255))/binary>>, <<118, 3, 0, (binary:copy(<<"é">>, 256))/binary>>,
         <<104, 0>>, <<104, 2, 97, 1>>, <<105, 0, 0, 0, 0>>, <<105, 0, 0, 0, 1, 106>>, <<105, 255, 255, 255, 255>>,
         <<106>>, <<107, 0, 0>>, <<107, 0, 3, 1, 2>>, <<107, 0, 1, 65>>,
         <<108, 0, 0, 0, 0, 106>>, <<108, 0, 0, 0, 0, 97, 1>>, <<108, 0, 0, 0, 1, 97, 1, 107, 0, 1, 2>>,
         <<108, 0, 0, 0, 1, 97, 1, 108, 0, 0, 0, 1, 97, 2, 97, 3>>, <<108, 0, 0, 0, 2, 97, 1>>, <<108, 255, 255, 255, 255, 106>>,
         <<109, 0, 0, 0, 0>>, <<109, 0, 0, 0, 3, 1, 2>>, <<109, 255, 255, 255, 255, 0>>,
         <<77, 0, 0, 0, 0, 0>>, <<77, 0, 0, 0, 0, 3>>, <<77, 0, 0, 0, 1, 0, 255>>, <<77, 0, 0, 0, 1, 8, 255>>,
         <<77, 0, 0, 0, 1, 9, 255>>, <<77, 0, 0, 0, 2, 3, 1, 255>>, <<77, 0, 0, 0, 1, 1, 128>>,
         <<116, 0, 0, 0, 0>>, <<116, 0, 0, 0, 1, 97, 1, 97, 2>>, <<116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3>>,
         <<116, 0, 0, 0, 2, 97, 1, 97, 2, 70, 63, 240, 0:48, 97, 3>>, <<116, 255, 255, 255, 255>>,
         <<88, (A('n@h'))/binary, 1:32, 2:32, 3:32>>, <<88, (Latin("n@h"))/binary, 1:32, 2:32, 3:32>>,
         <<88, 97, 1, 1:32, 2:32, 3:32>>, <<88, (A('n@h'))/binary, 16#ffffffff:32, 16#ffffffff:32, 16#ffffffff:32>>,
         <<103, (A('n@h'))/binary, 1:32, 2:32, 3>>, <<103, (A('n@h'))/binary, 1:32, 2:32, 0>>,
         <<103, (A('n@h'))/binary, 16#ffffffff:32, 16#ffffffff:32, 255>>,
         <<89, (A('n@h'))/binary, 7:32, 3:32>>, <<89, (A('n@h'))/binary, 16#ffffffff:32, 16#ffffffff:32>>,
         <<102, (A('n@h'))/binary, 7:32, 3>>, <<102, (A('n@h'))/binary, 16#ffffffff:32, 0>>,
         <<120, (A('n@h'))/binary, 7:64, 3:32>>, <<120, (A('n@h'))/binary, (1 bsl 40):64, 3:32>>,
         <<120, (A('n@h'))/binary, 16#ffffffffffffffff:64, 3:32>>,
         <<90, 0:16, (A('n@h'))/binary, 3:32>>, <<90, 1:16, (A('n@h'))/binary, 3:32, 5:32>>,
         <<90, 3:16, (A('n@h'))/binary, 3:32, 5:32, 6:32, 7:32>>, <<90, 5:16, (A('n@h'))/binary, 3:32, 1:32, 2:32, 3:32, 4:32, 5:32>>,
         <<90, 6:16, (A('n@h'))/binary, 3:32, 1:32, 2:32, 3:32, 4:32, 5:32, 6:32>>,
         <<90, 3:16, (A('n@h'))/binary, 3:32, 16#ffffffff:32, 16#ffffffff:32, 16#ffffffff:32>>,
         <<114, 3:16, (A('n@h'))/binary, 3, 5:32, 6:32, 7:32>>, <<114, 1:16, (A('n@h'))/binary, 0, 16#ffffffff:32>>,
         <<101, (A('n@h'))/binary, 5:32, 3>>, <<101, (A('n@h'))/binary, 16#ffffffff:32, 0>>,
         <<113, (A(lists))/binary, (A(map))/binary, 97, 2>>, <<113, (A(lists))/binary, (A(map))/binary, 98, 0, 0, 0, 2>>,
         <<113, (A(lists))/binary, 97, 1, 97, 2>>,
         <<117, 0:32, (A(m))/binary, 97, 1, 97, 1>>, <<82, 0>>, <<121, 0>>, <<80, 0:32>>, <<0>>, <<255>>,
         <<200>>],
    Versions = [<<131, B/binary>> || B <- Bodies],
    Compressed = [<<131, 80, (byte_size(B)):32, (zlib:compress(B))/binary>> || B <- Bodies, byte_size(B) > 2],
    Special = [<<>>, <<131>>, <<130, 97, 1>>, <<131, 97, 1, 2, 3>>,
               <<131, 80, 0, 0, 0, 5, (zlib:compress(<<97, 1>>))/binary>>,
               <<131, 80, 0, 0, 0, 1, (zlib:compress(<<97, 1>>))/binary>>,
               <<131, 80, 0, 0, 0, 2, (zlib:compress(<<97, 1, 2>>))/binary>>,
               <<131, 80, 0, 0, 0, 3, (zlib:compress(<<97, 1, 2>>))/binary>>,
               <<131, 80, 0, 0, 0, 2, (zlib:compress(<<97, 1>>))/binary, "trailing">>,
               <<131, 80, 0, 0, 0, 2, 1, 2, 3, 4>>, <<131, 80, 255, 255, 255, 255, (zlib:compress(<<97, 1>>))/binary>>,
               <<131, 80, 0, 0, 0, 2>>, <<131, 80, 0, 0>>,
               <<131, 80, 0, 1, 0, 4, (zlib:compress(<<109, 0, 1, 0, 0, 0:65536/unit:8>>))/binary>>,
               <<131, 80, 0, 1, 0, 5, (zlib:compress(<<109, 0, 1, 0, 0, 0:65536/unit:8>>))/binary>>],
    Deep = fun(K) -> <<131, (binary:copy(<<104, 1>>, K))/binary, 106>> end,
    DeepList = fun(K) -> <<131, (binary:copy(<<108, 0, 0, 0, 1>>, K))/binary, 106, (binary:copy(<<106>>, K))/binary>> end,
    Versions ++ Compressed ++ Special ++ [Deep(999), Deep(1000), DeepList(999), DeepList(1000)].

%% Cuts and byte flips of a real encoding: Erlang says what each becomes.
mutations(T) ->
    B = term_to_binary(T, [{minor_version, rand:uniform(3) - 1}]),
    Size = byte_size(B),
    Cut = [binary:part(B, 0, rand:uniform(Size) - 1) || Size > 1],
    Flips = [flip(B, Size) || _ <- lists:seq(1, 2), Size > 1],
    Cut ++ Flips.

flip(B, Size) ->
    P = rand:uniform(Size - 1),
    <<Pre:P/binary, _, Post/binary>> = B,
    V = case rand:uniform(3) of 1 -> rand:uniform(256) - 1; 2 -> 255; 3 -> 0 end,
    <<Pre/binary, V, Post/binary>>.

%% ------------------------------------------------------------------ hex

hex(B) -> binary:encode_hex(B).

unhex(H) -> binary:decode_hex(H).
