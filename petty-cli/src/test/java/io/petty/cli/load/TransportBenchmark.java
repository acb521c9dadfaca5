package io.petty.cli.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the generator's transport costs in CPU per ingest request: the JDK {@code HttpClient} the simulator used
 * before against {@link HttpConnection}, each in a JVM of its own, sending single-reading ingests as a worker does
 * (encode the body, send, read the answer, read the receipt) to a trivial keep-alive responder in a third JVM, so
 * that only the generator's CPU is counted: its process CPU (all its threads, GC and JIT included) per request.
 *
 * <p>Not a test (surefire runs {@code *Test} classes only). To run it:
 * <pre>
 * mvn -o -q -pl petty-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/test.classpath
 * java -cp petty-cli/target/test-classes:petty-cli/target/classes:$(cat petty-cli/target/test.classpath) \
 *     io.petty.cli.load.TransportBenchmark [requests per round, default 50000] [threads, default 1]
 * </pre>
 */
public final class TransportBenchmark {

    /** As Liberty answers a single stored reading (its headers, a receipt with a request id). */
    private static final String RECEIPT = "{\"stored\":1,\"duplicates\":0,"
            + "\"request_id\":\"0d9e6c1a-3b5f-4e7a-9c2d-8f1b7a6e5d4c\"}";
    private static final byte[] ANSWER = ("HTTP/1.1 201 Created\r\nX-Powered-By: Servlet/6.0\r\n"
            + "Content-Type: application/json\r\nContent-Language: en-US\r\nContent-Length: " + RECEIPT.length()
            + "\r\nDate: Wed, 26 Nov 2026 10:00:00 GMT\r\n\r\n" + RECEIPT).getBytes(StandardCharsets.US_ASCII);
    /** About the size of a Petty device token. */
    private static final String TOKEN = "eyJraWQiOiJwZXR0eS0xIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ."
            + "x".repeat(220) + "." + "s".repeat(342);
    private static final String[] TRANSPORTS = {"httpclient", "socket"};

