package dev.spoq.cloud.web.https;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Applies {@link PublicUrl}: at start, the session cookie becomes {@code Secure} for an HTTPS site (web.xml
 * keeps HttpOnly and SameSite=Lax); on every answer, pages and API alike, HSTS for an HTTPS site.
 */
public final class TransportSecurity {

    private TransportSecurity() {
    }

    @WebListener
    public static class SecureSessionCookie implements ServletContextListener {

        @Override
        public void contextInitialized(ServletContextEvent event) {
            // allowed only while the context starts; a web.xml <secure> could not follow the configuration
            event.getServletContext().getSessionCookieConfig().setSecure(PublicUrl.configured().isHttps());
        }
    }

    @WebFilter(filterName = "StrictTransportSecurity", urlPatterns = "/*")
    public static class StrictTransportSecurity extends HttpFilter {

        private transient PublicUrl site;

        @Override
        public void init() {
            site = PublicUrl.configured();
        }

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            site.strictTransportSecurity().ifPresent(value -> response.setHeader("Strict-Transport-Security", value));
            chain.doFilter(request, response);
        }
    }
}
