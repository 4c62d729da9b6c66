package dev.spoq.cloud.gateway.relay;

import org.apache.sshd.common.channel.PtyMode;

import java.util.Map;

/** A client's pty-req, passed on unchanged to the container. */
record PtyRequest(String term, int columns, int rows, int widthPixels, int heightPixels, Map<PtyMode, Integer> modes) {
}
