package org.keywork.progress.report;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
 * upload is stored), and the upload's state afterwards.
 */
@RestController
@RequestMapping("/api/progress/bulk")
class BulkController {

    private final BulkIntake intake;

    BulkController(BulkIntake intake) {
        this.intake = intake;
    }

    @PostMapping(consumes = {BulkSheetReader.CSV, BulkSheetReader.XLSX})
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
