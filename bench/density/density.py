#!/usr/bin/env python3
"""Density: N idle computers on this node, then the same N asleep. See bench/README.md.

usage: density.py N BASE_URL INTERNAL_TOKEN GATEWAY_JAR
Prints node memory per idle computer (running and sleeping), the control plane's and the gateway's memory per
1000 users (linear extrapolation from N, see the README), and one reconciler pass's time.
"""
import concurrent.futures as futures
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

N = int(sys.argv[1])
BASE = sys.argv[2].rstrip("/")
TOKEN = sys.argv[3]
GATEWAY_JAR = sys.argv[4]
SETTLE = int(os.environ.get("SETTLE_SECONDS", "20"))
WAKE_RUNS = int(os.environ.get("WAKE_RUNS", "5"))
WORK = tempfile.mkdtemp(prefix="spoq-density-")
MiB = 1024 * 1024


def log(*words):
    print("[density]", *words, file=sys.stderr, flush=True)


def api(method, path, token=None, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
            return response.status, json.loads(text) if text else {}
    except urllib.error.HTTPError as e:
        text = e.read().decode()
        return e.code, json.loads(text) if text.startswith("{") else {"raw": text}


def ok(method, path, token=None, body=None, expect=(200, 201)):
    status, answer = api(method, path, token, body)
    if status not in expect:
        raise RuntimeError(f"{method} {path}: {status} {answer}")
    return answer


def meminfo():
    values = {}
    with open("/proc/meminfo") as f:
        for line in f:
            key, rest = line.split(":", 1)
            values[key] = int(rest.split()[0]) * 1024
    return values


def node_used():
    m = meminfo()
    return m["MemTotal"] - m["MemAvailable"]


def rss(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def heap_after_gc(pid):
    """jcmd GC.run, then the heap's used bytes (GC.heap_info)."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    time.sleep(1)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    match = re.search(r"total (\d+)K, used (\d+)K", out)
    return int(match.group(2)) * 1024 if match else -1


def listening_pid(port):
    out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    match = re.search(r"pid=(\d+)", out)
    return int(match.group(1)) if match else None


def shim_rss_total():
    out = subprocess.run(["ps", "-C", "containerd-shim-runc-v2", "-o", "rss="], capture_output=True, text=True).stdout
    values = [int(v) * 1024 for v in out.split()]
    return sum(values), len(values)


def attributable(services):
    """Per running computer: its cgroup's memory.current (all it makes the kernel hold, page cache included) and
    the PSS of its containerd shim. Unlike MemAvailable, other processes on a shared machine do not move it."""
    cgroups, shims = [], []
    for service in services:
        for cid in subprocess.run(["docker", "ps", "-q", "--no-trunc", "--filter", f"label=com.docker.swarm.service.name={service}"],
                                  capture_output=True, text=True).stdout.split():
            pid = subprocess.run(["docker", "inspect", "-f", "{{.State.Pid}}", cid], capture_output=True, text=True).stdout.strip()
            try:
                for line in open(f"/proc/{pid}/cgroup"):
                    _, controllers, path = line.strip().split(":", 2)
                    if controllers == "":  # cgroup v2
                        cgroups.append(int(open(f"/sys/fs/cgroup{path}/memory.current").read()))
                        break
                    if "memory" in controllers.split(","):  # cgroup v1
                        cgroups.append(int(open(f"/sys/fs/cgroup/memory{path}/memory.usage_in_bytes").read()))
                        break
                shim = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1]  # the container's parent: its shim
                for line in open(f"/proc/{shim}/smaps_rollup"):
                    if line.startswith("Pss:"):
                        shims.append(int(line.split()[1]) * 1024)
            except (OSError, ValueError):
                pass
    return cgroups, shims


def cgroup_memory(services):
    """Memory of each running task container, as `docker stats` reports it (its cgroup, less page cache)."""
    ids = []
    for service in services:
        out = subprocess.run(["docker", "ps", "-q", "--filter", f"label=com.docker.swarm.service.name={service}"],
                             capture_output=True, text=True).stdout.split()
        ids += out
    if not ids:
        return []
    out = subprocess.run(["docker", "stats", "--no-stream", "--format", "{{.MemUsage}}"] + ids,
                         capture_output=True, text=True, timeout=300).stdout
    units = {"B": 1, "KiB": 1024, "MiB": MiB, "GiB": 1024 * MiB}
    used = []
    for line in out.splitlines():
        match = re.match(r"([\d.]+)(\w+)", line.strip())
        if match:
            used.append(float(match.group(1)) * units.get(match.group(2), 1))
    return used


def sshd_greets(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as c:
            c.settimeout(1)
            return c.recv(4).startswith(b"SSH-")
    except OSError:
        return False


def reconcile_ms(times=3):
    passes = [ok("POST", "/internal/provisioning/reconcile", TOKEN)["millis"] for _ in range(times)]
    return statistics.median(passes)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class User:
    def __init__(self, i):
        self.i = i
        rand = secrets.token_hex(4)
        self.subdomain = f"dn{rand}{i:04d}"
        self.email = f"bench-density-{rand}-{i}@example.com"
        self.key = os.path.join(WORK, f"id_{i}")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", self.key], check=True)
        self.pub = open(self.key + ".pub").read().strip()
        self.token = self.user_id = self.container_id = self.code = None

    def create(self):
        answer = ok("POST", "/api/auth/register", body={"email": self.email, "password": "Bench-Density-" + secrets.token_hex(8)})
        self.token, self.user_id = answer["token"], answer["user_id"]
        ok("POST", "/api/setup/subdomain", self.token, {"subdomain": self.subdomain})
        profile = ok("POST", "/api/setup/profile", self.token, {"username": "bench"})["profile_id"]
        device = ok("POST", "/api/devices/add", self.token, {"profile_id": profile, "ssh_public_key": self.pub})
        self.code = device.get("pairing_code")
        return self

    def state(self):
        return ok("GET", f"/internal/containers/by-user/{self.user_id}", TOKEN)

    def ssh(self, port, extra, command, env=None, wait=True):
        args = ["ssh", "-F", "/dev/null", "-i", self.key, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "ConnectTimeout=20", "-p", str(port)] + extra + ["bench@127.0.0.1"] + ([command] if command else [])
        if wait:
            return subprocess.run(args, capture_output=True, text=True, timeout=120, env=env, stdin=subprocess.DEVNULL)
        return subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def await_all(users, status, timeout):
    deadline = time.time() + timeout
    waiting = list(users)
    while waiting and time.time() < deadline:
        waiting = [u for u in waiting if u.state().get("status") != status]
        if waiting:
            time.sleep(2)
    if waiting:
        raise RuntimeError(f"{len(waiting)} computers not {status} after {timeout} s, e.g. {waiting[0].subdomain}: {waiting[0].state()}")


def main():
    users, gateway, sessions = [], None, []
    control_plane = listening_pid(urllib.parse.urlparse(BASE).port or 80)
    if control_plane is None:
        raise SystemExit(f"no process of this machine listens on {BASE}: run it here (the bench reads its memory)")
    try:
        # ---- baseline ------------------------------------------------------------------------------
        base_node = node_used()
        base_shims, base_shim_count = shim_rss_total()
        base_cp_heap, base_cp_rss = heap_after_gc(control_plane), rss(control_plane)
        log(f"baseline: node used {base_node / MiB:.0f} MiB, control plane heap {base_cp_heap / MiB:.1f} MiB rss {base_cp_rss / MiB:.0f} MiB")

        # ---- N idle computers ----------------------------------------------------------------------
        started = time.time()
        users = [User(i) for i in range(N)]
        half = N // 2
        with futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(User.create, users[:half]))
        await_all(users[:half], "running", 120 + 10 * N)
        # the first half warms the control plane's code paths and caches; the second half's growth is the marginal cost
        half_cp_heap = heap_after_gc(control_plane)
        with futures.ThreadPoolExecutor(4) as pool:
            list(pool.map(User.create, users[half:]))
        log(f"{N} users claimed in {time.time() - started:.0f} s; waiting for their computers")
        await_all(users, "running", 120 + 10 * N)
        for u in users:
            u.container_id = u.state()["container_id"]
        log(f"all {N} running after {time.time() - started:.0f} s; settling {SETTLE} s")
        time.sleep(SETTLE)
        running_node = node_used()
        shims, shim_count = shim_rss_total()
        cgroups = cgroup_memory([f"spoq-{u.subdomain}" for u in users])
        own_cgroups, own_shims = attributable([f"spoq-{u.subdomain}" for u in users])
        running_cp_heap, running_cp_rss = heap_after_gc(control_plane), rss(control_plane)
        reconcile_running = reconcile_ms()

        # ---- the gateway with one idle session per user ---------------------------------------------
        gw_port, metrics_port = free_port(), free_port()
        gw_dir = os.path.join(WORK, "gateway")
        os.makedirs(gw_dir)
        gateway = subprocess.Popen(["java", f"-Dspoq.gateway.port={gw_port}", f"-Dspoq.gateway.metrics-port={metrics_port}",
                                    "-Dspoq.gateway.bind-address=127.0.0.1", f"-Dspoq.gateway.data-dir={gw_dir}",
                                    f"-Dspoq.gateway.upstream-public-key-file={gw_dir}/upstream_ed25519.pub",
                                    f"-Dspoq.control-plane.url={BASE}", f"-Dspoq.internal.token={TOKEN}",
                                    "-Dspoq.gateway.limits.connections-per-minute-per-address=100000",
                                    "-Dspoq.gateway.limits.max-unauthenticated-per-address=1000",
                                    "-jar", GATEWAY_JAR], stdout=open(os.path.join(WORK, "gateway.log"), "w"),
                                   stderr=subprocess.STDOUT)
        for _ in range(300):
            if os.path.exists(f"{gw_dir}/upstream_ed25519.pub") and listening_pid(gw_port):
                break
            time.sleep(0.2)
        upstream_key = open(f"{gw_dir}/upstream_ed25519.pub").read().strip()
        for u in users:  # what the platform does itself when started with this gateway's key file
            ok("POST", f"/internal/containers/{u.container_id}/add-key", TOKEN,
               {"username": "bench", "ssh_key": upstream_key, "name": "bench-gateway"})
        time.sleep(3)
        gw_heap0, gw_rss0 = heap_after_gc(gateway.pid), rss(gateway.pid)
        askpass = os.path.join(WORK, "askpass.sh")
        for n, u in enumerate(users):
            if n == half:  # the first half warms the gateway up; the second half's growth is the marginal cost
                time.sleep(3)
                gw_heap0, gw_rss0, gw_alive0 = heap_after_gc(gateway.pid), rss(gateway.pid), sum(1 for s in sessions if s.poll() is None)
            with open(askpass, "w") as f:
                f.write(f"#!/bin/sh\necho '{u.code}'\n")
            os.chmod(askpass, 0o700)
            env = dict(os.environ, SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force", DISPLAY=":0")
            for attempt in range(30):
                done = u.ssh(gw_port, ["-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1"], "true", env)
                if done.returncode == 0:
                    break
                time.sleep(1)
            else:
                raise RuntimeError(f"cannot log in to {u.subdomain} through the gateway: {done.stderr}")
            sessions.append(u.ssh(gw_port, ["-o", "BatchMode=yes", "-N"], None, wait=False))
        time.sleep(5)
        alive = sum(1 for s in sessions if s.poll() is None) - gw_alive0
        gw_heap1, gw_rss1 = heap_after_gc(gateway.pid), rss(gateway.pid)
        for s in sessions:
            s.terminate()
        for s in sessions:
            s.wait(timeout=30)
        sessions = []

        # ---- the same N asleep -------------------------------------------------------------------
        asleep_from = time.time()
        for u in users:
            ok("PUT", f"/internal/containers/{u.container_id}/sleep-after", TOKEN, {"after_seconds": 1})
        await_all(users, "sleeping", 300)
        for _ in range(60):  # their tasks stop asynchronously
            if shim_rss_total()[1] <= base_shim_count:
                break
            time.sleep(1)
        log(f"all {N} asleep {time.time() - asleep_from:.0f} s after their idle time was set to 1 s; settling {SETTLE} s")
        time.sleep(SETTLE)
        sleeping_node = node_used()
        sleeping_cp_heap, sleeping_cp_rss = heap_after_gc(control_plane), rss(control_plane)
        reconcile_sleeping = reconcile_ms()

        # ---- wake: a sleeping computer's first ssh vs the engine's floor ------------------------------
        runs = min(WAKE_RUNS, N // 2)
        platform, floor = [], []
        for u in users[:runs]:  # the first ssh through the gateway: login accepted, wakes it, runs `true`
            t = time.time()
            done = u.ssh(gw_port, ["-o", "BatchMode=yes"], "true")
            if done.returncode == 0:
                platform.append(time.time() - t)
            else:
                log(f"wake of {u.subdomain} failed: {done.stderr.strip()}")
        for u in users[runs:2 * runs]:  # the floor: `docker service scale` of a sleeping one until its sshd greets
            port = u.state()["ssh_port"]
            t = time.time()
            subprocess.run(["docker", "service", "scale", "--detach", f"spoq-{u.subdomain}=1"], capture_output=True)
            while time.time() - t < 120 and not sshd_greets(port):
                time.sleep(0.02)
            floor.append(time.time() - t)
            subprocess.run(["docker", "service", "scale", "--detach", f"spoq-{u.subdomain}=0"], capture_output=True)

        # ---- figures -----------------------------------------------------------------------------
        per = lambda total: total / N / MiB
        per1000 = lambda total: total / N * 1000 / MiB
        print(f"\nDensity with N = {N} computers (1 CPU, 2 GiB limit each; this node: {meminfo()['MemTotal'] / 2**30:.1f} GiB, {os.cpu_count()} CPUs)")
        print(f"{'':<44}{'running, idle':>16}{'sleeping':>12}")
        own = (sum(own_cgroups) + sum(own_shims)) / max(1, len(own_cgroups))
        print(f"{'node memory per computer, its own':<44}{own / MiB:>13.1f} MiB{0:>9.1f} MiB")
        print(f"{'  its cgroup (memory.current)':<44}{statistics.mean(own_cgroups) / MiB if own_cgroups else 0:>13.1f} MiB")
        print(f"{'  its engine shim (PSS)':<44}{statistics.mean(own_shims) / MiB if own_shims else 0:>13.1f} MiB")
        print(f"{'node-wide MemAvailable drop / N (noisy)':<44}{per(running_node - base_node):>13.1f} MiB{per(sleeping_node - base_node):>9.1f} MiB")
        if cgroups:
            print(f"{'  docker stats (cgroup less page cache)':<44}{statistics.mean(cgroups) / MiB:>13.1f} MiB{0:>9.1f} MiB")
        print(f"{'  containerd-shim RSS growth / new shims':<44}{(shims - base_shims) / max(1, shim_count - base_shim_count) / MiB:>13.1f} MiB{0:>9.1f} MiB")
        marginal = (running_cp_heap - half_cp_heap) / max(1, N - half) * 1000 / MiB
        print(f"{'control plane heap after GC, per 1000 users':<44}{marginal:>13.1f} MiB{'':>12}   (2nd half's growth)")
        print(f"{'  all N against the cold baseline, per 1000':<44}{per1000(running_cp_heap - base_cp_heap):>13.1f} MiB{per1000(sleeping_cp_heap - base_cp_heap):>9.1f} MiB")
        print(f"{'control plane RSS, per 1000 users':<44}{per1000(running_cp_rss - base_cp_rss):>13.1f} MiB{per1000(sleeping_cp_rss - base_cp_rss):>9.1f} MiB")
        print(f"{'gateway heap after GC, per 1000 idle sessions':<44}{(gw_heap1 - gw_heap0) / max(1, alive) * 1000 / MiB:>13.1f} MiB{'':>12}")
        print(f"{'gateway RSS, per 1000 idle sessions':<44}{(gw_rss1 - gw_rss0) / max(1, alive) * 1000 / MiB:>13.1f} MiB{'':>12}"
              f"   ({alive} sessions held)")
        print(f"{'one reconciler pass (median of 3)':<44}{reconcile_running:>13.0f} ms {reconcile_sleeping:>8.0f} ms")
        print(f"{'  per 1000 computers (linear)':<44}{reconcile_running / N * 1000:>13.0f} ms {reconcile_sleeping / N * 1000:>8.0f} ms")
        if platform and floor:
            p50, f50 = statistics.median(platform), statistics.median(floor)
            print(f"\nwake, sleeping -> `ssh ... true` done through the gateway: p50 {p50 * 1000:.0f} ms (runs: "
                  + ", ".join(f"{x * 1000:.0f}" for x in platform) + ")")
            print(f"floor, `docker service scale ...=1` -> its sshd greets: p50 {f50 * 1000:.0f} ms (runs: "
                  + ", ".join(f"{x * 1000:.0f}" for x in floor) + ")")
            print(f"ratio p50 wake / p50 floor: {p50 / f50:.2f} (goal <= 1.5)")
        idle = own
        print(f"\nidle computers per 24 GiB node (80% of it for computers): {0.8 * 24 * 2**30 / idle:.0f} running"
              f" (goal >= 1000); seed: 10 users per $40 server")
    finally:
        for s in sessions:
            s.kill()
        if gateway:
            gateway.terminate()
            try:
                gateway.wait(timeout=20)
            except subprocess.TimeoutExpired:
                gateway.kill()
        log("removing the bench's computers")
        for u in users:
            if u.user_id and not u.container_id:
                try:
                    u.container_id = u.state().get("container_id")
                except Exception:
                    pass
            if u.container_id:
                api("DELETE", f"/internal/containers/{u.container_id}", TOKEN)
        deadline = time.time() + 120 + 2 * len(users)
        for u in users:
            while time.time() < deadline and subprocess.run(["docker", "service", "inspect", f"spoq-{u.subdomain}"],
                                                             capture_output=True).returncode == 0:
                time.sleep(1)
        shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    main()
