package dev.cascade.devmesh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.manifest.ManifestLoader;
import dev.cascade.devmesh.manifest.Topology;

/**
 * The event-flow diagram of the repository README is the one devmesh draws from the repository's own manifests
 * ({@code GET /devmesh/topology.mmd} serves the same text once they are loaded), so it cannot drift from them.
 * With {@code -Dcascade.readme.update=true} the test writes the diagram into the README instead of checking it:
 * {@code ./mvnw -pl devmesh test -Dtest=ReadmeTopologyTest -Dcascade.readme.update=true}.
 */
class ReadmeTopologyTest {

    static final String BEGIN = "<!-- topology:begin";
    static final String END = "<!-- topology:end";
    private static final Path README = Path.of("..", "README.md");
    /** What devmesh.serving.sink-broker defaults to, and what ./cascade up and the e2e tests run with. */
    private static final String SINK_BROKER = "default";

    @Test
    void theReadmeDiagramIsTheOneDevmeshDrawsFromTheRepositoryManifests() throws IOException {
        Topology topology = new ManifestLoader("default").load(List.of(Path.of("..", "k8s"), Path.of("..", "knative-triggers")));
        assertThat(topology.errors()).as("refused manifests").isEmpty();
        assertThat(topology.triggers()).as("Triggers of knative-triggers/").isNotEmpty();
        String block = "```mermaid\n" + MermaidTopology.render(topology, SINK_BROKER) + "```\n";

        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has a line starting with %s", BEGIN).isNotNegative();
        assertThat(end).as("README.md has a line starting with %s after it", END).isGreaterThan(begin);
        int contentStart = readme.indexOf('\n', begin) + 1;

        if (Boolean.getBoolean("cascade.readme.update")) {
            Files.writeString(README, readme.substring(0, contentStart) + block + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(contentStart, end))
                .as("the diagram between the topology markers of README.md; to rewrite it: ./mvnw -pl devmesh test"
                        + " -Dtest=ReadmeTopologyTest -Dcascade.readme.update=true")
                .isEqualTo(block);
    }
}
