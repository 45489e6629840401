package org.keywork.stack;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Asks one part whether it is healthy. May hold a connection between calls: close it when done. */
interface HealthProbe extends AutoCloseable {

    Health check();

    @Override
    default void close() {
    }

    static HealthProbe forPart(StackConfig config, Part part) {
        return forInstance(config, Instance.first(part));
    }

    static HealthProbe forInstance(StackConfig config, Instance instance) {
        return switch (instance.part()) {
            case KAFKA -> new KafkaProbe(config.kafkaBootstrap());
            case MONGO -> new MongoProbe(config.port(Part.MONGO));
            default -> new HttpHealthProbe(URI.create(config.healthUrl(instance)));
        };
    }

    /** Ready when an AdminClient {@code describeCluster} returns at least one broker. */
    final class KafkaProbe implements HealthProbe {
        private final String bootstrap;
        private Admin admin;

        KafkaProbe(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        @Override
        public Health check() {
            if (!TcpProbe.accepts(bootstrap.substring(0, bootstrap.lastIndexOf(':')),
                    Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)))) {
                return Health.UNREACHABLE;
            }
            try {
                if (admin == null) {
                    admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                            AdminClientConfig.CLIENT_ID_CONFIG, "keywork-health",
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                            AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 100,
                            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500,
                            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                            AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000));
                }
                var nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                        .nodes().get(4, TimeUnit.SECONDS);
                return nodes.isEmpty() ? Health.DOWN : Health.UP;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.DOWN;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                return Health.DOWN;
            }
        }

        @Override
        public void close() {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
                admin = null;
            }
        }
    }

    /** Sends a {@code ping} OP_MSG and expects {@code ok: 1.0} back. */
    final class MongoProbe implements HealthProbe {
        private static final int OP_MSG = 2013;
        private final int port;

        MongoProbe(int port) {
            this.port = port;
        }

        @Override
        public Health check() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                socket.setSoTimeout(3000);
                OutputStream out = socket.getOutputStream();
                out.write(pingMessage());
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] lengthBytes = new byte[4];
                in.readFully(lengthBytes);
                int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (length < 21 || length > 16 * 1024 * 1024) {
                    return Health.DOWN;
                }
                byte[] rest = new byte[length - 4];
                in.readFully(rest);
                ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
                int opCode = reply.getInt(8);
                return opCode == OP_MSG && containsOkTrue(rest) ? Health.UP : Health.DOWN;
            } catch (ConnectException e) {
                return Health.UNREACHABLE;
            } catch (IOException e) {
                return Health.DOWN;
            }
        }

        static byte[] pingMessage() {
            byte[] db = "admin".getBytes(StandardCharsets.UTF_8);
            ByteBuffer doc = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            doc.putInt(0);
            doc.put((byte) 0x10).put("ping".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).putInt(1);
            doc.put((byte) 0x02).put("$db".getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
                    .putInt(db.length + 1).put(db).put((byte) 0);
            doc.put((byte) 0);
            int docLength = doc.position();
            doc.putInt(0, docLength);
            int total = 16 + 4 + 1 + docLength;
            ByteBuffer msg = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
            msg.putInt(total).putInt(1).putInt(0).putInt(OP_MSG);
            msg.putInt(0);
            msg.put((byte) 0);
            msg.put(doc.array(), 0, docLength);
            return msg.array();
        }

        /** Looks for the BSON element {@code ok} as double 1.0 or int32 1. */
        static boolean containsOkTrue(byte[] bytes) {
            byte[] asDouble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0x01).put((byte) 'o').put((byte) 'k').put((byte) 0).putDouble(1.0).array();
            byte[] asInt = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                    .put((byte) 0x10).put((byte) 'o').put((byte) 'k').put((byte) 0).putInt(1).array();
            return indexOf(bytes, asDouble) >= 0 || indexOf(bytes, asInt) >= 0;
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= haystack.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    /** Spring Boot actuator: HTTP 200 with {@code "status":"UP"}. */
    final class HttpHealthProbe implements HealthProbe {
        private static final Pattern STATUS_UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");
        private final URI uri;
        private final HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();

        HttpHealthProbe(URI uri) {
            this.uri = uri;
        }

        @Override
        public Health check() {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 && STATUS_UP.matcher(response.body()).find()
                        ? Health.UP : Health.DOWN;
            } catch (ConnectException e) {
                return Health.UNREACHABLE;
            } catch (IOException e) {
                return Health.DOWN;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.DOWN;
            }
        }
    }

    /** Plain TCP accept. */
    final class TcpProbe {
        private TcpProbe() {
        }

        static boolean accepts(String host, int port) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
