package it.io.petty.http;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import it.io.petty.PettyHttp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * {@code /openapi} is the written contract (petty-api's META-INF/openapi.yaml) and nothing else: the annotation scan,
 * which would add its own 200 OK to every operation, is off.
 */
class OpenApiIT {

    private static final Path WRITTEN = Path.of("../petty-api/src/main/resources/META-INF/openapi.yaml");

    @Test
    void servesTheWrittenDocumentAlone() throws IOException {
        HttpResponse<String> served = PettyHttp.get("/openapi");
        assertEquals(200, served.statusCode());
        assertFalse(served.body().contains("Generated API"), served.body());
        OpenAPI document = parse(served.body());
        OpenAPI written = parse(Files.readString(WRITTEN));

        assertEquals("Petty API", document.getInfo().getTitle());
        assertEquals(operations(written), operations(document));
    }

    /** Each operation's method, path, id and declared statuses. */
    private static Map<String, String> operations(OpenAPI document) {
        Map<String, String> operations = new TreeMap<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (PathItem.HttpMethod method, Operation operation) -> operations.put(method + " " + path,
                        operation.getOperationId() + " " + new TreeMap<>(operation.getResponses()).keySet())));
        return operations;
    }

    private static OpenAPI parse(String document) {
        OpenAPI parsed = new OpenAPIV3Parser().readContents(document).getOpenAPI();
        assertNotNull(parsed, "not an OpenAPI document: " + document);
        return parsed;
    }
}
