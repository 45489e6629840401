package org.keywork.goal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.keywork.testing.EmbeddedMongoWireServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files people have: the 2021 document as Word (.docx), as a text PDF and as GB18030 text imports to exactly the
 * plan its UTF-8 text gives, and the answer says what was read; a scanned PDF, an old .doc, a meeting notice, an
 * empty and a 30 MB file are refused with the reason, and a dry run stores nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.cloud.stream.kafka.binder.brokers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
@EmbeddedMongoWireServer
class PlanFilesIntegrationTest {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** A TrueType CJK font (Debian fonts-wqy-zenhei, installed by .ci/run): PDFBox embeds TrueType, not CFF. */
    static final Path CJK_FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    static String document() throws IOException {
        return PlanImportIntegrationTest.document();
    }

    @Test
    void wordAndPdfAndGb18030ReadToThePlanTheTextGives() throws Exception {
        awaitBundledPlan();
        JsonNode text = dryRun(document().getBytes(StandardCharsets.UTF_8), "text/plain; charset=UTF-8");
        assertThat(text.get("source").get("format").asString()).isEqualTo("TEXT");
        assertThat(text.get("plan").get("counts").get("items").asInt()).isEqualTo(158);

        JsonNode word = dryRun(docx(document()), DOCX);
        assertThat(word.get("source").get("format").asString()).isEqualTo("DOCX");
        assertThat(word.get("plan").get("sections")).isEqualTo(text.get("plan").get("sections"));
        assertThat(word.get("plan").get("heading")).isEqualTo(text.get("plan").get("heading"));

        // a file saved by Chinese Windows, sent as an unknown binary: sniffed, decoded as GB18030
        JsonNode gb = dryRun(document().getBytes(Charset.forName("GB18030")), "application/octet-stream");
        assertThat(gb.get("source").get("encoding").asString()).isEqualTo("GB18030");
        assertThat(gb.get("plan").get("sections")).isEqualTo(text.get("plan").get("sections"));

        assumeThat(CJK_FONT).as("a TrueType CJK font to write the PDF with").exists();
        JsonNode pdf = dryRun(pdf(document()), "application/pdf");
        assertThat(pdf.get("source").get("format").asString()).isEqualTo("PDF");
        assertThat(pdf.get("source").get("pages").asInt()).isGreaterThan(5);
        assertThat(pdf.get("plan").get("counts")).isEqualTo(text.get("plan").get("counts"));
        assertThat(pdf.get("plan").get("sections")).isEqualTo(text.get("plan").get("sections"));

        // the same PDF with no content type at all is recognised by its bytes
        assertThat(dryRun(pdf(document()), null).get("source").get("format").asString()).isEqualTo("PDF");
        // nothing was stored by any dry run
        assertThat(json.readTree(get("/api/plans/2021/versions").body())).hasSize(1);
    }

    @Test
    void anotherYearsDocumentInWordIsPublished() throws Exception {
        awaitBundledPlan();
        String plan = new String(new ClassPathResource("corpus/01-dun-sections-arabic-items.txt").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        HttpResponse<String> response = post("/api/plans/import", docx(plan), DOCX);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("outcome").asString()).isEqualTo("CREATED");
        assertThat(body.get("layout").get("itemMarker").asString()).isEqualTo("1.");
        assertThat(body.get("plan").get("planYear").asInt()).isEqualTo(2022);
        assertThat(body.get("plan").get("counts").get("items").asInt()).isEqualTo(36);
        JsonNode goal = json.readTree(get("/api/goals/1.1?year=2022").body());
        assertThat(goal.get("title").asString()).startsWith("全年区级一般公共预算收入增长6%左右");
        assertThat(goal.get("indicators").get(0).get("direction").asString()).isEqualTo("INCREASE_BY");
    }

    @Test
    void filesThatAreNoTextPlanAreRefusedWithTheReason() throws Exception {
        awaitBundledPlan();
        assertProblem(post("/api/plans/import?dryRun=true", scannedPdf(), "application/pdf"), 422, "scanned-pdf");
        assertProblem(post("/api/plans/import?dryRun=true", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0,
                (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}, "application/msword"), 415, "legacy-office");
        assertProblem(post("/api/plans/import?dryRun=true", new byte[0], "text/plain"), 400, "empty");
        String notice = new String(new ClassPathResource("corpus/09-meeting-notice.txt").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8);
        HttpResponse<String> meeting = post("/api/plans/import?dryRun=false", docx(notice), DOCX);
        assertProblem(meeting, 422, "not-a-plan");
        assertThat(meeting.body()).contains("关于召开2022年区政府重点工作推进会的通知");
        byte[] huge = new byte[30 * 1024 * 1024];
        assertProblem(post("/api/plans/import", huge, "application/pdf"), 413, "too-large");
        HttpResponse<String> noYear = post("/api/plans/import?dryRun=true&year=1900",
                document().getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(noYear.statusCode()).isEqualTo(422);
        assertThat(noYear.body()).contains("\"year\"", "no-plan-year");
        // none of it left a trace
        assertThat(json.readTree(get("/api/plans/2021/versions").body())).hasSize(1);
        assertThat(get("/api/plans/2022").statusCode()).isIn(200, 404);
    }

    // ---- files made here ------------------------------------------------------------------------------------

    /** The text as Word writes it: one paragraph per line. */
    static byte[] docx(String text) throws IOException {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : text.split("\n", -1)) {
                document.createParagraph().createRun().setText(line);
            }
            document.write(out);
            return out.toByteArray();
        }
    }

    /** The text as a PDF with a text layer: A4 pages of 40 lines, a page number at the foot of each. */
    static byte[] pdf(String text) throws IOException {
        try (PDDocument document = new PDDocument();
                TrueTypeCollection fonts = new TrueTypeCollection(new File(CJK_FONT.toString()))) {
            PDType0Font font = PDType0Font.load(document, fonts.getFontByName("WenQuanYiZenHei"), true);
            List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
            int perPage = 40;
            for (int page = 0; page * perPage < lines.size(); page++) {
                PDPage pdPage = new PDPage(PDRectangle.A4);
                document.addPage(pdPage);
                try (PDPageContentStream content = new PDPageContentStream(document, pdPage)) {
                    content.beginText();
                    content.setFont(font, 11);
                    content.newLineAtOffset(50, 790);
                    for (String line : lines.subList(page * perPage, Math.min(lines.size(), (page + 1) * perPage))) {
                        content.showText(line.strip());
                        content.newLineAtOffset(0, -18);
                    }
                    content.endText();
                    content.beginText();
                    content.setFont(font, 10);
                    content.newLineAtOffset(280, 30);
                    content.showText("- " + (page + 1) + " -");
                    content.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A scan: pages with nothing but a drawing on them. */
    static byte[] scannedPdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < 3; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.addRect(50, 50, 400, 600);
                    content.fill();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------

    private JsonNode dryRun(byte[] body, String type) throws Exception {
        HttpResponse<String> response = post("/api/plans/import?dryRun=true", body, type);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("outcome").asString()).isEqualTo("PREVIEW");
        return answer;
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo("body");
            assertThat(error.get("code").asString()).isEqualTo(code);
            assertThat(error.get("reason").asString()).isNotBlank();
        });
    }

    private void awaitBundledPlan() {
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/api/plans/2021").statusCode() == 200);
    }

    private HttpResponse<String> post(String path, byte[] body, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("X-Keywork-User", "dcs-review").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
