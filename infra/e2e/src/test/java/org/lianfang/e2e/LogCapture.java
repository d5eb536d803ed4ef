package org.lianfang.e2e;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the applications of this JVM log goes to the console (each app's own logback, ECS JSON),
 * so this tees {@code System.out} and {@code System.err} once, before the first suite starts, and
 * checks each line as it passes for personal data of the test and demo persons: a name (they all end
 * in （示例）), a resident ID number with a valid check character, a mobile number. Only offending lines
 * are kept (a few), so a long run costs no memory.
 */
final class LogCapture {

    static final Pattern NAME = Pattern.compile("（示例）|\\\\uFF08\\\\u793A\\\\u4F8B\\\\uFF09", Pattern.CASE_INSENSITIVE);
    static final Pattern ID_NUMBER = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    static final Pattern PHONE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");
    private static final int KEPT = 20;

    private static boolean installed;
    private static final AtomicLong LINES = new AtomicLong();
    private static final List<String> OFFENDING = new ArrayList<>();

    private LogCapture() {
    }

    /** Tees the console once per JVM; later calls do nothing. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        System.setOut(new PrintStream(new Tee(System.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(System.err), true, StandardCharsets.UTF_8));
    }

    static synchronized boolean installed() {
        return installed;
    }

    /** Lines seen on the console since {@link #install()}. */
    static long lines() {
        return LINES.get();
    }

    /** The first lines that named a person, each with what it matched. */
    static synchronized List<String> offending() {
        return List.copyOf(OFFENDING);
    }

    /** What in {@code line} is a test person's data, or null. */
    static String personalData(String line) {
        if (NAME.matcher(line).find()) {
            return "a name";
        }
        Matcher id = ID_NUMBER.matcher(line);
        while (id.find()) {
            if (validIdNumber(id.group())) {
                return "an ID number";
            }
        }
        return PHONE.matcher(line).find() ? "a phone number" : null;
    }

    /** GB 11643: the 18th character is the check character of the first 17 digits. */
    static boolean validIdNumber(String candidate) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (candidate.charAt(i) - '0') * weights[i];
        }
        return Character.toUpperCase(candidate.charAt(17)) == "10X98765432".charAt(sum % 11);
    }

    private static void check(String line) {
        LINES.incrementAndGet();
        String found = personalData(line);
        if (found != null) {
            synchronized (LogCapture.class) {
                if (OFFENDING.size() < KEPT) {
                    OFFENDING.add(found + ": " + (line.length() > 400 ? line.substring(0, 400) + "…" : line));
                }
            }
        }
    }

    /** Writes through and checks every complete line. */
    private static final class Tee extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Tee(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            target.write(b);
            take(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                take(bytes[i]);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }

        private void take(int b) {
            if (b == '\n') {
                check(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else if (line.size() < 64 * 1024) {
                line.write(b);
            }
        }
    }
}
