package dev.spoq.cloud.terminal;

/** Where a terminal's output goes (the browser's WebSocket), and how it learns that the shell is over. */
public interface TerminalOutput {

    /** Bytes the shell wrote, as they came (UTF-8 text and escape sequences; the browser's xterm.js decodes them). */
    void write(byte[] bytes);

    /** The shell is over: it exited, the gateway cut it (a removed profile, a suspended computer) or the link broke. */
    void ended(String why);
}
