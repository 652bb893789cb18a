package dev.cascade.deadletter.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** How event data is shown to a person: as text when its content type is textual and it is UTF-8, else base64. */
public final class Payloads {

    /** Data shown as it is. */
    public static final String TEXT = "text";
    /** Data shown as standard base64. */
    public static final String BASE64 = "base64";

    private Payloads() {
    }

    /** The data for a reader, with the encoding it is shown in. */
    public record Shown(String encoding, String value) {
    }

    /** {@code null} for no data. */
    public static Shown show(byte[] data, String contentType) {
        if (data == null) {
            return null;
        }
        if (isTextual(contentType)) {
            Optional<String> text = utf8(data, false);
            if (text.isPresent()) {
                return new Shown(TEXT, text.get());
            }
        }
        return new Shown(BASE64, Base64.getEncoder().encodeToString(data));
    }

    /**
     * Whether data of this content type is text. No content type counts: CloudEvents defaults it to JSON
     * ({@code application/json}) in structured mode, and a binary-mode event without one is opaque either way.
     */
    public static boolean isTextual(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        int semicolon = contentType.indexOf(';');
        String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
                .toLowerCase(Locale.ROOT);
        return media.startsWith("text/")
                || media.equals("application/json") || media.endsWith("+json")
                || media.equals("application/xml") || media.endsWith("+xml")
                || media.equals("application/x-www-form-urlencoded")
                || media.equals("application/yaml") || media.equals("application/x-yaml")
                || media.equals("application/javascript");
    }

    /**
     * The bytes as UTF-8 text, or empty if they are not UTF-8. With {@code truncated}, an incomplete sequence at the
     * very end is dropped rather than taken as proof of binary data (the bytes were cut off by a length limit).
     */
    static Optional<String> utf8(byte[] bytes, boolean truncated) {
        int length = truncated ? withoutCutSequence(bytes) : bytes.length;
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** The length of {@code bytes} without a multi-byte sequence that the end cuts short. */
    private static int withoutCutSequence(byte[] bytes) {
        // A sequence is at most 4 bytes: look for its lead byte among the last 3.
        for (int back = 1; back <= Math.min(3, bytes.length); back++) {
            int b = bytes[bytes.length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue;
            }
            int expected = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return expected > back ? bytes.length - back : bytes.length;
        }
        return bytes.length;
    }
}
