package dev.spoq.cloud.gateway.relay;

/** A terminal size from pty-req or window-change. */
record WindowSize(int columns, int rows, int widthPixels, int heightPixels) {
}
