#!/usr/bin/env python3
"""Exec overhead: `runbook exec` of N-step playbooks against the direct-call floor and ansible.

For each backend (shell `true`, postgres `select 1`, redis `PING`, http `GET /health`) it
writes an N-step and a 1-step playbook and runs, side by side in one run:

- `runbook exec` of both (best wall time of --repeat runs each), which gives the whole-run
  time and the cost of one more step: (T(N) - T(1)) / (N - 1);
- the same with the journal's state dir on tmpfs (/dev/shm), to show what fsync costs;
- `exec-floor` making the same N calls directly (best of --repeat): the in-process time
  per call, and the whole process's wall time (start-up and connect included); once with
  Swift Concurrency on NIO's event loops, as runbook runs (the ratio), and once on Swift's
  default executor (a plain loop, the ratio in parentheses);
- `ansible-playbook` (connection local) running the equivalent N-task and 1-task
  playbooks once each, when --ansible-bin is given.

Prints one line per backend and writes every figure as JSON to --json.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, threading, time
from urllib.parse import urlsplit

BACKENDS = ("shell", "postgres", "redis", "http")


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True, help="scratch folder (playbooks, state dir, keys)")
    p.add_argument("--runbook", required=True)
    p.add_argument("--floor", required=True, help="the exec-floor binary")
    p.add_argument("--postgres", required=True, help="postgres://user:password@host:port/db")
    p.add_argument("--redis", required=True, help="redis://:password@host:port/db")
    p.add_argument("--http", required=True, help="base URL of a server answering GET /health")
    p.add_argument("--ansible-bin", help="folder holding ansible-playbook (a virtualenv's bin)")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--repeat", type=int, default=40)
    p.add_argument("--json", help="write the figures here")
    return p.parse_args()


def run(command, env=None, timeout=600):
    """Runs a command; returns its wall time in seconds and its output, or exits with its
    stderr on failure.

    Output goes to a file, as in a CI log, not to a pipe: on a 2-core machine this script
    reading a pipe line by line took CPU from the command measured (25-50 µs per runbook step).
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        # A blocking wait sees the exit at once (wait(timeout) polls with growing sleeps).
        watchdog = threading.Timer(timeout, process.kill)
        watchdog.start()
        try:
            status = process.wait()
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    if status != 0:
        sys.exit(f"{' '.join(command[:3])} … failed with status {status}:\n{(stdout + stderr)[-2000:]}")
    return wall, stdout


# --- runbook playbooks and identity --------------------------------------------------------

STEP = {
    "shell": '    shell: { run: "true" }',
    "postgres": '    postgres: { target: db, query: "select 1" }',
    "redis": "    redis: { target: cache, command: [PING] }",
    "http": "    http: { target: app, path: /health }",
}
TARGET = {
    "shell": "",
    "postgres": 'env:\n  DATABASE_URL: { secret: true }\ntargets:\n  db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }\n',
    "redis": 'env:\n  REDIS_URL: { secret: true }\ntargets:\n  cache: { backend: redis, url: "${{ env.REDIS_URL }}" }\n',
    "http": 'env:\n  APP_URL: {}\ntargets:\n  app: { backend: http, url: "${{ env.APP_URL }}" }\n',
}


def runbook_playbook(backend, steps):
    head = (f"runbook: 1\nid: bench-{backend}-{steps}\ntitle: Exec benchmark, {steps} {backend} steps\n"
            "level: 1\nseverity: [P2]\nsummary: Measures the cost of a step around its backend call.\n"
            "authorization: { executor: on_call }\n")
    body = "".join(f"  - id: s{n}\n    title: Step {n}\n{STEP[backend]}\n" for n in range(1, steps + 1))
    return head + TARGET[backend] + "steps:\n" + body


def identity(runbook, work, policy_text):
    """The policy to write and the `--as`/`--key` arguments for exec.

    When `runbook keygen` exists, makes a key pair for a person `bench` holding `on_call` and
    adds them to the policy's `people:`; otherwise the policy is the repository's as it is.
    """
    commands = subprocess.run([runbook, "--help"], capture_output=True, text=True).stdout
    if not re.search(r"^\s+keygen\b", commands, re.M):
        return policy_text, ["--as", "bench"], "no `runbook keygen` yet: --as bench without a key"
    keys = os.path.join(work, "keys")
    shutil.rmtree(keys, ignore_errors=True)
    result = subprocess.run([runbook, "keygen", "bench", "--out", keys], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"runbook keygen failed: {result.stderr}")
    public = re.search(r"ed25519:[A-Za-z0-9+/=_-]+", result.stdout + result.stderr)
    private = [os.path.join(keys, f) for f in sorted(os.listdir(keys))] if os.path.isdir(keys) else []
    private = [f for f in private if os.path.isfile(f) and not f.endswith(".pub")]
    if not public or not private:
        sys.exit(f"cannot find the key runbook keygen made:\n{result.stdout}{result.stderr}")
    entry = f'  bench: {{ roles: [on_call], key: "{public.group(0)}" }}\n'
    if re.search(r"^people:\s*$", policy_text, re.M):
        policy_text = re.sub(r"^people:\s*\n", lambda m: m.group(0) + entry, policy_text, count=1, flags=re.M)
    elif re.search(r"^people:", policy_text, re.M):
        sys.exit("the policy's `people:` is not a block mapping; cannot add the benchmark's person to it")
    else:
        policy_text = policy_text.rstrip("\n") + "\n\npeople:\n" + entry
    arguments = ["--as", "bench"]
    exec_help = subprocess.run([runbook, "exec", "--help"], capture_output=True, text=True).stdout
    if "--key" in exec_help:
        arguments += ["--key", private[0]]
    return policy_text, arguments, f"key pair from `runbook keygen`; exec {' '.join(arguments)}"


