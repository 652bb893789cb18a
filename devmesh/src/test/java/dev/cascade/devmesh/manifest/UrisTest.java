package dev.cascade.devmesh.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrisTest {

    /** Expected values are what Go's {@code url.Parse(base).ResolveReference(url.Parse(ref))} answers. */
    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            http://h/               | /extra/path      | http://h/extra/path
            http://h                | extra            | http://h/extra
            http://h                | /extra           | http://h/extra
            http://h/a/b            | c                | http://h/a/c
            http://h/a/b/           | c                | http://h/a/b/c
            http://h/a/b            | ../c             | http://h/c
            http://h/a/b            | ../../../c       | http://h/c
            http://h/a/b            | ./               | http://h/a/
            http://h/a/b            | ..               | http://h/
            http://h/a/b            | /x/./y/../z      | http://h/x/z
            http://h/a/b?q=1        | ?p=2             | http://h/a/b?p=2
            http://h/a/b?q=1        | c?p=2#f          | http://h/a/c?p=2#f
            http://h/a/b?q=1        | #f               | http://h/a/b?q=1#f
            http://h:8080/a         | b                | http://h:8080/b
            http://user@h/a         | b                | http://user@h/b
            http://h/a              | //other/x        | http://other/x
            http://h/a/b            | c%20d            | http://h/a/c%20d
            """)
    void resolvesLikeGosResolveReference(String base, String reference, String expected) {
        assertThat(Uris.resolve(URI.create(base), URI.create(reference))).hasToString(expected);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /a/b/c       | /a/b/c
            /a/./b       | /a/b
            /a/b/.       | /a/b/
            /a/b/..      | /a/
            /..          | /
            /a//b        | /a//b
            a/b          | /a/b
            /            | /
            """)
    void removesDotSegmentsAndAlwaysAnswersARootedPath(String path, String expected) {
        assertThat(Uris.removeDotSegments(path)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} absolute with host: {1}")
    @CsvSource({
        "http://h/x, true",
        "https://under_score.example.test, true",
        "/x, false",
        "x, false",
        "http:///x, false",
        "mailto:ops@example.test, false",
    })
    void knowsAnAbsoluteUrlWithAHost(String uri, boolean expected) {
        assertThat(Uris.isAbsoluteWithHost(URI.create(uri))).isEqualTo(expected);
    }
}
