# Sourced by the anchor scripts: one place for what every server under test shares, so that the
# comparison is like for like (same domain, accounts, password, loopback only).
BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_STATE="${BENCH_STATE:-/tmp/parley-bench-anchors}"
BENCH_DOMAIN="${BENCH_DOMAIN:-localhost}"
BENCH_PASSWORD="${BENCH_PASSWORD:-bench-secret}"
# Each server gets its own port so a stray one cannot answer for another.
PARLEY_PORT=15222
EJABBERD_PORT=25222
PROSODY_PORT=35222
# The external component (XEP-0114) of the component scenario: the load tool's sink connects to
# each server's component port as this domain with this secret.
PARLEY_COMPONENT_PORT=15347
EJABBERD_COMPONENT_PORT=25347
PROSODY_COMPONENT_PORT=35347
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