# --- ansible playbooks ---------------------------------------------------------------------

def ansible_task(backend, n, pg, redis, http, collection):
    name = f"    - name: step {n}\n"
    if backend == "shell":
        return name + '      ansible.builtin.command: "true"\n'
    if backend == "postgres" and collection:
        return name + '      community.postgresql.postgresql_query: { query: "select 1" }\n'
    if backend == "postgres":
        return name + f'      ansible.builtin.command: psql -h {pg.hostname} -p {pg.port} -U {pg.username} -d {pg.path.lstrip("/")} -Atc "select 1"\n'
    if backend == "redis":
        return name + f"      ansible.builtin.command: redis-cli -h {redis.hostname} -p {redis.port} PING\n"
    return name + f"      ansible.builtin.uri: {{ url: \"{http.rstrip('/')}/health\" }}\n"


def ansible_playbook(backend, steps, pg, redis, http, collection):
    play = "- hosts: localhost\n  connection: local\n  gather_facts: false\n"
    if backend == "postgres" and not collection:
        play += f"  environment: {{ PGPASSWORD: \"{pg.password or ''}\" }}\n"
    if backend == "postgres" and collection:
        play += ("  module_defaults:\n    community.postgresql.postgresql_query:\n"
                 f"      login_host: {pg.hostname}\n      login_port: {pg.port}\n      login_user: {pg.username}\n"
                 f"      login_password: {pg.password}\n      login_db: {pg.path.lstrip('/')}\n")
    if backend == "redis":
        play += f"  environment: {{ REDISCLI_AUTH: \"{redis.password or ''}\" }}\n"
    return play + "  tasks:\n" + "".join(ansible_task(backend, n, pg, redis, http, collection) for n in range(1, steps + 1))


def has_postgresql_collection(bin_dir):
    result = subprocess.run([os.path.join(bin_dir, "ansible-doc"), "-t", "module", "community.postgresql.postgresql_query"],
                            capture_output=True, text=True)
    return result.returncode == 0


# --- measuring -------------------------------------------------------------------------------

