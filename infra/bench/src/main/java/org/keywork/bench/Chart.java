package org.keywork.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The run as a picture: one horizontal bar per judged value, its length the value as a share of its target
 * (100 % = exactly on target, longer is better: value/target for "at least", target/value for "below"), green when
 * met, red when not; the measured value and the target are written beside each bar. Chinese labels need a CJK font
 * (WenQuanYi, Noto CJK); without one the chart falls back to the English part of each label.
 */
final class Chart {

    private static final List<String> CJK_FONTS = List.of("WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
            "Noto Sans CJK SC", "Noto Sans SC", "Noto Serif CJK SC", "Source Han Sans SC", "AR PL UMing CN",
            "Droid Sans Fallback");
    private static final double MAX_SCORE = 2.0;
    /** Layout of both panels: a row's height, the labels' width, where bars start and their longest length. */
    private static final int ROW_HEIGHT = 46;
    private static final int LABEL_WIDTH = 470;
    private static final int BAR_LEFT = 30 + LABEL_WIDTH;
    private static final int BAR_MAX = 560;
    private static final Color PASS = new Color(0x2E7D32);
    private static final Color FAIL = new Color(0xC62828);
    private static final Color GRID = new Color(0xDDDDDD);

    private Chart() {
    }

    /** A font family that can show Chinese, or null. */
    static String cjkFamily() {
        try {
            List<String> available = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getAvailableFontFamilyNames(Locale.ROOT));
            for (String wanted : CJK_FONTS) {
                if (available.contains(wanted) && new Font(wanted, Font.PLAIN, 14).canDisplayUpTo("提醒月末") < 0) {
                    return wanted;
                }
            }
            for (String family : available) {
                if (new Font(family, Font.PLAIN, 14).canDisplayUpTo("提醒月末网关") < 0) {
                    return family;
                }
            }
        } catch (Throwable e) {
            // headless without fonts: fall back
        }
        return null;
    }

    /**
     * The English part of a label, for a machine without CJK fonts: labels are written Chinese first, then English
     * ({@code 网关 32 并发 吞吐 reports/s (gateway, 32 clients)}), so it is what follows the last CJK character, and of a
     * full-width parenthesis ({@code （200/s 其他流量下 at 200 reports/s）}) likewise, kept in ASCII parentheses when
     * anything English is left in it. The numbers inside the Chinese part go with it: "32 reports/s" would misread.
     */
    static String latin(String text) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher parenthesis = java.util.regex.Pattern.compile("（([^）]*)）").matcher(text);
        int from = 0;
        while (parenthesis.find()) {
            out.append(afterLastCjk(text.substring(from, parenthesis.start())));
            String inside = afterLastCjk(parenthesis.group(1));
            if (!inside.isEmpty()) {
                out.append(" (").append(inside).append(")");
            }
            from = parenthesis.end();
        }
        out.append(" ").append(afterLastCjk(text.substring(from)));
        return out.toString().replaceAll("\\s+", " ").trim();
    }

    private static String afterLastCjk(String text) {
        int last = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x2E80 && c <= 0xFFEF) {
                last = i;
            }
        }
        return text.substring(last + 1).trim();
    }

    /** Parts' colours in the CPU breakdown, in order of first appearance. */
    private static final Color[] PART_COLORS = { new Color(0x1565C0), new Color(0xEF6C00), new Color(0x6A1B9A),
        new Color(0x00838F), new Color(0x9E9D24), new Color(0xAD1457), new Color(0x4E342E), new Color(0x546E7A) };

    /**
     * One load run's CPU per report, by part (milliseconds), and the budget a target throughput leaves per report on
     * this machine's cores.
     */
    record Breakdown(String label, Map<String, Double> millisByPart, double budgetMillis) {

        double total() {
            return millisByPart.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    static void write(Path file, String title, String subtitle, List<Row> rows) throws IOException {
        write(file, title, subtitle, rows, List.of());
    }

    /** The judged rows as bars against their targets; below them, each breakdown as one stacked bar. */
    static void write(Path file, String title, String subtitle, List<Row> rows, List<Breakdown> breakdowns)
            throws IOException {
        List<Row> judged = rows.stream().filter(r -> r.target() != null).toList();
        String family = cjkFamily();
        boolean cjk = family != null;
        Font labelFont = new Font(cjk ? family : Font.SANS_SERIF, Font.PLAIN, 15);
        Font smallFont = new Font(cjk ? family : Font.SANS_SERIF, Font.PLAIN, 13);
        Font titleFont = new Font(cjk ? family : Font.SANS_SERIF, Font.BOLD, 22);

        int width = 1500;
        int top = 110;
        int panel = breakdowns.isEmpty() ? 0 : 90 + breakdowns.size() * ROW_HEIGHT + 40;
        int height = top + Math.max(1, judged.size()) * ROW_HEIGHT + 70 + panel;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);

            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(cjk ? title : latin(title), 30, 40);
            g.setFont(smallFont);
            g.setColor(Color.DARK_GRAY);
            g.drawString(cjk ? subtitle : latin(subtitle), 30, 66);

            int hundred = BAR_LEFT + (int) (BAR_MAX / MAX_SCORE);
            // grid: 0, 50, 100, 150, 200 %
            g.setFont(smallFont);
            for (int pct = 0; pct <= 200; pct += 50) {
                int x = BAR_LEFT + (int) (BAR_MAX * pct / 100.0 / MAX_SCORE);
                g.setColor(pct == 100 ? Color.BLACK : GRID);
                g.setStroke(new BasicStroke(pct == 100 ? 2f : 1f));
                g.drawLine(x, top - 12, x, top + judged.size() * ROW_HEIGHT);
                g.setColor(Color.DARK_GRAY);
                String text = pct + "%" + (pct == 100 ? (cjk ? " 目标" : " target") : "");
                g.drawString(text, x - 12, top - 18);
            }
            g.setStroke(new BasicStroke(1f));

            for (int i = 0; i < judged.size(); i++) {
                Row row = judged.get(i);
                int y = top + i * ROW_HEIGHT;
                g.setFont(labelFont);
                g.setColor(Color.BLACK);
                String label = cjk ? row.label() : latin(row.label());
                g.drawString(fit(g.getFontMetrics(), label, LABEL_WIDTH - 10), 30, y + 27);
                double score = row.target().score(row.value());
                boolean met = row.verdict() == Row.Verdict.PASS;
                if (!Double.isNaN(score)) {
                    int len = (int) Math.round(BAR_MAX * Math.min(score, MAX_SCORE) / MAX_SCORE);
                    g.setColor(met ? PASS : FAIL);
                    g.fillRect(BAR_LEFT, y + 10, Math.max(2, len), ROW_HEIGHT - 20);
                    if (score > MAX_SCORE) {
                        g.setColor(Color.WHITE);
                        g.drawString("»", BAR_LEFT + len - 14, y + 28);
                    }
                }
                g.setFont(smallFont);
                g.setColor(Color.BLACK);
                String pct = Double.isNaN(score) ? "" : String.format(Locale.ROOT, "%.0f%%  ", score * 100);
                String value = (cjk ? row.valueText() : latin(row.valueText())) + "  ("
                        + (cjk ? "目标 " : "target ") + row.targetText() + ")";
                g.drawString(pct + value, BAR_LEFT + BAR_MAX + 16, y + 27);
                if (Double.isNaN(score)) {
                    g.setColor(FAIL);
                    String why = row.shown() != null ? (cjk ? "未完成 unfinished" : "unfinished")
                            : (cjk ? "未测 not measured" : "not measured");
                    g.drawString(why, BAR_LEFT + 6, y + 27);
                }
            }
            g.setFont(smallFont);
            g.setColor(Color.DARK_GRAY);
            String legend = cjk ? "条长 = 实测值相对目标的比例（“至少”为 实测/目标，“低于”为 目标/实测），100% 即恰好达标，超过 200% 截断；绿色达标，红色未达标"
                    : "bar = value as a share of its target (value/target for at least, target/value for below); "
                    + "100% = on target, capped at 200%; green met, red not met";
            g.drawString(legend, 30, top + judged.size() * ROW_HEIGHT + 40);
            if (!breakdowns.isEmpty()) {
                drawBreakdowns(g, breakdowns, top + judged.size() * ROW_HEIGHT + 90, cjk, labelFont, smallFont);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Where each report's CPU goes: one stacked bar per run (a segment per part, scaled to the largest total), and a
     * line where the target's budget per report lies.
     */
    private static void drawBreakdowns(Graphics2D g, List<Breakdown> breakdowns, int top, boolean cjk, Font labelFont,
            Font smallFont) {
        double max = breakdowns.stream().mapToDouble(Breakdown::total).max().orElse(1);
        max = Math.max(max, breakdowns.stream().mapToDouble(Breakdown::budgetMillis).max().orElse(0));
        g.setFont(labelFont);
        g.setColor(Color.BLACK);
        String heading = "每份报告的 CPU（毫秒，按部件） CPU per report by part (ms)";
        g.drawString(cjk ? heading : latin(heading), 30, top);
        Map<String, Color> colors = new java.util.LinkedHashMap<>();
        int y0 = top + 16;
        for (int i = 0; i < breakdowns.size(); i++) {
            Breakdown b = breakdowns.get(i);
            int y = y0 + i * ROW_HEIGHT;
            g.setFont(labelFont);
            g.setColor(Color.BLACK);
            g.drawString(fit(g.getFontMetrics(), cjk ? b.label() : latin(b.label()), LABEL_WIDTH - 10), 30, y + 27);
            double x = BAR_LEFT;
            for (Map.Entry<String, Double> part : b.millisByPart().entrySet()) {
                Color color = colors.computeIfAbsent(part.getKey(), k -> PART_COLORS[colors.size() % PART_COLORS.length]);
                double w = BAR_MAX * part.getValue() / max;
                g.setColor(color);
                g.fillRect((int) Math.round(x), y + 10, Math.max(1, (int) Math.round(w)), ROW_HEIGHT - 20);
                x += w;
            }
            g.setFont(smallFont);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.1f ms", b.total()), BAR_LEFT + BAR_MAX + 16, y + 27);
            if (b.budgetMillis() > 0) {
                int bx = BAR_LEFT + (int) Math.round(BAR_MAX * b.budgetMillis() / max);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(bx, y + 4, bx, y + ROW_HEIGHT - 4);
                g.setStroke(new BasicStroke(1f));
            }
        }
        int ly = y0 + breakdowns.size() * ROW_HEIGHT + 22;
        int lx = 30;
        g.setFont(smallFont);
        for (Map.Entry<String, Color> c : colors.entrySet()) {
            g.setColor(c.getValue());
            g.fillRect(lx, ly - 11, 12, 12);
            g.setColor(Color.DARK_GRAY);
            g.drawString(c.getKey(), lx + 16, ly);
            lx += 16 + g.getFontMetrics().stringWidth(c.getKey()) + 24;
        }
        double budget = breakdowns.get(0).budgetMillis();
        if (budget > 0) {
            String note = String.format(Locale.ROOT, "竖线：目标吞吐下每份报告可用的 CPU（%.2f ms） line: the CPU per report the target leaves", budget);
            g.setColor(Color.DARK_GRAY);
            g.drawString(cjk ? note : latin(note), lx + 10, ly);
        }
    }

    private static String fit(FontMetrics metrics, String text, int max) {
        if (metrics.stringWidth(text) <= max) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && metrics.stringWidth(s + "…") > max) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
