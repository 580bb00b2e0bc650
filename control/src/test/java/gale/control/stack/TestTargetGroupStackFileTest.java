package gale.control.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code deployment.testTargetGroup}: applied as written, or refused with its line when it could not be a test group. */
class TestTargetGroupStackFileTest {

    private static final String STACK = """
            listeners:
              - { port: 8080, defaultTargetGroup: web }
              - { port: 8090, defaultTargetGroup: web-test }
            targetGroups: { web: {}, web-test: {} }
            services:
              web:
                targetGroup: web
                deployment: { strategy: blue-green, testTargetGroup: web-test }
            """;

    @Test
    void aTestTargetGroupIsReadAsWritten() {
        ServiceSpec web = StackFile.parse("s.yaml", STACK).services().get("web");

        assertThat(web.deployment().testTargetGroup()).hasValue("web-test");
        assertThat(StackFile.parse("s.yaml", "services: { web: {} }\n")
                        .services()
                        .get("web")
                        .deployment()
                        .testTargetGroup())
                .isEmpty();
    }

    @Test
    void theServicesOwnTargetGroupIsRefused() {
        assertThatThrownBy(() ->
                        StackFile.parse("s.yaml", STACK.replace("testTargetGroup: web-test", "testTargetGroup: web")))
                .isInstanceOf(StackFileException.class)
                .hasMessage("s.yaml:8:58: services.web.deployment.testTargetGroup: \"web\" (expected: a target group of"
                        + " its own, not also services.web.targetGroup)");
    }

    @Test
    void aGroupAnotherServiceJoinsIsRefusedWhicheverComesFirst() {
        String later = STACK + "  api: { targetGroup: web-test }\n";
        assertThatThrownBy(() -> StackFile.parse("s.yaml", later))
                .hasMessage("s.yaml:9:23: services.api.targetGroup: \"web-test\" (expected: not the test target group"
                        + " of service web)");

        String earlier = STACK.replace("services:\n", "services:\n  api: { targetGroup: web-test }\n");
        assertThatThrownBy(() -> StackFile.parse("s.yaml", earlier))
                .hasMessageContaining("services.web.deployment.testTargetGroup: \"web-test\" (expected: a target group"
                        + " of its own, not also services.api.targetGroup)");
    }

    @Test
    void aGroupWithStaticTargetsOrUnknownIsRefused() {
        assertThatThrownBy(() -> StackFile.parse(
                        "s.yaml", STACK.replace("web-test: {} }", "web-test: { targets: [\"127.0.0.1:9\"] } }")))
                .hasMessageContaining("services.web.deployment.testTargetGroup: \"web-test\" (expected: a target group"
                        + " without static targets");
        assertThatThrownBy(() ->
                        StackFile.parse("s.yaml", STACK.replace("testTargetGroup: web-test", "testTargetGroup: green")))
                .hasMessageContaining(
                        "services.web.deployment.testTargetGroup: \"green\" (expected: one of the target groups");
    }
}
