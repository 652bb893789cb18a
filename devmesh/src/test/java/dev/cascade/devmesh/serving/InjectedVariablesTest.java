package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;

import org.junit.jupiter.api.Test;

class InjectedVariablesTest {

    @Test
    void anEnvironmentVariableKeepsTheNameAfterThePrefixNotTheKeyTheConfigurationMadeOfIt() {
        // what the configuration holds for DEVMESH_SERVING_INJECT_FOO_BAR=x and -Ddevmesh.serving.inject.DB_URL=db
        Map<String, String> configured = Map.of("foo.bar", "x", "DB_URL", "db");
        Map<String, String> environment = Map.of("DEVMESH_SERVING_INJECT_FOO_BAR", "x", "PATH", "/bin");

        assertThat(ServingRegistry.injected(configured, environment))
                .containsOnly(entry("FOO_BAR", "x"), entry("DB_URL", "db"));
    }

    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Map<String, String> configured = Map.of("DB_URL", "from-property", "db.url", "from-environment");
        Map<String, String> environment = Map.of("DEVMESH_SERVING_INJECT_DB_URL", "from-environment");

        assertThat(ServingRegistry.injected(configured, environment)).containsOnly(entry("DB_URL", "from-property"));
    }
}
