package io.petty.cli.load;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.util.BitSet;
import java.util.Map;

/**
 * Reads a batch's ingest answer for which readings it acknowledges: {@code stored} or {@code duplicate} (stored by
 * an earlier attempt whose answer was lost). Streamed, since it has a result per reading. (A single reading needs
 * no reading: any 2xx acknowledges it.)
 */
final class Receipts {

    /** Made once: {@code Json.createParser} looks the provider up on every call, which costs more than parsing. */
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private Receipts() {
    }

    /**
     * @param body a 2xx answer to a batch {@code POST /v1/ingest}
     * @return the positions in the request that the server holds
     */
    static BitSet acknowledged(String body) {
        BitSet acknowledged = new BitSet();
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
                        if (depth == 3 && key.equals("status")) {
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
        return acknowledged;
    }
}
