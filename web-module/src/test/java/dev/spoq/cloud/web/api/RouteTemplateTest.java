package dev.spoq.cloud.web.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Metric labels are route templates, HTTP methods and status classes, never raw paths or made-up methods. */
class RouteTemplateTest {

    @Test
    void theTemplateIsTheResourcesAndTheMethodsPathJoined() throws NoSuchMethodException {
        assertEquals("/api/devices/{id}", RouteTemplate.of(DeviceResource.class, DeviceResource.class.getMethod("remove", java.util.UUID.class)));
        assertEquals("/api/devices", RouteTemplate.of(DeviceResource.class, DeviceResource.class.getMethod("list")));
        assertEquals("/api/usage/history", RouteTemplate.of(UsageResource.class, UsageResource.class.getMethod("history", String.class)));
        assertEquals(RouteTemplate.UNMATCHED, RouteTemplate.of(null, null));
    }

    @Test
    void regularExpressionsAndExtraSlashesAreLeftOut() {
        assertEquals("/internal/containers/{id}/status", RouteTemplate.normalise("/internal/containers/{id: [0-9a-f-]+}/status"));
        assertEquals("/api/status", RouteTemplate.normalise("api/status//"));
        assertEquals("/", RouteTemplate.normalise("/"));
    }

    @Test
    void methodsAndStatusesAreFewLabels() {
        assertEquals("GET", RouteTemplate.method("get"));
        assertEquals("other", RouteTemplate.method("PROPFIND"));
        assertEquals("2xx", RouteTemplate.statusClass(201));
        assertEquals("4xx", RouteTemplate.statusClass(429));
        assertEquals("other", RouteTemplate.statusClass(999));
    }
}
