package dev.cascade.deadletter.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of binary-mode header values (CloudEvents HTTP binding §3.1.3.2): space, double quote,
 * percent and everything outside printable ASCII are sent as {@code %XX} of their UTF-8 bytes, and a receiver
 * decodes them. The Java SDK 4.0.1 does neither, while Knative's Go SDK does both, so without this an attribute
 * such as a subject with an accent or a line break would reach the database, or the broker, mangled.
 */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    public static String encode(String value) {
        boolean plain = true;
        for (int i = 0; i < value.length() && plain; i++) {
            plain = isPlain(value.charAt(i));
        }
        if (plain) {
            return value;
        }
        StringBuilder encoded = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPlain((char) c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** Decodes {@code %XX} sequences as UTF-8; a {@code %} not followed by two hex digits stays as it is. */
    public static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        StringBuilder decoded = new StringBuilder(value.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                int high = Character.digit(value.charAt(i + 1), 16);
                int low = Character.digit(value.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    run.write((high << 4) | low);
                    i += 2;
                    continue;
                }
            }
            flush(run, decoded);
            decoded.append(c);
        }
        flush(run, decoded);
        return decoded.toString();
    }

    private static boolean isPlain(char c) {
        return c > 0x20 && c < 0x7F && c != '"' && c != '%';
    }

    private static void flush(ByteArrayOutputStream run, StringBuilder decoded) {
        if (run.size() > 0) {
            decoded.append(run.toString(StandardCharsets.UTF_8));
            run.reset();
        }
    }
}
