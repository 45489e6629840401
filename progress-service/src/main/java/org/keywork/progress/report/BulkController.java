package org.keywork.progress.report;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.keywork.support.security.KeyworkIdentity;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/progress/bulk}: a month's reports as one CSV or .xlsx file, accepted all or nothing (202 once the
 * upload is stored), the upload's state afterwards, and the template to fill ({@code /template}).
 */
@RestController
@RequestMapping("/api/progress/bulk")
class BulkController {

    private final BulkIntake intake;
    private final BulkTemplate template;

    BulkController(BulkIntake intake, BulkTemplate template) {
        this.intake = intake;
        this.template = template;
    }

    /**
     * The .xlsx template pre-filled with the caller's own targets of {@code year}, in the layout this endpoint's POST
     * reads back; 404 (field {@code year}) when there is no plan for the year.
     */
    @GetMapping("/template")
    ResponseEntity<byte[]> template(@RequestParam Integer year, HttpServletRequest http) {
        BulkTemplate.File file = template.build(year, KeyworkIdentity.of(http));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(BulkTemplate.CONTENT_TYPE))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.asciiFileName()
                        + "\"; filename*=UTF-8''" + rfc5987(file.fileName()))
                .body(file.content());
    }

    /** RFC 5987 {@code value-chars}: UTF-8 bytes, percent-encoded except the unreserved attr-chars. */
    static String rfc5987(String name) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    @PostMapping(consumes = {BulkSheetReader.CSV, BulkSheetReader.XLSX, BulkSheetReader.EXCEL_CSV})
    ResponseEntity<BulkReceipt> upload(@RequestBody(required = false) byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestParam(required = false) String uploadId, HttpServletRequest http) {
        BulkReceipt receipt = BulkReceipt.of(intake.upload(body, MediaType.parseMediaType(contentType), uploadId,
                KeyworkIdentity.of(http)));
        return ResponseEntity.accepted().location(URI.create(receipt.location())).body(receipt);
    }

    @GetMapping("/{uploadId}")
    BulkReceipt one(@PathVariable String uploadId) {
        return intake.find(uploadId).map(BulkReceipt::of).orElseThrow(() -> new InvalidRequestException(
                HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "没有这次上传",
                List.of(new FieldProblem("uploadId", "not-found", "没有编号为 " + uploadId + " 的批量上传"))));
    }
}
