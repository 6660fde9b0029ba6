# What the walk-through's iex-2 does against DemoApp: connect with packet: 4, send, print the echo, close.
#   elixir iex2.exs PORT CACERTFILE MESSAGE...
[port, ca | messages] = System.argv()
:ssl.start()
{:ok, s} = :ssl.connect('localhost', String.to_integer(port),
                        [packet: 4, verify: :verify_peer, cacertfile: String.to_charlist(ca)])
for message <- messages do
  :ok = :ssl.send(s, String.to_charlist(message))
  receive do
    {:ssl, ^s, data} -> IO.puts("echo #{data}")
  after
    10_000 -> exit(:no_echo)
  end
end
:ok = :ssl.close(s)
IO.puts("ok")
