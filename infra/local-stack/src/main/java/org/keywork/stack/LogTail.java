package org.keywork.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The last lines of a log file. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path file, int count) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(
                    new String(bytes, StandardCharsets.UTF_8).split("\\R")));
            if (size < length && !lines.isEmpty()) {
                lines.remove(0); // probably cut in the middle
            }
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
                lines.remove(lines.size() - 1);
            }
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
            while (!tail.isEmpty() && tail.get(0).isBlank()) {
                tail.remove(0);
            }
            return List.copyOf(tail);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static final int MAX_LINE = 300;
    private static final List<Pattern> ERROR_MARKERS = List.of(
            Pattern.compile("APPLICATION FAILED TO START"),
            Pattern.compile("\\b(ERROR|FATAL)\\b"),
            Pattern.compile("Exception|^Error:|Caused by:"));

    /**
     * The first error of a run and the lines after it: Spring Boot's "APPLICATION FAILED TO START" report, else the
     * first ERROR line, else the first exception. Reads from {@code offset} (where this run's output starts).
     */
    static List<String> firstError(Path file, long offset, int lines) {
        List<String> all;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, Math.min(offset, raf.length()));
            long size = Math.min(raf.length() - start, 4L * 1024 * 1024);
            byte[] bytes = new byte[(int) size];
            raf.seek(start);
            raf.readFully(bytes);
            all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
        } catch (IOException e) {
            return List.of();
        }
        for (Pattern marker : ERROR_MARKERS) {
            for (int i = 0; i < all.size(); i++) {
                if (marker.matcher(all.get(i)).find()) {
                    List<String> excerpt = new ArrayList<>();
                    for (String line : all.subList(i, Math.min(all.size(), i + lines))) {
                        excerpt.add(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + " …" : line);
                    }
                    return List.copyOf(excerpt);
                }
            }
        }
        return List.of();
    }
}
