package org.lianfang.seeds.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a JVM still uses right after a full collection, read with {@code jcmd <pid> GC.run}
 * then {@code jcmd <pid> GC.heap_info}. Chosen over Micrometer's {@code jvm_gc_live_data_size_bytes}
 * because the suite runs Serial GC, whose live-data gauge only moves after an old-generation
 * collection: in a five-minute soak a 256 MB heap may see none, so the gauge would stay stale and
 * could not show growth. Forcing one full GC per JVM per minute makes every sample comparable; its
 * pause lands in the latencies of requests served meanwhile, which is honest, not hidden.
 */
final class HeapAfterGc {

    /** A generation or whole-heap line of {@code GC.heap_info}: Serial/Parallel generations, G1's heap. */
    private static final Pattern USED = Pattern.compile(
            "^\\s*(?:[A-Za-z -]*generation|PSYoungGen|ParOldGen|garbage-first heap|ZHeap|Shenandoah)\\b.*?used (\\d+)K",
            Pattern.MULTILINE);

    private HeapAfterGc() {
    }

    /** Bytes used after a forced full GC, or empty when jcmd could not attach or answered nothing readable. */
    static OptionalLong sample(long pid) {
        try {
            run(pid, "GC.run");
            return parseUsedBytes(run(pid, "GC.heap_info"));
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** The sum of the heap parts' {@code used} figures (Metaspace is not heap and is left out). */
    static OptionalLong parseUsedBytes(String heapInfo) {
        Matcher m = USED.matcher(heapInfo);
        long kb = 0;
        boolean any = false;
        while (m.find()) {
            kb += Long.parseLong(m.group(1));
            any = true;
        }
        return any ? OptionalLong.of(kb * 1024) : OptionalLong.empty();
    }

    private static String run(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("jcmd", Long.toString(pid), command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
