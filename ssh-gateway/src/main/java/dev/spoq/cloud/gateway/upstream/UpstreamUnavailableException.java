package dev.spoq.cloud.gateway.upstream;

import java.io.IOException;

/** The user's computer cannot be reached for this session; the message is written for the user. */
public class UpstreamUnavailableException extends IOException {
    public UpstreamUnavailableException(String userMessage) {
        super(userMessage);
    }

    /** Text for the user's terminal (CRLF line ends, plain ASCII). */
    public String userMessage() {
        return getMessage();
    }
}
