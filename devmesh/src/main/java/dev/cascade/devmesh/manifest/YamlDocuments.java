package dev.cascade.devmesh.manifest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

/**
 * Splits a file into YAML documents and parses each into a JSON tree, so that one broken document does not
 * hide the others.
 *
 * <p>Documents are split on lines that start with {@code ---} followed by nothing but blanks or a comment,
 * which is how kubectl splits them ({@code k8s.io/apimachinery} YAMLReader), and only then parsed. Jackson's
 * YAML tree reader is not used directly because it reads an alias ({@code *x}) as the string {@code "x"} and
 * knows no merge keys ({@code <<}); kubectl's YAML→JSON conversion resolves both and refuses duplicate keys,
 * and so does this parser.
 */
final class YamlDocuments {

    /**
     * One non-empty document.
     *
     * @param index 1-based among the file's non-empty documents
     * @param line the file line its text starts on
     * @param node the parsed tree, or null when {@code error} is set
     * @param error why it does not parse, naming the file line
     */
    record Document(int index, int line, JsonNode node, String error) {
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MERGE_KEY = "<<";

    private YamlDocuments() {
    }

    static List<Document> parse(String text) {
        List<Document> documents = new ArrayList<>();
        for (Chunk chunk : split(text)) {
            Document document = parseChunk(chunk, documents.size() + 1);
            if (document != null) {
                documents.add(document);
            }
        }
        return documents;
    }

    private record Chunk(String text, int firstLine) {
    }

    private static List<Chunk> split(String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Chunk> chunks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        StringBuilder current = new StringBuilder();
        int firstLine = 1;
        for (int i = 0; i < lines.length; i++) {
            if (isSeparator(lines[i])) {
                chunks.add(new Chunk(current.toString(), firstLine));
                current.setLength(0);
                // The separator line itself belongs to neither document: blank it so that line numbers stay true.
                current.append('\n');
                firstLine = i + 1;
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        chunks.add(new Chunk(current.toString(), firstLine));
        return chunks;
    }

    private static boolean isSeparator(String line) {
        if (!line.startsWith("---")) {
            return false;
        }
        String rest = line.substring(3).strip();
        return rest.isEmpty() || rest.startsWith("#");
    }

    private static Document parseChunk(Chunk chunk, int index) {
        try (YAMLParser parser = FACTORY.createParser(chunk.text())) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode node = new TreeReader(parser, chunk.firstLine()).read();
            if (node.isNull()) {
                return null;
            }
            if (parser.nextToken() != null) {
                return new Document(index, chunk.firstLine(), null, "line " + fileLine(parser, chunk.firstLine())
                        + ": a second document starts here; separate documents with a line \"---\"");
            }
            return new Document(index, chunk.firstLine(), node, null);
        } catch (InvalidYamlException e) {
            return new Document(index, chunk.firstLine(), null, e.getMessage());
        } catch (IOException e) {
            return new Document(index, chunk.firstLine(), null, describe(e, chunk.firstLine()));
        }
    }

    private static String describe(IOException e, int firstLine) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked) {
                Mark mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
                String problem = marked.getProblem() != null ? marked.getProblem() : marked.getContext();
                if (mark != null) {
                    // SnakeYAML marks are 0-based and relative to the chunk, which starts at firstLine.
                    return "line " + (firstLine + mark.getLine()) + ", column " + (mark.getColumn() + 1) + ": "
                            + problem;
                }
                return problem;
            }
        }
        String message = e.getMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? String.valueOf(message) : message.substring(0, newline);
    }

    private static int fileLine(JsonParser parser, int firstLine) {
        return firstLine + parser.currentTokenLocation().getLineNr() - 1;
    }

    private static final class InvalidYamlException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidYamlException(String message) {
            super(message);
        }
    }

    /** Builds a tree from the token stream of one document, resolving anchors, aliases and merge keys. */
    private static final class TreeReader {

        private final YAMLParser parser;
        private final int firstLine;
        private final Map<String, JsonNode> anchors = new HashMap<>();

        TreeReader(YAMLParser parser, int firstLine) {
            this.parser = parser;
            this.firstLine = firstLine;
        }

        /** Reads the value whose first token is current. */
        JsonNode read() throws IOException {
            JsonToken token = parser.currentToken();
            String anchor = parser.getObjectId();
            JsonNode node;
            switch (token) {
                case START_OBJECT -> node = readObject();
                case START_ARRAY -> node = readArray();
                case VALUE_STRING -> {
                    if (parser.isCurrentAlias()) {
                        return alias(parser.getText());
                    }
                    node = NODES.textNode(parser.getText());
                }
                case VALUE_NUMBER_INT -> node = switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
                case VALUE_NUMBER_FLOAT -> node = parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(parser.getDecimalValue())
                        : NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE -> node = NODES.booleanNode(token == JsonToken.VALUE_TRUE);
                case VALUE_NULL -> node = NODES.nullNode();
                case VALUE_EMBEDDED_OBJECT -> node = NODES.binaryNode(parser.getBinaryValue());
                default -> throw new InvalidYamlException("line " + fileLine(parser, firstLine)
                        + ": unexpected YAML token " + token);
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private JsonNode alias(String name) throws IOException {
            JsonNode target = anchors.get(name);
            if (target == null) {
                throw new InvalidYamlException("line " + fileLine(parser, firstLine) + ": unknown anchor \"" + name
                        + "\" referenced by alias *" + name);
            }
            return target.deepCopy();
        }

        private ObjectNode readObject() throws IOException {
            ObjectNode object = NODES.objectNode();
            Map<String, Integer> keyLines = new HashMap<>();
            List<JsonNode> merges = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int line = fileLine(parser, firstLine);
                parser.nextToken();
                JsonNode value = read();
                if (MERGE_KEY.equals(key)) {
                    merges.add(value);
                    continue;
                }
                Integer previous = keyLines.putIfAbsent(key, line);
                if (previous != null) {
                    throw new InvalidYamlException("line " + line + ": mapping key \"" + key
                            + "\" already defined at line " + previous);
                }
                object.set(key, value);
            }
            for (JsonNode merge : merges) {
                merge(object, merge);
            }
            return object;
        }

        /** YAML merge keys: keys written in the mapping win, then earlier merged mappings win over later ones. */
        private void merge(ObjectNode object, JsonNode source) throws IOException {
            if (source.isObject()) {
                for (Map.Entry<String, JsonNode> field : source.properties()) {
                    if (!object.has(field.getKey())) {
                        object.set(field.getKey(), field.getValue().deepCopy());
                    }
                }
            } else if (source.isArray()) {
                for (JsonNode element : source) {
                    if (!element.isObject()) {
                        throw mergeError();
                    }
                    merge(object, element);
                }
            } else {
                throw mergeError();
            }
        }

        private InvalidYamlException mergeError() {
            return new InvalidYamlException("line " + fileLine(parser, firstLine)
                    + ": a merge key (<<) needs a mapping or a list of mappings");
        }

        private ArrayNode readArray() throws IOException {
            ArrayNode array = NODES.arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read());
            }
            return array;
        }
    }
}
