#!/usr/bin/env python3
"""Provisioning benchmark: claim → first successful SSH login, against the raw Swarm floor.

Each run does, one after the other:
  platform: register a user (unique email), then, timed from the start of the claim request:
            claim a subdomain, read the container's ssh_port (internal API), create a profile, add a
            device key (made by ssh-keygen), then `ssh … true` through the platform's SSH gateway
            (127.0.0.1:$SPOQ_GATEWAY_PORT, default 2222), as its users log in, typing the device's pairing
            code at the gateway's one-time prompt (askpass): the gateway holds a login to a computer that
            is still starting and lets it in once it runs (tried again after 1 s if it fails). BENCH_LOGIN=direct polls the computer's own port (ssh_port) instead.
  floor:    timed from the start of `docker service create` of the same image with the same limits
            (1 CPU, 2 GiB, 512 pids), restart policy, a named volume on /home, the networks of the
            platform's service and sshd published in host mode: wait for the task's container, put
            one account and its key in place with `docker exec -i … spoq-apply-accounts`, then the
            same ssh polling.
Each run removes what it made (the platform's computer through DELETE /internal/containers/{id},
then the service and volume are checked gone; the floor's service and volume directly).

Environment: SPOQ_URL (default http://127.0.0.1:9080), SPOQ_INTERNAL_TOKEN (default: the contents of
~/.spoq/internal-token), RUNS (default 10), BENCH_IMAGE (default: the image of the platform's first
service), BENCH_FLOOR_NETWORKS (default: the networks of the platform's service; comma-separated,
empty for none), BENCH_RUN_TIMEOUT seconds per measurement (default 120).
"""
import json
import os
import secrets
import shutil
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

URL = os.environ.get("SPOQ_URL", "http://127.0.0.1:9080").rstrip("/")
RUNS = int(os.environ.get("RUNS", "10"))
RUN_TIMEOUT = float(os.environ.get("BENCH_RUN_TIMEOUT", "120"))
DOCKER = "/usr/bin/docker" if os.path.exists("/usr/bin/docker") else (shutil.which("docker") or "docker")
SSH = "/usr/bin/ssh" if os.path.exists("/usr/bin/ssh") else (shutil.which("ssh") or "ssh")
SSH_KEYGEN = "/usr/bin/ssh-keygen" if os.path.exists("/usr/bin/ssh-keygen") else (shutil.which("ssh-keygen") or "ssh-keygen")
POLL = 0.1
GATEWAY_PORT = int(os.environ.get("SPOQ_GATEWAY_PORT", "2222"))
LOGIN = os.environ.get("BENCH_LOGIN", "gateway")
ALNUM = string.ascii_lowercase + string.digits


def internal_token():
    token = os.environ.get("SPOQ_INTERNAL_TOKEN")
    if token:
        return token.strip()
    path = os.path.expanduser("~/.spoq/internal-token")
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        sys.exit(f"bench: no SPOQ_INTERNAL_TOKEN and cannot read {path}")


TOKEN = internal_token()


def rand(n=10):
    return "".join(secrets.choice(ALNUM) for _ in range(n))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class BenchError(Exception):
    pass


