package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/** The schema and example files: one of each per catalog type, nothing else, and schemas that age well. */
class SchemaFilesTest {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    private static final Pattern COMMON_SCHEMA = Pattern.compile("^common\\.v[1-9][0-9]*\\.json$");

    static Stream<String> types() {
        return EventCatalog.types().stream();
    }

    static Stream<Path> allSchemaFiles() {
        return ContractFiles.list(ContractFiles.resources().resolve(DataSchemas.RESOURCE_FOLDER)).sorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyCatalogTypeHasASchemaAndACanonicalExample(String type) {
        assertThat(ContractFiles.schemaFile(type)).isRegularFile();
        assertThat(ContractFiles.canonicalExample(type)).isRegularFile();
        assertThat(EventCatalog.class.getClassLoader().getResource(DataSchemas.resourceOf(type))).isNotNull();
        assertThat(EventCatalog.class.getClassLoader().getResource(EventExamples.resourceOf(type))).isNotNull();
    }

    @Test
    void everySchemaFileBelongsToACatalogTypeOrIsTheCommonDefinitions() {
        List<String> orphans = allSchemaFiles()
                .map(path -> path.getFileName().toString())
                .filter(name -> !COMMON_SCHEMA.matcher(name).matches())
                .filter(name -> !name.endsWith(".json")
                        || !EventCatalog.contains(name.substring(0, name.length() - ".json".length())))
                .toList();

        assertThat(orphans).as("schema files without a catalog type").isEmpty();
    }

    @Test
    void everyExampleFileBelongsToACatalogType() {
        Path examples = ContractFiles.resources().resolve(EventExamples.RESOURCE_FOLDER);
        List<String> orphans = new ArrayList<>();
        ContractFiles.list(examples).forEach(path -> {
            String name = path.getFileName().toString();
            if (Files.isDirectory(path)) {
                if (!EventCatalog.contains(name)) {
                    orphans.add(name + "/");
                }
                ContractFiles.list(path)
                        .filter(extra -> !Files.isRegularFile(extra) || !extra.toString().endsWith(".json"))
                        .forEach(extra -> orphans.add(name + "/" + extra.getFileName()));
            } else if (!name.endsWith(".json") || !EventCatalog.contains(name.substring(0, name.length() - 5))) {
                orphans.add(name);
            }
        });

        assertThat(orphans).as("example files without a catalog type").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaIsIdentifiedByTheDataschemaOfItsType(String type) {
        JsonNode schema = ContractFiles.readJson(ContractFiles.schemaFile(type));

        assertThat(schema.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.path("$id").asText()).isEqualTo(DataSchemas.uriOf(type));
        assertThat(schema.path("type").asText()).isEqualTo("object");
    }

    @Test
    void commonDefinitionsAreIdentifiedByTheCommonUri() {
        JsonNode common = ContractFiles.readJson(ContractFiles.resources().resolve("schemas/common.v1.json"));

        assertThat(common.path("$schema").asText()).isEqualTo(DRAFT_2020_12);
        assertThat(common.path("$id").asText()).isEqualTo(DataSchemas.COMMON_URI);
    }

    @ParameterizedTest
    @MethodSource("types")
    void schemaDescribesExactlyTheComponentsOfThePayloadRecord(String type) {
        JsonNode schema = ContractFiles.readJson(ContractFiles.schemaFile(type));
        Set<String> properties = new TreeSet<>();
        schema.path("properties").properties().forEach(property -> properties.add(property.getKey()));
        Set<String> components = new TreeSet<>();
        for (var component : EventCatalog.get(type).payloadType().getRecordComponents()) {
            components.add(component.getName());
        }

        assertThat(properties).isEqualTo(components);
    }

    @Test
    void schemasNeverForbidUnknownProperties() {
        // Tolerant readers: a producer may add an optional field before its consumers know it.
        List<String> closed = new ArrayList<>();
        allSchemaFiles().forEach(file -> walk(ContractFiles.readJson(file), "", (pointer, node) -> {
            for (String keyword : List.of("additionalProperties", "unevaluatedProperties")) {
                if (node.has(keyword) && !(node.get(keyword).isBoolean() && node.get(keyword).booleanValue())) {
                    closed.add(file.getFileName() + "#" + pointer + "/" + keyword);
                }
            }
        }));

        assertThat(closed).isEmpty();
    }

    @Test
    void everyPropertyIsTypedAndEveryRequiredPropertyIsDeclared() {
        List<String> problems = new ArrayList<>();
        allSchemaFiles().forEach(file -> walk(ContractFiles.readJson(file), "", (pointer, node) -> {
            JsonNode properties = node.path("properties");
            properties.properties().forEach(property -> {
                if (!property.getValue().has("type") && !property.getValue().has("$ref")) {
                    problems.add(file.getFileName() + "#" + pointer + "/properties/" + property.getKey() + " has no type");
                }
            });
            node.path("required").forEach(required -> {
                if (!properties.has(required.asText())) {
                    problems.add(file.getFileName() + "#" + pointer + " requires undeclared " + required.asText());
                }
            });
        }));

        assertThat(problems).isEmpty();
    }

    /** Calls {@code visitor} with every object node of a schema and its JSON pointer. */
    private static void walk(JsonNode node, String pointer, BiConsumer<String, JsonNode> visitor) {
        if (node.isObject()) {
            visitor.accept(pointer, node);
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                walk(child.getValue(), pointer + "/" + child.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
