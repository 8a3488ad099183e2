package im.parley.testkit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import javax.net.SocketFactory;

/** Sockets whose reading can be stopped and resumed, with a small receive buffer so that they fill soon. */
public final class StallingSockets extends SocketFactory {
    private volatile CountDownLatch stalled;

    public void stall() {
        stalled = new CountDownLatch(1);
    }

    public void resume() {
        CountDownLatch latch = stalled;
        if (latch != null) {
            latch.countDown();
        }
    }

    private void awaitResumed() throws IOException {
        CountDownLatch latch = stalled;
        if (latch == null) {
            return;
        }
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stalled", e);
        }
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket() {
            @Override
            public InputStream getInputStream() throws IOException {
                return new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        awaitResumed();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        awaitResumed();
                        return super.read(b, off, len);
                    }
                };
            }
        };
        socket.setReceiveBufferSize(8192);
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("Smack connects unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, java.net.InetAddress localHost, int localPort) {
        throw new UnsupportedOperationException("Smack connects unconnected sockets");
    }

    @Override
    public Socket createSocket(java.net.InetAddress host, int port) {
        throw new UnsupportedOperationException("Smack connects unconnected sockets");
    }

    @Override
    public Socket createSocket(java.net.InetAddress address, int port, java.net.InetAddress localAddress,
            int localPort) {
        throw new UnsupportedOperationException("Smack connects unconnected sockets");
    }
}
