package dev.cascade.devmesh.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.manifest.Topology;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class ContainerEnvTest {

    private static final Path FILE = Path.of("test.yaml");

    private final Topology topology = Topology.builder()
            .put(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
                    .withData(Map.of("mode", "fast", "level", "info")).build(), FILE, 1)
            .put(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("shop").endMetadata()
                    .withData(Map.of("password", base64("not-a-real-password"))).build(), FILE, 2)
            .build();

    @Test
    void envFromComesFirstThenEnvEachLaterNameWinning() throws Exception {
        Container container = new ContainerBuilder()
                .addNewEnvFrom().withPrefix("APP_").withNewConfigMapRef().withName("settings").endConfigMapRef()
                    .endEnvFrom()
                .addNewEnvFrom().withNewSecretRef().withName("creds").endSecretRef().endEnvFrom()
                .addNewEnv().withName("APP_mode").withValue("slow").endEnv()
                .addNewEnv().withName("MODE").withNewValueFrom().withNewConfigMapKeyRef("mode", "settings", false)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                    .endValueFrom().endEnv()
                .addNewEnv().withName("URL").withValue("db://$(APP_level)@$(UNKNOWN)/$$(MODE)").endEnv()
                .addNewEnv().withName("POD").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                    .endFieldRef().endValueFrom().endEnv()
                .build();

        ContainerEnv.Resolved resolved = ContainerEnv.resolve(container, "shop", "shop-00001-1", topology);

        assertThat(resolved.variables()).containsOnly(
                entry("APP_mode", "slow"),
                entry("APP_level", "info"),
                entry("password", "not-a-real-password"),
                entry("MODE", "fast"),
                entry("PASSWORD", "not-a-real-password"),
                entry("URL", "db://info@$(UNKNOWN)/$(MODE)"),
                entry("POD", "shop-00001-1"));
        assertThat(resolved.warnings()).isEmpty();
    }

    @Test
    void aMissingRequiredReferenceKeepsThePodFromStartingAndAnOptionalOneIsSkipped() throws Exception {
        Container missingKey = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom()
                .withNewConfigMapKeyRef("absent", "settings", false).endValueFrom().endEnv().build();
        assertThatThrownBy(() -> ContainerEnv.resolve(missingKey, "shop", "pod", topology))
                .isInstanceOf(ContainerEnv.Unresolvable.class)
                .hasMessage("couldn't find key absent in ConfigMap shop/settings");

        Container missingSecret = new ContainerBuilder()
                .addNewEnvFrom().withNewSecretRef().withName("nowhere").endSecretRef().endEnvFrom().build();
        assertThatThrownBy(() -> ContainerEnv.resolve(missingSecret, "shop", "pod", topology))
                .hasMessage("secret \"nowhere\" not found");

        Container optional = new ContainerBuilder()
                .addNewEnvFrom().withNewConfigMapRef().withName("nowhere").withOptional(true).endConfigMapRef()
                    .endEnvFrom()
                .addNewEnv().withName("X").withNewValueFrom().withNewSecretKeyRef("absent", "creds", true)
                    .endValueFrom().endEnv()
                .build();
        assertThat(ContainerEnv.resolve(optional, "shop", "pod", topology).variables()).isEmpty();
    }

    @Test
    void aFieldDevmeshCannotGiveIsLeftUnsetWithAWarning() throws Exception {
        Container container = new ContainerBuilder().addNewEnv().withName("NODE").withNewValueFrom().withNewFieldRef()
                .withFieldPath("spec.nodeName").endFieldRef().endValueFrom().endEnv().build();
        ContainerEnv.Resolved resolved = ContainerEnv.resolve(container, "shop", "pod", topology);
        assertThat(resolved.variables()).isEmpty();
        assertThat(resolved.warnings()).containsExactly("NODE: devmesh cannot give fieldRef spec.nodeName; left unset");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
