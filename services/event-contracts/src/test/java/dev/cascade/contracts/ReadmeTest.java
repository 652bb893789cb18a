package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The README names what exists: its type table follows the catalog and its commands are the real ones. */
class ReadmeTest {

    private static List<String> readme() throws IOException {
        return Files.readAllLines(ContractFiles.moduleDir().resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void typeTableListsEveryCatalogTypeWithItsKindAndPayload() throws IOException {
        List<String> lines = readme();
        Map<String, String> rows = lines.subList(lines.indexOf("## Event types"), lines.size()).stream()
                .filter(line -> line.startsWith("| `"))
                .collect(Collectors.toMap(line -> line.split("`")[1], Function.identity()));

        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalog.types());
        for (EventDefinition definition : EventCatalog.all()) {
            String[] cells = rows.get(definition.type()).split("\\|");
            assertThat(cells[2].strip()).as(definition.type()).isEqualTo(definition.kind().name().toLowerCase());
            assertThat(cells[3].strip()).as(definition.type())
                    .isEqualTo("`" + definition.payloadType().getSimpleName() + "`");
            String parties = cells[4];
            definition.producers().forEach(p -> assertThat(parties.split("→")[0]).as(definition.type()).contains(p));
            definition.consumers().forEach(c -> assertThat(parties.split("→")[1]).as(definition.type()).contains(c));
        }
    }

    /** The repository README's table (between its event-catalog markers) is the catalog, row for row. */
    @Test
    void repositoryReadmeEventTableIsTheCatalog() throws IOException {
        List<String> lines = Files.readAllLines(ContractFiles.repositoryRoot().resolve("README.md"), StandardCharsets.UTF_8);
        int begin = indexStartingWith(lines, "<!-- event-catalog:begin");
        int end = indexStartingWith(lines, "<!-- event-catalog:end");
        List<String> rows = lines.subList(begin + 1, end).stream().filter(line -> line.startsWith("| `")).toList();

        List<String> expected = EventCatalog.all().stream()
                .map(definition -> "| `" + definition.type() + "` | " + String.join(", ", definition.producers())
                        + " | " + String.join(", ", definition.consumers()) + " |")
                .toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    private static int indexStartingWith(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("README.md has no line starting with " + prefix);
    }

    @Test
    void showsTheCommandThatRegeneratesTheAsyncApiDocument() throws IOException {
        assertThat(readme()).contains(AsyncApiGenerator.REGENERATE_COMMAND);
    }
}
