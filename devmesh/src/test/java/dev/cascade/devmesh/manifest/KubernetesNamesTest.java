package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesNamesTest {

    @ParameterizedTest(name = "\"{0}\": subdomain {1}, label {2}, DNS-1035 label {3}")
    @CsvSource({
        "orders,                true,  true,  true",
        "order-placed,          true,  true,  true",
        "1st,                   true,  true,  false",
        "v1.orders,             true,  false, false",
        "Orders,                false, false, false",
        "order_placed,          false, false, false",
        "-orders,               false, false, false",
        "orders-,               false, false, false",
        "a..b,                  false, false, false",
        "'',                    false, false, false",
    })
    void appliesTheApiserversNameRules(String name, boolean subdomain, boolean label, boolean dns1035) {
        assertThat(KubernetesNames.dns1123Subdomain(name).isEmpty()).isEqualTo(subdomain);
        assertThat(KubernetesNames.dns1123Label(name).isEmpty()).isEqualTo(label);
        assertThat(KubernetesNames.dns1035Label(name).isEmpty()).isEqualTo(dns1035);
    }

    @ParameterizedTest(name = "length {0}: label {1}, subdomain {2}")
    @CsvSource({"63, true, true", "64, false, true", "253, false, true", "254, false, false"})
    void limitsTheLength(int length, boolean label, boolean subdomain) {
        String name = "a".repeat(length);

        assertThat(KubernetesNames.dns1123Label(name).isEmpty()).isEqualTo(label);
        assertThat(KubernetesNames.dns1035Label(name).isEmpty()).isEqualTo(label);
        assertThat(KubernetesNames.dns1123Subdomain(name).isEmpty()).isEqualTo(subdomain);
    }

    @ParameterizedTest(name = "config key \"{0}\" valid: {1}")
    @CsvSource({
        "application.properties, true",
        "KEY_NAME,               true",
        "key-name,               true",
        ".hidden,                true",
        "with space,             false",
        "a/b,                    false",
        "'.',                    false",
        "'..',                   false",
        "..data,                 false",
    })
    void appliesTheConfigKeyRule(String key, boolean valid) {
        assertThat(KubernetesNames.configKey(key).isEmpty()).isEqualTo(valid);
    }
}
