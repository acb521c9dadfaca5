package it.io.petty.hardening;

import it.io.petty.Fleet;
import it.io.petty.PettyHttp;
import it.io.petty.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static it.io.petty.Readings.reading;
import static it.io.petty.Readings.recent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slow-body attack of issue #11: one collar's connections that send their headers and then trickle (or stop
 * sending) their body held every ingest permit, and every other collar got 503. Now a body takes no permit until it
 * has been read, one collar has only a few requests in flight (reading included), and a body too slow is cut off.
 */
class SlowClientsIT {

    /** The attack as it was seen: more connections than the server has permits (two on the test server). */
    private static final int CONNECTIONS = 36;

    @Test
    void aSecondCollarsReadingIsStoredWhileTheFirstCollarsSlowBodiesHang() throws IOException {
        Fleet.Collar attacker = Fleet.newCollar();
        Fleet.Collar victim = Fleet.newCollar();
        List<Socket> hanging = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                hanging.add(startIngest(attacker, 400));
            }
            HttpResponse<String> stored = PettyHttp.postJson("/v1/ingest", reading(victim.id(), recent()),
                    victim.deviceToken());

            assertEquals(201, stored.statusCode(), stored.body());
            assertEquals(1, TestDatabase.countReadings(victim.id()));
            // Each hanging request ends soon: refused beyond the collar's share in flight (429), or cut off as too
            // slow (408) after the grace of 2 s or Liberty's readTimeout of 5 s; none waits for its body for minutes.
            long started = System.nanoTime();
            List<Integer> answers = hanging.stream().map(socket -> status(socket, Duration.ofSeconds(10))).toList();
            assertTrue(answers.stream().allMatch(status -> status == 408 || status == 429), answers.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "answered within 10 s");
            assertEquals(0, TestDatabase.countReadings(attacker.id()));
        } finally {
            for (Socket socket : hanging) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatTricklesIsCutOffWith408() throws IOException {
        Fleet.Collar collar = Fleet.newCollar();
        String body = reading(collar.id(), recent());
        try (Socket socket = startIngest(collar, body.length())) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            int status = -1;
            for (int i = 0; i < body.length() && status < 0; i++) {
                out.write(body.charAt(i));
                out.flush();
                status = status(socket, Duration.ofMillis(300));
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertEquals(408, status, "cut off after " + seconds + " s");
            assertTrue(seconds < 8, "Liberty's readTimeout (5 s) ends a body that trickles in one buffer: " + seconds);
            assertEquals(0, TestDatabase.countReadings(collar.id()));
        }
    }

    /** A POST /v1/ingest whose headers are sent, and none of its body. */
    private static Socket startIngest(Fleet.Collar collar, int contentLength) throws IOException {
        Socket socket = new Socket(PettyHttp.BASE.getHost(), PettyHttp.BASE.getPort());
        String head = "POST /v1/ingest HTTP/1.1\r\nHost: " + PettyHttp.BASE.getHost() + "\r\n"
                + "Authorization: Bearer " + collar.deviceToken() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status of the answer, if one arrives within the wait; -1 otherwise. */
    private static int status(Socket socket, Duration wait) {
        try {
            socket.setSoTimeout((int) wait.toMillis());
            InputStream in = socket.getInputStream();
            byte[] line = new byte[12];
            int n = in.readNBytes(line, 0, line.length);
            return n == line.length ? Integer.parseInt(new String(line, 9, 3, StandardCharsets.US_ASCII)) : -1;
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
