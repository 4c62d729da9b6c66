package dev.spoq.cloud.terminal;

/** An open shell on the user's computer, as the browser drives it. */
public interface TerminalLink extends AutoCloseable {

    /** What the user typed or pasted. */
    void type(byte[] input);

    /** The browser's terminal changed size (columns, rows): the shell gets a window change, as from an SSH app. */
    void resize(int columns, int rows);

    @Override
    void close();
}
