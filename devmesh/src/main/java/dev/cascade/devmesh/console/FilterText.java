package dev.cascade.devmesh.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerSpec;

/**
 * A Trigger's filter as people read it: one clause per condition that must hold, e.g.
 * {@code type = dev.cascade.order.placed.v1} and {@code source = urn:cascade:order-service}, the attributes of a
 * map in the order {@code type}, {@code source}, then by name. The filter that
 * applies is chosen as the brokers choose it: a non-empty {@code spec.filters} (whose items must all hold), else
 * {@code spec.filter.attributes}, else none. Dialects: {@code exact} {@code =}, {@code prefix} {@code starts with},
 * {@code suffix} {@code ends with}, {@code all}/{@code any} as {@code and}/{@code or} in parentheses, {@code not},
 * and {@code CESQL} with its expression as written. A value that is empty or holds anything but plain
 * identifier characters is quoted, JSON style.
 *
 * <p>This is text for a diagram, not an evaluator: {@code filter} packages decide what matches.
 */
public final class FilterText {

    /** The clause of a Trigger without a filter. */
    public static final String EVERY_EVENT = "every event";

    private static final Comparator<String> ATTRIBUTE_ORDER = Comparator
            .comparingInt((String name) -> name.equals("type") ? 0 : name.equals("source") ? 1 : 2)
            .thenComparing(Comparator.naturalOrder());
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@+~-]+");

    private FilterText() {
    }

    /** The clauses that must all hold, in a stable order; {@link #EVERY_EVENT} alone when there is no filter. */
    public static List<String> clauses(TriggerSpec spec) {
        List<String> clauses = new ArrayList<>();
        if (spec != null && spec.getFilters() != null && !spec.getFilters().isEmpty()) {
            for (SubscriptionsAPIFilter filter : spec.getFilters()) {
                clauses.addAll(conjuncts(filter));
            }
        } else if (spec != null && spec.getFilter() != null && spec.getFilter().getAttributes() != null) {
            pairs(spec.getFilter().getAttributes(), " = ", clauses);
        }
        return clauses.isEmpty() ? List.of(EVERY_EVENT) : List.copyOf(clauses);
    }

    /** One filter object as the conditions it ANDs together: its dialects in a fixed order, map keys sorted. */
    private static List<String> conjuncts(SubscriptionsAPIFilter filter) {
        List<String> parts = new ArrayList<>();
        if (filter == null) {
            return parts;
        }
        pairs(filter.getExact(), " = ", parts);
        pairs(filter.getPrefix(), " starts with ", parts);
        pairs(filter.getSuffix(), " ends with ", parts);
        if (filter.getAll() != null && !filter.getAll().isEmpty()) {
            parts.add(group(filter.getAll(), " and "));
        }
        if (filter.getAny() != null && !filter.getAny().isEmpty()) {
            parts.add(group(filter.getAny(), " or "));
        }
        if (filter.getNot() != null) {
            parts.add("not " + parenthesised(filter.getNot()));
        }
        if (filter.getCesql() != null && !filter.getCesql().isEmpty()) {
            parts.add("CESQL " + filter.getCesql().strip());
        }
        return parts;
    }

    /** {@code type} first, then {@code source}, then the other attributes by name. */
    private static void pairs(Map<String, String> map, String operator, List<String> parts) {
        if (map != null) {
            TreeMap<String, String> sorted = new TreeMap<>(ATTRIBUTE_ORDER);
            sorted.putAll(map);
            sorted.forEach((name, value) -> parts.add(name + operator + value(value)));
        }
    }

    private static String group(List<SubscriptionsAPIFilter> filters, String operator) {
        List<String> members = new ArrayList<>();
        for (SubscriptionsAPIFilter member : filters) {
            members.add(parenthesisedIfCompound(member));
        }
        return "(" + String.join(operator, members) + ")";
    }

    private static String parenthesised(SubscriptionsAPIFilter filter) {
        String text = parenthesisedIfCompound(filter);
        return text.startsWith("(") && text.endsWith(")") ? text : "(" + text + ")";
    }

    private static String parenthesisedIfCompound(SubscriptionsAPIFilter filter) {
        List<String> parts = conjuncts(filter);
        if (parts.isEmpty()) {
            return "true"; // an object without a dialect: both broker classes let it pass
        }
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" and ", parts) + ")";
    }

    private static String value(String value) {
        if (value != null && PLAIN.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : (value == null ? "" : value).toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
