package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.BitSet;
import java.util.Map;

/**
 * Reads an ingest answer for which readings it acknowledges: {@code stored} or {@code duplicate} (stored by an
 * earlier attempt whose answer was lost). Streamed, since a batch answer has a result per reading.
 */
final class Receipts {

    /** Made once: {@code Json.createParser} looks the provider up on every call, which costs more than parsing. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private Receipts() {
    }

    /**
     * @param body  a 2xx answer to {@code POST /v1/ingest}
     * @param batch whether the request was a batch ({@code results} per reading) or one reading
     * @return the positions in the request that the server holds
     */
    static BitSet acknowledged(String body, boolean batch) {
        BitSet acknowledged = new BitSet();
        long single = 0;
        // Results come in the order the readings were sent: the n-th object in "results" is reading n.
        int position = -1;
        int depth = 0;
        try (JsonParser parser = PARSERS.createParser(new StringReader(body))) {
            while (parser.hasNext()) {
                switch (parser.next()) {
                    case START_OBJECT -> {
                        if (++depth == 3) {
                            position++;
                        }
                    }
                    case START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case KEY_NAME -> {
                        String key = parser.getString();
                        // Depth 1 is the receipt itself; 3 is an item of "results".
                        if (!batch && depth == 1 && (key.equals("stored") || key.equals("duplicates"))) {
                            parser.next();
                            single += parser.getLong();
                        } else if (batch && depth == 3 && key.equals("status")) {
                            parser.next();
                            String status = parser.getString();
                            if (status.equals("stored") || status.equals("duplicate")) {
                                acknowledged.set(position);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (single > 0) {
            acknowledged.set(0);
        }
        return acknowledged;
    }
}
