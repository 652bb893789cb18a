package dev.cascade.devmesh.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.devmesh.DevmeshReady;
import dev.cascade.devmesh.conformance.SubscriberResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The console's page, script and the two renderings of the event flow, served by a devmesh that loaded the console
 * manifests; the broker ingress keeps every other path.
 */
@QuarkusTest
@WithTestResource(value = SubscriberResource.class,
        initArgs = @ResourceArg(name = SubscriberResource.MANIFESTS, value = "src/test/resources/console"))
class ConsoleRoutesTest {

    @BeforeEach
    void manifestsLoaded() {
        DevmeshReady.manifestsLoaded();
    }

    @Test
    void topologyMmdIsTheMermaidOfTheLoadedManifests() {
        Response response = given().get("/devmesh/topology.mmd");

        response.then().statusCode(200).header("Content-Type", "text/plain; charset=utf-8");
        assertThat(response.asString())
                .isEqualTo(MermaidTopology.render(FlowGraphTest.consoleManifests(), "default"))
                .contains("flowchart LR");
    }

    @Test
    void topologyJsonListsNodesWithFiltersAndEmittedTypesAndTheEdges() {
        JsonPath graph = given().get("/devmesh/topology").then().statusCode(200)
                .header("Content-Type", "application/json").extract().jsonPath();

        String placed = FlowGraph.id(FlowGraph.NodeKind.TRIGGER, "console", "placed-orders");
        String recorder = FlowGraph.id(FlowGraph.NodeKind.SERVICE, "console", "recorder");
        Map<String, Object> trigger = graph.getMap("nodes.find { it.id == '" + placed + "' }");
        assertThat(trigger).containsEntry("kind", "trigger").containsEntry("namespace", "console")
                .containsEntry("name", "placed-orders").containsEntry("declared", true)
                .containsEntry("filter", List.of("type = dev.example.console.placed.v1"))
                .doesNotContainKeys("emits", "brokerClass");
        assertThat(graph.getList("nodes.find { it.id == '" + recorder + "' }.emits"))
                .containsExactly("dev.example.console.audited.v1", "dev.example.console.recorded.v1");
        assertThat(graph.getList("edges.kind", String.class)).containsExactly("trigger", "trigger", "trigger",
                "delivery", "delivery", "delivery", "emits", "dead-letter");
        assertThat(graph.getList("edges.findAll { it.from == '" + placed + "' }.labels"))
                .containsExactly(List.of("/placed"));
    }

    @Test
    void thePageIsAShellWhoseScriptAndStylesComeFromDevmeshAlone() {
        Response page = given().get("/");

        page.then().statusCode(200).header("Content-Type", "text/html; charset=utf-8")
                .header("Content-Security-Policy", ConsoleRoutes.CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff");
        String html = page.asString();
        assertThat(html).contains("<script src=\"/devmesh/console.js\" defer></script>",
                "<link rel=\"stylesheet\" href=\"/devmesh/console.css\">", "id=\"flow\"", "id=\"deliveries\"",
                "id=\"services\"");
        // No inline script (the policy would block it) and nothing from another origin.
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=\"/devmesh/)").doesNotContain("http://", "https://");

        given().get("/devmesh/console.css").then().statusCode(200).header("Content-Type", "text/css; charset=utf-8");
        String script = given().get("/devmesh/console.js").then().statusCode(200)
                .header("Content-Type", "text/javascript; charset=utf-8").extract().asString();
        assertThat(script).contains("textContent", "/devmesh/topology", "/devmesh/deliveries", "/devmesh/services")
                .as("data never reaches the DOM as markup")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void theBrokerIngressStillAnswersEveryOtherPathAndMethod() {
        given().contentType("application/json").body("{}").post("/").then().statusCode(404);
        given().get("/console/default").then().statusCode(405).header("Allow", "POST, OPTIONS");
        given().get("/devmesh/nothing-here").then().statusCode(404);
        given().get("/devmesh/brokers").then().statusCode(200).body("[0].name", equalTo("default"));
    }
}
