package org.keywork.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one table of a run, as terminal text (CJK-aware column widths) and as Markdown. */
final class ResultTable {

    static final String[] HEADER = {"指标 metric", "数值 value", "目标 target", "结论 verdict", "说明 note"};

    private ResultTable() {
    }

    /** Terminal text: one block per phase, columns padded by display width (a CJK character takes two). */
    static String text(String title, List<Row> rows) {
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(cells(row));
        }
        int[] width = new int[HEADER.length - 1];
        for (int c = 0; c < width.length; c++) {
            width[c] = displayWidth(HEADER[c]);
            for (String[] line : cells) {
                width[c] = Math.max(width[c], displayWidth(line[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(title).append('\n');
        int total = 0;
        for (int w : width) {
            total += w + 2;
        }
        String rule = "─".repeat(total + 12);
        out.append(rule).append('\n');
        out.append(line(HEADER, width)).append('\n');
        String phase = null;
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).phase().equals(phase)) {
                phase = rows.get(i).phase();
                out.append(rule).append('\n').append("【").append(phase).append("】").append('\n');
            }
            out.append(line(cells.get(i), width)).append('\n');
        }
        out.append(rule).append('\n');
        return out.toString();
    }

    /** Markdown: a heading per phase and one table under each. */
    static String markdown(String title, List<String> preface, List<Row> rows) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n");
        for (String line : preface) {
            out.append(line).append("  \n");
        }
        out.append('\n');
        Map<String, List<Row>> byPhase = new LinkedHashMap<>();
        rows.forEach(r -> byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r));
        for (Map.Entry<String, List<Row>> phase : byPhase.entrySet()) {
            out.append("## ").append(phase.getKey()).append("\n\n");
            out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
            out.append("|---|---:|---|---|---|\n");
            for (Row row : phase.getValue()) {
                String[] c = cells(row);
                out.append("| ");
                for (int i = 0; i < c.length; i++) {
                    out.append(c[i].replace("|", "\\|")).append(i == c.length - 1 ? " |\n" : " | ");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String[] cells(Row row) {
        return new String[] {row.label(), row.valueText(), row.targetText(), row.verdict().text, row.note()};
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            b.append(c < width.length ? pad(cells[c], width[c] + 2) : cells[c]);
        }
        return b.toString().stripTrailing();
    }

    /** Terminal columns of a string: CJK and full-width characters take two. */
    static int displayWidth(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            width += isWide(cp) ? 2 : 1;
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x3000 && cp <= 0x303F);
    }

    static String pad(String s, int width) {
        int w = displayWidth(s);
        return w >= width ? s + " " : s + " ".repeat(width - w);
    }
}