def main():
    args = parse()
    args.ansible_bin = args.ansible_bin and os.path.abspath(args.ansible_bin)
    n = args.steps
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    repository = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(repository, "playbooks", "runbook.policy.yaml")) as f:
        policy, as_arguments, identity_note = identity(args.runbook, work, f.read())
    playbooks = os.path.join(work, "playbooks")
    os.makedirs(playbooks, exist_ok=True)
    with open(os.path.join(playbooks, "runbook.policy.yaml"), "w") as f:
        f.write(policy)
    for backend in BACKENDS:
        for steps in (1, n):
            with open(os.path.join(playbooks, f"{backend}-{steps}.yaml"), "w") as f:
                f.write(runbook_playbook(backend, steps))

    state = os.path.join(work, "state")
    env = dict(os.environ, DATABASE_URL=args.postgres, REDIS_URL=args.redis, APP_URL=args.http, RUNBOOK_STATE_DIR=state)
    # The same runs with the journal on tmpfs, where fsync costs nothing: what is left is the
    # engine's own per-step cost.
    tmpfs_state = tempfile.mkdtemp(prefix="runbook-bench-", dir="/dev/shm") if os.access("/dev/shm", os.W_OK) else None
    tmpfs_env = tmpfs_state and dict(env, RUNBOOK_STATE_DIR=tmpfs_state)
    floor_flags = {"shell": ["--shell"], "postgres": ["--postgres", args.postgres],
                   "redis": ["--redis", args.redis], "http": ["--http", args.http]}
    print(f"exec: {n}-step playbooks, best of {args.repeat}; identity: {identity_note}")

    results = {"steps": n, "repeat": args.repeat, "identity": identity_note, "backends": {}}
    for backend in BACKENDS:
        def exec_wall(steps, environment=env):
            return run([args.runbook, "exec", os.path.join(playbooks, f"{backend}-{steps}.yaml"), "--no-tty"]
                       + as_arguments, env=environment)[0]
        exec_wall(n)  # warm-up: page cache, first connections on the servers
        one, many, floor_wall, floor_calls, plain_calls, one_tmpfs, many_tmpfs = [], [], [], [], [], [], []
        for _ in range(args.repeat):
            many.append(exec_wall(n))
            one.append(exec_wall(1))
            wall, out = run([args.floor, "--count", str(n), "--nio-executor"] + floor_flags[backend])
            floor_wall.append(wall)
            floor_calls.append(json.loads(out)[backend]["calls_s"])
            plain_calls.append(json.loads(run([args.floor, "--count", str(n)] + floor_flags[backend])[1])[backend]["calls_s"])
            if tmpfs_env:
                many_tmpfs.append(exec_wall(n, tmpfs_env))
                one_tmpfs.append(exec_wall(1, tmpfs_env))
        t_n, t_1, f_wall, f_calls = min(many), min(one), min(floor_wall), min(floor_calls)
        per_step = (t_n - t_1) / (n - 1)
        per_call, plain_per_call = f_calls / n, min(plain_calls) / n
        row = {
            "runbook_wall_s": t_n, "runbook_1_step_wall_s": t_1, "runbook_per_step_ms": per_step * 1000,
            "floor_wall_s": f_wall, "floor_calls_s": f_calls, "floor_per_call_ms": per_call * 1000,
            "plain_floor_per_call_ms": plain_per_call * 1000,
            "overhead_per_step_ms": (per_step - per_call) * 1000,
            "per_step_ratio": per_step / per_call, "plain_per_step_ratio": per_step / plain_per_call,
            "whole_run_ratio": t_n / f_wall,
        }
        tmpfs_note = ""
        if tmpfs_env:
            row["tmpfs_journal_per_step_ms"] = (min(many_tmpfs) - min(one_tmpfs)) / (n - 1) * 1000
            tmpfs_note = f"  (journal on tmpfs: {row['tmpfs_journal_per_step_ms']:.3f} ms/step)"
        results["backends"][backend] = row
        print(f"exec {backend:8} runbook {t_n:.3f}s ({per_step * 1000:.3f} ms/step, 1 step {t_1:.3f}s)  "
              f"floor {f_calls:.3f}s in-process ({per_call * 1000:.3f} ms/call), {f_wall:.3f}s whole process  "
              f"per-step ratio {row['per_step_ratio']:.2f}x ({row['plain_per_step_ratio']:.2f}x to a plain loop "
              f"at {plain_per_call * 1000:.3f} ms/call)  overhead {row['overhead_per_step_ms']:.3f} ms/step  "
              f"whole-run ratio {row['whole_run_ratio']:.2f}x{tmpfs_note}", flush=True)

    if tmpfs_state:
        shutil.rmtree(tmpfs_state, ignore_errors=True)
    if args.ansible_bin:
        ansible(args, work, n, results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


def ansible(args, work, n, results):
    pg, redis = urlsplit(args.postgres), urlsplit(args.redis)
    folder = os.path.join(work, "ansible")
    os.makedirs(folder, exist_ok=True)
    collection = has_postgresql_collection(args.ansible_bin)
    venv_python = os.path.join(args.ansible_bin, "python3")
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="False",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="False", ANSIBLE_PIPELINING="True",
               ANSIBLE_HOME=os.path.join(folder, "home"), ANSIBLE_LOCAL_TEMP=os.path.join(folder, "tmp"),
               ANSIBLE_PYTHON_INTERPRETER=venv_python, ANSIBLE_RETRY_FILES_ENABLED="False")
    note = ("postgres via community.postgresql.postgresql_query (psycopg2)" if collection
            else "postgres via `command: psql` (community.postgresql not installed)")
    print(f"ansible-playbook {n}-task playbooks, connection local, pipelining on, one run each; {note}; "
          "redis via `command: redis-cli PING`; http via ansible.builtin.uri")
    results["ansible"] = {"note": note, "backends": {}}
    for backend in BACKENDS:
        walls = {}
        for steps in (1, n):
            path = os.path.join(folder, f"{backend}-{steps}.yml")
            with open(path, "w") as f:
                f.write(ansible_playbook(backend, steps, pg, redis, args.http, collection))
            walls[steps] = run([os.path.join(args.ansible_bin, "ansible-playbook"), "-i", "localhost,", path], env=env,
                               timeout=900)[0]
        rb = results["backends"][backend]
        per_task = (walls[n] - walls[1]) / (n - 1)
        row = {"ansible_wall_s": walls[n], "ansible_1_task_wall_s": walls[1], "ansible_per_task_ms": per_task * 1000,
               "whole_run_speedup": walls[n] / rb["runbook_wall_s"],
               "per_step_speedup": per_task * 1000 / rb["runbook_per_step_ms"]}
        results["ansible"]["backends"][backend] = row
        print(f"exec {backend:8} ansible-playbook {walls[n]:.2f}s ({per_task * 1000:.1f} ms/task, 1 task {walls[1]:.2f}s)  "
              f"runbook is {row['whole_run_speedup']:.1f}x faster over the run, "
              f"{row['per_step_speedup']:.1f}x per step", flush=True)


if __name__ == "__main__":
    main()
