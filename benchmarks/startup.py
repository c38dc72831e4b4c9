#!/usr/bin/env python3
"""Start-up: wall time of `runbook --help` and of `runbook lint` on one small file, against
yamllint on the same file and ansible-lint on its Ansible twin. Best and median of --repeat
runs after one warm-up run each (peers: fewer runs, they are slow)."""
import argparse, json, os, statistics, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import measure  # noqa: E402

SMALL = """runbook: 1
id: small
title: A small playbook
level: 1
severity: [P2]
summary: Start-up benchmark.
authorization: { executor: on_call }
env:
  REDIS_URL: { secret: true }
targets:
  cache: { backend: redis, url: "${{ env.REDIS_URL }}" }
  app: { backend: http, url: "http://localhost:3000" }
steps:
  - id: ping
    title: Redis answers
    redis: { target: cache, command: [PING] }
  - id: ready
    title: Ready
    http: { target: app, path: /health/ready }
verify:
  - name: healthy
    http: { target: app, path: /health }
    expect: { status: 200 }
"""

SMALL_ANSIBLE = """---
- name: A small playbook
  hosts: localhost
  connection: local
  gather_facts: false
  tasks:
    - name: Redis answers
      ansible.builtin.command: redis-cli PING
      changed_when: false
    - name: Ready
      ansible.builtin.uri: { url: "http://localhost:3000/health/ready" }
    - name: Healthy
      ansible.builtin.uri: { url: "http://localhost:3000/health", status_code: 200 }
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--runbook", required=True)
    p.add_argument("--peers-bin")
    p.add_argument("--repeat", type=int, default=20)
    p.add_argument("--json")
    args = p.parse_args()
    args.runbook = os.path.abspath(args.runbook)
    args.peers_bin = args.peers_bin and os.path.abspath(args.peers_bin)
    folder = os.path.join(os.path.abspath(args.work), "startup")
    os.makedirs(folder, exist_ok=True)
    repository = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(repository, "playbooks", "runbook.policy.yaml")) as source, \
            open(os.path.join(folder, "runbook.policy.yaml"), "w") as target:
        target.write(source.read())
    small = os.path.join(folder, "small.yaml")
    twin = os.path.join(folder, "small.yml")
    with open(small, "w") as f:
        f.write(SMALL)
    with open(twin, "w") as f:
        f.write(SMALL_ANSIBLE)
    env = dict(os.environ, NO_COLOR="1")
    if args.peers_bin:
        env["PATH"] = args.peers_bin + os.pathsep + env["PATH"]

    cases = [("runbook --help", [args.runbook, "--help"], args.repeat, (0,)),
             ("runbook lint small.yaml", [args.runbook, "lint", small], args.repeat, (0,))]
    if args.peers_bin:
        cases += [("yamllint small.yaml", ["yamllint", small], max(3, args.repeat // 2), (0, 1)),
                  ("ansible-lint small.yml", ["ansible-lint", "--offline", "--nocolor", "-q", twin], 3, (0, 2))]
    results = {}
    for label, command, times, ok in cases:
        measure(command, cwd=folder, env=env, ok=ok, peak=False)  # warm-up
        walls = [measure(command, cwd=folder, env=env, ok=ok, peak=False).wall for _ in range(times)]
        results[label] = {"best_s": min(walls), "median_s": statistics.median(walls), "runs": times}
        print(f"start-up {label:24} best {min(walls) * 1000:7.1f} ms  median {statistics.median(walls) * 1000:7.1f} ms"
              f"  ({times} runs)", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
