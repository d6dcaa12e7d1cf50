package org.twgate.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative name server on 127.0.0.1 (UDP), answering from a script: per name an
 * RCODE (NXDOMAIN, SERVFAIL), MX records, A records, or silence (a timeout). Names not scripted
 * get NOERROR with no records. Enough of RFC 1035 for the JDK's JNDI DNS client; not a resolver.
 */
public final class DnsStandIn implements AutoCloseable {
    public static final int NOERROR = 0;
    public static final int SERVFAIL = 2;
    public static final int NXDOMAIN = 3;
    private static final int TYPE_A = 1;
    private static final int TYPE_MX = 15;

    /** What the server says about one name. */
    public record Answer(int rcode, List<String> mx, List<String> a, boolean silent) {
        public static Answer rcode(int rcode) {
            return new Answer(rcode, List.of(), List.of(), false);
        }

        /** {@code "10 mx.example"} entries. */
        public static Answer mx(String... records) {
            return new Answer(NOERROR, List.of(records), List.of(), false);
        }

        public static Answer address(String... ipv4) {
            return new Answer(NOERROR, List.of(), List.of(ipv4), false);
        }

        public static Answer silence() {
            return new Answer(NOERROR, List.of(), List.of(), true);
        }
    }

    private final DatagramSocket socket;
    private final Map<String, Answer> script = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final Thread thread;

    private DnsStandIn() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "dns-stand-in");
        thread.setDaemon(true);
        thread.start();
    }

    public static DnsStandIn start() throws SocketException {
        return new DnsStandIn();
    }

    public DnsStandIn answer(String name, Answer answer) {
        script.put(name.toLowerCase(Locale.ROOT), answer);
        return this;
    }

    /** The JNDI provider URL of this server. */
    public String url() {
        return "dns://127.0.0.1:" + socket.getLocalPort();
    }

    public int queries() {
        return queries.get();
    }

    private void serve() {
        byte[] buffer = new byte[512];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                queries.incrementAndGet();
                byte[] reply = reply(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                if (reply != null) {
                    socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private byte[] reply(byte[] query) {
        int pos = 12;
        StringBuilder name = new StringBuilder();
        while (query[pos] != 0) {
            int len = query[pos] & 0xff;
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(query, pos + 1, len, java.nio.charset.StandardCharsets.US_ASCII));
            pos += len + 1;
        }
        pos++;
        int qtype = (query[pos] & 0xff) << 8 | (query[pos + 1] & 0xff);
        int questionEnd = pos + 4;
        Answer answer = script.getOrDefault(name.toString().toLowerCase(Locale.ROOT), Answer.rcode(NOERROR));
        if (answer.silent()) {
            return null;
        }
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        int count = 0;
        if (answer.rcode() == NOERROR && qtype == TYPE_MX) {
            for (String mx : answer.mx()) {
                String[] parts = mx.split(" ");
                ByteArrayOutputStream rdata = new ByteArrayOutputStream();
                int preference = Integer.parseInt(parts[0]);
                rdata.write(preference >> 8);
                rdata.write(preference);
                writeName(rdata, parts[1]);
                writeRecord(records, TYPE_MX, rdata.toByteArray());
                count++;
            }
        }
        if (answer.rcode() == NOERROR && qtype == TYPE_A) {
            for (String ip : answer.a()) {
                ByteArrayOutputStream rdata = new ByteArrayOutputStream();
                for (String octet : ip.split("\\.")) {
                    rdata.write(Integer.parseInt(octet));
                }
                writeRecord(records, TYPE_A, rdata.toByteArray());
                count++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(query[0]);
        out.write(query[1]);
        out.write(0x84 | (query[2] & 0x01)); // QR, AA, RD as asked
        out.write(0x80 | answer.rcode()); // RA, RCODE
        out.write(0);
        out.write(1); // QDCOUNT
        out.write(count >> 8);
        out.write(count);
        out.write(new byte[4], 0, 4); // NSCOUNT, ARCOUNT
        out.write(query, 12, questionEnd - 12);
        byte[] body = records.toByteArray();
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    private static void writeRecord(ByteArrayOutputStream out, int type, byte[] rdata) {
        out.write(0xc0);
        out.write(12); // the question's name
        out.write(type >> 8);
        out.write(type);
        out.write(0);
        out.write(1); // IN
        out.write(new byte[] {0, 0, 0, 60}, 0, 4);
        out.write(rdata.length >> 8);
        out.write(rdata.length);
        out.write(rdata, 0, rdata.length);
    }

    private static void writeName(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                out.write(label.length());
                out.write(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, label.length());
            }
        }
        out.write(0);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
