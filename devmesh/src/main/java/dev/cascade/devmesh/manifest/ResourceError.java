package dev.cascade.devmesh.manifest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A manifest devmesh refused, as a cluster would have refused it on {@code kubectl apply}.
 *
 * @param file the file, as reached from the root it was found under
 * @param documentIndex 1-based position of the document among the file's non-empty documents; 0 when the
 *     problem concerns the whole file (unreadable, missing root)
 * @param resource the refused resource, or null when it cannot be named (unparseable YAML, no kind, no name)
 * @param message what is wrong, in the words of the apiserver or the admission webhook that would refuse it
 */
public record ResourceError(Path file, int documentIndex, ResourceId resource, String message) {

    public ResourceError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder().append(file);
        if (documentIndex > 0) {
            text.append(" (document ").append(documentIndex).append(')');
        }
        text.append(": ");
        if (resource != null) {
            text.append(resource).append(": ");
        }
        return text.append(message).toString();
    }
}
