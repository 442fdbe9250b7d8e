package com.wheretoeat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used so far, user plus system, read from {@code /proc/<pid>/stat}. */
final class ProcessCpu {
    private ProcessCpu() {}

    /** Seconds of CPU used by the process (all its threads, not its children), or -1 if gone. */
    static double seconds(String pid, long clockTicksPerSecond) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // The command name (field 2) is in parentheses and may hold spaces, so count fields after
            // its closing parenthesis: utime and stime are fields 14 and 15 of the whole line.
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
            return ticks / (double) clockTicksPerSecond;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
