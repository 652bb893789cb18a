package dev.cascade.devmesh.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;

/** URI helpers with the semantics of Go's net/url, which Knative uses. */
final class Uris {

    private Uris() {
    }

    /** The parsed URI, or null when it is not one. */
    static URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Knative wants a scheme and a host. The raw authority is checked rather than {@link URI#getHost()}, which
     * is null for host names Java finds irregular (an underscore, for one) that Go accepts.
     */
    static boolean isAbsoluteWithHost(URI uri) {
        return uri.isAbsolute() && !uri.isOpaque() && uri.getRawAuthority() != null
                && !uri.getRawAuthority().isEmpty();
    }

    /**
     * Resolves {@code reference} against {@code base} like Go's {@code URL.ResolveReference} (RFC 3986 §5.2,
     * which Knative applies to a Destination's ref address and relative uri). {@link URI#resolve(URI)} follows
     * the older RFC 2396 and differs: it keeps {@code ..} segments above the root, drops the last segment for a
     * query-only reference, and joins {@code http://h} and {@code x} into {@code http://hx}.
     */
    static URI resolve(URI base, URI reference) {
        if (reference.isAbsolute()) {
            return build(reference.getScheme(), reference.getRawAuthority(), removeDotSegments(reference.getRawPath()),
                    reference.getRawQuery(), reference.getRawFragment());
        }
        if (reference.getRawAuthority() != null) {
            return build(base.getScheme(), reference.getRawAuthority(), removeDotSegments(reference.getRawPath()),
                    reference.getRawQuery(), reference.getRawFragment());
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String referencePath = reference.getRawPath() == null ? "" : reference.getRawPath();
        String path;
        String query;
        String fragment = reference.getRawFragment();
        if (referencePath.isEmpty()) {
            path = removeDotSegments(basePath);
            query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
            if (reference.getRawQuery() == null && fragment == null) {
                fragment = base.getRawFragment();
            }
        } else {
            path = referencePath.startsWith("/")
                    ? removeDotSegments(referencePath)
                    : removeDotSegments(basePath.substring(0, basePath.lastIndexOf('/') + 1) + referencePath);
            query = reference.getRawQuery();
        }
        return build(base.getScheme(), base.getRawAuthority(), path, query, fragment);
    }

    /**
     * RFC 3986 §5.2.4, always answering a rooted path as Go does: {@code a/./b/../c} → {@code /a/c}; a final
     * {@code .} or {@code ..} leaves a trailing slash; {@code ..} never climbs above the root.
     */
    static String removeDotSegments(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String[] segments = path.split("/", -1);
        ArrayDeque<String> kept = new ArrayDeque<>();
        boolean trailingSlash = false;
        for (int i = path.startsWith("/") ? 1 : 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            trailingSlash = false;
            if (segment.equals(".")) {
                trailingSlash = last;
            } else if (segment.equals("..")) {
                kept.pollLast();
                trailingSlash = last;
            } else {
                kept.addLast(segment);
            }
        }
        String joined = "/" + String.join("/", kept);
        return trailingSlash && !kept.isEmpty() ? joined + "/" : joined;
    }

    private static URI build(String scheme, String authority, String path, String query, String fragment) {
        StringBuilder text = new StringBuilder();
        if (scheme != null) {
            text.append(scheme).append(':');
        }
        if (authority != null) {
            text.append("//").append(authority);
        }
        text.append(path);
        if (query != null) {
            text.append('?').append(query);
        }
        if (fragment != null) {
            text.append('#').append(fragment);
        }
        return URI.create(text.toString());
    }
}
