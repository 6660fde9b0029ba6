#!/usr/bin/env escript
%% The Erlang twins of dev.otpnet.otp.OtpTwinsTest: the same supervisors, gen_servers and
%% gen_statems, run on Erlang/OTP, printing "event ..." lines in the order things happen, then "ok".
%% The Java test runs the same scenario and compares the two lists line by line.
%%
%%   escript otp_twins.escript postpone | insert | zero | timeouts | rest_for_one | one_for_all | start_failure
-mode(compile).
-behaviour(gen_statem).

-export([init/1, callback_mode/0, handle_event/4, terminate/3]).
-export([handle_call/3, handle_cast/2, terminate/2, start_child/1]).

main([Scenario]) ->
    logger:set_primary_config(level, none),
    register(main, self()),
    process_flag(trap_exit, true),
    run(list_to_atom(Scenario)),
    print_events(),
    io:format("ok~n").

trace(Fmt, Args) -> main ! {event, lists:flatten(io_lib:format(Fmt, Args))}.

print_events() ->
    receive {event, Text} -> io:format("event ~s~n", [Text]), print_events()
    after 0 -> ok
    end.

%% Prints events as they come until Text has been printed.
until(Text) ->
    receive
        {event, Text} -> io:format("event ~s~n", [Text]);
        {event, Other} -> io:format("event ~s~n", [Other]), until(Text)
    after 10000 -> exit({no_event, Text})
    end.

%% ---- scenarios ----------------------------------------------------------------------------

run(postpone) ->
    {ok, M} = gen_statem:start_link(?MODULE, postpone, []),
    [gen_statem:cast(M, X) || X <- [a, b, unlock, c, lock, d, unlock]],
    {open, sync} = gen_statem:call(M, sync),
    ok = gen_statem:stop(M);
run(insert) ->
    {ok, M} = gen_statem:start_link(?MODULE, insert, []),
    [gen_statem:cast(M, X) || X <- [p1, go, later]],
    {open, sync} = gen_statem:call(M, sync),
    ok = gen_statem:stop(M);
run(zero) ->
    {ok, M} = gen_statem:start_link(?MODULE, zero, []),
    {s1, sync} = gen_statem:call(M, sync),
    ok = gen_statem:stop(M);
run(timeouts) ->
    {ok, M} = gen_statem:start_link(?MODULE, timeouts, []),
    Ref = monitor(process, M),
    receive {'DOWN', Ref, process, M, Reason} -> trace("down ~p", [Reason]) after 10000 -> exit(timeouts_hang) end;
run(rest_for_one) ->
    {ok, S} = supervisor:start_link(?MODULE, {sup, rest_for_one, [a, b, c, d]}),
    Ref = monitor(process, S),
    until("start d"),
    gen_server:cast(b, crash),
    until("start d"),
    gen_server:cast(c, crash),
    receive {'DOWN', Ref, process, S, Reason} -> trace("supervisor down ~p", [Reason]) after 10000 -> exit(sup_hang) end;
run(start_failure) ->
    {error, Reason} = supervisor:start_link(?MODULE, {sup, one_for_one, [a, b, bad, c]}),
    trace("supervisor failed ~p", [Reason]);
run(one_for_all) ->
    {ok, S} = supervisor:start_link(?MODULE, {sup, one_for_all, [a, b, c]}),
    Ref = monitor(process, S),
    until("start c"),
    gen_server:cast(b, crash),
    until("start c"),
    exit(S, shutdown),
    receive {'DOWN', Ref, process, S, Reason} -> trace("supervisor down ~p", [Reason]) after 10000 -> exit(sup_hang) end.

%% ---- supervisor and its gen_server children -------------------------------------------------

init({sup, Strategy, Ids}) ->
    Flags = #{strategy => Strategy, intensity => 1, period => 5},
    Specs = [#{id => Id, start => {?MODULE, start_child, [Id]}, shutdown => 5000} || Id <- Ids],
    {ok, {Flags, Specs}};
init({child, Id}) ->
    process_flag(trap_exit, true),
    register(Id, self()),
    trace("start ~p", [Id]),
    {ok, Id};
%% ---- gen_statem -----------------------------------------------------------------------------
init(postpone) -> {ok, locked, postpone};
init(insert) -> {ok, locked, insert};
init(zero) ->
    self() ! m1,
    {ok, s1, zero, [{state_timeout, 0, st}, {{timeout, g}, 0, gt}, {timeout, 0, et}, {next_event, internal, i1}]};
init(timeouts) ->
    self() ! x,
    {ok, a, timeouts, [{state_timeout, 30, st_a}, {{timeout, g}, 60, g1}]}.

start_child(bad) -> {error, nope};
start_child(Id) -> gen_server:start_link(?MODULE, {child, Id}, []).

handle_call(Req, _From, Id) -> {reply, Req, Id}.
handle_cast(crash, Id) -> {stop, crash, Id}.
terminate(Reason, Id) -> trace("stop ~p ~p", [Id, Reason]).

callback_mode() -> [handle_event_function, state_enter].

handle_event(enter, Old, S, _) ->
    trace("~p enter from ~p", [S, Old]),
    case S of
        c -> {keep_state_and_data, [{timeout, 50, et_c}, {{timeout, h}, 10, h1}]};
        _ -> keep_state_and_data
    end;
handle_event({call, From}, Req, S, _) ->
    trace("~p call ~p", [S, Req]),
    {keep_state_and_data, [{reply, From, {S, Req}}]};
%% postpone and insert
handle_event(cast, unlock, locked, D) -> trace("locked unlock"), {next_state, open, D};
handle_event(cast, go, locked, D) ->
    trace("locked go"),
    {next_state, open, D, [{next_event, internal, i1}, {next_event, internal, i2}]};
handle_event(cast, X, locked, _) -> trace("locked postpone ~p", [X]), {keep_state_and_data, [postpone]};
handle_event(cast, lock, open, D) -> trace("open lock"), {next_state, locked, D};
%% timeouts
handle_event(state_timeout, st_a, a, D) ->
    trace("a state_timeout st_a"),
    {next_state, b, D, [{state_timeout, 10000, st_b}]};
handle_event({timeout, g}, g1, b, D) -> trace("b {timeout,g} g1"), {next_state, c, D};
handle_event({timeout, h}, h1, c, _) -> trace("c {timeout,h} h1"), {keep_state_and_data, [{timeout, 20, et_c2}]};
handle_event(timeout, et_c2, c, _) -> trace("c timeout et_c2"), {stop, normal};
%% everything else is traced and kept
handle_event(Type, Content, S, _) -> trace("~p ~p ~p", [S, Type, Content]), keep_state_and_data.

trace(Text) -> trace(Text, []).

terminate(Reason, S, _) -> trace("~p terminate ~p", [S, Reason]).