    private TransportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("respond")) {
            respond();
        } else if (args.length > 0 && args[0].equals("client")) {
            client(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        } else {
            int requests = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
            int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
            compare(requests, threads);
        }
    }

    private static void compare(int requests, int threads) throws Exception {
        Process responder = java("respond").redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try {
            BufferedReader ports = new BufferedReader(new InputStreamReader(responder.getInputStream(),
                    StandardCharsets.US_ASCII));
            String port = ports.readLine();
            System.out.printf(Locale.ROOT, "%,d single-reading ingests per round after %,d to warm up, %d thread(s), "
                    + "%d cores%n", requests, requests / 2, threads, Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-11s %10s %16s %16s %16s %6s%n", "transport", "requests/s",
                    "process CPU/req", "sender CPU/req", "allocated/req", "lost");
            for (int round = 0; round < 2; round++) {
                for (String transport : TRANSPORTS) {
                    Process client = java("client", transport, port, Integer.toString(requests),
                            Integer.toString(threads)).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
                    if (client.waitFor() != 0) {
                        throw new IllegalStateException(transport + " client failed");
                    }
                }
            }
        } finally {
            responder.destroy();
        }
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TransportBenchmark.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Answers every request on every connection with {@link #ANSWER}, kept alive, until its parent goes. */
    private static void respond() throws IOException {
        ServerSocket server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        System.out.println(server.getLocalPort());
        System.out.flush();
        Thread parent = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // Until the parent closes its end.
                }
            } catch (IOException gone) {
                // Same.
            }
            System.exit(0);
        });
        parent.setDaemon(true);
        parent.start();
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            Thread connection = new Thread(() -> answerAll(socket));
            connection.setDaemon(true);
            connection.start();
        }
    }

    private static void answerAll(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            StringBuilder line = new StringBuilder();
            while (true) {
                long contentLength = 0;
                boolean firstLine = true;
                while (true) {
                    line.setLength(0);
                    for (int b = in.read(); b != '\n'; b = in.read()) {
                        if (b < 0) {
                            return;
                        }
                        if (b != '\r') {
                            line.append((char) b);
                        }
                    }
                    if (line.length() == 0 && !firstLine) {
                        break;
                    }
                    firstLine = false;
                    if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
                        contentLength = Long.parseLong(line.substring(15).trim());
                    }
                }
                in.skipNBytes(contentLength);
                out.write(ANSWER);
                out.flush();
            }
        } catch (IOException gone) {
            // The client is done.
        }
    }

    private interface Sender {
        /** One ingest as a worker sends it; returns the readings the receipt acknowledges. */
        int send(String reading) throws Exception;
    }

    private static void client(String transport, int port, int requests, int threads) throws Exception {
        URI server = URI.create("http://127.0.0.1:" + port);
        List<String> readings = readings(1000);
        HttpClient shared = transport.equals("httpclient") ? HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build() : null;
        List<Sender> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            senders.add(shared != null ? httpClient(shared, server) : socket(server));
        }
        run(senders, readings, requests / 2, new long[3]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Map<Long, Long> othersBefore = allocatedByThread();
        long cpuBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        long[] senderCpuAndAllocated = new long[3];
        run(senders, readings, requests, senderCpuAndAllocated);
        long wall = System.nanoTime() - start;
        long cpu = os.getProcessCpuTime() - cpuBefore;
        // The senders' own allocation, and what the other threads (HttpClient's) allocated meanwhile.
        long allocatedBytes = senderCpuAndAllocated[1];
        for (Map.Entry<Long, Long> thread : allocatedByThread().entrySet()) {
            allocatedBytes += thread.getValue() - othersBefore.getOrDefault(thread.getKey(), 0L);
        }
        long total = (long) requests * threads;
        System.out.printf(Locale.ROOT, "%-11s %10.0f %13.1f µs %13.1f µs %14.0f B %6d%n", transport,
                total / (wall / 1e9), cpu / 1e3 / total, senderCpuAndAllocated[0] / 1e3 / total,
                (double) allocatedBytes / total, senderCpuAndAllocated[2]);
        System.exit(0);
    }

    /**
     * Sends {@code requests} per sender, each on a thread of its own; adds their CPU, their allocation and the
     * requests lost (an {@link IOException}) to {@code used}.
     */
    private static void run(List<Sender> senders, List<String> readings, int requests, long[] used)
            throws InterruptedException {
        AtomicLong cpu = new AtomicLong();
        AtomicLong allocated = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders.size());
        for (Sender sender : senders) {
            Thread thread = new Thread(() -> {
                com.sun.management.ThreadMXBean self =
                        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                long cpuBefore = self.getCurrentThreadCpuTime();
                long allocatedBefore = self.getCurrentThreadAllocatedBytes();
                try {
                    for (int i = 0; i < requests; i++) {
                        try {
                            acknowledged.addAndGet(sender.send(readings.get(i % readings.size())));
                        } catch (IOException lost) {
                            // An "io" error for the simulator, which sends again; counted, not timed apart.
                            failed.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    cpu.addAndGet(self.getCurrentThreadCpuTime() - cpuBefore);
                    allocated.addAndGet(self.getCurrentThreadAllocatedBytes() - allocatedBefore);
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        if (acknowledged.get() + failed.get() != (long) requests * senders.size()) {
            throw new IllegalStateException("acknowledged " + acknowledged + " of " + requests * senders.size());
        }
        used[0] += cpu.get();
        used[1] += allocated.get();
        used[2] += failed.get();
    }

    /** The former {@code FleetSimulator.attempt}: a request built per attempt, the body as a string. */
    private static Sender httpClient(HttpClient http, URI server) {
        return reading -> {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/v1/ingest")).timeout(PettyApi.REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(reading)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 201 ? Receipts.acknowledged(response.body(), false).cardinality() : 0;
        };
    }

    /** As {@code FleetSimulator.attempt} sends now: the body encoded once, the header once per token. */
    private static Sender socket(URI server) {
        HttpConnection connection = new HttpConnection(server, PettyApi.REQUEST_TIMEOUT);
        byte[] authorization = HttpConnection.bearer(TOKEN);
        return reading -> {
            HttpConnection.Response response = connection.send("POST", "/v1/ingest", authorization,
                    reading.getBytes(StandardCharsets.UTF_8), true);
            return response.status() == 201 ? Receipts.acknowledged(response.body(), false).cardinality() : 0;
        };
    }

    private static List<String> readings(int count) {
        CollarSimulation collar = new CollarSimulation("LD-000001", Instant.now().minus(Duration.ofDays(7)), false, 42);
        List<String> readings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            readings.add(ReadingJson.single(collar.next()));
        }
        return readings;
    }

    /** Bytes allocated by each live thread so far. */
    private static Map<Long, Long> allocatedByThread() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        long[] bytes = threads.getThreadAllocatedBytes(ids);
        Map<Long, Long> byThread = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (bytes[i] >= 0) {
                byThread.put(ids[i], bytes[i]);
            }
        }
        return byThread;
    }
}
