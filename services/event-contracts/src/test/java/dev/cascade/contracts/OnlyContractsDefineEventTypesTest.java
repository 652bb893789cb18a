package dev.cascade.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Event type strings are written once, in {@link EventTypes}. Anywhere else in Cascade's Java code,
 * including this module's tests, a string literal holding a Cascade event type is a copy that can
 * drift; use the constant.
 */
class OnlyContractsDefineEventTypesTest {

    // Built from pieces so this file does not trip its own check.
    private static final Pattern EVENT_TYPE = Pattern.compile(
            "\\b" + "dev" + "\\.cascade\\.[a-z0-9-]+(\\.[a-z0-9-]+)*\\.v[0-9]+\\b");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules");

    @Test
    void noJavaFileOutsideEventTypesSpellsOutAnEventType() {
        Path root = ContractFiles.repositoryRoot();
        Path eventTypes = ContractFiles.moduleDir().resolve("src/main/java/dev/cascade/contracts/EventTypes.java");
        List<String> copies = new ArrayList<>();

        for (Path file : javaFiles(root)) {
            if (file.equals(eventTypes)) {
                continue;
            }
            for (Literal literal : JavaLiterals.of(read(file))) {
                if (EVENT_TYPE.matcher(literal.text()).find()) {
                    copies.add(root.relativize(file) + ":" + literal.line() + ": " + excerpt(literal.text()));
                }
            }
        }

        assertThat(copies)
                .as("event types written outside EventTypes.java; use the EventTypes constants")
                .isEmpty();
    }

    @Test
    void findsEventTypesInStringLiteralsAndTextBlocksButNotInCommentsOrChars() {
        String source = """
                // "PLACED" in a comment is fine
                /* so is "PLACED" here */
                char quote = '"';
                String a = "ce-type: PLACED";
                String b = "dev.cascade.contracts.order";
                String c = \"""
                    READING
                    \""";
                """
                .replace("PLACED", EventTypes.ORDER_PLACED_V1)
                .replace("READING", EventTypes.TELEMETRY_READING_V1);

        List<String> found = JavaLiterals.of(source).stream()
                .filter(literal -> EVENT_TYPE.matcher(literal.text()).find())
                .map(literal -> literal.line() + ":" + literal.text().strip())
                .toList();

        assertThat(found).containsExactly(
                "4:ce-type: " + EventTypes.ORDER_PLACED_V1,
                "6:" + EventTypes.TELEMETRY_READING_V1);
    }

    private static String excerpt(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return "\"" + (oneLine.length() > 100 ? oneLine.substring(0, 100) + "…" : oneLine) + "\"";
    }

    private static List<Path> javaFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.toString().endsWith(".java")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Literal(int line, String text) {
    }

    /** Just enough of a Java lexer to find string literals and text blocks, skipping comments and chars. */
    static final class JavaLiterals {

        private final String source;
        private final List<Literal> literals = new ArrayList<>();
        private int position;
        private int line = 1;

        private JavaLiterals(String source) {
            this.source = source;
        }

        static List<Literal> of(String source) {
            JavaLiterals lexer = new JavaLiterals(source);
            lexer.run();
            return lexer.literals;
        }

        private void run() {
            while (position < source.length()) {
                if (source.startsWith("//", position)) {
                    skipUntil("\n", false);
                } else if (source.startsWith("/*", position)) {
                    advance(2);
                    skipUntil("*/", true);
                } else if (source.startsWith("\"\"\"", position)) {
                    int startLine = line;
                    advance(3);
                    literals.add(new Literal(startLine, readUntil("\"\"\"")));
                } else if (source.charAt(position) == '"') {
                    int startLine = line;
                    advance(1);
                    literals.add(new Literal(startLine, readUntil("\"")));
                } else if (source.charAt(position) == '\'') {
                    advance(1);
                    readUntil("'");
                } else {
                    advance(1);
                }
            }
        }

        /** Reads up to an unescaped {@code end}, consumes it, and returns what came before. */
        private String readUntil(String end) {
            StringBuilder text = new StringBuilder();
            while (position < source.length() && !source.startsWith(end, position)) {
                char c = source.charAt(position);
                if (c == '\\' && position + 1 < source.length()) {
                    text.append(c).append(source.charAt(position + 1));
                    advance(2);
                } else {
                    text.append(c);
                    advance(1);
                }
            }
            advance(end.length());
            return text.toString();
        }

        private void skipUntil(String end, boolean consume) {
            int found = source.indexOf(end, position);
            int stop = found < 0 ? source.length() : found + (consume ? end.length() : 0);
            advance(stop - position);
        }

        private void advance(int count) {
            int stop = Math.min(source.length(), position + count);
            for (; position < stop; position++) {
                if (source.charAt(position) == '\n') {
                    line++;
                }
            }
        }
    }
}
