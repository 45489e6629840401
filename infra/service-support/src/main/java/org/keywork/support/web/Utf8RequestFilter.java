package org.keywork.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A JSON request body must be well-formed UTF-8 (RFC 3629), checked byte by byte as it is read. The JSON parser
 * already refuses most broken sequences, but decodes some: the overlong {@code C0 AF} as {@code /}, which lets a
 * character pass every check made on the text as written and arrive as another. Such a body is refused with 400
 * problem+json naming {@code body} ({@link ProblemResponses}).
 */
public class Utf8RequestFilter extends OncePerRequestFilter {

    /** What the checking stream throws; the JSON parser wraps it, {@link #causedBy} finds it again. */
    static final class MalformedUtf8Exception extends IOException {
        MalformedUtf8Exception(long offset) {
            super("request body is not well-formed UTF-8 at byte " + offset);
        }
    }

    /** Whether {@code e} or one of its causes is a body found not to be UTF-8 here. */
    static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MalformedUtf8Exception) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean json = type.startsWith("application/json") || type.contains("+json");
        chain.doFilter(json ? new CheckedRequest(request) : request, response);
    }

    private static final class CheckedRequest extends HttpServletRequestWrapper {

        private ServletInputStream checked;

        CheckedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (checked == null) {
                checked = new CheckedStream(super.getInputStream());
            }
            return checked;
        }
    }

    /**
     * Passes the bytes through while following the well-formed sequences of RFC 3629 (table 3-7): no continuation
     * byte without a lead, no lead C0, C1 or F5 to FF, no overlong E0 or F0 forms, no surrogates (ED A0 to BF), nothing
     * beyond U+10FFFF, no sequence cut short by the end of the body.
     */
    private static final class CheckedStream extends ServletInputStream {

        private final ServletInputStream in;
        private long offset;
        private int pending;
        private int lower = 0x80;
        private int upper = 0xBF;

        CheckedStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = in.read(buffer, off, len);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[off + i] & 0xFF);
            }
            return n;
        }

        private void end() throws MalformedUtf8Exception {
            if (pending > 0) {
                throw new MalformedUtf8Exception(offset);
            }
        }

        private void check(int b) throws MalformedUtf8Exception {
            offset++;
            if (pending > 0) {
                if (b < lower || b > upper) {
                    throw new MalformedUtf8Exception(offset);
                }
                pending--;
                lower = 0x80;
                upper = 0xBF;
                return;
            }
            if (b < 0x80) {
                return;
            }
            if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
                lower = b == 0xE0 ? 0xA0 : 0x80;
                upper = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
                lower = b == 0xF0 ? 0x90 : 0x80;
                upper = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw new MalformedUtf8Exception(offset);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
