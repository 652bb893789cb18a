package dev.cascade.notification.domain;

import java.util.regex.Pattern;

/**
 * Text taken from an event before it goes into an email or a log line. The schemas bound lengths but not
 * characters, so a producer (or anyone who can post to the broker) could put line breaks or terminal escapes
 * into a reason and forge log lines or mail headers. Control characters and Unicode line and paragraph
 * separators become spaces.
 */
public final class EventText {

    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private EventText() {
    }

    /** {@code text} on one line without control characters; {@code null} stays {@code null}. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        return SPACES.matcher(UNSAFE.matcher(text).replaceAll(" ")).replaceAll(" ").strip();
    }
}
