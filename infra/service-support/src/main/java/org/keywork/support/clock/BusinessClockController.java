package org.keywork.support.clock;

import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.keywork.events.BusinessClockSet;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
import org.keywork.support.web.StrictJson;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/admin/clock}: the business clock every service judges time by. Reading it always works; setting or
 * advancing it only where the simulated clock is enabled ({@code KEYWORK_CLOCK_MODE=simulated}), for demos and
 * tests that replay a plan year. A setting is published to all services and applies here at once.
 */
@RestController
class BusinessClockController {

    private final Clock clock;
    private final EventCodec codec;
    private final StreamBridge bridge;

    BusinessClockController(Clock clock, EventCodec codec, StreamBridge bridge) {
        this.clock = clock;
        this.codec = codec;
        this.bridge = bridge;
    }

    /** The business date and time: {@code /api/clock} for every signed-in role (the dashboard's header), the admin path as before. */
    @GetMapping({"/api/clock", "/api/admin/clock"})
    ClockView read() {
        return ClockView.of(clock);
    }

    /** The earliest and latest business time a demo may set: plan years, not the epoch or the far future. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** The longest step forward at once: two plan years. */
    static final Duration LONGEST_STEP = Duration.ofDays(731);

    @PutMapping("/api/admin/clock")
    ClockView set(@RequestBody SetClock request, @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        Instant now = dateTime(request.now());
        return publish(now, user, text(request.reason()));
    }

    @PostMapping("/api/admin/clock/advance")
    ClockView advance(@RequestBody AdvanceClock request,
            @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        Duration by = duration(request.by());
        Instant to = clock.instant().plus(by);
        if (to.isAfter(LATEST)) {
            throw invalid("by", "out-of-range", "拨动后的业务时间不能晚于 2099 年");
        }
        return publish(to, user, text(request.reason()));
    }

    /**
     * An ISO-8601 date-time with its offset, as a JSON string, between {@link #EARLIEST} and {@link #LATEST}. A
     * number is refused, not read as epoch seconds ({@code 1e309} once set every clock to 1970).
     */
    private static Instant dateTime(JsonNode now) {
        String example = "请给出带时区的业务时间（ISO-8601 字符串），如 2021-03-31T18:00:00+08:00";
        String text = isoText(now, "now", example);
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("now", "invalid-date-time", example);
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw invalid("now", "out-of-range", "业务时间须在 2000 年至 2099 年之间");
        }
        return instant;
    }

    /** An ISO-8601 duration as a JSON string, more than zero and at most {@link #LONGEST_STEP}. */
    private static Duration duration(JsonNode by) {
        String example = "请给出向前拨动的时长（ISO-8601 字符串，如 P30D 或 PT6H），大于零且不超过 731 天";
        String text = isoText(by, "by", example);
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw invalid("by", "invalid-duration", example);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw invalid("by", "required", example);
        }
        if (duration.compareTo(LONGEST_STEP) > 0) {
            throw invalid("by", "out-of-range", example);
        }
        return duration;
    }

    /** The field's text, stripped; a missing or blank field is {@code required}, a number {@code not-a-string}. */
    private static String isoText(JsonNode value, String field, String example) {
        if (value == null || value.isNull() || (value.isString() && value.asString().isBlank())) {
            throw invalid(field, "required", example);
        }
        if (!value.isString()) {
            throw invalid(field, "not-a-string", example + "；不接受数字");
        }
        return value.asString().strip();
    }

    private static String text(JsonNode reason) {
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isString()) {
            throw invalid("reason", "not-a-string", "说明须为文字");
        }
        // read as a node, it bypassed the text rules of StrictJson: the same rules here
        if (StrictJson.hasControlCharacter(reason.asString()) || StrictJson.hasLoneSurrogate(reason.asString())) {
            throw invalid("reason", "invalid-character", "说明不能含有控制字符（如 NUL）或无效的 Unicode 字符");
        }
        if (reason.asString().length() > 500) {
            throw invalid("reason", "too-long", "说明最长 500 个字符");
        }
        return reason.asString();
    }

    private static InvalidRequestException invalid(String field, String code, String reason) {
        return InvalidRequestException.invalid(List.of(new FieldProblem(field, code, reason)));
    }

    private ClockView publish(Instant businessTime, String user, String reason) {
        if (!(clock instanceof SimulatedClock simulated)) {
            throw new InvalidRequestException(HttpStatus.CONFLICT, Problems.CONFLICT, "模拟时钟未启用",
                    List.of(new FieldProblem("mode", "real-clock",
                            "本环境使用真实时间；只有以 KEYWORK_CLOCK_MODE=simulated 启动的演示或测试环境才能设置业务时间")));
        }
        Instant realAt = simulated.real().instant();
        BusinessClockSet set = new BusinessClockSet(businessTime, realAt, user == null ? "anonymous" : user,
                reason == null ? "" : reason);
        OutboxEntry entry = codec.outboxEntry(Topics.BUSINESS_CLOCK, set);
        boolean sent = bridge.send(Topics.BUSINESS_CLOCK, MessageBuilder
                .withPayload(entry.envelope().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, entry.key().getBytes(StandardCharsets.UTF_8))
                .setHeader("contentType", "application/json").build());
        if (!sent) {
            throw new InvalidRequestException(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    "无法通知其他服务", List.of(new FieldProblem("now", "not-published",
                            "业务时间未能发布到 Kafka，请稍后重试")));
        }
        simulated.set(businessTime, realAt);
        return ClockView.of(clock);
    }

    /**
     * Fields read as JSON nodes, so that a number is refused rather than coerced (see {@link #dateTime}); documented
     * as the strings they must be, not as a JSON node's members.
     */
    record SetClock(
            @Schema(type = "string", format = "date-time", example = "2021-03-31T18:00:00+08:00",
                    description = "业务时间（ISO-8601，带时区），2000 年至 2099 年之间") JsonNode now,
            @Schema(type = "string", maxLength = 500, description = "说明") JsonNode reason) {
    }

    record AdvanceClock(
            @Schema(type = "string", format = "duration", example = "P30D",
                    description = "向前拨动的时长（ISO-8601），大于零且不超过 731 天") JsonNode by,
            @Schema(type = "string", maxLength = 500, description = "说明") JsonNode reason) {
    }

    record ClockView(String mode, Instant now, ZoneId zone, LocalDate today) {

        static ClockView of(Clock clock) {
            return new ClockView(clock instanceof SimulatedClock ? "SIMULATED" : "REAL", clock.instant(),
                    clock.getZone(), LocalDate.now(clock));
        }
    }
}
