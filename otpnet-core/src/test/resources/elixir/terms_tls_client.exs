# An Elixir client of TermsOverTlsInteropTest: connects with :ssl and {packet, 4}, verifying the
# server against the test CA, sends :erlang.term_to_binary of many terms (some compressed), and
# checks each answer. Prints "ok N" at the end; raises (exit code 1) on any difference.
#   elixir terms_tls_client.exs PORT CA_PEM
import Bitwise
{:ok, _} = Application.ensure_all_started(:ssl)
[port, ca] = System.argv()

{:ok, sock} =
  :ssl.connect(~c"localhost", String.to_integer(port),
    [:binary, packet: 4, active: false, verify: :verify_peer, cacertfile: String.to_charlist(ca),
     server_name_indication: ~c"localhost"], 15_000)

call = fn term, opts ->
  :ok = :ssl.send(sock, :erlang.term_to_binary(term, opts))
  {:ok, answer} = :ssl.recv(sock, 0, 15_000)
  :erlang.binary_to_term(answer)
end

terms = [
  :ok, :"élan", :"日本語", 42, -1, 1 <<< 300, -(1 <<< 64), 3.25, "an Elixir string", <<1::3>>,
  ~c"a charlist", [1, 2 | 3], {:a, {:b, [:c]}}, %{"k" => [1, 2.5], :a => %{}, 1.5 => nil},
  Map.new(1..200, fn i -> {i, Integer.to_string(i)} end), self(), make_ref(), &Enum.map/2,
  String.duplicate("z", 200_000), Enum.to_list(1..5000)
]

for t <- terms, opts <- [[], [:compressed], [minor_version: 1]] do
  case call.({:echo, t}, opts) do
    {:reply, ^t} -> :ok
    other -> raise "echo of #{inspect(t, limit: 5)} came back as #{inspect(other, limit: 5)}"
  end
end

# A record built in Java arrives as the tagged tuple Terms.fromJava documents.
{:geo_point, 1.5, -2.0} = call.({:point, 1.5, -2.0}, [])

:ok = :ssl.close(sock)
IO.puts("ok #{length(terms) * 3 + 1}")
