package org.keywork.goal.plan.document;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a parsed document is a plan at all: a meeting notice or a circular has numbered parts too (一、会议时间
 * 二、会议地点), but no work to track.
 */
public final class PlanCheck {

    /** A covering notice that hands a plan on: 关于印发《…》的通知, 关于下达…计划的通知. */
    private static final Pattern HANDS_ON = Pattern.compile(".*(印发|下达|发布|转发|分解).*");
    /** A covering notice about something else: a meeting, an event, a request for reports. */
    private static final Pattern OTHER_NOTICE = Pattern.compile(".*(召开|举办|参加|开展.*(检查|调研)|报送|征集|调整|成立).*");

    private PlanCheck() {
    }

    /** Why the document is not a plan, in Chinese for the person importing it; empty when it is one. */
    public static Optional<String> notAPlan(ParsedPlan plan) {
        if (plan.items().isEmpty()) {
            return Optional.of("没有识别出任何章节（如“一、……”）或事项（如“（一）……”“1.……”），请确认上传的是重点工作计划原文");
        }
        String notice = plan.header().notice();
        if (notice != null && !HANDS_ON.matcher(notice).matches() && OTHER_NOTICE.matcher(notice).matches()) {
            return Optional.of("这份文件是“" + notice + "”，不是重点工作计划（安排、目标、实事项目），未导入");
        }
        return Optional.empty();
    }
}
