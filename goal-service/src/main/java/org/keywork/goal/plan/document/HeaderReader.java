package org.keywork.goal.plan.document;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the heading block (issuer, document number, title, date) and the printing line into a {@link PlanHeader}. */
final class HeaderReader {

    private static final Pattern DOCUMENT_NUMBER = Pattern.compile(
            "[\\p{IsHan}A-Za-z]{1,12}\\s*[〔［\\[【（(]\\s*\\d{4}\\s*[〕］\\]】）)]\\s*第?\\s*\\d{1,4}\\s*号");
    private static final Pattern DATE_LINE = Pattern.compile(
            "(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日");
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^《》]{2,60})》");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})\\s*年");
    private static final Pattern DOCUMENT_YEAR = Pattern.compile("[〔［\\[【（(](\\d{4})[〕］\\]】）)]");
    private static final Pattern TITLE_WORDS = Pattern.compile(".*(安排|计划|目标|要点|任务|清单|方案).*");
    private static final Pattern AUTHORITY = Pattern.compile(".*(政府|委员会|办公室|办公厅|局|委|办)");

    private HeaderReader() {
    }

    static PlanHeader read(List<SourceLine> heading, SourceLine printLine, boolean anySections, Warnings warnings) {
        String documentNumber = null;
        LocalDate issuedOn = null;
        int dateIndex = -1;
        for (int i = 0; i < heading.size(); i++) {
            String text = heading.get(i).text();
            Matcher number = DOCUMENT_NUMBER.matcher(text);
            if (documentNumber == null && number.find()) {
                documentNumber = number.group().replaceAll("\\s+", "");
            }
            Matcher date = DATE_LINE.matcher(text);
            if (date.matches()) {
                LocalDate d = date(date.group(1), date.group(2), date.group(3));
                if (d != null) {
                    issuedOn = d;
                    dateIndex = i;
                }
            }
        }
        String issuer = issuer(heading, dateIndex);
        String title = title(heading);
        int planYear = planYear(title, documentNumber, issuedOn, warnings, heading);

        String printedBy = null;
        LocalDate printedOn = null;
        if (printLine != null) {
            Matcher m = DocumentLayout.PRINT_LINE.matcher(printLine.text());
            if (m.matches()) {
                printedBy = m.group(1).isBlank() ? null : m.group(1).strip();
                printedOn = date(m.group(2), m.group(3), m.group(4));
            }
        }

        if (anySections) {
            int line = heading.isEmpty() ? 0 : heading.get(0).number();
            String excerpt = heading.isEmpty() ? "" : heading.get(0).text();
            if (issuer == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "文件开头未找到发文机关（如“上海市静安区人民政府”）", line, excerpt);
            }
            if (documentNumber == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "文件开头未找到发文字号（如“静府发〔2021〕5号”）", line, excerpt);
            }
            if (title == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "文件开头未找到计划标题（如“2021 年区政府重点工作目标安排”）", line,
                        excerpt);
            }
            if (issuedOn == null) {
                warnings.add(WarningCode.MISSING_HEADER_FIELD, "文件开头未找到成文日期（如“2021 年 3 月 18 日”）", line, excerpt);
            }
        }
        return new PlanHeader(issuer, documentNumber, title, planYear, issuedOn, printedBy, printedOn);
    }

    /** The authority signing above the date, else the first line without its trailing 文件 (红头: "…人民政府文件"). */
    private static String issuer(List<SourceLine> heading, int dateIndex) {
        if (dateIndex > 0) {
            String signature = heading.get(dateIndex - 1).text().strip();
            if (AUTHORITY.matcher(signature).matches() && signature.length() <= 30) {
                return signature;
            }
        }
        if (!heading.isEmpty()) {
            String first = heading.get(0).text().strip();
            if (first.endsWith("文件")) {
                first = first.substring(0, first.length() - 2).strip();
            }
            if (AUTHORITY.matcher(first).matches() && first.length() <= 30) {
                return first;
            }
        }
        return null;
    }

    /**
     * The title line just above the first section (a year and 安排/计划/… without sentence punctuation), else the
     * 《…》 in the covering notice (关于印发《…》的通知), lines joined.
     */
    private static String title(List<SourceLine> heading) {
        if (!heading.isEmpty()) {
            String last = normalised(List.of(heading.get(heading.size() - 1)));
            if (YEAR.matcher(last).find() && TITLE_WORDS.matcher(last).matches()
                    && last.chars().noneMatch(c -> "。，；：:《》".indexOf(c) >= 0)
                    && !DATE_LINE.matcher(last).matches() && last.length() <= 60) {
                return last;
            }
        }
        Matcher book = BOOK_TITLE.matcher(normalised(heading));
        return book.find() ? book.group(1).strip() : null;
    }

    private static int planYear(String title, String documentNumber, LocalDate issuedOn, Warnings warnings,
            List<SourceLine> heading) {
        if (title != null) {
            Matcher year = YEAR.matcher(title);
            if (year.find()) {
                return Integer.parseInt(year.group(1));
            }
        }
        int year = 0;
        if (documentNumber != null) {
            Matcher m = DOCUMENT_YEAR.matcher(documentNumber);
            year = m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
        if (year == 0 && issuedOn != null) {
            year = issuedOn.getYear();
        }
        if (!heading.isEmpty() && title != null) {
            warnings.add(WarningCode.MISSING_HEADER_FIELD, year == 0 ? "标题中没有计划年度，也无法从发文字号或日期推断"
                    : "标题中没有计划年度，按发文字号或成文日期取 " + year + " 年", heading.get(0).number(), title);
        }
        return year;
    }

    private static String normalised(List<SourceLine> lines) {
        return SourceText.of(lines).text();
    }

    static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
