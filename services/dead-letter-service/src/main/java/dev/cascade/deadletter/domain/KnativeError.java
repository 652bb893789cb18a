package dev.cascade.deadletter.domain;

import java.util.Base64;
import java.util.Optional;

/**
 * Reading Knative's dead-letter extensions. Their values are strings by the time they arrive: the code is a
 * decimal status, the data the base64 (standard, padded) of the start of the failing subscriber's response body,
 * which the MT broker cuts after 1024 base64 characters, possibly inside a quantum.
 */
public final class KnativeError {

    private KnativeError() {
    }

    /** {@code knativeerrorcode} as an HTTP status (100–599), or {@code null}. */
    public static Integer status(String errorCode) {
        if (errorCode == null) {
            return null;
        }
        try {
            int status = Integer.parseInt(errorCode.strip());
            return status >= 100 && status <= 599 ? status : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * {@code knativeerrordata} decoded, when it is the base64 of UTF-8 text (a problem+json body, a stack trace, MT's
     * "dispatch error: ..."); empty when it is absent, not base64, or binary.
     */
    public static Optional<String> dataText(String errorData) {
        if (errorData == null || errorData.isEmpty()) {
            return Optional.empty();
        }
        String base64 = errorData.strip();
        base64 = base64.substring(0, base64.length() - base64.length() % 4);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return bytes.length == 0 ? Optional.empty() : Payloads.utf8(bytes, true);
    }
}
