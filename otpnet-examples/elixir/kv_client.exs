# Starts the Java key-value store (dev.otpnet.examples.KvPort) as an Erlang port and calls it.
#   elixir otpnet-examples/elixir/kv_client.exs [CLASSPATH]
# The JDK is the one bin/find-jdk picks (25 or later). Without CLASSPATH, the packaged examples
# jar and its lib/ directory are used (build them with: mvn -pl otpnet-examples -am package -DskipTests).
root = Path.expand("../..", __DIR__)

{jdk, 0} = System.cmd(Path.join(root, "bin/find-jdk"), [])
java = Path.join(String.trim(jdk), "bin/java")

classpath =
  case System.argv() do
    [cp] ->
      cp

    [] ->
      target = Path.join(root, "otpnet-examples/target")
      jar = Path.join(target, "otpnet-examples-0.1.0-SNAPSHOT.jar")

      unless File.exists?(jar) do
        raise "#{jar} is missing: run mvn -pl otpnet-examples -am package -DskipTests"
      end

      Enum.join([jar | Path.wildcard(Path.join(target, "lib/*.jar"))], ":")
  end

port =
  Port.open({:spawn_executable, java},
    [{:packet, 4}, :binary, :nouse_stdio, args: ["-cp", classpath, "dev.otpnet.examples.KvPort"]])

call = fn request ->
  true = Port.command(port, :erlang.term_to_binary(request))

  receive do
    {^port, {:data, answer}} -> :erlang.binary_to_term(answer)
  after
    30_000 -> raise "no answer to #{inspect(request)} within 30 s"
  end
end

show = fn request ->
  answer = call.(request)
  IO.puts("#{inspect(request)} -> #{inspect(answer)}")
  answer
end

:ok = show.({:put, "language", "Elixir"})
:ok = show.({:put, :tags, [:beam, "jvm", 25]})
:ok = show.({:put, {:user, 1}, %{name: "Ann", roles: [:admin]}})
{:ok, "Elixir"} = show.({:get, "language"})
{:ok, %{name: "Ann", roles: [:admin]}} = show.({:get, {:user, 1}})
:not_found = show.({:get, "missing"})
["language", :tags, {:user, 1}] = show.(:keys)
:ok = show.({:delete, :tags})
{:stats, 3, 3, 2} = show.(:stats)
{:error, {:bad_request, :hello}} = show.(:hello)

{:os_pid, os_pid} = Port.info(port, :os_pid)
true = Port.close(port)

# The Java program ends by itself when the port closes; wait for it (at most 20 s).
Enum.reduce_while(1..200, :running, fn _, _ ->
  case System.cmd("kill", ["-0", Integer.to_string(os_pid)], stderr_to_stdout: true) do
    {_, 0} -> Process.sleep(100); {:cont, :running}
    _ -> {:halt, :exited}
  end
end)
|> case do
  :exited -> IO.puts("java exited after the port closed")
  :running -> raise "the Java program #{os_pid} is still running 20 s after the port closed"
end
