package dev.spoq.cloud.web.pages;

/** How a user reaches their computer: the ssh:// link SSH apps (Termius) open, and the command line. */
final class Links {

    private Links() {
    }

    static String ssh(String login, String host, int port) {
        if (login == null || host == null) {
            return null;
        }
        return "ssh://" + login + "@" + host + (port == 22 ? "" : ":" + port);
    }

    static String sshCommand(String login, String host, int port) {
        if (login == null || host == null) {
            return null;
        }
        return "ssh " + (port == 22 ? "" : "-p " + port + " ") + login + "@" + host;
    }
}
