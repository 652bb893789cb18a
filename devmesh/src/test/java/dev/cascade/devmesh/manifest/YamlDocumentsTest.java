package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class YamlDocumentsTest {

    @Test
    void splitsOnSeparatorLinesOnlyAsKubectlDoes() {
        List<YamlDocuments.Document> documents = YamlDocuments.parse("""
                a: 1
                --- # comment after a separator
                text: |
                  --- indented, so part of the block scalar
                ---
                c: 3
                """);

        assertThat(documents).extracting(YamlDocuments.Document::index).containsExactly(1, 2, 3);
        assertThat(documents).extracting(YamlDocuments.Document::line).containsExactly(1, 2, 5);
        assertThat(documents.get(1).node().get("text").asText()).isEqualTo("--- indented, so part of the block scalar\n");
    }

    @Test
    void skipsEmptyCommentOnlyAndNullDocumentsWithoutCountingThem() {
        List<YamlDocuments.Document> documents = YamlDocuments.parse("---\n\n---\n# nothing\n---\n~\n---\nkey: v\n");

        assertThat(documents).singleElement().satisfies(document -> {
            assertThat(document.index()).isEqualTo(1);
            assertThat(document.node().get("key").asText()).isEqualTo("v");
        });
    }

    @Test
    void handlesWindowsLineEndingsAndAByteOrderMark() {
        List<YamlDocuments.Document> documents = YamlDocuments.parse("\uFEFFa: 1\r\n---\r\nb: 2\r\n");

        assertThat(documents).extracting(document -> document.node().fieldNames().next()).containsExactly("a", "b");
    }

    @Test
    void resolvesAnchorsAliasesAndMergeKeysLikeKubectl() {
        JsonNode node = single("""
                defaults: &defaults
                  retry: 3
                  backoffPolicy: linear
                first:
                  <<: *defaults
                  retry: 5
                second:
                  retry: 7
                  <<: [*defaults, {extra: true}]
                same: *defaults
                """);

        assertThat(node.get("first").toString()).isEqualTo("{\"retry\":5,\"backoffPolicy\":\"linear\"}");
        assertThat(node.get("second").toString())
                .isEqualTo("{\"retry\":7,\"backoffPolicy\":\"linear\",\"extra\":true}");
        assertThat(node.get("same")).isEqualTo(node.get("defaults"));
    }

    @Test
    void keepsScalarTypesSoThatTheDecoderCanRefuseAWrongOne() {
        JsonNode node = single("s: text\nq: \"10\"\ni: 10\nf: 1.5\nb: true\nn: null\n");

        assertThat(node.get("s").isTextual()).isTrue();
        assertThat(node.get("q").isTextual()).isTrue();
        assertThat(node.get("i").isInt()).isTrue();
        assertThat(node.get("f").isDouble()).isTrue();
        assertThat(node.get("b").isBoolean()).isTrue();
        assertThat(node.get("n").isNull()).isTrue();
    }

    @Test
    void reportsSyntaxErrorsWithTheFileLine() {
        List<YamlDocuments.Document> documents = YamlDocuments.parse("a: 1\n---\nb: 2\nc: [1,\n---\nd: 4\n");

        assertThat(documents).hasSize(3);
        assertThat(documents.get(1).node()).isNull();
        assertThat(documents.get(1).error()).startsWith("line 5, column 1: ");
        assertThat(documents.get(2).node().get("d").asInt()).isEqualTo(4);
    }

    @Test
    void refusesDuplicateKeysAndUnknownAliases() {
        assertThat(YamlDocuments.parse("a: 1\nb:\n  c: 1\n  c: 2\n")).singleElement()
                .extracting(YamlDocuments.Document::error)
                .isEqualTo("line 4: mapping key \"c\" already defined at line 3");
        assertThat(YamlDocuments.parse("a: *missing\n")).singleElement()
                .extracting(YamlDocuments.Document::error).asString()
                .isEqualTo("line 1: unknown anchor \"missing\" referenced by alias *missing");
    }

    @Test
    void refusesAMergeKeyThatIsNotAMapping() {
        assertThat(YamlDocuments.parse("a:\n  <<: 3\n")).singleElement()
                .extracting(YamlDocuments.Document::error).asString()
                .endsWith("a merge key (<<) needs a mapping or a list of mappings");
    }

    private static JsonNode single(String yaml) {
        List<YamlDocuments.Document> documents = YamlDocuments.parse(yaml);
        assertThat(documents).hasSize(1);
        assertThat(documents.get(0).error()).isNull();
        return documents.get(0).node();
    }
}
