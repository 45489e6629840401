package org.keywork.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The bytes of a JSON body are UTF-8 as RFC 3629 defines it; the parser alone would read C0 AF as a slash. */
class Utf8RequestFilterTest {

    final Utf8RequestFilter filter = new Utf8RequestFilter();

    byte[] readThrough(String contentType, byte[] body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/progress");
        request.setContentType(contentType);
        request.setContent(body);
        byte[][] read = new byte[1][];
        filter.doFilter(request, new MockHttpServletResponse(), (ServletRequest r, ServletResponse s) -> {
            try {
                read[0] = r.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return read[0];
    }

    @Test
    void wellFormedUtf8PassesUnchanged() throws Exception {
        byte[] body = "{\"note\":\"选址已定 😀 𠀀\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(readThrough("application/json", body)).isEqualTo(body);
    }

    @Test
    void overlongSurrogateTruncatedAndStrayBytesAreRefusedInAJsonBody() {
        for (byte[] bad : new byte[][] {{'"', (byte) 0xC0, (byte) 0xAF, '"'}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {'"', (byte) 0xE4, (byte) 0xB8}, {(byte) 0x80},
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}}) {
            assertThatThrownBy(() -> readThrough("application/json; charset=UTF-8", bad))
                    .satisfies(e -> assertThat(Utf8RequestFilter.causedBy(e)).isTrue());
        }
    }

    @Test
    void otherBodiesAreLeftToTheirReaders() throws Exception {
        byte[] gb18030 = "选址".getBytes("GB18030");
        assertThat(readThrough("text/csv", gb18030)).isEqualTo(gb18030);
    }
}
