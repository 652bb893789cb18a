package dev.cascade.devmesh.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The apiserver's name rules ({@code k8s.io/apimachinery/pkg/util/validation}): most objects are named by a
 * DNS-1123 subdomain, namespaces by a DNS-1123 label, and Knative Services by a DNS-1035 label because the
 * name becomes a host name (knative.dev/pkg {@code apis.ValidateObjectMetadata}). Each method returns the
 * problems with a value, none when it is valid.
 */
final class KubernetesNames {

    static final int LABEL_MAX_LENGTH = 63;
    static final int SUBDOMAIN_MAX_LENGTH = 253;

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private KubernetesNames() {
    }

    static List<String> dns1123Subdomain(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > SUBDOMAIN_MAX_LENGTH) {
            problems.add("must be no more than " + SUBDOMAIN_MAX_LENGTH + " characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            problems.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
                    + " '.', and must start and end with an alphanumeric character (e.g. 'example.com')");
        }
        return problems;
    }

    static List<String> dns1123Label(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > LABEL_MAX_LENGTH) {
            problems.add("must be no more than " + LABEL_MAX_LENGTH + " characters");
        }
        if (!DNS1123_LABEL.matcher(value).matches()) {
            problems.add("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and"
                    + " must start and end with an alphanumeric character (e.g. 'my-name' or '123-abc')");
        }
        return problems;
    }

    static List<String> dns1035Label(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > LABEL_MAX_LENGTH) {
            problems.add("must be no more than " + LABEL_MAX_LENGTH + " characters");
        }
        if (!DNS1035_LABEL.matcher(value).matches()) {
            problems.add("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an"
                    + " alphabetic character, and end with an alphanumeric character (e.g. 'my-name' or 'abc-123')");
        }
        return problems;
    }

    /** A key of a ConfigMap's or Secret's data. */
    static List<String> configKey(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > SUBDOMAIN_MAX_LENGTH) {
            problems.add("must be no more than " + SUBDOMAIN_MAX_LENGTH + " characters");
        }
        if (!CONFIG_KEY.matcher(value).matches()) {
            problems.add("a valid config key must consist of alphanumeric characters, '-', '_' or '.'"
                    + " (e.g. 'key.name', 'KEY_NAME' or 'key-name')");
        }
        if (value.equals(".")) {
            problems.add("must not be '.'");
        } else if (value.equals("..")) {
            problems.add("must not be '..'");
        } else if (value.startsWith("..")) {
            problems.add("must not start with '..'");
        }
        return problems;
    }

    /** Formats problems like the apiserver: {@code metadata.name: Invalid value: "X": problem, problem}. */
    static String invalid(String path, String value, List<String> problems) {
        return path + ": Invalid value: \"" + value + "\": " + String.join(", ", problems);
    }
}
