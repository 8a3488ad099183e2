# Sourced by the anchor scripts: one place for what every server under test shares, so that the
# comparison is like for like (same domain, accounts, password, loopback only).
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_STATE="${BENCH_STATE:-/tmp/parley-bench-anchors}"
BENCH_DOMAIN="${BENCH_DOMAIN:-localhost}"
BENCH_PASSWORD="${BENCH_PASSWORD:-bench-secret}"
# The federation scenario runs two servers of a kind: the second (BENCH_INSTANCE=peer) serves
# BENCH_PEER_DOMAIN, with a state directory of its own and every port 100 higher. Each federates
# with the other when BENCH_FEDERATE=on: its s2s port, and the other's domain and s2s port.
BENCH_PEER_DOMAIN="${BENCH_PEER_DOMAIN:-peer.localhost}"
port_offset=0
peer_offset=100
if [ "${BENCH_INSTANCE:-}" = peer ]; then
  BENCH_DOMAIN="$BENCH_PEER_DOMAIN"
  BENCH_STATE="${BENCH_STATE%/peer}/peer"   # once: an anchor script calls itself with this environment
  port_offset=100
  peer_offset=0
fi
FEDERATION_PEER="$([ "${BENCH_INSTANCE:-}" = peer ] && echo "${BENCH_MAIN_DOMAIN:-localhost}" || echo "$BENCH_PEER_DOMAIN")"
# Each server gets its own port so a stray one cannot answer for another.
PARLEY_PORT=$((15222 + port_offset))
EJABBERD_PORT=$((25222 + port_offset))
PROSODY_PORT=$((35222 + port_offset))
PARLEY_S2S_PORT=$((15269 + port_offset))
PARLEY_HTTP_PORT=$((15280 + port_offset))
PARLEY_HTTPS_PORT=$((15443 + port_offset))
EJABBERD_S2S_PORT=$((25269 + port_offset))
PARLEY_PEER_S2S_PORT=$((15269 + peer_offset))
EJABBERD_PEER_S2S_PORT=$((25269 + peer_offset))
PROSODY_S2S_PORT=$((35269 + port_offset))
PROSODY_PEER_S2S_PORT=$((35269 + peer_offset))
# Where ejabberd's resolver (Erlang's inet_res, through the node's inetrc) and Prosody's
# (libunbound, forwarding) find the SRV records of both domains in the federation scenario: a
# dnsmasq for each kind that side-by-side starts.
BENCH_DNS_PORT=25353
BENCH_PROSODY_DNS_PORT=35353
BENCH_FEDERATE="${BENCH_FEDERATE:-off}"
# The external component (XEP-0114) of the component scenario: the load tool's sink connects to
# each server's component port as this domain with this secret.
PARLEY_COMPONENT_PORT=$((15347 + port_offset))
EJABBERD_COMPONENT_PORT=$((25347 + port_offset))
PROSODY_COMPONENT_PORT=$((35347 + port_offset))
BENCH_COMPONENT="sink.$BENCH_DOMAIN"
BENCH_COMPONENT_SECRET="${BENCH_COMPONENT_SECRET:-sink-secret}"
# How many 127.0.0.x source addresses the load spreads over (and the anchors must whitelist).
BENCH_SOURCES="${BENCH_SOURCES:-8}"
# The one-to-one message archive (XEP-0313): on in every server, as it is by default in Parley
# (each archives every chat message with a body, for sender and recipient, in its default store:
# Parley's H2, ejabberd's Mnesia, Prosody's internal files), or off in every server.
BENCH_ARCHIVE="${BENCH_ARCHIVE:-on}"
mkdir -p "$BENCH_STATE"

# Waits until a TCP port on 127.0.0.1 accepts connections, or fails after $2 seconds.
wait_port() {
  local port=$1 seconds=${2:-60} i
  for ((i = 0; i < seconds * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "nothing listens on port $port after $seconds s" >&2
  return 1
}

# Waits until nothing listens on a port any more.
wait_port_closed() {
  local port=$1 i
  for ((i = 0; i < 300; i++)); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# Self-signed certificate for the anchors' STARTTLS (Parley makes its own).
ensure_certificate() {
  local dir=$1
  if [ ! -f "$dir/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=$BENCH_DOMAIN" \
      -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
    cat "$dir/cert.pem" "$dir/key.pem" > "$dir/combined.pem"
  fi
}
