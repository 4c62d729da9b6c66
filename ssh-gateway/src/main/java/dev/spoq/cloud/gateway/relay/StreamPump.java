package dev.spoq.cloud.gateway.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Copies one direction of a relayed channel on its own thread. MINA's channel streams do the SSH flow
 * control: reading a piped channel stream releases window to its sender, and writing a channel output
 * stream waits for the receiver's window. So a slow reader slows its writer and nothing buffers without
 * bound, and MINA's I/O threads never block.
 */
final class StreamPump {
    private static final Logger LOG = Logger.getLogger(StreamPump.class.getName());
    /** What an interactive channel reads with: one SSH packet of the usual 32 KB. */
    private static final int BUFFER_SIZE = 32 * 1024;
    /**
     * What a bulk transfer grows to. MINA's piped channel stream moves all it still holds to the front of its buffer
     * after a read that took more than a packet, so a reader that takes less than what is buffered pays a copy of up to
     * the whole window per read (56 % of the gateway's CPU in bench/gateway); a read that can take half the window
     * leaves little behind.
     */
    private static final int BULK_BUFFER_SIZE = 1024 * 1024;

    private StreamPump() {
    }

    /**
     * Starts copying until {@code from} ends or fails.
     *
     * @param closeTarget close {@code to} at the end (for a channel stream: send EOF)
     * @return completes when the copy has ended, normally or not
     */
    static CompletableFuture<Void> start(ExecutorService executor, String name, InputStream from, OutputStream to,
            boolean closeTarget, LongConsumer counted) {
        return CompletableFuture.runAsync(() -> copy(name, from, to, closeTarget, counted), executor);
    }

    private static void copy(String name, InputStream from, OutputStream to, boolean closeTarget, LongConsumer counted) {
        byte[] buffer = new byte[BUFFER_SIZE];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                if (n == buffer.length && buffer.length < BULK_BUFFER_SIZE) {
                    // a full read: more is waiting, this is a bulk transfer
                    to.write(buffer, 0, n);
                    to.flush();
                    counted.accept(n);
                    buffer = new byte[BULK_BUFFER_SIZE];
                    continue;
                }
                if (n > 0) {
                    to.write(buffer, 0, n);
                    to.flush(); // interactive traffic must not wait for a full packet
                    counted.accept(n);
                }
            }
        } catch (IOException e) {
            // one side went away; the channel's close handling ends the rest
            LOG.fine(() -> name + " ended: " + e);
        } finally {
            if (closeTarget) {
                try {
                    to.close();
                } catch (IOException e) {
                    LOG.fine(() -> name + " could not close its target: " + e);
                }
            }
        }
    }
}
