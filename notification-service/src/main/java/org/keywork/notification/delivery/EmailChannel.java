package org.keywork.notification.delivery;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Mail through the SMTP server Spring Boot's {@code spring.mail.*} names ({@code SMTP_HOST}, {@code SMTP_PORT}):
 * UTF-8 plain text, the Chinese subject encoded per RFC 2047, the link below the body.
 *
 * <p>The {@code Message-ID} is not random but derived from the log entry, {@code <messageId.EMAIL@keywork>}: if the
 * service dies after the server accepted a mail and before the entry was marked sent, the mail goes out again after
 * the restart with the same Message-ID, by which a mail system (or a person) can tell it is the same mail.
 *
 * <p>Without a host (SMTP_HOST blank) the channel is disabled: its entries stay pending, nothing crashes.
 */
@Component
class EmailChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger(EmailChannel.class);

    private final JavaMailSender sender;
    private final InternetAddress from;

    EmailChannel(ObjectProvider<JavaMailSender> sender, @Value("${spring.mail.host:}") String host,
            DeliveryProperties properties) throws AddressException {
        this.sender = host.isBlank() ? null : sender.getIfAvailable();
        this.from = new InternetAddress(properties.email().from(), true);
        if (this.sender == null) {
            log.warn("No SMTP server configured (spring.mail.host / SMTP_HOST): email is disabled");
        }
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public boolean enabled() {
        return sender != null;
    }

    @Override
    public void send(Delivery delivery) throws Exception {
        if (sender == null) {
            throw new IllegalStateException("email is disabled");
        }
        MimeMessage mail = compose(delivery);
        try {
            sender.send(mail);
        } catch (MailParseException e) {
            throw new PermanentDeliveryException("mail to " + delivery.address() + " cannot be built: " + e, e);
        } catch (MailSendException e) {
            if (recipientRejected(e)) {
                throw new PermanentDeliveryException("the SMTP server rejected " + delivery.address() + ": " + e, e);
            }
            throw e;
        }
    }

    /**
     * The server refused the recipient for good (5xx to RCPT TO, which Jakarta Mail reports as invalid addresses);
     * a 4xx (mailbox busy, greylisting) leaves it among the valid unsent ones: transient.
     */
    private static boolean recipientRejected(MailSendException e) {
        return e.getFailedMessages().values().stream().anyMatch(failure -> failure instanceof SendFailedException sent
                && sent.getInvalidAddresses() != null && sent.getInvalidAddresses().length > 0);
    }

    MimeMessage compose(Delivery delivery) throws PermanentDeliveryException, MessagingException {
        InternetAddress to;
        try {
            to = new InternetAddress(delivery.address(), true);
        } catch (AddressException e) {
            throw new PermanentDeliveryException("invalid mail address " + delivery.address(), e);
        }
        MimeMessage mail = new FixedIdMimeMessage(session(), messageId(delivery));
        MimeMessageHelper helper = new MimeMessageHelper(mail, false, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(to);
        helper.setSubject(delivery.subject() == null ? "重点工作提醒" : delivery.subject());
        helper.setText(text(delivery), false);
        return mail;
    }

    /** {@code <messageId.EMAIL@keywork>}, with anything a Message-ID may not hold replaced. */
    static String messageId(Delivery delivery) {
        return "<" + delivery.messageId().replaceAll("[^A-Za-z0-9._\\-]", "-") + ".EMAIL@keywork>";
    }

    private static String text(Delivery delivery) {
        StringBuilder text = new StringBuilder();
        if (delivery.personName() != null && !delivery.personName().isBlank()) {
            text.append(delivery.personName()).append("：\n\n");
        }
        text.append(delivery.body() == null ? "" : delivery.body());
        if (delivery.link() != null && !delivery.link().isBlank()) {
            text.append("\n\n查看详情：").append(delivery.link());
        }
        return text.toString();
    }

    private Session session() {
        return sender instanceof JavaMailSenderImpl impl ? impl.getSession() : Session.getInstance(new Properties());
    }

    /** Keeps the Message-ID it was given: Jakarta Mail would otherwise generate a fresh one when sending. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
