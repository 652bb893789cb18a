package dev.cascade.devmesh.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The admission webhook's filter checks (broker semantics §2.5 "Validation"). */
class TriggerFilterValidationTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "filter: {}",
        "filter: {attributes: {type: com.example.order.created.v1, source: /cascade/orders, region1: eu}}",
        "filter: {attributes: {type: '', subject: ''}}",
        "filters: []",
        "filters: [{}]",
        "filters: [{exact: {type: ''}}, {prefix: {source: ''}}, {suffix: {subject: ''}}, {cesql: ''}]",
        "filters: [{exact: {type: a, source: b}}, {prefix: {type: c}}, {suffix: {type: d}}]",
        "filters: [{all: [{exact: {type: a}}, {any: [{not: {cesql: \"region = 'eu'\"}}, {suffix: {id: '1'}}]}]}]",
        "filters: [{cesql: \"type LIKE 'com.%' AND EXISTS region AND NOT (region IN ('us', 'eu'))\"}]",
        "filters: [{all: []}, {any: []}, {not: {}}]",
    })
    void acceptsValidFilters(String yaml) {
        assertThat(TriggerFilters.validate(spec(yaml))).isEmpty();
    }

    @Test
    void acceptsNoSpec() {
        assertThat(TriggerFilters.validate(null)).isEmpty();
    }

    @Test
    void rejectsAnUppercaseLegacyAttributeName() {
        assertThat(TriggerFilters.validate(spec("filter: {attributes: {Type: com.example.order.created.v1}}")))
                .singleElement().asString()
                .startsWith("spec.filter.attributes[Type]: invalid key name \"Type\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1region", "my_ext", "my-ext", "regionA", "''"})
    void rejectsAttributeNamesOutsideTheWebhookPattern(String name) {
        List<String> errors = TriggerFilters.validate(spec("filters: [{exact: {" + name + ": eu}}]"));
        String key = name.equals("''") ? "" : name;
        assertThat(errors).singleElement().asString()
                .startsWith("spec.filters[0].exact[" + key + "]: invalid key name \"" + key + "\"")
                .contains("^[a-z][a-z0-9]*$");
    }

    @Test
    void checksNamesOfPrefixAndSuffixToo() {
        assertThat(TriggerFilters.validate(spec("filters: [{prefix: {Source: /a}}, {suffix: {ID: '1'}}]")))
                .hasSize(2)
                .anySatisfy(error -> assertThat(error).startsWith("spec.filters[0].prefix[Source]: invalid key name"))
                .anySatisfy(error -> assertThat(error).startsWith("spec.filters[1].suffix[ID]: invalid key name"));
    }

    @Test
    void reportsTheNestedPathOfAnInvalidName() {
        String yaml = """
                filters:
                  - exact: {type: com.example.order.created.v1}
                  - any:
                      - exact: {Region: eu}
                      - all: [{not: {prefix: {Source: /cascade}}}]
                """;
        assertThat(TriggerFilters.validate(spec(yaml))).containsExactly(
                "spec.filters[1].any[0].exact[Region]: invalid key name \"Region\": an attribute name must start with"
                        + " a lowercase letter and contain only lowercase letters and digits (^[a-z][a-z0-9]*$)",
                "spec.filters[1].any[1].all[0].not.prefix[Source]: invalid key name \"Source\": an attribute name"
                        + " must start with a lowercase letter and contain only lowercase letters and digits"
                        + " (^[a-z][a-z0-9]*$)");
    }

    @Test
    void rejectsTwoDialectsInOneFilterObject() {
        // The shape of the docs example that puts exact and suffix side by side.
        String yaml = """
                filters:
                  - exact: {type: com.example.order.created.v1}
                    suffix: {source: /orders}
                """;
        assertThat(TriggerFilters.validate(spec(yaml))).containsExactly(
                "spec.filters[0]: multiple dialects found, filters can have only one dialect set (found exact, suffix)");
    }

    @Test
    void rejectsTwoDialectsInNestedObjects() {
        String yaml = """
                filters:
                  - {}
                  - not:
                      cesql: "type = 'a'"
                      any: [{exact: {type: a}}]
                  - all:
                      - prefix: {type: a}
                        not: {exact: {type: b}}
                """;
        assertThat(TriggerFilters.validate(spec(yaml))).containsExactly(
                "spec.filters[1].not: multiple dialects found, filters can have only one dialect set (found any, cesql)",
                "spec.filters[2].all[0]: multiple dialects found, filters can have only one dialect set (found prefix, not)");
    }

    @Test
    void emptyDialectsDoNotCountAsDialects() {
        assertThat(TriggerFilters.validate(spec("filters: [{exact: {type: a}, prefix: {}, all: [], cesql: ''}]")))
                .isEmpty();
    }

    @Test
    void rejectsACesqlExpressionThatDoesNotParseWithTheParserMessage() {
        assertThat(TriggerFilters.validate(spec("filters: [{cesql: \"type = \"}]")))
                .singleElement().asString()
                .startsWith("spec.filters[0].cesql: invalid CESQL expression \"type = \": ")
                .contains("mismatched input '<EOF>'");
    }

    @Test
    void rejectsCesqlDeepInsideTheTree() {
        String yaml = """
                filters:
                  - all:
                      - exact: {type: a}
                      - not: {cesql: "type = = 'a'"}
                  - any: [{cesql: "type LIKE"}]
                """;
        assertThat(TriggerFilters.validate(spec(yaml)))
                .hasSize(2)
                .satisfiesExactly(
                        first -> assertThat(first).startsWith("spec.filters[0].all[1].not.cesql: invalid CESQL expression"),
                        second -> assertThat(second).startsWith("spec.filters[1].any[0].cesql: invalid CESQL expression"));
    }

    @Test
    void reportsEveryProblemOfTheSpecAtOnce() {
        String yaml = """
                filter: {attributes: {Type: a}}
                filters:
                  - exact: {Type: a}
                    cesql: "("
                """;
        assertThat(TriggerFilters.validate(spec(yaml)))
                .hasSize(4)
                .anySatisfy(error -> assertThat(error).startsWith("spec.filter.attributes[Type]: "))
                .anySatisfy(error -> assertThat(error).startsWith("spec.filters[0]: multiple dialects found"))
                .anySatisfy(error -> assertThat(error).startsWith("spec.filters[0].exact[Type]: "))
                .anySatisfy(error -> assertThat(error).startsWith("spec.filters[0].cesql: invalid CESQL expression"));
    }

    @Test
    void doesNotValidateValues() {
        String yaml = """
                filter: {attributes: {type: 'Any Value: Even ÜNICODE'}}
                filters: [{exact: {type: ''}}, {prefix: {type: 'UPPER case'}}]
                """;
        assertThat(TriggerFilters.validate(spec(yaml))).isEmpty();
    }

    private static TriggerSpec spec(String yaml) {
        try {
            return YAML.readValue(yaml, TriggerSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(yaml, e);
        }
    }
}
