package dev.cascade.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;

/**
 * The documents of the manifest folders as {@code kubectl apply -f k8s/ -f knative-triggers/} takes them: every
 * {@code *.yaml}/{@code *.yml} file of each folder and its sub-folders, in path order, split on {@code ---}. The
 * invariants and the mesh lint read the Knative Services and Triggers from here; whether each document is exactly
 * what the apiserver accepts (unknown fields and all) is the strict parsing checks' job, not this class's.
 */
public final class ManifestDocuments {

    /** The repository's manifest folders, relative to this module. */
    public static final Path K8S = Path.of("..", "k8s");
    public static final Path TRIGGERS = Path.of("..", "knative-triggers");

    private static final YAMLMapper YAML = new YAMLMapper();
    // Lenient on purpose: fields the fabric8 model lacks are the strict checks' finding, not a reason to skip rules.
    private static final ObjectMapper MODEL = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One YAML document: its file, its position in the file (from 0) and its tree. */
    public record Document(Path file, int index, JsonNode node) {

        public String apiVersion() {
            return node.path("apiVersion").asText("");
        }

        public String kind() {
            return node.path("kind").asText("");
        }

        public String name() {
            return node.path("metadata").path("name").asText("");
        }

        public boolean is(String apiVersion, String kind) {
            return apiVersion.equals(apiVersion()) && kind.equals(kind());
        }

        /** {@code file#index Kind/name}, for messages. */
        public String where() {
            return file.getFileName() + "#" + index + " " + kind() + "/" + name();
        }
    }

    private ManifestDocuments() {
    }

    /** The documents of k8s/ and knative-triggers/ together, as one apply would see them. */
    public static List<Document> repository() {
        return read(K8S, TRIGGERS);
    }

    public static List<Document> read(Path... roots) {
        List<Document> documents = new ArrayList<>();
        for (Path root : roots) {
            for (Path file : yamlFiles(root)) {
                documents.addAll(parse(file));
            }
        }
        return documents;
    }

    /** Parses YAML text as the documents of one (in-memory) file. */
    public static List<Document> parse(Path file, String text) {
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(text)) {
            return documents(file, iterator);
        } catch (IOException e) {
            throw new UncheckedIOException("YAML does not parse: " + file, e);
        }
    }

    public static List<Service> knativeServices(List<Document> documents) {
        return documents.stream().filter(d -> d.is("serving.knative.dev/v1", "Service"))
                .map(d -> MODEL.convertValue(d.node(), Service.class)).toList();
    }

    public static List<Trigger> triggers(List<Document> documents) {
        return documents.stream().filter(d -> d.is("eventing.knative.dev/v1", "Trigger"))
                .map(d -> MODEL.convertValue(d.node(), Trigger.class)).toList();
    }

    private static List<Document> parse(Path file) {
        try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            return documents(file, iterator);
        } catch (IOException e) {
            throw new UncheckedIOException("YAML does not parse: " + file, e);
        }
    }

    private static List<Document> documents(Path file, MappingIterator<JsonNode> iterator) throws IOException {
        List<Document> documents = new ArrayList<>();
        int index = 0;
        for (JsonNode node : iterator.readAll()) {
            // An empty document (a trailing ---) applies nothing.
            if (node != null && !node.isNull() && !node.isMissingNode()) {
                documents.add(new Document(file, index, node));
            }
            index++;
        }
        return documents;
    }

    private static List<Path> yamlFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root.toAbsolutePath().normalize(), e);
        }
    }
}
