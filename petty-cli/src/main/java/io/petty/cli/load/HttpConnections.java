package io.petty.cli.load;

import java.io.Closeable;
import java.net.URI;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The connections of one run to one server: each worker and reader {@linkplain #open() opens} its own and keeps
 * it; the occasional callers (provisioning, a device token exchanged again) {@linkplain #borrow() borrow} one kept
 * idle here. {@link #close()} closes them all, in use or not, which also stops a thread blocked reading one.
 */
final class HttpConnections implements Closeable {

    private final URI server;
    private final Duration readTimeout;
    private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final Set<HttpConnection> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param server      {@code http://host:port}
     * @param readTimeout how long a request waits for the server before it is lost
     * @throws IllegalArgumentException for anything but plain {@code http}
     */
    HttpConnections(URI server, Duration readTimeout) {
        HttpConnection.requireHttp(server);
        this.server = server;
        this.readTimeout = readTimeout;
    }

    URI server() {
        return server;
    }

    /** A connection of the caller's own, for one thread, with the usual read timeout. */
    HttpConnection open() {
        return open(readTimeout);
    }

    /** A connection of the caller's own, for one thread. */
    HttpConnection open(Duration readTimeout) {
        HttpConnection connection = new HttpConnection(server, readTimeout);
        all.add(connection);
        if (closed) {
            connection.close();
        }
        return connection;
    }

    /** An idle connection, or a new one: give it back through {@link #release(HttpConnection)}. */
    HttpConnection borrow() {
        HttpConnection connection = idle.pollFirst();
        return connection != null ? connection : open();
    }

    void release(HttpConnection connection) {
        if (!closed) {
            idle.offerFirst(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        all.forEach(HttpConnection::close);
        idle.clear();
    }
}
