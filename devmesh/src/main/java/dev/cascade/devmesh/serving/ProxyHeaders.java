package dev.cascade.devmesh.serving;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;

/**
 * What a proxy passes on (RFC 9110 §7.6.1): every header except the hop-by-hop ones, which belong to one
 * connection, and those the {@code Connection} header names.
 */
final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            // answered by devmesh's own server (100 Continue), not by the instance
            "expect");

    private ProxyHeaders() {
    }

    static void copy(MultiMap from, MultiMap to) {
        Set<String> named = new HashSet<>();
        for (String connection : from.getAll("Connection")) {
            for (String token : connection.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        for (var header : from) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !named.contains(name)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }
}
