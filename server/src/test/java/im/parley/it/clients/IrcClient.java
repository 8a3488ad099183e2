package im.parley.it.clients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A scripted IRC client (RFC 2812) over a plain socket: registers a nick, joins, talks and parts,
 * and reads the server's lines, answering its PINGs, until the one a test waits for.
 */
final class IrcClient implements AutoCloseable {
    private static final int WAIT_MILLIS = 15_000;

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    /** Every line read, for the failure message. */
    private final List<String> seen = new ArrayList<>();

    private IrcClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Connects and registers {@code nick}; returns once the server welcomed it (001). */
    static IrcClient connect(int port, String nick) throws IOException {
        IrcClient client = new IrcClient(new Socket("127.0.0.1", port));
        client.socket.setSoTimeout(WAIT_MILLIS);
        client.send("NICK " + nick);
        client.send("USER " + nick + " 0 * :" + nick);
        client.await(line -> command(line).equals("001"));
        return client;
    }

    /** Joins the channel; returns once the server listed its members (366, end of NAMES). */
    void join(String channel) throws IOException {
        send("JOIN " + channel);
        await(line -> command(line).equals("366"));
    }

    void say(String target, String text) throws IOException {
        send("PRIVMSG " + target + " :" + text);
    }

    void part(String channel) throws IOException {
        send("PART " + channel + " :bye");
    }

    void send(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads lines until one matches (PINGs answered on the way); fails after 15 s without it. */
    String await(Predicate<String> match) throws IOException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String line;
            try {
                line = in.readLine();
            } catch (SocketTimeoutException e) {
                break;
            }
            if (line == null) {
                throw new IOException("the IRC server closed the connection; read: " + seen);
            }
            seen.add(line);
            if (command(line).equals("PING")) {
                send("PONG " + line.substring(line.indexOf("PING") + 5));
            } else if (match.test(line)) {
                return line;
            }
        }
        throw new IOException("no awaited line within " + WAIT_MILLIS + " ms; read: " + seen);
    }

    /** The command or numeric of a line, after its optional {@code :prefix}. */
    static String command(String line) {
        String[] words = line.split(" ");
        return line.startsWith(":") && words.length > 1 ? words[1] : words[0];
    }

    @Override
    public void close() throws IOException {
        try {
            send("QUIT :done");
        } finally {
            socket.close();
        }
    }
}
