package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code asyncapi.yaml} is generated from {@link EventCatalog} by {@link AsyncApiGenerator}. The committed
 * file must be what the generator writes today, and everything it points at must exist.
 */
class AsyncApiDocumentTest {

    private static final Path FILE = ContractFiles.moduleDir().resolve(AsyncApiGenerator.FILE_NAME);
    private static final ObjectMapper YAML = new YAMLMapper();

    private static JsonNode document;

    @BeforeAll
    static void updateIfAskedAndRead() throws IOException {
        if (Boolean.getBoolean("cascade.asyncapi.update")) {
            Files.writeString(FILE, AsyncApiGenerator.generate(), StandardCharsets.UTF_8);
        }
        document = Files.isRegularFile(FILE) ? YAML.readTree(FILE.toFile()) : YAML.createObjectNode();
    }

    @Test
    void committedDocumentIsWhatTheCatalogGenerates() throws IOException {
        if (!Files.isRegularFile(FILE)) {
            fail(FILE + " is missing; generate it with: " + AsyncApiGenerator.REGENERATE_COMMAND);
        }
        String committed = Files.readString(FILE, StandardCharsets.UTF_8).replace("\r\n", "\n");

        assertThat(committed)
                .as("%s is out of date with EventCatalog; regenerate it with: %s",
                        AsyncApiGenerator.FILE_NAME, AsyncApiGenerator.REGENERATE_COMMAND)
                .isEqualTo(AsyncApiGenerator.generate());
    }

    @Test
    void startsWithTheGeneratedBanner() throws IOException {
        assertThat(Files.readAllLines(FILE, StandardCharsets.UTF_8).get(0)).isEqualTo(AsyncApiGenerator.BANNER);
        assertThat(document.path("asyncapi").asText()).isEqualTo("3.0.0");
    }

    @Test
    void describesEveryCatalogTypeWithExactlyOneChannelAndMessage() {
        for (EventDefinition definition : EventCatalog.all()) {
            String type = definition.type();
            List<String> channels = new ArrayList<>();
            document.path("channels").properties().forEach(channel -> {
                if (channel.getValue().path("title").asText().equals(type)) {
                    channels.add(channel.getKey());
                }
            });
            List<String> messages = new ArrayList<>();
            document.path("components").path("messages").properties().forEach(message -> {
                if (message.getValue().path("headers").path("properties").path("ce-type").path("const").asText()
                        .equals(type)
                        || message.getValue().path("headers").path("properties").path("ce_type").path("const")
                                .asText().equals(type)) {
                    messages.add(message.getKey());
                }
            });

            assertThat(channels).as(type).hasSize(1);
            assertThat(messages).as(type).hasSize(1);
            JsonNode channel = document.path("channels").path(channels.get(0));
            boolean kafka = definition.transport() == Transport.KAFKA;
            assertThat(channel.path("address").asText()).isEqualTo(kafka ? definition.topic() : type);
            assertThat(channel.path("servers").get(0).path("$ref").asText())
                    .isEqualTo("#/servers/" + (kafka ? AsyncApiGenerator.KAFKA_SERVER : AsyncApiGenerator.BROKER_SERVER));
        }
        assertThat(document.path("channels").size()).isEqualTo(EventCatalog.all().size());
        assertThat(document.path("components").path("messages").size()).isEqualTo(EventCatalog.all().size());
    }

    @Test
    void everyReferenceResolvesAndEverySchemaReferenceIsTheSchemaOfItsType() {
        List<String> broken = new ArrayList<>();
        forEachRef(document, ref -> {
            if (ref.startsWith("#/")) {
                if (document.at(ref.substring(1)).isMissingNode()) {
                    broken.add(ref);
                }
                return;
            }
            Path schemaFile = ContractFiles.moduleDir().resolve(ref).normalize();
            if (!Files.isRegularFile(schemaFile)) {
                broken.add(ref + " (no such file)");
                return;
            }
            String fileName = schemaFile.getFileName().toString();
            String type = fileName.substring(0, fileName.length() - ".json".length());
            if (!EventCatalog.contains(type)) {
                broken.add(ref + " (not a catalog type)");
            } else if (!ContractFiles.readJson(schemaFile).path("$id").asText().equals(DataSchemas.uriOf(type))) {
                broken.add(ref + " ($id is not " + DataSchemas.uriOf(type) + ")");
            }
        });

        assertThat(broken).isEmpty();
    }

    @Test
    void everyMessagePayloadIsTheJsonSchemaOfItsType() {
        for (EventDefinition definition : EventCatalog.all()) {
            JsonNode message = document.path("components").path("messages").path(AsyncApiGenerator.idOf(definition.type()));
            JsonNode payload = message.path("payload");

            assertThat(message.path("contentType").asText()).isEqualTo("application/json");
            assertThat(payload.path("schemaFormat").asText()).isEqualTo(AsyncApiGenerator.SCHEMA_FORMAT);
            assertThat(payload.path("schema").path("$ref").asText())
                    .isEqualTo(AsyncApiGenerator.SCHEMA_FOLDER + definition.type() + ".json");
        }
    }

    @Test
    void everyOperationUsesAnExistingChannelAndOneOfThatChannelsMessages() {
        JsonNode operations = document.path("operations");
        assertThat(operations.size()).isPositive();
        operations.properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            String channelRef = operation.path("channel").path("$ref").asText();

            assertThat(operation.path("action").asText()).as(entry.getKey()).isIn("send", "receive");
            assertThat(channelRef).as(entry.getKey()).startsWith("#/channels/");
            assertThat(document.at(channelRef.substring(1)).isObject()).as(channelRef).isTrue();
            assertThat(operation.path("messages")).as(entry.getKey()).isNotEmpty();
            operation.path("messages").forEach(message -> assertThat(message.path("$ref").asText())
                    .as(entry.getKey()).startsWith(channelRef + "/messages/"));
        });
    }

    @Test
    void everyProducerSendsAndEveryConsumerReceivesUnderItsOwnTag() {
        Set<String> expected = new TreeSet<>();
        for (EventDefinition definition : EventCatalog.all()) {
            definition.producers().forEach(p -> expected.add(p + " send " + definition.type()));
            definition.consumers().forEach(c -> expected.add(c + " receive " + definition.type()));
        }
        Set<String> actual = new TreeSet<>();
        for (Map.Entry<String, JsonNode> entry : document.path("operations").properties()) {
            JsonNode operation = entry.getValue();
            String channel = document.at(operation.path("channel").path("$ref").asText().substring(1))
                    .path("title").asText();
            assertThat(operation.path("tags")).as(entry.getKey()).hasSize(1);
            actual.add(operation.path("tags").get(0).path("name").asText() + " "
                    + operation.path("action").asText() + " " + channel);
        }

        assertThat(actual).isEqualTo(expected);
    }

    private static void forEachRef(JsonNode node, Consumer<String> visitor) {
        if (node.isObject()) {
            if (node.path("$ref").isTextual()) {
                visitor.accept(node.get("$ref").asText());
            }
            node.forEach(child -> forEachRef(child, visitor));
        } else if (node.isArray()) {
            node.forEach(child -> forEachRef(child, visitor));
        }
    }
}
