package org.lianfang.devstore;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How the stand-alone store starts: environment first ({@code LIANFANG_STORE_DIR},
 * {@code LIANFANG_STORE_PORT}, {@code LIANFANG_STORE_FSYNC}), then command-line flags, which win.
 *
 * @param memory keep everything in memory instead of the H2 file
 * @param dir    directory of the H2 file {@value #FILE_NAME}
 * @param port   TCP port on 127.0.0.1; 0 picks a free one
 * @param fsync  also flush the file to the disk on every commit (survives a machine crash,
 *               not only a killed process)
 * @param help   only print the usage
 */
record DevStoreSettings(boolean memory, Path dir, int port, boolean fsync, boolean help) {

    static final String FILE_NAME = "lianfang.mv";
    static final int DEFAULT_PORT = 27017;
    static final String DEFAULT_DIR = "var/data";

    static final String USAGE = """
        usage: devstore [--port N] [--dir DIR] [--memory] [--fsync] [--help]
          --port N    listen on 127.0.0.1:N (env LIANFANG_STORE_PORT, default 27017; 0 = any free port)
          --dir DIR   keep the H2 file DIR/lianfang.mv (env LIANFANG_STORE_DIR, default var/data)
          --memory    keep nothing on disk
          --fsync     flush to the disk on every commit (env LIANFANG_STORE_FSYNC=true)""";

    Path file() {
        return dir.resolve(FILE_NAME);
    }

    static DevStoreSettings parse(String[] args, Map<String, String> env) {
        boolean memory = false;
        boolean help = false;
        Path dir = Path.of(env.getOrDefault("LIANFANG_STORE_DIR", DEFAULT_DIR));
        int port = env.containsKey("LIANFANG_STORE_PORT")
            ? parsePort(env.get("LIANFANG_STORE_PORT"), "LIANFANG_STORE_PORT")
            : DEFAULT_PORT;
        boolean fsync = Boolean.parseBoolean(env.getOrDefault("LIANFANG_STORE_FSYNC", "false").trim());

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--memory" -> memory = true;
                case "--fsync" -> fsync = true;
                case "--help", "-h" -> help = true;
                case "--port" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : valueAfter(args, i++, name);
                    port = parsePort(value, name);
                }
                case "--dir" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : valueAfter(args, i++, name);
                    if (value.isBlank()) {
                        throw new IllegalArgumentException("--dir needs a directory");
                    }
                    dir = Path.of(value);
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new DevStoreSettings(memory, dir, port, fsync, help);
    }

    private static String valueAfter(String[] args, int index, String name) {
        if (index + 1 >= args.length) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args[index + 1];
    }

    private static int parsePort(String value, String source) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                source + " must be a port number between 0 and 65535, not '" + value + "'");
        }
    }

    String describe() {
        String where = memory ? "memory, nothing kept on disk" : "h2 file " + file().toAbsolutePath();
        return fsync && !memory ? where + ", fsync on every commit" : where;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DevStoreSettings[%s, port %d]", describe(), port);
    }
}
