package dev.cascade.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Where this module's source files are, found from the test classes so any working directory works. */
final class ContractFiles {

    static final ObjectMapper MAPPER = CascadeJson.newObjectMapper();

    private ContractFiles() {
    }

    /** {@code services/event-contracts}. */
    static Path moduleDir() {
        try {
            // target/test-classes -> target -> module
            Path testClasses = Path.of(ContractFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository root: the nearest folder above the module that holds {@code mvnw}. */
    static Path repositoryRoot() {
        for (Path dir = moduleDir(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No mvnw above " + moduleDir());
    }

    static Path resources() {
        return moduleDir().resolve("src/main/resources");
    }

    static Path schemaFile(String type) {
        return resources().resolve(DataSchemas.resourceOf(type));
    }

    static Path canonicalExample(String type) {
        return resources().resolve(EventExamples.resourceOf(type));
    }

    /** Extra examples of a type, kept under {@code examples/<type>/} (for example a v1 example after v2 came). */
    static List<Path> extraExamples(String type) {
        Path dir = resources().resolve(EventExamples.RESOURCE_FOLDER).resolve(type);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        return list(dir).filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }

    /** Every example of every catalog type, canonical first. */
    static Stream<Example> allExamples() {
        return EventCatalog.types().stream().flatMap(type -> Stream.concat(
                Stream.of(new Example(type, canonicalExample(type))),
                extraExamples(type).stream().map(path -> new Example(type, path))));
    }

    static Stream<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** One example file and the catalog type it belongs to. */
    record Example(String type, Path file) {

        JsonNode event() {
            return readJson(file);
        }

        @Override
        public String toString() {
            return resources().relativize(file).toString();
        }
    }
}
