package dev.cascade.devmesh.serving;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of one instance: configured, or the Quarkus convention. */
final class CommandLine {

    private CommandLine() {
    }

    /**
     * Splits a command line on blanks, without a shell: {@code '…'} and {@code "…"} group an argument that has
     * blanks, and a backslash outside single quotes takes the next character as it is.
     *
     * @throws IllegalArgumentException for an unclosed quote or an empty command
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in command line: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return List.copyOf(words);
    }

    /** Where the convention expects a Service's packaged Quarkus application. */
    static Path conventionJar(Path root, String service) {
        return root.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * The configured command, or {@code java [java-options] -jar services/<name>/target/quarkus-app/quarkus-run.jar}
     * with devmesh's own {@code java}.
     *
     * @throws IllegalArgumentException if there is no command and the jar is not built
     */
    static List<String> of(ServiceSettings settings, String service, Path root, Optional<String> javaOptions) {
        if (settings.command().isPresent()) {
            return split(settings.command().get());
        }
        Path jar = conventionJar(root, service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it (./mvnw -pl services/" + service
                    + " -am package -DskipTests) or set " + ServiceSettings.key(service, "command"));
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        javaOptions.filter(options -> !options.isBlank()).ifPresent(options -> command.addAll(split(options)));
        command.add("-jar");
        command.add(jar.toString());
        return List.copyOf(command);
    }
}
