package org.lianfang.devstore;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tells which wire commands may change stored data, so that only those pay for a commit.
 *
 * <p>It lists the commands known to be read-only and treats every other command as a write:
 * a command this list does not know costs one cheap, empty commit instead of risking an
 * acknowledged write that is not yet on disk.
 */
final class WriteCommands {

    private static final Set<String> READ_ONLY = Set.of(
        "find", "getmore", "count", "distinct", "killcursors",
        "listcollections", "listindexes", "listdatabases",
        "ping", "hello", "ismaster", "buildinfo", "whatsmyuri", "serverstatus", "hostinfo",
        "dbstats", "collstats", "validate", "connectionstatus", "getcmdlineopts", "getlog",
        "getlasterror", "reseterror", "getfreemonitoringstatus", "replsetgetstatus", "endsessions");

    private WriteCommands() {
    }

    static boolean mayChangeData(String command, Map<String, Object> query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return writesOutput(query.get("pipeline"));
        }
        return !READ_ONLY.contains(name);
    }

    private static boolean writesOutput(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return true;
        }
        return stages.stream().anyMatch(stage ->
            !(stage instanceof Map<?, ?> map) || map.containsKey("$out") || map.containsKey("$merge"));
    }
}
