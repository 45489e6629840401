package org.keywork.support.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * What Tomcat refuses itself, before any filter or controller sees the request, is answered in problem+json too,
 * not with Tomcat's HTML page: a path with an encoded slash ({@code ..%2F..}) or NUL ({@code %00}), an unparsable
 * request line. Installed as the host's error report valve ({@link WebSupport}); an error a controller already
 * answered (its body written) is left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String title = status == 400 ? "请求无效" : status == 404 ? "没有这个地址" : status < 500 ? "请求无法处理"
                : "服务暂时无法处理请求";
        String reason = status == 400
                ? "请求行、请求头或路径无效（例如路径中含有编码的斜杠 %2F、反斜杠或 NUL %00）"
                : title + "（HTTP " + status + "）";
        String field = status == 400 ? "request" : "status";
        String body = "{\"type\":\"urn:keywork:problem:" + (status == 400 ? Problems.MALFORMED : "http-" + status)
                + "\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":" + quote(field + "："
                + reason) + ",\"errors\":[{\"field\":" + quote(field) + ",\"code\":\"" + (status == 400
                        ? "malformed-request" : "http-" + status) + "\",\"reason\":" + quote(reason) + "}]}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body: nothing more to say
        }
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
