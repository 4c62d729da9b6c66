package dev.spoq.cloud.sshkey;

import dev.spoq.cloud.problem.ProblemKind;
import dev.spoq.cloud.problem.SpoqProblem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one adapter to ssh.id (Termius's key publishing service, sshid.io): {@code GET {base}/{code}} answers
 * with the user's public keys in authorized_keys format.
 * <p>
 * ssh.id is an outside service on the path of a user request, so everything about the call is bounded:
 * the whole call takes at most the timeout (even against a server that trickles bytes), the answer is at
 * most 64 KiB, and redirects are refused so that a compromised or misconfigured ssh.id cannot point us at
 * internal addresses.
 * <p>
 * Thread-safe. Holds an {@link HttpClient} (with its own selector thread), so create one and share it.
 */
public class SshIdClient {

    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(SshIdClient.class.getName());
    private static final String UNAVAILABLE = "sshid-unavailable";
    private static final String FALLBACK_HINT = "try again or paste your public key instead";

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param baseUrl e.g. {@code https://sshid.io}; the code is appended as one path segment
     * @param timeout bound for the whole call: connecting, waiting for the answer and reading it
     */
    public SshIdClient(String baseUrl, Duration timeout) {
        this.baseUrl = checkedBaseUrl(baseUrl);
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("ssh.id timeout must be positive, got " + timeout);
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * @return the answer for a valid, known code: authorized_keys text, to be given to {@link PublicKeyParser}
     * @throws SpoqProblem INVALID for a malformed code (no request is made), NOT_FOUND
     *                     ({@code sshid-code-unknown}) when ssh.id does not know the code, UPSTREAM_FAILED
     *                     ({@code sshid-unavailable}) for anything else that goes wrong; all on field sshid_code
     */
    public String fetchKeys(String code) {
        SshIdCode.requireValid(code);
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + code))
                .timeout(timeout)
                .header("Accept", "text/plain")
                .GET()
                .build();
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                // closing the unread body drops the connection: nothing of a failed answer is worth reading
                throw forStatus(status, code);
            }
            if (announcedLength(response) > MAX_ANSWER_BYTES) {
                throw tooLarge();
            }
            return new String(readAtMost(body, deadline), StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted();
            }
            LOG.log(Level.WARNING, "reading the ssh.id answer failed: {0}", e.toString());
            throw unavailable("ssh.id broke off its answer; " + FALLBACK_HINT);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            // the request timeout covers connecting and waiting for the status line and headers
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            LOG.log(Level.WARNING, "ssh.id did not answer within {0}", describe(timeout));
            throw timedOut();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "ssh.id could not be reached: {0}", e.toString());
            throw unavailable("ssh.id could not be reached; " + FALLBACK_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /**
     * A blocking read has no timeout of its own, so a watchdog closes the stream at the deadline; that
     * wakes the reading thread with an IOException which is then reported as a timeout.
     */
    private byte[] readAtMost(InputStream body, long deadline) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut();
        }
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            expired.set(true);
            closeQuietly(body);
        }, CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS));
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int n; (n = body.read(chunk)) != -1; ) {
                if (answer.size() + n > MAX_ANSWER_BYTES) {
                    throw tooLarge();
                }
                answer.write(chunk, 0, n);
            }
            if (expired.get()) {
                throw timedOut();
            }
            return answer.toByteArray();
        } catch (IOException e) {
            if (expired.get()) {
                LOG.log(Level.WARNING, "ssh.id did not finish its answer within {0}", describe(timeout));
                throw timedOut();
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private static long announcedLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length").orElse(0);
        } catch (NumberFormatException e) {
            return 0; // the read limit still applies
        }
    }

    private SpoqProblem forStatus(int status, String code) {
        if (status == 404) {
            return new SpoqProblem(ProblemKind.NOT_FOUND, "sshid-code-unknown", SshIdCode.FIELD,
                    "ssh.id does not know the code '" + code + "'. Check the code in Termius (Settings → SSH ID).");
        }
        LOG.log(Level.WARNING, "ssh.id answered HTTP {0}", status);
        if (status >= 300 && status < 400) {
            return unavailable("ssh.id answered with a redirect (HTTP " + status + "), which is not followed; "
                    + FALLBACK_HINT);
        }
        return unavailable("ssh.id answered with HTTP " + status + "; " + FALLBACK_HINT);
    }

    private SpoqProblem timedOut() {
        return unavailable("ssh.id did not answer within " + describe(timeout) + "; " + FALLBACK_HINT);
    }

    private static SpoqProblem tooLarge() {
        return unavailable("ssh.id sent an answer larger than " + MAX_ANSWER_BYTES / 1024
                + " KiB, which is not a list of public keys; paste your public key instead");
    }

    private static SpoqProblem interrupted() {
        return unavailable("fetching the keys from ssh.id was interrupted; " + FALLBACK_HINT);
    }

    private static SpoqProblem unavailable(String detail) {
        return new SpoqProblem(ProblemKind.UPSTREAM_FAILED, UNAVAILABLE, SshIdCode.FIELD, detail);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing only serves to wake the reader; the reader reports the timeout
        }
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    private static String checkedBaseUrl(String baseUrl) {
        if (baseUrl == null) {
            throw new IllegalArgumentException("ssh.id base URL is missing");
        }
        URI uri = URI.create(baseUrl.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("ssh.id base URL must be an http(s) URL without query, got " + baseUrl);
        }
        return uri.toString().replaceAll("/+$", "");
    }
}
