package org.keywork.support.clock;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.keywork.events.BusinessClockSet;
import org.keywork.events.Topics;
import org.keywork.support.events.EventCodec;
import org.keywork.support.events.OutboxEntry;
import org.keywork.support.web.FieldProblem;
import org.keywork.support.web.InvalidRequestException;
import org.keywork.support.web.Problems;
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

    @GetMapping("/api/admin/clock")
    ClockView read() {
        return ClockView.of(clock);
    }

    @PutMapping("/api/admin/clock")
    ClockView set(@RequestBody SetClock request, @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        if (request.now() == null) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("now", "required",
                    "请给出业务时间，如 2021-03-31T18:00:00+08:00")));
        }
        return publish(request.now().toInstant(), user, request.reason());
    }

    @PostMapping("/api/admin/clock/advance")
    ClockView advance(@RequestBody AdvanceClock request,
            @RequestHeader(name = "X-Keywork-User", required = false) String user) {
        if (request.by() == null || request.by().isNegative() || request.by().isZero()) {
            throw InvalidRequestException.invalid(List.of(new FieldProblem("by", "required",
                    "请给出向前拨动的时长（ISO-8601，如 P30D 或 PT6H），且必须大于零")));
        }
        return publish(clock.instant().plus(request.by()), user, request.reason());
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

    record SetClock(OffsetDateTime now, String reason) {
    }

    record AdvanceClock(Duration by, String reason) {
    }

    record ClockView(String mode, Instant now, ZoneId zone, LocalDate today) {

        static ClockView of(Clock clock) {
            return new ClockView(clock instanceof SimulatedClock ? "SIMULATED" : "REAL", clock.instant(),
                    clock.getZone(), LocalDate.now(clock));
        }
    }
}
