package org.keywork.goal.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.Test;
import org.keywork.support.web.InvalidRequestException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

/** What a file becomes before the parser sees it: the bytes sniffed, decoded, Word's numbering written out. */
class PlanDocumentReaderTest {

    private final PlanDocumentReader reader = new PlanDocumentReader();

    @Test
    void wordsAutomaticNumberingIsWrittenOutAsTheDocumentShowsIt() throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFNumbering numbering = document.createNumbering();
            CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
            abstractNum.setAbstractNumId(BigInteger.ZERO);
            level(abstractNum, 0, STNumberFormat.CHINESE_COUNTING, "%1、");
            level(abstractNum, 1, STNumberFormat.DECIMAL, "%2.");
            BigInteger numId = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(abstractNum)));
            paragraph(document, "2022年区政府重点工作安排", null, 0);
            paragraph(document, "稳增长", numId, 0);
            paragraph(document, "区级一般公共预算收入增长6%左右。", numId, 1);
            paragraph(document, "社会消费品零售总额达到900亿元。", numId, 1);
            paragraph(document, "惠民生", numId, 0);
            paragraph(document, "新增养老床位300张。", numId, 1);
            XWPFTable table = document.createTable(2, 2);
            table.getRow(0).getCell(0).setText("1");
            table.getRow(0).getCell(1).setText("区人民医院新院区开工");
            table.getRow(1).getCell(0).setText("2");
            table.getRow(1).getCell(1).setText("区图书馆新馆竣工");
            document.write(out);

            PlanDocumentReader.ReadDocument read = reader.read(out.toByteArray(), null);

            assertThat(read.source().format()).isEqualTo("DOCX");
            assertThat(read.text().lines().toList()).containsExactly("2022年区政府重点工作安排", "一、稳增长",
                    "1.区级一般公共预算收入增长6%左右。", "2.社会消费品零售总额达到900亿元。", "二、惠民生",
                    "1.新增养老床位300张。", "1. 区人民医院新院区开工", "2. 区图书馆新馆竣工");
        }
    }

    @Test
    void textInEveryEncodingChineseOfficesSave() {
        String text = "一、民生\n（一）新增养老床位 300 张。\n";
        assertThat(reader.read(text.getBytes(StandardCharsets.UTF_8), "text/plain").source().encoding())
                .isEqualTo("UTF-8");
        PlanDocumentReader.ReadDocument gb = reader.read(text.getBytes(Charset.forName("GB18030")), null);
        assertThat(gb.source().encoding()).isEqualTo("GB18030");
        assertThat(gb.text()).isEqualTo(text);
        byte[] utf16 = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE);
        assertThat(reader.read(utf16, null).text()).isEqualTo(text);
        byte[] bom = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        assertThat(reader.read(bom, null).text()).isEqualTo(text);
    }

    @Test
    void whatIsNoDocumentIsRefusedWithTheReason() {
        assertThatThrownBy(() -> reader.read(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13}, "image/png"))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.field()).isEqualTo("body");
                            assertThat(p.code()).isEqualTo("not-text");
                        }));
        assertThatThrownBy(() -> reader.read(new byte[] {'P', 'K', 3, 4, 1, 2, 3}, null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.code())
                                .isIn("unreadable-file", "not-a-document")));
        assertThatThrownBy(() -> reader.read("%PDF-1.7 broken".getBytes(StandardCharsets.US_ASCII), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.code())
                                .isEqualTo("unreadable-file")));
        assertThatThrownBy(() -> reader.read("   \n\t".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.code())
                                .isEqualTo("empty")));
    }

    private static void level(CTAbstractNum abstractNum, int level, STNumberFormat.Enum format, String text) {
        CTLvl lvl = abstractNum.addNewLvl();
        lvl.setIlvl(BigInteger.valueOf(level));
        lvl.addNewNumFmt().setVal(format);
        lvl.addNewLvlText().setVal(text);
        lvl.addNewStart().setVal(BigInteger.ONE);
    }

    private static void paragraph(XWPFDocument document, String text, BigInteger numId, int level) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.createRun().setText(text);
        if (numId != null) {
            paragraph.setNumID(numId);
            paragraph.setNumILvl(BigInteger.valueOf(level));
        }
    }
}
