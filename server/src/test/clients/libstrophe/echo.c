/*
 * Logs in to Parley with libstrophe, sends a message to a peer (a Smack client in LibstropheTest)
 * and waits for the peer's answer, printing one line per scenario:
 *
 *     SCENARIO <name> PASS|FAIL <detail>
 *
 *     echo HOST PORT JID PASSWORD PEER_JID CA_FILE [direct-tls]
 *
 * The certificate is Parley's self-signed one, trusted as the CA file given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strophe.h>

#define EXPECTED "echo: hello from libstrophe"
#define TIMEOUT_MS 10000

struct run {
    xmpp_ctx_t *ctx;
    const char *peer;
    int logged_in;
    int answered;
};

static void report(const char *name, int ok, const char *detail)
{
    printf("SCENARIO %s %s %s\n", name, ok ? "PASS" : "FAIL", detail);
    fflush(stdout);
}

static int on_message(xmpp_conn_t *conn, xmpp_stanza_t *stanza, void *data)
{
    struct run *run = data;
    char *body = xmpp_message_get_body(stanza);
    const char *from = xmpp_stanza_get_from(stanza);
    char detail[512];
    if (body == NULL) {
        return 1;
    }
    snprintf(detail, sizeof detail, "'%s' from %s", body, from ? from : "(none)");
    report("message-from-peer", strcmp(body, EXPECTED) == 0 && from && strncmp(from, run->peer, strlen(run->peer)) == 0,
           detail);
    run->answered = 1;
    xmpp_free(run->ctx, body);
    xmpp_disconnect(conn);
    return 0;
}

static void on_connection(xmpp_conn_t *conn, xmpp_conn_event_t status, int error,
                          xmpp_stream_error_t *stream_error, void *data)
{
    struct run *run = data;
    (void) stream_error;
    if (status == XMPP_CONN_CONNECT) {
        char detail[512];
        xmpp_stanza_t *message = xmpp_message_new(run->ctx, "chat", run->peer, NULL);
        run->logged_in = 1;
        snprintf(detail, sizeof detail, "bound %s, TLS %s", xmpp_conn_get_bound_jid(conn),
                 xmpp_conn_is_secured(conn) ? "on" : "off");
        report("login", xmpp_conn_is_secured(conn), detail);
        xmpp_handler_add(conn, on_message, NULL, "message", NULL, run);
        xmpp_message_set_body(message, "hello from libstrophe");
        xmpp_send(conn, message);
        xmpp_stanza_release(message);
        xmpp_send_raw_string(conn, "<presence/>");
    } else {
        if (!run->logged_in) {
            char detail[64];
            snprintf(detail, sizeof detail, "disconnected before login (error %d)", error);
            report("login", 0, detail);
        }
        xmpp_stop(run->ctx);
    }
}

static int on_timeout(xmpp_conn_t *conn, void *data)
{
    struct run *run = data;
    if (!run->answered) {
        report(run->logged_in ? "message-from-peer" : "login", 0, "timed out");
    }
    xmpp_disconnect(conn);
    return 0;
}

int main(int argc, char **argv)
{
    struct run run = {0};
    xmpp_conn_t *conn;
    if (argc < 7) {
        fprintf(stderr, "usage: %s HOST PORT JID PASSWORD PEER_JID CA_FILE [direct-tls]\n", argv[0]);
        return 2;
    }
    xmpp_initialize();
    run.ctx = xmpp_ctx_new(NULL, getenv("DEBUG") ? xmpp_get_default_logger(XMPP_LEVEL_DEBUG) : NULL);
    run.peer = argv[5];
    conn = xmpp_conn_new(run.ctx);
    xmpp_conn_set_jid(conn, argv[3]);
    xmpp_conn_set_pass(conn, argv[4]);
    xmpp_conn_set_cafile(conn, argv[6]);
    xmpp_conn_set_flags(conn, XMPP_CONN_FLAG_MANDATORY_TLS
                                  | (argc > 7 && strcmp(argv[7], "direct-tls") == 0 ? XMPP_CONN_FLAG_LEGACY_SSL : 0));
    xmpp_timed_handler_add(conn, on_timeout, TIMEOUT_MS, &run);
    if (xmpp_connect_client(conn, argv[1], (unsigned short) atoi(argv[2]), on_connection, &run) != XMPP_EOK) {
        report("login", 0, "could not connect");
    } else {
        xmpp_run(run.ctx);
    }
    xmpp_conn_release(conn);
    xmpp_ctx_free(run.ctx);
    xmpp_shutdown();
    return 0;
}
