package io.petty.cli.load;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * One blocking HTTP/1.1 connection to the server, kept alive from request to request: what the simulator sends
 * through. {@code java.net.http.HttpClient} costs the generator several times more CPU per request (its
 * asynchronous machinery, its objects per request), CPU that the server, on the same machine, needs more.
 *
 * <p>A request is written in one piece (request line, headers, body); the answer is read through a buffer that is
 * reused, framed by {@code Content-Length}, {@code Transfer-Encoding: chunked} or, failing both, the end of the
 * connection. A connection the server closes ({@code Connection: close}), that broke, that timed out or that was
 * idle too long is opened anew by the next request. Plain {@code http} only.
 *
 * <p>Not thread-safe: one thread at a time sends through it. {@link #close()} alone may come from another thread,
 * to stop a thread blocked reading.
 */
final class HttpConnection implements Closeable {

    /** What the server answered. */
    record Response(int status, String body, Duration retryAfter) {
    }

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Idle longer than this, a kept connection is not trusted and opened anew rather than found closed by a lost
     * request: servers close idle connections (Liberty after 30 s, others after 5 s).
     */
    static final Duration MAX_IDLE = Duration.ofSeconds(4);
    /** The longest {@code Retry-After} taken as it is: longer waits are given up anyway, and nanoseconds overflow. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final int MAX_BODY = 64 * 1024 * 1024;
    /** A body up to this size is copied behind the headers, so that the request leaves in one write. */
    private static final int ONE_WRITE = 256 * 1024;
    private static final int KEPT_BODY_BUFFER = 1024 * 1024;

    private static final byte[] HTTP_1_1 = ascii(" HTTP/1.1\r\n");
    private static final byte[] JSON_CONTENT = ascii("Content-Type: application/json\r\nContent-Length: ");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] BEARER = ascii("Authorization: Bearer ");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] RETRY_AFTER = ascii("retry-after");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");

    private final String host;
    private final int port;
    /** {@code Host}, {@code User-Agent} and {@code Connection}: the same in every request. */
    private final byte[] fixedHeaders;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long maxIdleNanos;

    private volatile Socket socket;
    private volatile boolean closed;
    private InputStream in;
    private OutputStream out;
    private long idleSince;
    private int opened;

    private byte[] request = new byte[4096];
    private byte[] buffer = new byte[8192];
    private int pos;
    private int limit;
    private int lineStart;
    private byte[] body;
    private int bodyLength;

    // The answer being read.
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean untilClose;
    private boolean closeAfter;
    private Duration retryAfter;

    HttpConnection(URI server, Duration readTimeout) {
        this(server, CONNECT_TIMEOUT, readTimeout, MAX_IDLE);
    }

    HttpConnection(URI server, Duration connectTimeout, Duration readTimeout, Duration maxIdle) {
        requireHttp(server);
        String authority = server.getHost();
        this.host = authority.startsWith("[") ? authority.substring(1, authority.length() - 1) : authority;
        this.port = server.getPort() < 0 ? 80 : server.getPort();
        this.fixedHeaders = ascii("Host: " + authority + (server.getPort() < 0 ? "" : ":" + port)
                + "\r\nUser-Agent: petty-load\r\nConnection: keep-alive\r\n");
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.maxIdleNanos = maxIdle.toNanos();
    }

    /** @throws IllegalArgumentException unless {@code server} is an {@code http://host[:port]} URL */
    static void requireHttp(URI server) {
        if (!"http".equalsIgnoreCase(server.getScheme()) || server.getHost() == null) {
            throw new IllegalArgumentException("an http://host:port server URL, not " + server
                    + " (the load generator speaks plain HTTP/1.1 only: point it at the server's http port)");
        }
    }

    /** The {@code Authorization} header line for a bearer token, encoded once and sent with many requests. */
    static byte[] bearer(String token) {
        byte[] line = new byte[BEARER.length + token.length() + CRLF.length];
        System.arraycopy(BEARER, 0, line, 0, BEARER.length);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("a bearer token is printable ASCII without spaces");
            }
            line[BEARER.length + i] = (byte) c;
        }
        System.arraycopy(CRLF, 0, line, line.length - CRLF.length, CRLF.length);
        return line;
    }

    /**
     * {@code Retry-After} in seconds, the form Petty sends; zero when absent or a date.
     *
     * @param value the header's value, or null
     */
    static Duration retryAfter(String value) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Duration.ZERO;
        }
        return value.length() > 6 ? MAX_RETRY_AFTER
                : Duration.ofSeconds(Math.min(Long.parseLong(value), MAX_RETRY_AFTER.toSeconds()));
    }

    /**
     * Sends one request and reads its answer. On any failure the connection is dropped; the next request opens
     * a new one.
     *
     * @param target        the request target: an absolute path, with its query, already encoded
     * @param authorization a header line from {@link #bearer(String)}, or null
     * @param json          the body, sent as {@code application/json}; null for none
     * @param keepBody      whether the answer's body is wanted, or only its status
     * @throws IOException the connection could not be opened, broke, timed out, or the answer is not HTTP/1.x;
     *                     whether the server got the request is then unknown
     */
    Response send(String method, String target, byte[] authorization, byte[] json, boolean keepBody)
            throws IOException {
        int head = writeHead(method, target, authorization, json);
        if (closed) {
            throw new IOException("connection closed");
        }
        try {
            if (socket != null && System.nanoTime() - idleSince > maxIdleNanos) {
                disconnect();
            }
            if (socket == null) {
                connect();
            }
            if (json == null) {
                out.write(request, 0, head);
            } else if (head + json.length <= request.length || head + json.length <= ONE_WRITE) {
                ensureRequestCapacity(head + json.length);
                System.arraycopy(json, 0, request, head, json.length);
                out.write(request, 0, head + json.length);
            } else {
                out.write(request, 0, head);
                out.write(json);
            }
            Response response = readResponse(method, keepBody);
            if (closeAfter) {
                disconnect();
            } else {
                idleSince = System.nanoTime();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            disconnect();
            throw e;
        } finally {
            if (body != null && body.length > KEPT_BODY_BUFFER) {
                body = null;
            }
        }
    }

    /** TCP connections opened so far: one as long as the server keeps it alive. */
    int opened() {
        return opened;
    }

    /** For good: a request after this fails, and one blocked reading fails now. */
    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private void connect() throws IOException {
        Socket connecting = new Socket();
        try {
            connecting.setTcpNoDelay(true);
            connecting.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            connecting.setSoTimeout(readTimeoutMillis);
            in = connecting.getInputStream();
            out = connecting.getOutputStream();
        } catch (IOException | RuntimeException e) {
            connecting.close();
            throw e;
        }
        socket = connecting;
        opened++;
        pos = 0;
        limit = 0;
        if (closed) {
            disconnect();
            throw new IOException("connection closed");
        }
    }

    private void disconnect() {
        Socket open = socket;
        socket = null;
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // Gone either way.
            }
        }
    }

    /** @return the length of the request line and headers written to {@link #request} */
    private int writeHead(String method, String target, byte[] authorization, byte[] json) {
        ensureRequestCapacity(method.length() + target.length() + fixedHeaders.length
                + (authorization == null ? 0 : authorization.length) + JSON_CONTENT.length + 64);
        int n = token(method, 0, "method");
        request[n++] = ' ';
        n = token(target, n, "request target");
        n = put(HTTP_1_1, n);
        n = put(fixedHeaders, n);
        if (authorization != null) {
            n = put(authorization, n);
        }
        if (json != null) {
            n = put(JSON_CONTENT, n);
            n = decimal(json.length, n);
            n = put(CRLF, n);
        }
        return put(CRLF, n);
    }

    private int token(String text, int at, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException("not an HTTP " + what + ": " + text);
            }
            request[at++] = (byte) c;
        }
        return at;
    }

    private int put(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, request, at, bytes.length);
        return at + bytes.length;
    }

    private int decimal(int value, int at) {
        int digits = 1;
        for (int rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            request[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }

    private void ensureRequestCapacity(int capacity) {
        if (request.length < capacity) {
            request = Arrays.copyOf(request, Math.max(capacity, request.length * 2));
        }
    }

    private Response readResponse(String method, boolean keepBody) throws IOException {
        pos = 0;
        limit = 0;
        do {
            readHead();
        } while (status >= 100 && status < 200);
        String text = "";
        if (!method.equals("HEAD") && status != 204 && status != 304) {
            bodyLength = 0;
            if (chunked) {
                readChunks(keepBody);
            } else if (untilClose) {
                readUntilClose(keepBody);
            } else if (keepBody && contentLength <= limit - pos) {
                // The usual case: the whole answer came in one read; no copy but the string's.
                text = new String(buffer, pos, (int) contentLength, StandardCharsets.UTF_8);
                pos += (int) contentLength;
            } else {
                readBody(contentLength, keepBody);
            }
            if (keepBody && bodyLength > 0) {
                text = new String(body, 0, bodyLength, StandardCharsets.UTF_8);
            }
        }
        if (pos != limit) {
            // More than the answer arrived: out of step with the server, start over on a new connection.
            closeAfter = true;
        }
        return new Response(status, text, retryAfter);
    }

    /** The status line and the headers: sets {@link #status} and how the body is framed. */
    private void readHead() throws IOException {
        int end = readLine();
        int start = lineStart;
        if (end - start < 12 || !startsWith(start, "HTTP/1.") || !digit(buffer[start + 7]) || buffer[start + 8] != ' '
                || !digit(buffer[start + 9]) || !digit(buffer[start + 10]) || !digit(buffer[start + 11])
                || (end - start > 12 && buffer[start + 12] != ' ')) {
            throw new IOException("not an HTTP/1.x status line: "
                    + new String(buffer, start, Math.min(end - start, 80), StandardCharsets.ISO_8859_1));
        }
        boolean http10 = buffer[start + 7] == '0';
        status = (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
        contentLength = -1;
        chunked = false;
        boolean transferEncoded = false;
        boolean close = false;
        boolean keepAlive = false;
        retryAfter = Duration.ZERO;
        for (int headers = 0; ; headers++) {
            end = readLine();
            start = lineStart;
            if (end == start) {
                break;
            }
            if (headers == MAX_HEADERS) {
                throw new IOException("more than " + MAX_HEADERS + " headers in an answer");
            }
            int colon = start;
            while (colon < end && buffer[colon] != ':') {
                colon++;
            }
            if (colon == end) {
                throw new IOException("not a header: " + new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
            }
            int from = colon + 1;
            while (from < end && (buffer[from] == ' ' || buffer[from] == '\t')) {
                from++;
            }
            int to = end;
            while (to > from && (buffer[to - 1] == ' ' || buffer[to - 1] == '\t')) {
                to--;
            }
            if (named(start, colon, CONTENT_LENGTH)) {
                contentLength = length(from, to);
            } else if (named(start, colon, TRANSFER_ENCODING)) {
                transferEncoded = true;
                chunked = lastTokenIs(from, to, CHUNKED);
            } else if (named(start, colon, CONNECTION)) {
                close |= hasToken(from, to, CLOSE);
                keepAlive |= hasToken(from, to, KEEP_ALIVE);
            } else if (named(start, colon, RETRY_AFTER)) {
                retryAfter = retryAfter(new String(buffer, from, to - from, StandardCharsets.ISO_8859_1));
            }
        }
        // A transfer coding other than chunked, or no length at all: the body ends with the connection.
        untilClose = transferEncoded ? !chunked : contentLength < 0;
        if (transferEncoded) {
            contentLength = -1;
        }
        closeAfter = close || (http10 && !keepAlive) || untilClose;
    }

    private void readBody(long length, boolean keep) throws IOException {
        if (keep && length > MAX_BODY) {
            throw new IOException("an answer of " + length + " bytes is more than this client takes");
        }
        for (long rest = length; rest > 0; ) {
            if (pos == limit) {
                pos = 0;
                limit = 0;
                if (!fill()) {
                    throw new EOFException("the connection closed " + rest + " bytes before the end of the answer");
                }
            }
            int n = (int) Math.min(rest, limit - pos);
            if (keep) {
                keep(n);
            }
            pos += n;
            rest -= n;
        }
    }

    private void readChunks(boolean keep) throws IOException {
        while (true) {
            int end = readLine();
            long size = 0;
            int digits = 0;
            for (int i = lineStart; i < end && buffer[i] != ';' && buffer[i] != ' ' && buffer[i] != '\t'; i++) {
                int value = Character.digit(buffer[i], 16);
                if (value < 0 || ++digits > 8) {
                    throw new IOException("not a chunk size: "
                            + new String(buffer, lineStart, Math.min(end - lineStart, 80), StandardCharsets.ISO_8859_1));
                }
                size = size * 16 + value;
            }
            if (digits == 0) {
                throw new IOException("a chunk without its size");
            }
            if (size == 0) {
                // Trailers, if any, up to the empty line.
                while (readLine() != lineStart) {
                    // Not needed.
                }
                return;
            }
            if (keep && bodyLength + size > MAX_BODY) {
                throw new IOException("an answer of more than " + MAX_BODY + " bytes is more than this client takes");
            }
            readBody(size, keep);
            if (readLine() != lineStart || pos - lineStart != 2) {
                throw new IOException("a chunk not as long as its size");
            }
        }
    }

    private void readUntilClose(boolean keep) throws IOException {
        do {
            int n = limit - pos;
            if (keep) {
                if (bodyLength + n > MAX_BODY) {
                    throw new IOException("an answer of more than " + MAX_BODY + " bytes is more than this client takes");
                }
                keep(n);
            }
            pos = 0;
            limit = 0;
        } while (fill());
    }

    /** Appends {@code n} bytes from {@link #pos} to the body. */
    private void keep(int n) {
        if (body == null || body.length < bodyLength + n) {
            body = Arrays.copyOf(body == null ? new byte[0] : body,
                    Math.max(bodyLength + n, Math.max(8192, body == null ? 0 : body.length * 2)));
        }
        System.arraycopy(buffer, pos, body, bodyLength, n);
        bodyLength += n;
    }

    /**
     * Reads up to the next line feed (the carriage return before it is optional).
     *
     * @return the end of the line, without CR LF; it starts at {@link #lineStart}
     */
    private int readLine() throws IOException {
        int scan = pos;
        while (true) {
            for (; scan < limit; scan++) {
                if (buffer[scan] == '\n') {
                    lineStart = pos;
                    int end = scan > pos && buffer[scan - 1] == '\r' ? scan - 1 : scan;
                    pos = scan + 1;
                    return end;
                }
            }
            if (pos > 0) {
                System.arraycopy(buffer, pos, buffer, 0, limit - pos);
                scan -= pos;
                limit -= pos;
                pos = 0;
            }
            if (limit == buffer.length) {
                if (buffer.length >= MAX_LINE) {
                    throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            if (!fill()) {
                throw new EOFException("the connection closed before the answer was complete");
            }
        }
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            return false;
        }
        limit += n;
        return true;
    }

    private boolean startsWith(int at, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (buffer[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code [start, end)} is {@code lowerName}, ignoring case. */
    private boolean named(int start, int end, byte[] lowerName) {
        if (end - start != lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if (lower(buffer[start + i]) != lowerName[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the comma-separated list in {@code [from, to)} holds {@code lowerToken}, ignoring case. */
    private boolean hasToken(int from, int to, byte[] lowerToken) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || buffer[i] == ',') {
                int a = start;
                int b = i;
                while (a < b && (buffer[a] == ' ' || buffer[a] == '\t')) {
                    a++;
                }
                while (b > a && (buffer[b - 1] == ' ' || buffer[b - 1] == '\t')) {
                    b--;
                }
                if (named(a, b, lowerToken)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private boolean lastTokenIs(int from, int to, byte[] lowerToken) {
        int start = to;
        while (start > from && buffer[start - 1] != ',') {
            start--;
        }
        return hasToken(start, to, lowerToken);
    }

    private long length(int from, int to) throws IOException {
        if (from == to || to - from > 18) {
            throw new IOException("not a Content-Length: " + new String(buffer, from, to - from, StandardCharsets.ISO_8859_1));
        }
        long length = 0;
        for (int i = from; i < to; i++) {
            if (!digit(buffer[i])) {
                throw new IOException("not a Content-Length: " + new String(buffer, from, to - from, StandardCharsets.ISO_8859_1));
            }
            length = length * 10 + (buffer[i] - '0');
        }
        return length;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HttpConnection[%s:%d, %s]", host, port, socket == null ? "idle" : "open");
    }
}
