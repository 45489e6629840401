package org.keywork.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server in the test JVM (GreenMail) on a free port chosen up front, so that a service can be pointed at
 * it before it runs (the "SMTP down at first" tests start it later), and the mails it received, by recipient.
 */
public final class SmtpPeer {

    private final int port = freePort();
    private final GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private boolean running;

    public int port() {
        return port;
    }

    public synchronized void start() {
        if (!running) {
            server.start();
            running = true;
        }
    }

    public synchronized void stop() {
        if (running) {
            server.stop();
            running = false;
        }
    }

    public boolean running() {
        return running;
    }

    /** Every mail received so far. */
    public List<MimeMessage> all() {
        return List.of(server.getReceivedMessages());
    }

    /** The mails received for {@code address}. */
    public List<MimeMessage> to(String address) {
        return all().stream().filter(mail -> recipients(mail).contains(address)).toList();
    }

    private static String recipients(MimeMessage mail) {
        try {
            return Arrays.toString(mail.getAllRecipients());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
