package org.keywork.goal.plan.document;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the heading block (issuer, document number, title, date, preamble), the signature at the end of the body
 * and the printing line into a {@link PlanHeader}.
 */
final class HeaderReader {

    /** The header and the preamble: the heading's lines after the title (根据……具体安排如下：). */
    record Heading(PlanHeader header, String preamble) {
    }

    private static final Pattern DOCUMENT_NUMBER = Pattern.compile(
            "[\\p{IsHan}A-Za-z]{1,12}\\s*[〔［\\[【（(]\\s*\\d{4}\\s*[〕］\\]】）)]\\s*第?\\s*\\d{1,4}\\s*号");
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^《》]{2,60})》");
    private static final Pattern YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年");
    private static final Pattern DOCUMENT_YEAR = Pattern.compile("[〔［\\[【（(](\\d{4})[〕］\\]】）)]");
    private static final Pattern TITLE_WORDS = Pattern.compile(".*(安排|计划|目标|要点|任务|清单|方案|实事|项目).*");
    private static final Pattern NOTICE = Pattern.compile("关于.{2,80}?(?:通知|通报|函|决定|批复|意见)");
    private static final String NOT_IN_TITLE = "。，；：:《》,;！？!?";
    private static final int MAX_TITLE = 60;

    private HeaderReader() {
    }

    static Heading read(DocumentLayout layout, boolean anyItems, Warnings warnings) {
        List<SourceLine> heading = layout.heading();
        String documentNumber = null;
        LocalDate issuedOn = null;
        int dateIndex = -1;
        for (int i = 0; i < heading.size(); i++) {
            String text = heading.get(i).text();
            Matcher number = DOCUMENT_NUMBER.matcher(text);
            if (documentNumber == null && number.find()) {
                documentNumber = number.group().replaceAll("\\s+", "");
            }
            Matcher date = DocumentLayout.DATE_LINE.matcher(text);
            if (date.matches() && dateIndex < 0) {
                LocalDate d = date(date.group(1), date.group(2), date.group(3));
                if (d != null) {
                    issuedOn = d;
                    dateIndex = i;
                }
            }
        }
        String issuer = issuer(heading, dateIndex);
        // a document published online signs at its end
        List<SourceLine> signature = layout.signature();
        for (SourceLine line : signature) {
            Matcher date = DocumentLayout.DATE_LINE.matcher(line.text());
            if (issuedOn == null && date.matches()) {
                issuedOn = date(date.group(1), date.group(2), date.group(3));
            } else if (issuer == null && DocumentLayout.AUTHORITY.matcher(line.text()).matches()
                    && line.text().length() <= 30) {
                issuer = line.text().strip();
            }
        }

        int titleIndex = titleIndex(heading);
        String title = null;
        String preamble = null;
        if (titleIndex >= 0) {
            int from = titleIndex;
            if (titleIndex > 0 && joinsTitle(heading.get(titleIndex - 1).text(), heading.get(titleIndex).text())) {
                from = titleIndex - 1;
            }
            title = SourceText.of(heading.subList(from, titleIndex + 1)).text();
            List<SourceLine> after = heading.subList(titleIndex + 1, heading.size());
            preamble = after.isEmpty() ? null : SourceText.of(after).text();
        } else {
            Matcher book = BOOK_TITLE.matcher(SourceText.of(heading).text());
            title = book.find() ? book.group(1).strip() : null;
        }

        String printedBy = null;
        LocalDate printedOn = null;
        if (layout.printLine() != null) {
            Matcher m = DocumentLayout.PRINT_LINE.matcher(layout.printLine().text());
            if (m.matches()) {
                printedBy = m.group(1).isBlank() ? null : m.group(1).strip();
                printedOn = date(m.group(2), m.group(3), m.group(4));
            }
        }
        int planYear = planYear(title, documentNumber, issuedOn, printedOn, preamble, warnings, heading);

        if (anyItems) {
            int line = heading.isEmpty() ? 0 : heading.get(0).number();
            String excerpt = heading.isEmpty() ? "" : heading.get(0).text();
            if (title == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "文件开头未找到计划标题（如“2021 年区政府重点工作目标安排”）", line,
                        excerpt);
            }
            if (issuer == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "未找到发文机关（如“上海市静安区人民政府”）", line, excerpt);
            }
            if (documentNumber == null && issuedOn == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "未找到发文字号（如“静府发〔2021〕5号”）和成文日期", line, excerpt);
            }
        }
        Matcher notice = NOTICE.matcher(SourceText.of(heading).text());
        return new Heading(new PlanHeader(issuer, documentNumber, title, planYear, issuedOn, printedBy, printedOn,
                notice.find() ? notice.group() : null), preamble);
    }

    /** The authority signing above the date, else the first line without its trailing 文件 (红头: "…人民政府文件"). */
    private static String issuer(List<SourceLine> heading, int dateIndex) {
        if (dateIndex > 0) {
            String signature = heading.get(dateIndex - 1).text().strip();
            if (DocumentLayout.AUTHORITY.matcher(signature).matches() && signature.length() <= 30) {
                return signature;
            }
        }
        if (!heading.isEmpty()) {
            String first = heading.get(0).text().strip();
            if (first.endsWith("文件")) {
                first = first.substring(0, first.length() - 2).strip();
            }
            if (DocumentLayout.AUTHORITY.matcher(first).matches() && first.length() <= 30) {
                return first;
            }
        }
        return null;
    }

    /** The last line of the heading that reads as the plan's title: a plan word, no sentence punctuation. */
    private static int titleIndex(List<SourceLine> heading) {
        for (int i = heading.size() - 1; i >= 0; i--) {
            if (titleLine(heading.get(i).text())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean titleLine(String text) {
        return TITLE_WORDS.matcher(text).matches() && text.chars().noneMatch(c -> NOT_IN_TITLE.indexOf(c) >= 0)
                && !DocumentLayout.DATE_LINE.matcher(text).find() && !DOCUMENT_NUMBER.matcher(text).find()
                && text.length() <= MAX_TITLE && !text.startsWith("关于");
    }

    /** A title broken over two lines: "2022年静安区区政府" / "重点工作安排". */
    private static boolean joinsTitle(String before, String title) {
        return !YEAR.matcher(title).find() && YEAR.matcher(before).find() && before.length() <= 30
                && before.chars().noneMatch(c -> NOT_IN_TITLE.indexOf(c) >= 0)
                && !DocumentLayout.DATE_LINE.matcher(before).find() && !DOCUMENT_NUMBER.matcher(before).find()
                && !before.endsWith("文件");
    }

    private static int planYear(String title, String documentNumber, LocalDate issuedOn, LocalDate printedOn,
            String preamble, Warnings warnings, List<SourceLine> heading) {
        if (title != null) {
            Matcher year = YEAR.matcher(title);
            if (year.find()) {
                return Integer.parseInt(year.group(1));
            }
        }
        List<String> from = new ArrayList<>();
        int year = 0;
        if (documentNumber != null) {
            Matcher m = DOCUMENT_YEAR.matcher(documentNumber);
            if (m.find()) {
                year = Integer.parseInt(m.group(1));
                from.add("发文字号");
            }
        }
        if (year == 0 && issuedOn != null) {
            year = issuedOn.getYear();
            from.add("成文日期");
        }
        if (year == 0 && printedOn != null) {
            year = printedOn.getYear();
            from.add("印发日期");
        }
        if (year == 0 && preamble != null) {
            Matcher m = YEAR.matcher(preamble);
            if (m.find()) {
                year = Integer.parseInt(m.group(1));
                from.add("导语");
            }
        }
        if (title != null || year > 0) {
            int line = heading.isEmpty() ? 0 : heading.get(0).number();
            warnings.add(WarningCode.MISSING_HEADER_FIELD, year == 0 ? "标题中没有计划年度，也无法从发文字号或日期推断"
                    : "标题中没有计划年度，按" + String.join("", from) + "取 " + year + " 年，请核对", line,
                    title == null ? "" : title);
        }
        return year;
    }

    static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
