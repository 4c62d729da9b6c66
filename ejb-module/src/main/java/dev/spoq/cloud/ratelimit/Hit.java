package dev.spoq.cloud.ratelimit;

/** One count against one limit for one subject, e.g. ("api-per-address", "127.0.0.1"). */
public record Hit(Limit limit, String subject) {

    String bucket() {
        return limit.bucket(subject);
    }
}
