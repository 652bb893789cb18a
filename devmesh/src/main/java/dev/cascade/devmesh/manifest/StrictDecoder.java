package dev.cascade.devmesh.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.KubernetesResource;

/**
 * Decodes a JSON tree into a fabric8 model as strictly as the apiserver's field validation
 * ({@code kubectl apply --validate=strict}, the default since Kubernetes 1.27): a field the schema does not
 * know is an error, and so is a value of the wrong JSON type (a number where a string belongs, the classic
 * unquoted annotation value), because Go's JSON decoder does not coerce.
 *
 * <p>fabric8 models collect unknown fields in {@code additionalProperties} instead of failing, so unknown
 * fields are found by walking the decoded model and reporting every non-empty {@code additionalProperties}
 * with its JSON path.
 */
final class StrictDecoder {

    /** The decoded model, or the problems that stopped it. */
    record Result<T>(T value, List<String> problems) {
    }

    /** Types whose additionalProperties hold free-form content, not unknown fields. */
    private static final List<Class<?>> FREE_FORM = List.of(FieldsV1.class);

    private final ObjectMapper mapper;
    private final Map<Class<?>, Accessors> accessors = new ConcurrentHashMap<>();

    StrictDecoder() {
        mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
        // ALLOW_COERCION_OF_SCALARS stops "3" → 3; these stop 3 → "3", which Jackson allows by default.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    <T> Result<T> decode(JsonNode node, Class<T> type) {
        T value;
        try {
            value = mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            return new Result<>(null, List.of("decoding error: " + describe(e, node)));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Result<>(null, List.of("decoding error: " + e.getMessage()));
        }
        List<String> unknown = new ArrayList<>();
        collectUnknownFields(value, "", unknown);
        if (!unknown.isEmpty()) {
            List<String> quoted = unknown.stream().map(path -> "unknown field \"" + path + "\"").toList();
            return new Result<>(null, List.of("strict decoding error: " + String.join(", ", quoted)));
        }
        return new Result<>(value, List.of());
    }

    private static String describe(JsonMappingException e, JsonNode root) {
        StringBuilder path = new StringBuilder();
        JsonNode at = root;
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (reference.getFrom() instanceof Map) {
                    path.append('[').append(reference.getFieldName()).append(']');
                } else {
                    path.append(path.length() > 0 ? "." : "").append(reference.getFieldName());
                }
                at = at == null ? null : at.get(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
                at = at == null ? null : at.get(reference.getIndex());
            }
        }
        String where = path.length() == 0 ? "" : path + ": ";
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null && at != null) {
            return where + "expected " + jsonType(mismatch.getTargetType()) + ", got " + describe(at);
        }
        return where + e.getOriginalMessage();
    }

    private static String jsonType(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String describe(JsonNode node) {
        if (node.isTextual()) {
            return "string " + node;
        }
        if (node.isNumber()) {
            return "number " + node;
        }
        if (node.isBoolean()) {
            return "boolean " + node;
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isObject()) {
            return "object";
        }
        return node.getNodeType().toString().toLowerCase();
    }

    private void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                collectUnknownFields(element, path + "[" + index++ + "]", unknown);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                collectUnknownFields(entry.getValue(), path + "[" + entry.getKey() + "]", unknown);
            }
        } else if (value instanceof KubernetesResource && FREE_FORM.stream().noneMatch(t -> t.isInstance(value))) {
            Accessors bean = accessors.computeIfAbsent(value.getClass(), this::introspect);
            if (bean.anyGetter() != null && bean.anyGetter().getValue(value) instanceof Map<?, ?> extra) {
                for (Object key : extra.keySet()) {
                    unknown.add(join(path, String.valueOf(key)));
                }
            }
            for (BeanPropertyDefinition property : bean.properties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    collectUnknownFields(accessor.getValue(value), join(path, property.getName()), unknown);
                }
            }
        }
    }

    private record Accessors(AnnotatedMember anyGetter, List<BeanPropertyDefinition> properties) {
    }

    private Accessors introspect(Class<?> type) {
        BeanDescription description = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        return new Accessors(description.findAnyGetter(), description.findProperties());
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
