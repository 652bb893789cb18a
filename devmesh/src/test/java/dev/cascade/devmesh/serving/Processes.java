package dev.cascade.devmesh.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process the tests saw is still there. */
final class Processes {

    private Processes() {
    }

    /**
     * A zombie counts as gone: an instance orphaned by a killed devmesh is reaped by the system's init, which in a
     * container may never do it, and {@link ProcessHandle#isAlive()} still sees the zombie.
     */
    static boolean alive(long pid) {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (Files.isReadable(stat)) {
            try {
                String line = Files.readString(stat);
                char state = line.charAt(line.lastIndexOf(')') + 2);
                return state != 'Z' && state != 'X';
            } catch (IOException | IndexOutOfBoundsException e) {
                return false; // it went away while being read
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