def api(method, path, token=None, body=None, expect=(200,), timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(URL + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, text = resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        status, text = e.code, e.read().decode(errors="replace")
    if status not in expect:
        raise BenchError(f"{method} {path} → {status}: {text[:300]}")
    return json.loads(text) if text.strip() else {}


def run(*cmd, stdin_text=None, check=True, timeout=60):
    p = subprocess.run(cmd, input=stdin_text, capture_output=True, text=True, timeout=timeout,
                       stdin=None if stdin_text is not None else subprocess.DEVNULL)
    if check and p.returncode != 0:
        raise BenchError(f"{' '.join(cmd[:4])}… exited {p.returncode}: {(p.stderr or p.stdout).strip()[:300]}")
    return p


def new_key(directory):
    path = os.path.join(directory, "id_" + rand(6))
    run(SSH_KEYGEN, "-q", "-t", "ed25519", "-N", "", "-C", "bench@spoq", "-f", path)
    with open(path + ".pub") as f:
        return path, f.read().strip()


def ssh_ok(port, user, key, pairing_code=None):
    """One `ssh … true`; a pairing code, when given, answers the gateway's one-time prompt (askpass)."""
    prompts, env = [], None
    if pairing_code:
        askpass = os.path.join(os.path.dirname(key), "askpass-" + os.path.basename(key))
        if not os.path.exists(askpass):
            with open(askpass, "w") as f:
                f.write(f"#!/bin/sh\necho '{pairing_code}'\n")
            os.chmod(askpass, 0o700)
        prompts = ["-o", "BatchMode=no", "-o", "NumberOfPasswordPrompts=1"]
        env = dict(os.environ, SSH_ASKPASS=askpass, SSH_ASKPASS_REQUIRE="force", DISPLAY=":0")
    try:
        return subprocess.run(
            [SSH, "-F", "/dev/null", "-i", key, "-p", str(port), *prompts,
             "-o", "ConnectTimeout=1", "-o", "ConnectionAttempts=1", "-o", "BatchMode=yes",
             "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
             "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
             f"{user}@127.0.0.1", "true"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT, env=env,
        ).returncode == 0
    except subprocess.TimeoutExpired:
        return False


def wait_for_ssh(port, user, key, t0, what, pairing_code=None, poll=POLL):
    """Tries every `poll` seconds; returns the elapsed seconds since t0 at the first successful login."""
    while True:
        if ssh_ok(port, user, key, pairing_code):
            return time.monotonic() - t0
        if time.monotonic() - t0 > RUN_TIMEOUT:
            raise BenchError(f"{what}: no SSH login within {RUN_TIMEOUT:.0f} s")
        time.sleep(poll)


def exists(kind, name):
    return run(DOCKER, kind, "inspect", name, check=False).returncode == 0


def wait_gone(kind, name, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not exists(kind, name):
            return True
        time.sleep(0.5)
    return False


def remove_volume(volume, seconds=60):
    """Removes a volume once no container uses it any more (a removed service's container lingers a bit)."""
    deadline = time.monotonic() + seconds
    while exists("volume", volume):
        if run(DOCKER, "volume", "rm", volume, check=False).returncode == 0:
            return
        if time.monotonic() > deadline:
            log(f"bench: WARNING volume {volume} could not be removed; remove it by hand")
            return
        time.sleep(0.5)


# ---- platform -------------------------------------------------------------------------------------

STAGES = ["queue", "home disk", "service create", "task running", "accounts", "sshd answering", "marked running"]


def stages_of(user_id, claimed_at):
    """The platform's stages of this start (GET /internal/provisioning/timings): name → ms after the claim began."""
    try:
        timing = api("GET", f"/internal/provisioning/timings?user_id={user_id}", TOKEN)
    except (BenchError, OSError) as e:
        log(f"bench: no stage timings ({e}); is the platform older than the breakdown?")
        return {}
    return {stage["name"]: stage["ended_at_epoch_millis"] - claimed_at * 1000 for stage in timing.get("stages", [])}


def platform_run(keydir):
    """Returns (seconds, seconds spent in the four API calls, image and networks of the created service, stages)."""
    reg = api("POST", "/api/auth/register",
              body={"email": f"bench-{uuid.uuid4()}@example.com", "password": "Spoq-Bench-" + rand(16) + "!"},
              expect=(201,))
    user_token, user_id = reg["token"], reg["user_id"]
    sub, username = "b" + rand(), "b" + rand()
    key, pub = new_key(keydir)
    container_id = None
    try:
        t0 = time.monotonic()
        claimed_at = time.time()
        api("POST", "/api/setup/subdomain", user_token, {"subdomain": sub}, expect=(201,))
        state = api("GET", f"/internal/containers/by-user/{user_id}", TOKEN)
        container_id, port = state["container_id"], state["ssh_port"]
        profile = api("POST", "/api/setup/profile", user_token, {"username": username}, expect=(201,))
        device = api("POST", "/api/devices/add", user_token, {"profile_id": profile["profile_id"], "ssh_public_key": pub},
                     expect=(201,))
        api_seconds = time.monotonic() - t0
        if LOGIN == "direct":
            seconds = wait_for_ssh(port, username, key, t0, f"platform {sub}")
        else:
            # the first login through the gateway types the device's pairing code, as a user does once; the
            # gateway holds it while the computer starts, so one try is enough (again after a second if not: the
            # gateway allows 30 new connections a minute from one address)
            seconds = wait_for_ssh(GATEWAY_PORT, username, key, t0, f"platform {sub}", device.get("pairing_code"), poll=1.0)
        # the last stage ("marked running") may come after the first login: wait for it a moment
        deadline = time.monotonic() + 10
        stages = stages_of(user_id, claimed_at)
        while "marked running" not in stages and stages and time.monotonic() < deadline:
            time.sleep(0.1)
            stages = stages_of(user_id, claimed_at)
        stages["first login"] = seconds * 1000
        spec = json.loads(run(DOCKER, "service", "inspect", "--format", "{{json .Spec.TaskTemplate}}", f"spoq-{sub}").stdout)
        image = spec["ContainerSpec"]["Image"]
        networks = [n["Target"] for n in spec.get("Networks") or []]
        return seconds, api_seconds, image, networks, stages
    finally:
        cleanup_platform(sub, user_id, container_id)


def cleanup_platform(sub, user_id, container_id):
    try:
        if container_id is None:
            # the claim may have gone through even if reading the state did not
            state = api("GET", f"/internal/containers/by-user/{user_id}", TOKEN, expect=(200, 404))
            container_id = state.get("container_id")
        if container_id:
            api("DELETE", f"/internal/containers/{container_id}", TOKEN)
    except (BenchError, OSError) as e:
        log(f"bench: WARNING could not ask the platform to delete {sub}: {e}")
    service, volume = f"spoq-{sub}", f"spoq-home-{sub}"
    if not wait_gone("service", service, 60):
        log(f"bench: the platform did not remove {service} within 60 s; removing it")
        run(DOCKER, "service", "rm", service, check=False)
    # the platform removes the volume too, asynchronously; give it a moment, then do it ourselves
    if not wait_gone("volume", volume, 30):
        remove_volume(volume)


# ---- floor ----------------------------------------------------------------------------------------

def free_port():
    for _ in range(100):
        port = 40000 + secrets.randbelow(10000)
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))
                return port
            except OSError:
                continue
    raise BenchError("no free port found in 40000-49999")


def floor_run(keydir, image, networks):
    sub = "b" + rand()
    service, volume, user = f"benchfloor-{sub}", f"benchfloor-home-{sub}", "b" + rand()
    key, pub = new_key(keydir)
    port = free_port()
    accounts = f"user {user}\nkey {pub}\n"
    try:
        t0 = time.monotonic()
        run(DOCKER, "service", "create", "--detach", "--quiet", "--name", service, "--hostname", sub,
            "--limit-cpu", "1", "--limit-memory", "2g", "--limit-pids", "512",
            "--restart-condition", "any", "--restart-delay", "2s", "--stop-grace-period", "10s",
            "--publish", f"mode=host,target=22,published={port},protocol=tcp",
            "--mount", f"type=volume,source={volume},target=/home",
            *[arg for network in networks for arg in ("--network", network)],
            image)
        while True:  # the task's container, once it runs
            cid = run(DOCKER, "ps", "-q", "--filter", f"label=com.docker.swarm.service.name={service}",
                      "--filter", "status=running").stdout.split()
            if cid and run(DOCKER, "exec", "-i", cid[0], "/usr/local/sbin/spoq-apply-accounts",
                           stdin_text=accounts, check=False).returncode == 0:
                break
            if time.monotonic() - t0 > RUN_TIMEOUT:
                raise BenchError(f"floor {service}: no running container with the account within {RUN_TIMEOUT:.0f} s")
            time.sleep(0.05)
        return wait_for_ssh(port, user, key, t0, f"floor {service}")
    finally:
        run(DOCKER, "service", "rm", service, check=False)
        remove_volume(volume)


# ---- main -----------------------------------------------------------------------------------------

def p95(values):
    """Nearest-rank 95th percentile (with 10 runs: the slowest)."""
    ordered = sorted(values)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def main():
    try:
        api("GET", "/health/ready", timeout=5)
    except (BenchError, OSError) as e:
        sys.exit(f"bench: the platform at {URL} is not ready: {e}")
    image = os.environ.get("BENCH_IMAGE")
    # the floor joins the networks of the platform's service unless BENCH_FLOOR_NETWORKS says otherwise
    # (comma-separated names or ids; empty: none)
    networks = None
    if "BENCH_FLOOR_NETWORKS" in os.environ:
        networks = [n for n in os.environ["BENCH_FLOOR_NETWORKS"].split(",") if n]
    platform, api_calls, floor, stage_runs = [], [], [], []
    with tempfile.TemporaryDirectory(prefix="spoq-bench-") as keydir:
        os.chmod(keydir, 0o700)
        for i in range(1, RUNS + 1):
            seconds, api_seconds, platform_image, platform_networks, stages = platform_run(keydir)
            stage_runs.append(stages)
            platform.append(seconds * 1000)
            api_calls.append(api_seconds * 1000)
            image = image or platform_image
            if networks is None:
                networks = platform_networks
            floor.append(floor_run(keydir, image, networks) * 1000)
            log(f"run {i}/{RUNS}: platform {platform[-1]:.0f} ms, floor {floor[-1]:.0f} ms")

    how = "to the computer's own port" if LOGIN == "direct" else f"through the gateway on port {GATEWAY_PORT}"
    print(f"claim → first SSH login ({how}), "
          f"{RUNS} runs against {URL}; floor: docker service create → first SSH login to its port")
    names = [run(DOCKER, "network", "inspect", "--format", "{{.Name}}", n, check=False).stdout.strip() or n for n in networks or []]
    print(f"image: {image}; networks of both: {', '.join(names) or '(none given)'}")
    print("(api ms: the part of the platform time spent in claim, ssh_port look-up, profile and key calls)")
    print(f"{'run':>4}  {'platform ms':>12}  {'floor ms':>9}  {'api ms':>7}")
    for i, (p, f, a) in enumerate(zip(platform, floor, api_calls), 1):
        print(f"{i:>4}  {p:>12.0f}  {f:>9.0f}  {a:>7.0f}")
    p50p, p50f = statistics.median(platform), statistics.median(floor)
    print(f"{'p50':>4}  {p50p:>12.0f}  {p50f:>9.0f}  {statistics.median(api_calls):>7.0f}")
    print(f"{'p95':>4}  {p95(platform):>12.0f}  {p95(floor):>9.0f}  {p95(api_calls):>7.0f}")
    print_stages(stage_runs)
    ratio = p50p / p50f
    print(f"ratio p50 platform / p50 floor: {ratio:.2f} (goal ≤ 1.20: {'met' if ratio <= 1.2 else 'NOT met'}; "
          f"moonshot < 1.0: {'met' if ratio < 1.0 else 'not met'})")


def print_stages(stage_runs):
    """Per stage: when it ended (ms after the claim began) and how long it took after the stage before, p50 of the runs."""
    names = [n for n in STAGES + ["first login"] if any(n in r for r in stage_runs)]
    names += sorted({n for r in stage_runs for n in r} - set(names))
    if len(names) <= 1:
        print("stages: none reported by the platform")
        return
    print("where the platform's time goes, p50 of the runs (ms after the claim began; took: after the stage before)")
    print("  queue: claim → the command taken off the queue; home disk: the computer's disk made and mounted;")
    print("  service create: `docker service create`; task running: the engine runs its container; accounts: logins")
    print("  and host keys in place (docker exec, while sshd starts); sshd answering: its port answers SSH; marked running: status")
    print("  'running' committed; first login: the bench's first successful `ssh … true` (it may come earlier)")
    print(f"  {'stage':<16} {'ends at':>8} {'took':>7}   per run (ends at)")
    ordered = sorted(names, key=lambda n: statistics.median([r[n] for r in stage_runs if n in r]))
    previous = None
    for name in ordered:
        ends = [r[name] for r in stage_runs if name in r]
        tooks = [r[name] - (r[previous] if previous and previous in r else 0) for r in stage_runs if name in r]
        print(f"  {name:<16} {statistics.median(ends):>8.0f} {statistics.median(tooks):>7.0f}   "
              + " ".join(f"{e:.0f}" for e in ends))
        previous = name


if __name__ == "__main__":
    try:
        main()
    except BenchError as e:
        sys.exit(f"bench: {e}")
