package io.petty.api.http;

import io.petty.domain.validation.FieldViolation;
import io.petty.domain.validation.InvalidInputException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.JsonValue.ValueType;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads every JSON request body that a resource takes as a record ({@code NewAccount}, {@code PetDraft}, …).
 * Written here instead of left to JSON-B because JSON-B stops at the first value of the wrong type with an
 * exception that names no field (a 500 before this reader existed); this one reads the body through
 * {@link JsonInput}'s limits and names every mistyped field in one 422, in the API's snake_case. Unknown
 * fields are ignored and {@code null} means absent, as everywhere in the API.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class RecordBodies implements MessageBodyReader<Record> {

    private static final ClassValue<Binding> BINDINGS = new ClassValue<>() {
        @Override
        protected Binding computeValue(Class<?> type) {
            return new Binding(type);
        }
    };

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord();
    }

    @Override
    public Record readFrom(Class<Record> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        return read(type, BodyLimit.readAll(body));
    }

    /**
     * @throws io.petty.api.problem.ProblemException 400 when the body is not one JSON object
     * @throws InvalidInputException                 naming every field of the wrong JSON type or over a limit
     */
    public static <T extends Record> T read(Class<T> type, byte[] body) {
        JsonObject json = JsonInput.object(body);
        List<FieldViolation> violations = new ArrayList<>();
        Object value = BINDINGS.get(type).bind(json, "", violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return type.cast(value);
    }

    /** How one record type is built from a JSON object: its members by snake_case name, and its constructor. */
    private static final class Binding {
        private final RecordComponent[] components;
        private final String[] names;
        private final Constructor<?> constructor;

        Binding(Class<?> type) {
            components = type.getRecordComponents();
            names = new String[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                JsonbProperty property = components[i].getAnnotation(JsonbProperty.class);
                names[i] = property != null ? property.value() : snakeCase(components[i].getName());
                types[i] = components[i].getType();
            }
            try {
                constructor = type.getDeclaredConstructor(types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type + " has no canonical constructor", e);
            }
        }

        Object bind(JsonObject json, String path, List<FieldViolation> violations) {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                String field = path.isEmpty() ? names[i] : path + "." + names[i];
                values[i] = convert(json.get(names[i]), components[i].getGenericType(), field, violations);
            }
            if (!violations.isEmpty()) {
                return null;
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Object convert(JsonValue value, Type type, String field, List<FieldViolation> violations) {
        Class<?> raw = type instanceof ParameterizedType generic ? (Class<?>) generic.getRawType() : (Class<?>) type;
        if (value == null || value.getValueType() == ValueType.NULL) {
            return raw.isPrimitive() ? primitiveDefault(raw) : null;
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            return expect(raw.isInstance(value), value, field, "must be a JSON " + raw.getSimpleName()
                    .replace("Json", "").toLowerCase(Locale.ROOT), violations);
        }
        if (raw == String.class) {
            return value instanceof JsonString string ? string.getString()
                    : expect(false, null, field, "must be a string", violations);
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return expect(value == JsonValue.TRUE || value == JsonValue.FALSE, value == JsonValue.TRUE, field,
                    "must be true or false", violations);
        }
        if (Number.class.isAssignableFrom(raw) || raw.isPrimitive()) {
            return number(value, raw, field, violations);
        }
        if (raw == List.class) {
            if (value.getValueType() != ValueType.ARRAY) {
                return expect(false, null, field, "must be an array", violations);
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> list = new ArrayList<>();
            for (JsonValue item : value.asJsonArray()) {
                list.add(convert(item, element, field + "[" + list.size() + "]", violations));
            }
            return list;
        }
        if (raw.isRecord()) {
            return value.getValueType() == ValueType.OBJECT
                    ? BINDINGS.get(raw).bind(value.asJsonObject(), field, violations)
                    : expect(false, null, field, "must be an object", violations);
        }
        throw new IllegalStateException("A request record has a field of a type JSON does not carry: " + type);
    }

    private static Object number(JsonValue value, Class<?> type, String field, List<FieldViolation> violations) {
        if (!(value instanceof JsonNumber number)) {
            return expect(false, null, field, "must be a number", violations);
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (type == BigDecimal.class) {
            return decimal;
        }
        if (type == Double.class || type == double.class) {
            return decimal.doubleValue();
        }
        try {
            if (type == Long.class || type == long.class) {
                return decimal.longValueExact();
            }
            return decimal.intValueExact();
        } catch (ArithmeticException notWholeOrTooLarge) {
            return expect(false, null, field, "must be a whole number within range", violations);
        }
    }

    /** @return {@code value} when {@code ok}; otherwise records the violation */
    private static Object expect(boolean ok, Object value, String field, String message,
                                 List<FieldViolation> violations) {
        if (!ok) {
            violations.add(new FieldViolation(field, message));
        }
        return value;
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        return type == long.class ? 0L : type == double.class ? 0.0 : 0;
    }

    /** JSON-B's LOWER_CASE_WITH_UNDERSCORES, which the responses use: {@code weightKg} is {@code weight_kg}. */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                snake.append('_').append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
