#!/usr/bin/env escript
%% -*- erlang -*-
%% Runs a Java program as an Erlang port, the way Erlang and Elixir applications do:
%%   port_peer.escript JAVA CLASSPATH MAINCLASS nouse_stdio|use_stdio
%% sends it {echo, T} for many terms and {add, A, B}, checks each answer, closes the port, then
%% waits for the Java process to exit on its own. Prints "ok" at the end, "fail: ..." otherwise.
-mode(compile).

main([Java, Cp, Main, Stdio]) ->
    Mode = list_to_atom(Stdio),
    Args = ["-cp", Cp, Main] ++ [stdio || Mode =:= use_stdio],
    Port = open_port({spawn_executable, Java}, [{packet, 4}, binary, Mode, {args, Args}]),
    {os_pid, OsPid} = erlang:port_info(Port, os_pid),
    io:format("os_pid ~p~n", [OsPid]),
    Terms = [ok, 'élan', '日本語', 42, -1, 1 bsl 200, -(1 bsl 70), 3.25, -0.5, <<"bin">>, <<1:3>>, "str",
             [1, 2 | 3], {a, {b, [c]}}, #{a => 1, <<"k">> => [x, y], 1.5 => #{}},
             maps:from_list([{I, integer_to_binary(I)} || I <- lists:seq(1, 100)]),
             self(), make_ref(), fun lists:map/2, lists:seq(1, 70000), binary:copy(<<"z">>, 100000)],
    lists:foreach(fun(T) ->
                      port_command(Port, term_to_binary({echo, T})),
                      case answer(Port) of
                          {reply, T2} when T2 =:= T -> ok;
                          Other -> fail("echo of ~P came back as ~P", [T, 8, Other, 8])
                      end
                  end, Terms),
    port_command(Port, term_to_binary({add, 40, 2})),
    42 = answer(Port),
    port_command(Port, term_to_binary(what)),
    {error, {unknown, what}} = answer(Port),
    io:format("answers ~p~n", [length(Terms) + 2]),
    true = port_close(Port),
    wait_exit(OsPid, 200),
    io:format("ok~n").

answer(Port) ->
    receive
        {Port, {data, B}} -> binary_to_term(B);
        {'EXIT', Port, Reason} -> fail("the port exited: ~p", [Reason])
    after 30000 -> fail("no answer within 30 s", [])
    end.

%% The Java program must end by itself once its input is closed: poll with a deadline.
wait_exit(OsPid, 0) -> fail("the Java process ~p is still running 20 s after port_close", [OsPid]);
wait_exit(OsPid, N) ->
    case os:cmd("kill -0 " ++ integer_to_list(OsPid) ++ " 2>/dev/null && echo alive") of
        "alive\n" -> timer:sleep(100), wait_exit(OsPid, N - 1);
        _ -> io:format("exited~n")
    end.

fail(Fmt, Args) ->
    io:format("fail: " ++ Fmt ++ "~n", Args),
    halt(1).
