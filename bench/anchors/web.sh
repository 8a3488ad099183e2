# Sourced by the anchor scripts: each server's HTTP listener with XMPP over WebSocket (RFC 7395),
# for the load tool's --transport websocket. Ports like the client ports: Parley 15280 (its
# http.port), ejabberd 25280, Prosody 35280 (100 higher for a peer instance). Plain ws:// on
# loopback, with plaintext logins allowed as on the client ports.
EJABBERD_HTTP_PORT=$((25280 + port_offset))
PROSODY_HTTP_PORT=$((35280 + port_offset))

# The URL a server's WebSocket endpoint answers at: websocket_url parley|ejabberd|prosody.
websocket_url() {
  case "$1" in
    parley) echo "ws://127.0.0.1:$PARLEY_HTTP_PORT/xmpp-websocket" ;;   # http.websocket-path's default
    ejabberd) echo "ws://127.0.0.1:$EJABBERD_HTTP_PORT/ws" ;;
    prosody) echo "ws://127.0.0.1:$PROSODY_HTTP_PORT/xmpp-websocket" ;;  # mod_websocket's path
  esac
}

# Where the upload scenario's PUTs and GETs go (the slots' paths on this base): Parley's HTTP port.
# The anchors get no upload service here: the scenario measures Parley's.
upload_http_base() {
  echo "http://127.0.0.1:$PARLEY_HTTP_PORT"
}

# ejabberd's listener entry (under listen:): ejabberd_http with ejabberd_http_ws at /ws. Its
# sessions are ejabberd_c2s sessions, under the same global c2s_shaper (none) as the client port;
# the same listen backlog as the client port, so that login bursts are not reset.
ejabberd_web_listener() {
  cat <<YAML
  - port: $EJABBERD_HTTP_PORT
    ip: "127.0.0.1"
    module: ejabberd_http
    backlog: 4096
    request_handlers:
      /ws: ejabberd_http_ws
YAML
}

# Prosody's global options for mod_websocket on its HTTP port (the module goes in modules_enabled,
# prosody_web_modules): plain HTTP on loopback only, counted as secure like the plaintext client
# port the anchors allow (no TLS required), any Host answered by the bench's host.
prosody_web_options() {
  cat <<LUA
http_ports = { $PROSODY_HTTP_PORT }
http_interfaces = { "127.0.0.1" }
https_ports = { }
http_default_host = "$BENCH_DOMAIN"
consider_websocket_secure = true
LUA
}

prosody_web_modules() {
  echo '"websocket";'
}
