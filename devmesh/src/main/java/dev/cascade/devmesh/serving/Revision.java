package dev.cascade.devmesh.serving;

import io.fabric8.knative.serving.v1.RevisionTemplateSpec;

/**
 * One version of a Service's template, as Knative makes a Revision of every template change.
 *
 * @param name {@code <service>-<generation, 5 digits>}, Knative's naming; it is {@code K_REVISION}
 * @param generation counts the template changes devmesh saw since it started, from 1
 * @param template the template it was made from (compared, never changed)
 */
record Revision(String name, int generation, RevisionTemplateSpec template, Scaling scaling) {

    static Revision of(String service, int generation, RevisionTemplateSpec template) {
        return new Revision(String.format("%s-%05d", service, generation), generation, template,
                template == null ? Scaling.defaults() : Scaling.of(template));
    }
}
