package im.parley.bench.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the load tool can see of the server under test from outside: its resident memory and CPU
 * time from /proc, and, for a JVM server (Parley), its live heap after a full collection via jcmd.
 * The CPU figure is fair even though load tool and server share the cores: it counts only the
 * server's own time.
 */
public final class ServerProcess {
    /** USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux architecture in use. */
    private static final double TICKS_PER_SECOND = 100.0;
    /**
     * A heap or generation line of GC.heap_info: they start at the margin ("garbage-first heap ...
     * used 102400K", "DefNew total ..., used 31021K", "ZHeap used 60M"); spaces within a generation
     * and Metaspace are indented.
     */
    private static final Pattern HEAP_USED = Pattern.compile("(?m)^\\S.*?used (\\d+)([KM])");

    private final long pid;
    /** Processes serving beside it (a federated peer): their CPU time counts with its own. */
    private final List<ServerProcess> peers;

    public ServerProcess(long pid) {
        this(pid, List.of());
    }

    private ServerProcess(long pid, List<ServerProcess> peers) {
        this.pid = pid;
        this.peers = peers;
    }

    /** This process and a peer it serves with: CPU time is both's; memory this one's. */
    public ServerProcess with(ServerProcess peer) {
        return new ServerProcess(pid, List.of(peer));
    }

    public long pid() {
        return pid;
    }

    /** Resident set size in bytes (VmRSS of /proc/PID/status). */
    public long rssBytes() {
        for (String line : read("status")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** User plus system CPU time the process (all its threads), and its peers, have used so far. */
    public double cpuSeconds() {
        String stat = read("stat").get(0);
        // The command name (field 2) may contain spaces; fields are counted after its closing ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        double peersCpu = 0;
        for (ServerProcess peer : peers) {
            peersCpu += peer.cpuSeconds();
        }
        return (utime + stime) / TICKS_PER_SECOND + peersCpu;
    }

    /**
     * Heap in use right after a full GC (jcmd GC.run, then GC.heap_info), or empty when the process
     * is not a JVM jcmd can attach to.
     */
    public OptionalLong heapAfterFullGcBytes() {
        // jcmd attaches by sending SIGQUIT, which kills a process that is not a JVM (ejabberd's BEAM).
        if (!isJvm() || jcmd("GC.run") == null) {
            return OptionalLong.empty();
        }
        String info = jcmd("GC.heap_info");
        if (info == null) {
            return OptionalLong.empty();
        }
        // G1 and ZGC print one heap line, Serial and Parallel one per generation: added up.
        Matcher m = HEAP_USED.matcher(info);
        long usedKb = 0;
        boolean found = false;
        while (m.find()) {
            usedKb += Long.parseLong(m.group(1)) * (m.group(2).equals("M") ? 1024 : 1);
            found = true;
        }
        return found ? OptionalLong.of(usedKb * 1024) : OptionalLong.empty();
    }

    private boolean isJvm() {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString()
                    .equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            return done && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private List<String> read(String file) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file, e);
        }
    }

    /** The 1-minute load average of the machine, to print beside every figure (cores are shared). */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
