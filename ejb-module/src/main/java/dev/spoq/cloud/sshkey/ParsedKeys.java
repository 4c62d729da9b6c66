package dev.spoq.cloud.sshkey;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.HashMap;

/**
 * Outcome of parsing a pasted key text: what can be installed and what was refused.
 *
 * @param accepted      keys in line order, no two with the same fingerprint
 * @param rejected      refused lines in line order
 * @param acceptedLines the 1-based line each accepted key came from, by fingerprint; kept so that a later
 *                      refusal (key already used elsewhere) can still point the user at the right line
 */
public record ParsedKeys(List<SshPublicKey> accepted, List<RejectedKeyLine> rejected,
                         Map<String, Integer> acceptedLines) {

    public ParsedKeys {
        accepted = List.copyOf(accepted);
        rejected = List.copyOf(rejected);
        acceptedLines = Map.copyOf(acceptedLines);
    }

    public boolean hasAccepted() {
        return !accepted.isEmpty();
    }

    /** The line the given accepted key was read from. */
    public int lineOf(SshPublicKey key) {
        Integer line = acceptedLines.get(key.fingerprint());
        if (line == null) {
            throw new IllegalArgumentException("not an accepted key of this text: " + key);
        }
        return line;
    }

    /**
     * A copy in which the given accepted key is refused with the given reason, for checks the parser cannot
     * make itself (e.g. "key belongs to another account").
     */
    public ParsedKeys reject(SshPublicKey key, String reason) {
        int line = lineOf(key);
        List<SshPublicKey> stillAccepted = new ArrayList<>(accepted);
        stillAccepted.removeIf(k -> k.fingerprint().equals(key.fingerprint()));
        List<RejectedKeyLine> nowRejected = new ArrayList<>(rejected);
        nowRejected.add(new RejectedKeyLine(line, reason));
        nowRejected.sort(Comparator.comparingInt(RejectedKeyLine::line));
        Map<String, Integer> lines = new HashMap<>(acceptedLines);
        lines.remove(key.fingerprint());
        return new ParsedKeys(stillAccepted, nowRejected, lines);
    }
}
