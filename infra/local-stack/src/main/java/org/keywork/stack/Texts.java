package org.keywork.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** User-facing sentences (Simplified Chinese first; technical names stay as they are). */
final class Texts {

    private Texts() {
    }

    static String portTaken(int port, String who, String env) {
        return "端口 " + port + " 已被占用（" + who + " 需要它）。请释放该端口或设置 " + env + "。";
    }

    static String alreadyRunning(Part part, long pid) {
        return part.displayName() + " 已在运行（pid " + pid + "）。用 ./keywork status 查看，或先运行 ./keywork down。";
    }

    static String missingJar(Part part, Path jar) {
        return "找不到 " + part.module() + " 的 jar：" + jar + "。请先构建：./mvnw -B -DskipTests package -pl "
                + part.module() + " -am（./keywork up 会自动构建缺少的部分）。";
    }

    static String homeNotWritable(Path home, Exception e) {
        return "数据目录 " + home + " 无法写入（" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "）。请检查权限，或用 KEYWORK_HOME 指定其他目录。";
    }

    static String exitedEarly(int exitCode) {
        return "进程在就绪前退出了（退出码 " + exitCode + "）";
    }

    static String notHealthyInTime(Duration timeout) {
        return "在 " + timeout.toSeconds() + " 秒内没有就绪（可用 KEYWORK_START_TIMEOUT 调整）";
    }

    static String resetWhileRunning() {
        return "Keywork 仍在运行，不能清除数据。请先运行 ./keywork down。";
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " 秒";
        }
        if (s < 3600) {
            return (s / 60) + " 分 " + (s % 60) + " 秒";
        }
        if (s < 86400) {
            return (s / 3600) + " 小时 " + (s % 3600 / 60) + " 分";
        }
        return (s / 86400) + " 天 " + (s % 86400 / 3600) + " 小时";
    }

    static String megabytes(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0)) + " MB";
    }

    /** Terminal columns of a string: CJK and full-width characters take two. */
    static int displayWidth(String s) {
        int width = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            width += isWide(cp) ? 2 : 1;
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6);
    }

    /** Pads to {@code width} terminal columns. */
    static String pad(String s, int width) {
        int w = displayWidth(s);
        return w >= width ? s + " " : s + " ".repeat(width - w);
    }

    static final String USAGE = """
            用法：./keywork <命令> [选项]

            命令：
              up              构建缺少的部分，依次启动 Kafka、MongoDB、各服务和网关；前台运行，Ctrl-C 停止全部
              up --detach     同上，全部就绪后返回，各部件在后台继续运行（也可写 -d）
              up --infra      只启动 Kafka 和 MongoDB（在 IDE 中运行服务时使用），可与 --detach 同用
              up --scale 服务=N
                              某个服务运行 N 个实例（可重复，1-9；可与 --detach 同用），例如
                              --scale progress-service=2 --scale notification-service=2。第 n 个实例的端口是
                              该服务端口加 100×(n-1)（8083、8183 …），各有日志、pid 文件和 status 中的一行；
                              网关在各实例间轮流转发，某个实例停止时转到其余实例
              down            停止后台运行的部件
              status          各部件的状态、健康、运行时长和内存；全部正常时退出码为 0
              reset           删除本地数据（Kafka 数据、MongoDB 文件、日志），须先 down
              demo            按模拟时钟回放 2021 计划年度：逐月报送、部分事项滞后、提醒送达（需先 ./keywork up）
              bench           性能基准：另起一套环境（自己的空闲端口和数据目录 target/bench-home，限流关闭），
                              测量吞吐、延迟、月末和存储，打印一张表并写入 target/bench/（表格和图表）；
                              约 20 分钟，bench --quick 约 3 分钟，bench --help 列出选项；不碰 .keywork/
              help            显示本帮助

            环境变量（括号内为默认值）：
              KEYWORK_HOME                    数据目录（<仓库根目录>/.keywork）
              KEYWORK_GATEWAY_PORT            gateway 端口（8080）
              KEYWORK_GOAL_PORT               goal-service 端口（8081）
              KEYWORK_PROJECT_PORT            project-service 端口（8082）
              KEYWORK_PROGRESS_PORT           progress-service 端口（8083）
              KEYWORK_NOTIFICATION_PORT       notification-service 端口（8084）
              KEYWORK_KAFKA_PORT              Kafka 端口（9092）
              KEYWORK_KAFKA_CONTROLLER_PORT   Kafka controller 端口（9093）
              KEYWORK_MONGO_PORT              MongoDB 端口（27017）
              KEYWORK_START_TIMEOUT           每个部件的启动超时，秒（90）
            """;
}
