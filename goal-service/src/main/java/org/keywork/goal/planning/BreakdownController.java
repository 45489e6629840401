package org.keywork.goal.planning;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/plans/{year}/breakdown.xlsx} (the 任务分解表 template) and {@code POST /api/plans/{year}/breakdown}
 * (a filled one, .xlsx or CSV in UTF-8 or GB18030, applied whole or refused naming each bad cell); {@code GET
 * /api/plans/organisation} lists the positions and departments responsibility may name.
 */
@RestController
class BreakdownController {

    private final Breakdown breakdown;
    private final Organisation organisation;

    BreakdownController(Breakdown breakdown, Organisation organisation) {
        this.breakdown = breakdown;
        this.organisation = organisation;
    }

    @GetMapping("/api/plans/{year}/breakdown.xlsx")
    ResponseEntity<byte[]> template(@PathVariable int year) {
        byte[] sheet = breakdown.template(year);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(Breakdown.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(year + "年任务分解表.xlsx", StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(sheet);
    }

    @PostMapping(path = "/api/plans/{year}/breakdown", consumes = {Breakdown.XLSX, "text/csv", "text/plain",
            MediaType.APPLICATION_OCTET_STREAM_VALUE, "application/vnd.ms-excel"})
    Breakdown.Applied apply(@PathVariable int year, @RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = PlanController.USER_HEADER, required = false) String user) {
        MediaType type = contentType == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(contentType);
        if (MediaType.APPLICATION_OCTET_STREAM.includes(type) || type.isCompatibleWith(MediaType.TEXT_PLAIN)
                || "application/vnd.ms-excel".equals(type.toString())) {
            // sniffed from the bytes: a zip is an .xlsx, anything else CSV
            type = MediaType.parseMediaType("text/csv");
        }
        return breakdown.apply(year, body, type, user == null ? "anonymous" : user);
    }

    @GetMapping("/api/plans/organisation")
    Organisation.Register organisation() {
        return organisation.register();
    }

}
