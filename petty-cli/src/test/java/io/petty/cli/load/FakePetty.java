package io.petty.cli.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of Petty's API for {@code petty load} to provision a fleet and send to, answering at once with
 * fixed bodies (every reading stored, every token good): to measure what the whole generator costs in CPU per
 * request, without a server that needs the CPU more. Not a test. Prints its port, then serves until killed:
 * <pre>
 * java -cp petty-cli/target/test-classes:petty-cli/target/classes:$(cat petty-cli/target/test.classpath) \
 *     io.petty.cli.load.FakePetty [port] &amp;
 * /usr/bin/time -f '%U %S' java -cp petty-cli/target/classes:$(cat petty-cli/target/test.classpath) \
 *     io.petty.cli.Petty load --url http://127.0.0.1:PORT --collars 200 --batch 1 --rate 2000 --duration 30s \
 *     --concurrency 32 --no-verify --fleet-file /tmp/fake-fleet.json --output json \
 *     --db-url jdbc:postgresql://localhost:15432/petty --db-user postgres
 * </pre>
 * (The database, the run command's for instance, is where the factory makes the fleet's collars; nothing else of the
 * run touches it.)
 * <pre>
 * </pre>
 * (Run once with a short {@code --duration} as well and subtract, to leave start-up and provisioning out.)
 */
public final class FakePetty {

    private static final String RECEIPT = "{\"stored\":1,\"duplicates\":0,"
            + "\"request_id\":\"0d9e6c1a-3b5f-4e7a-9c2d-8f1b7a6e5d4c\"}";
    /** About the size of a Petty device token. */
    private static final String TOKEN = "eyJraWQiOiJwZXR0eS0xIiwidHlwIjoiSldUIiwiYWxnIjoiUlMyNTYifQ."
            + "x".repeat(220) + "." + "s".repeat(342);

    private FakePetty() {
    }

    public static void main(String[] args) throws IOException {
        ServerSocket server = new ServerSocket(args.length > 0 ? Integer.parseInt(args[0]) : 0, 200,
                InetAddress.getLoopbackAddress());
        System.out.println(server.getLocalPort());
        System.out.flush();
        while (true) {
            Socket socket = server.accept();
            socket.setTcpNoDelay(true);
            Thread connection = new Thread(() -> serve(socket));
            connection.setDaemon(true);
            connection.start();
        }
    }

    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            StringBuilder line = new StringBuilder();
            while (true) {
                if (!readLine(in, line)) {
                    return;
                }
                String requestLine = line.toString();
                int contentLength = 0;
                while (readLine(in, line) && line.length() > 0) {
                    if (line.length() > 15 && line.substring(0, 15).equalsIgnoreCase("content-length:")) {
                        contentLength = Integer.parseInt(line.substring(15).trim());
                    }
                }
                String body = new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
                out.write(answer(requestLine, body));
                out.flush();
            }
        } catch (IOException gone) {
            // The client is done.
        }
    }

    private static byte[] answer(String requestLine, String body) {
        String target = requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        return switch (method + " " + path) {
            case "POST /v1/ingest" -> respond(201, body.startsWith("{\"readings\"") ? batchReceipt(body) : RECEIPT);
            case "GET /v1/realtime" -> respond(200, "{\"collar_id\":\"LD-000001\",\"heart_rate\":90}");
            case "POST /v1/accounts" -> respond(201, "{\"id\":\"owner\"}");
            case "POST /v1/auth/token", "POST /v1/auth/device-token" ->
                    respond(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":900}");
            case "POST /v1/pets" -> respond(201, "{\"id\":\"pet\"}");
            case "POST /v1/collars" -> respond(201, "{\"collar_id\":\"LD-000001\"}");
            default -> respond(404, "{}");
        };
    }

    private static String batchReceipt(String body) {
        StringBuilder receipt = new StringBuilder("{\"results\":[");
        for (int at = body.indexOf("\"collar_id\""), i = 0; at >= 0; at = body.indexOf("\"collar_id\"", at + 1), i++) {
            receipt.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"status\":\"stored\"}");
        }
        return receipt.append("]}").toString();
    }

    private static byte[] respond(int status, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("HTTP/1.1 " + status + " Whatever\r\nX-Powered-By: Servlet/6.0\r\n"
                + "Content-Type: application/json\r\nContent-Language: en-US\r\nContent-Length: " + body.length
                + "\r\nDate: Wed, 26 Nov 2026 10:00:00 GMT\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] answer = new byte[head.length + body.length];
        System.arraycopy(head, 0, answer, 0, head.length);
        System.arraycopy(body, 0, answer, head.length, body.length);
        return answer;
    }

    private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
        line.setLength(0);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return false;
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return true;
    }
}
