package dev.cascade.devmesh.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files the roots stand for, in apply order; shared by the loader and the watcher so that both see the
 * same set.
 *
 * <p>A root that is a file is taken as is, whatever its name. A directory is walked like {@code kubectl apply
 * -f dir -R}: depth first, each directory's entries sorted by name (so {@code 100-broker.yaml} applies before
 * {@code 200-trigger.yaml}, and a sub-directory takes its place among the files by its name), keeping
 * {@code *.yaml} and {@code *.yml}. Entries whose name starts with a dot are skipped (editors' swap and backup
 * files, {@code .git}), and symbolic links to directories are not followed, so a link cycle cannot trap the walk.
 */
final class ManifestFiles {

    /** The files found, and a problem per root or directory that could not be read. */
    record Listing(List<Path> files, List<ResourceError> problems) {
    }

    private ManifestFiles() {
    }

    static Listing list(List<Path> roots) {
        List<Path> files = new ArrayList<>();
        List<ResourceError> problems = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                walk(root, files, problems);
            } else if (Files.isRegularFile(root)) {
                files.add(root);
            } else if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new ResourceError(root, 0, null, "neither a file nor a directory"));
            } else {
                problems.add(new ResourceError(root, 0, null, "no such file or directory"));
            }
        }
        return new Listing(List.copyOf(files), List.copyOf(problems));
    }

    private static void walk(Path directory, List<Path> files, List<ResourceError> problems) {
        List<Path> entries;
        try (Stream<Path> stream = Files.list(directory)) {
            entries = stream.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(entry -> entry.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            problems.add(new ResourceError(directory, 0, null, "cannot list directory: " + e));
            return;
        }
        for (Path entry : entries) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                walk(entry, files, problems);
            } else if (isManifestName(entry.getFileName().toString()) && Files.isRegularFile(entry)) {
                files.add(entry);
            }
        }
    }

    static boolean isManifestName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
