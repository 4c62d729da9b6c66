package dev.spoq.cloud.it.support;

/** The network tests' one TCP probe, a python3 script run wherever the probe must start (host, namespace, computer). */
public final class TcpProbe {

    /** TCP connect with a 2 s timeout; prints connected + the first bytes, timeout, refused, or error. */
    public static final String SCRIPT = """
            import socket, sys
            s = socket.socket(socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET)
            s.settimeout(2)
            try:
                s.connect((sys.argv[1], int(sys.argv[2])))
                try:
                    banner = s.recv(64).decode('ascii', 'replace').strip()
                except Exception:
                    banner = ''
                print('connected ' + banner)
            except socket.timeout:
                print('timeout')
            except ConnectionRefusedError:
                print('refused')
            except OSError as e:
                print('error ' + str(e))
            """;

    private TcpProbe() {
    }
}
