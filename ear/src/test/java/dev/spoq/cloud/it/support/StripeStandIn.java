package dev.spoq.cloud.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Stripe's API, shared by every test of the JVM: the server under test has
 * {@code spoq.stripe.api-base = http://127.0.0.1:<spoq.it.stripe.port>} and makes its calls here. It answers the
 * calls the platform makes the way Stripe does (the objects' shapes follow Stripe's published OpenAPI fixtures,
 * for the API version stripe-java pins), keeps customers, Checkout Sessions and subscriptions, and records every
 * request (method, path, form or query parameters) so that tests can check what the platform asked for.
 * Tests play Stripe's side of a payment with {@link #completeCheckout}, {@link #setStatus} and friends.
 */
public final class StripeStandIn {

    /** One request as the stand-in received it; {@code params} are the form body's or the query's, decoded. */
    public record Request(String method, String path, Map<String, String> params, String authorization) {
    }

    private static final List<Request> REQUESTS = Collections.synchronizedList(new ArrayList<>());
    private static final Map<String, ObjectNode> CUSTOMERS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> SESSIONS = new ConcurrentHashMap<>();
    private static final Map<String, ObjectNode> SUBSCRIPTIONS = new ConcurrentHashMap<>();
    private static HttpServer server;

    private StripeStandIn() {
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private static int port() {
        return Integer.parseInt(System.getProperty("spoq.it.stripe.port", "18091"));
    }

    public static synchronized void ensureStarted() {
        if (server != null) {
            return;
        }
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port()), 64);
            created.createContext("/", StripeStandIn::handle);
            created.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "stripe-stand-in");
                thread.setDaemon(true);
                return thread;
            }));
            Thread starter = new Thread(created::start, "stripe-stand-in-start"); // a daemon dispatcher never keeps the JVM alive
            starter.setDaemon(true);
            starter.start();
            starter.join();
            server = created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Stripe stand-in on 127.0.0.1:" + port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- what the platform asked --------------------------------------------------------------------------

    public static List<Request> requests() {
        synchronized (REQUESTS) {
            return List.copyOf(REQUESTS);
        }
    }

    /** The requests to this path (e.g. "/v1/checkout/sessions") whose parameters include all of these. */
    public static List<Request> requests(String method, String path, Map<String, String> including) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().equals(path)
                && r.params().entrySet().containsAll(including.entrySet())).toList();
    }

    /** How often the platform read this customer's subscriptions. */
    public static int subscriptionReads(String customerId) {
        return requests("GET", "/v1/subscriptions", Map.of("customer", customerId)).size();
    }

    public static ObjectNode customer(String id) {
        return CUSTOMERS.get(id);
    }

    /** The customer whose metadata names this user, if the platform made one. */
    public static String customerOfUser(String userId) {
        return CUSTOMERS.values().stream().filter(c -> userId.equals(c.path("metadata").path("user_id").asText()))
                .map(c -> c.path("id").asText()).findFirst().orElse(null);
    }

    /** The Checkout Session a checkout URL opens. */
    public static ObjectNode sessionOfUrl(String url) {
        return SESSIONS.values().stream().filter(s -> url.equals(s.path("url").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no Checkout Session has the url " + url));
    }

    // ---- Stripe's side of a payment ----------------------------------------------------------------------

    /** The customer paid on the Checkout page: the session completes and an active subscription exists. */
    public static ObjectNode completeCheckout(ObjectNode session) {
        Instant now = Instant.now();
        String subscriptionId = "sub_" + Unique.alnum(14);
        ObjectNode subscription = subscription(subscriptionId, session.path("customer").asText(),
                session.path("x_price").asText(), now);
        SUBSCRIPTIONS.put(subscriptionId, subscription);
        session.put("status", "complete").put("payment_status", "paid").put("subscription", subscriptionId);
        return subscription;
    }

    /** Stripe changed the subscription's status (a failed renewal: past_due; paid again: active; deleted: canceled). */
    public static ObjectNode setStatus(String subscriptionId, String status) {
        ObjectNode subscription = subscriptionNamed(subscriptionId);
        subscription.put("status", status);
        if ("canceled".equals(status)) {
            long now = Instant.now().getEpochSecond();
            subscription.put("canceled_at", now).put("ended_at", now);
        }
        return subscription;
    }

    public static ObjectNode setCancelAtPeriodEnd(String subscriptionId, boolean cancel) {
        ObjectNode subscription = subscriptionNamed(subscriptionId);
        subscription.put("cancel_at_period_end", cancel);
        JsonNode end = subscription.path("items").path("data").path(0).path("current_period_end");
        if (cancel) {
            subscription.put("cancel_at", end.asLong());
        } else {
            subscription.putNull("cancel_at");
        }
        return subscription;
    }

    /** A copy of the subscription as it is now (for an event's data.object). */
    public static ObjectNode snapshot(String subscriptionId) {
        return subscriptionNamed(subscriptionId).deepCopy();
    }

    private static ObjectNode subscriptionNamed(String id) {
        ObjectNode subscription = SUBSCRIPTIONS.get(id);
        if (subscription == null) {
            throw new AssertionError("the stand-in has no subscription " + id);
        }
        return subscription;
    }

    // ---- the HTTP side -----------------------------------------------------------------------------------

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form("GET".equals(method) ? exchange.getRequestURI().getRawQuery() : body);
            REQUESTS.add(new Request(method, path, params, exchange.getRequestHeaders().getFirst("Authorization")));
            if (path.startsWith("/v1/") && !exchange.getRequestHeaders().getOrDefault("Authorization", List.of()).stream()
                    .anyMatch(a -> a.startsWith("Bearer sk_"))) {
                json(exchange, 401, error("authentication_error", "You did not provide an API key."));
                return;
            }
            if ("POST".equals(method) && "/v1/customers".equals(path)) {
                json(exchange, 200, createCustomer(params));
            } else if ("POST".equals(method) && "/v1/checkout/sessions".equals(path)) {
                json(exchange, 200, createSession(params));
            } else if ("POST".equals(method) && "/v1/billing_portal/sessions".equals(path)) {
                json(exchange, 200, createPortalSession(params));
            } else if ("GET".equals(method) && "/v1/subscriptions".equals(path)) {
                json(exchange, 200, listSubscriptions(params));
            } else if ("GET".equals(method) && path.startsWith("/v1/subscriptions/")) {
                ObjectNode subscription = SUBSCRIPTIONS.get(path.substring("/v1/subscriptions/".length()));
                json(exchange, subscription == null ? 404 : 200, subscription == null
                        ? error("invalid_request_error", "No such subscription") : subscription);
            } else if ("DELETE".equals(method) && path.startsWith("/v1/subscriptions/")) {
                // cancel now: Stripe answers the subscription, canceled (an unknown one is a 404)
                ObjectNode subscription = SUBSCRIPTIONS.get(path.substring("/v1/subscriptions/".length()));
                json(exchange, subscription == null ? 404 : 200, subscription == null
                        ? error("invalid_request_error", "No such subscription")
                        : setStatus(subscription.path("id").asText(), "canceled"));
            } else if ("GET".equals(method) && (path.startsWith("/c/pay/") || path.startsWith("/p/session/"))) {
                page(exchange, path.startsWith("/c/pay/") ? "Stand-in Stripe Checkout" : "Stand-in Stripe Customer Portal",
                        path.substring(path.lastIndexOf('/') + 1));
            } else {
                json(exchange, 404, error("invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")."));
            }
        }
    }

    private static ObjectNode createCustomer(Map<String, String> params) {
        String id = "cus_" + Unique.alnum(14);
        ObjectNode customer = Json.MAPPER.createObjectNode();
        customer.put("id", id).put("object", "customer").putNull("address").put("balance", 0)
                .put("created", Instant.now().getEpochSecond()).putNull("currency").putNull("default_source")
                .put("delinquent", false).putNull("description").put("email", params.get("email"))
                .put("invoice_prefix", Unique.alnum(8).toUpperCase());
        ObjectNode invoiceSettings = customer.putObject("invoice_settings");
        invoiceSettings.putNull("custom_fields").putNull("default_payment_method").putNull("footer").putNull("rendering_options");
        customer.put("livemode", false);
        customer.set("metadata", metadata(params));
        customer.putNull("name").put("next_invoice_sequence", 1).putNull("phone");
        customer.putArray("preferred_locales");
        customer.putNull("shipping").put("tax_exempt", "none").putNull("test_clock");
        CUSTOMERS.put(id, customer);
        return customer;
    }

    private static ObjectNode createSession(Map<String, String> params) {
        String id = "cs_test_" + Unique.alnum(24);
        long now = Instant.now().getEpochSecond();
        ObjectNode session = Json.MAPPER.createObjectNode();
        session.put("id", id).put("object", "checkout.session").putNull("after_expiration").putNull("allow_promotion_codes")
                .put("amount_subtotal", 1500).put("amount_total", 1500).put("billing_address_collection", "auto")
                .put("cancel_url", params.get("cancel_url")).put("client_reference_id", params.get("client_reference_id"))
                .put("created", now).put("currency", "usd").put("customer", params.get("customer"))
                .putNull("customer_email").put("expires_at", now + 86_400).put("livemode", false).put("locale", (String) null)
                .put("mode", params.get("mode")).put("payment_status", "unpaid").put("status", "open")
                .put("success_url", params.get("success_url")).putNull("subscription")
                .put("url", baseUrl() + "/c/pay/" + id);
        session.putObject("metadata");
        session.putArray("payment_method_types").add("card");
        // not Stripe's: what the test needs to make the subscription later (Stripe keeps line items apart too)
        session.put("x_price", params.get("line_items[0][price]"));
        SESSIONS.put(id, session);
        return session;
    }

    private static ObjectNode createPortalSession(Map<String, String> params) {
        String id = "bps_" + Unique.alnum(24);
        ObjectNode portal = Json.MAPPER.createObjectNode();
        portal.put("id", id).put("object", "billing_portal.session").put("configuration", "bpc_standin")
                .put("created", Instant.now().getEpochSecond()).put("customer", params.get("customer"))
                .putNull("flow").put("livemode", false).putNull("locale").putNull("on_behalf_of")
                .put("return_url", params.get("return_url")).put("url", baseUrl() + "/p/session/" + id);
        return portal;
    }

    private static ObjectNode listSubscriptions(Map<String, String> params) {
        String customer = params.get("customer");
        String status = params.getOrDefault("status", "");
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("object", "list").put("url", "/v1/subscriptions").put("has_more", false);
        ArrayNode data = list.putArray("data");
        SUBSCRIPTIONS.values().stream().filter(s -> s.path("customer").asText().equals(customer))
                // without status=all Stripe leaves canceled subscriptions out
                .filter(s -> "all".equals(status) || !"canceled".equals(s.path("status").asText()))
                .sorted((a, b) -> Long.compare(b.path("created").asLong(), a.path("created").asLong()))
                .forEach(s -> data.add(s.deepCopy()));
        return list;
    }

    /** A subscription in the shape of API version stripe-java pins: the period lives on its item. */
    private static ObjectNode subscription(String id, String customer, String priceId, Instant now) {
        boolean yearly = priceId.contains("year");
        long start = now.getEpochSecond();
        long end = now.plus(Duration.ofDays(yearly ? 365 : 30)).getEpochSecond();
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("id", id).put("object", "subscription").putNull("application").put("billing_cycle_anchor", start)
                .putNull("cancel_at").put("cancel_at_period_end", false).putNull("canceled_at").put("collection_method", "charge_automatically")
                .put("created", start).put("currency", "usd").put("customer", customer).putNull("default_payment_method")
                .putNull("ended_at").put("latest_invoice", "in_" + Unique.alnum(14)).put("livemode", false)
                .put("start_date", start).put("status", "active").putNull("trial_end").putNull("trial_start");
        s.putObject("metadata");
        ObjectNode items = s.putObject("items");
        items.put("object", "list").put("has_more", false).put("total_count", 1).put("url", "/v1/subscription_items?subscription=" + id);
        ObjectNode item = items.putArray("data").addObject();
        item.put("id", "si_" + Unique.alnum(14)).put("object", "subscription_item").put("created", start)
                .put("current_period_start", start).put("current_period_end", end).put("quantity", 1).put("subscription", id);
        item.putObject("metadata");
        ObjectNode price = item.putObject("price");
        price.put("id", priceId).put("object", "price").put("active", true).put("billing_scheme", "per_unit")
                .put("created", start).put("currency", "usd").put("livemode", false).putNull("lookup_key")
                .put("product", "prod_spoq").put("type", "recurring").put("unit_amount", yearly ? 15000 : 1500)
                .put("unit_amount_decimal", yearly ? "15000" : "1500");
        price.putObject("metadata");
        price.putObject("recurring").put("interval", yearly ? "year" : "month").put("interval_count", 1).put("usage_type", "licensed");
        return s;
    }

    private static ObjectNode metadata(Map<String, String> params) {
        ObjectNode metadata = Json.MAPPER.createObjectNode();
        params.forEach((key, value) -> {
            if (key.startsWith("metadata[") && key.endsWith("]")) {
                metadata.put(key.substring("metadata[".length(), key.length() - 1), value);
            }
        });
        return metadata;
    }

    private static ObjectNode error(String type, String message) {
        ObjectNode error = Json.MAPPER.createObjectNode();
        error.putObject("error").put("type", type).put("message", message);
        return error;
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isBlank()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + Unique.alnum(14));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void page(HttpExchange exchange, String title, String id) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
                + "<body><h1 id=\"stand-in-title\">" + title + "</h1><p id=\"stand-in-id\">" + id + "</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
