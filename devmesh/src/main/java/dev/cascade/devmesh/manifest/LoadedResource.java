package dev.cascade.devmesh.manifest;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A resource that was accepted, with where it came from so that later diagnostics can point at the file.
 *
 * @param documentIndex 1-based position among the file's non-empty documents (a {@code List}'s items share
 *     the index of the {@code List} document)
 */
public record LoadedResource<T>(T resource, Path file, int documentIndex) {

    public LoadedResource {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(file, "file");
    }
}
