package dev.spoq.cloud.device;

/** What to type into Termius (or ssh): host, port and user. */
public record ConnectionInfo(String host, int port, String user, String command) {

    public static ConnectionInfo of(String host, int port, String user) {
        String command = "ssh " + (port == 22 ? "" : "-p " + port + " ") + user + "@" + host;
        return new ConnectionInfo(host, port, user, command);
    }
}
