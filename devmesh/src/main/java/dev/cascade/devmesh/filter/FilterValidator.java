package dev.cascade.devmesh.filter;

import io.cloudevents.sql.Parser;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.TriggerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The filter checks of the Trigger admission webhook ({@code eventing pkg/apis/eventing/v1/trigger_validation.go}):
 * attribute names, one dialect per filter object, CESQL that parses. Values are not checked, as upstream.
 * <p>
 * Messages read {@code <path>: <problem>}. Upstream prefixes earlier list items' paths again with later indices
 * (ValidateSubscriptionAPIFiltersList applies ViaIndex to the accumulated errors); devmesh reports the true path.
 */
final class FilterValidator {

    /** validAttributeName in trigger_validation.go. */
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("^[a-z][a-z0-9]*$");

    private FilterValidator() {
    }

    static List<String> validate(TriggerSpec spec) {
        List<String> errors = new ArrayList<>();
        if (spec == null) {
            return errors;
        }
        if (spec.getFilter() != null) {
            checkNames(spec.getFilter().getAttributes(), "spec.filter.attributes", errors);
        }
        checkList(spec.getFilters(), "spec.filters", errors);
        return List.copyOf(errors);
    }

    private static void checkList(List<SubscriptionsAPIFilter> filters, String path, List<String> errors) {
        if (filters == null) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            checkFilter(filters.get(i), path + "[" + i + "]", errors);
        }
    }

    private static void checkFilter(SubscriptionsAPIFilter filter, String path, List<String> errors) {
        if (filter == null) {
            return;
        }
        List<String> dialects = dialectsOf(filter);
        if (dialects.size() > 1) {
            errors.add(path + ": multiple dialects found, filters can have only one dialect set (found "
                    + String.join(", ", dialects) + ")");
        }
        checkNames(filter.getExact(), path + ".exact", errors);
        checkNames(filter.getPrefix(), path + ".prefix", errors);
        checkNames(filter.getSuffix(), path + ".suffix", errors);
        checkList(filter.getAll(), path + ".all", errors);
        checkList(filter.getAny(), path + ".any", errors);
        checkFilter(filter.getNot(), path + ".not", errors);
        checkCesql(filter.getCesql(), path + ".cesql", errors);
    }

    /** hasMultipleDialects counts non-empty maps and lists, a present {@code not} and a non-empty expression. */
    private static List<String> dialectsOf(SubscriptionsAPIFilter filter) {
        List<String> dialects = new ArrayList<>();
        if (filter.getExact() != null && !filter.getExact().isEmpty()) {
            dialects.add("exact");
        }
        if (filter.getPrefix() != null && !filter.getPrefix().isEmpty()) {
            dialects.add("prefix");
        }
        if (filter.getSuffix() != null && !filter.getSuffix().isEmpty()) {
            dialects.add("suffix");
        }
        if (filter.getAll() != null && !filter.getAll().isEmpty()) {
            dialects.add("all");
        }
        if (filter.getAny() != null && !filter.getAny().isEmpty()) {
            dialects.add("any");
        }
        if (filter.getNot() != null) {
            dialects.add("not");
        }
        if (filter.getCesql() != null && !filter.getCesql().isEmpty()) {
            dialects.add("cesql");
        }
        return dialects;
    }

    private static void checkNames(Map<String, String> attributes, String path, List<String> errors) {
        if (attributes == null) {
            return;
        }
        for (String name : new TreeSet<>(attributes.keySet())) {
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                errors.add(path + "[" + name + "]: invalid key name \"" + name
                        + "\": an attribute name must start with a lowercase letter and contain only lowercase"
                        + " letters and digits (^[a-z][a-z0-9]*$)");
            }
        }
    }

    private static void checkCesql(String expression, String path, List<String> errors) {
        if (expression == null || expression.isEmpty()) {
            return;
        }
        try {
            Parser.parseDefault(expression);
        } catch (RuntimeException e) { // ParseException; upstream also turns a parser panic into a rejection
            errors.add(path + ": invalid CESQL expression \"" + expression + "\": " + e.getMessage());
        }
    }
}
