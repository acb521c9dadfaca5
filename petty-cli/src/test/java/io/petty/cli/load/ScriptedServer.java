package io.petty.cli.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny HTTP server for tests, on the loopback: it reads each request (head, then a body by
 * {@code Content-Length}) and answers with the next {@link Reply} the test queued, byte for byte as the test
 * wrote it, so that a test can send what a client must cope with: chunks, a close, half an answer. Or, given a
 * handler, it answers each request as the handler says, on as many connections at once as clients open.
 */
final class ScriptedServer implements AutoCloseable {

    /** A request as the server read it; header names in lower case. */
    record Request(int connection, String method, String target, Map<String, String> headers, String body) {
    }

    /** Writes an answer; returns whether the connection stays open for another request. */
    interface Reply {
        boolean answer(OutputStream out) throws IOException;
    }

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Function<Request, Reply> handler;

    ScriptedServer() throws IOException {
        this(null);
    }

    /** @param handler the answer to each request, called from the connections' threads; null to use the queue */
    ScriptedServer(Function<Request, Reply> handler) throws IOException {
        this.handler = handler;
        Thread acceptor = new Thread(this::accept, "scripted-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Raw bytes, then the connection stays open. */
    static Reply raw(String response) {
        return out -> {
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        };
    }

    /** Raw bytes, then the server closes the connection. */
    static Reply rawThenClose(String response) {
        return out -> {
            out.write(response.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return false;
        };
    }

    /** An answer with a {@code Content-Length} body, kept alive. */
    static Reply ok(int status, String body, String... headers) {
        StringBuilder response = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
        for (String header : headers) {
            response.append(header).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return raw(response.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length)
                .append("\r\n\r\n").append(body).toString());
    }

    ScriptedServer then(Reply reply) {
        replies.add(reply);
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    /** TCP connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = server.accept();
                sockets.add(socket);
                int id = connections.incrementAndGet();
                Thread serving = new Thread(() -> serve(socket, id), "scripted-server-" + id);
                serving.setDaemon(true);
                serving.start();
            }
        } catch (IOException closed) {
            // close()
        }
    }

    private void serve(Socket socket, int id) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = read(in, id);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Reply reply = handler != null ? handler.apply(request) : replies.poll(10, TimeUnit.SECONDS);
                if (reply == null || !reply.answer(out)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, or the test is over.
        }
    }

    private static Request read(InputStream in, int connection) throws IOException {
        String requestLine = line(in);
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        return new Request(connection, parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    /** A line without its CR LF; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
