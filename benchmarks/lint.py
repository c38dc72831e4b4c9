#!/usr/bin/env python3
"""Lint against the floor and the peers, side by side in one run.

For each corpus (1 playbook of 191 lines; 1,000 of them; one 20 MB playbook) it measures:

- the floor: a bare libyaml event parse of the same files (yaml-floor.c);
- `runbook lint --no-shellcheck --quiet`;
- `yamllint` (default configuration) on the same YAML;
- `ansible-lint --offline` on the equivalent Ansible playbooks (generate-ansible.py); on
  the 1,000-playbook corpus on the first 100 only (it takes most of a second each), with
  runbook measured again on the same 100.

CPU is user + sys of the process and its children; wall and peak memory alongside. The
floor and runbook run --repeat times (best kept) except where one run takes long; peers
run as often on the small corpus and once on the large ones, killed at --cap seconds (a
capped figure is a lower bound, printed with ">").
"""
import argparse, json, os, shutil, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from timing import mib, repeat  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--runbook", required=True)
    p.add_argument("--floor", required=True, help="the yaml-floor binary")
    p.add_argument("--peers-bin", help="folder holding yamllint and ansible-lint (a virtualenv's bin)")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--cap", type=float, default=150, help="seconds a peer may take on a large corpus")
    p.add_argument("--ansible-lint-files", type=int, default=100, help="how many playbooks ansible-lint gets at most")
    p.add_argument("--big", type=int, default=20_000_000, help="bytes of the single-file corpus")
    p.add_argument("--json")
    return p.parse_args()


def generate(script, folder, count, size=0):
    command = [sys.executable, os.path.join(HERE, script), folder, str(count)] + (["--size", str(size)] if size else [])
    subprocess.run(command, check=True)


def show(sample):
    mark = ">" if sample.capped else ""
    return f"{mark}{sample.cpu:.3f}s CPU {mark}{sample.wall:.3f}s wall {mib(sample.rss_kib)}"


def ratio(a, b):
    """a / b, marked as a lower bound when a was capped."""
    return (">" if a.capped else "") + f"{a.cpu / max(b.cpu, 0.001):.1f}x"


def main():
    args = parse()
    args.peers_bin = args.peers_bin and os.path.abspath(args.peers_bin)
    work = os.path.abspath(args.work)
    corpora = [("1 playbook", 1, 0), ("1,000 playbooks", 1000, 0), (f"1 file of {args.big / 1e6:.0f} MB", 1, args.big)]
    peer_env = dict(os.environ, NO_COLOR="1", ANSIBLE_NOCOLOR="1", ANSIBLE_HOME=os.path.join(work, "ansible-home"))
    if args.peers_bin:
        peer_env["PATH"] = args.peers_bin + os.pathsep + peer_env.get("PATH", "")
    results = []
    for label, count, size in corpora:
        folder = os.path.join(work, f"lint-{count}-{size}")
        ansible = os.path.join(work, f"ansible-{count}-{size}")
        generate("generate-corpus.py", folder, count, size)
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.startswith("p"))
        lines = sum(sum(1 for _ in open(f)) for f in files)
        megabytes = sum(os.path.getsize(f) for f in files) / 1e6
        big = size > 0 or count > 1
        slow = size > 0  # runbook lint of one big file takes long enough for one run to do
        row = {"corpus": label, "files": count, "lines": lines, "megabytes": megabytes}
        floor = repeat(args.repeat, [args.floor] + files)
        runbook = repeat(1 if slow else args.repeat, [args.runbook, "lint", "--no-shellcheck", "--quiet", folder])
        row["floor"], row["runbook"] = vars(floor), vars(runbook)
        print(f"lint {label} ({lines} lines, {megabytes:.1f} MB): runbook {show(runbook)} | "
              f"libyaml floor {show(floor)} | runbook/floor {ratio(runbook, floor)}", flush=True)
        if args.peers_bin:
            times = 1 if big else args.repeat
            cap = args.cap if big else None
            yamllint = repeat(times, ["yamllint", folder], env=peer_env, cap=cap)
            row["yamllint"] = vars(yamllint)
            # ansible-lint takes most of a second a playbook: on many, it gets the first
            # --ansible-lint-files of them, and runbook is measured again on the same ones.
            subset = min(count, args.ansible_lint_files)
            against, label_subset = runbook, ""
            if subset < count:
                first = os.path.join(work, f"lint-first-{subset}")
                os.makedirs(first, exist_ok=True)
                for name in ["runbook.policy.yaml"] + [os.path.basename(f) for f in files[:subset]]:
                    shutil.copyfile(os.path.join(folder, name), os.path.join(first, name))
                against = repeat(args.repeat, [args.runbook, "lint", "--no-shellcheck", "--quiet", first])
                row["runbook_first"] = vars(against)
                label_subset = f" on the first {subset} (runbook on them: {show(against)})"
            generate("generate-ansible.py", ansible, subset, size)
            ansible_lint = repeat(1 if big else args.repeat, ["ansible-lint", "--offline", "--nocolor", "-q", "."],
                                  cwd=ansible, env=peer_env, cap=cap, ok=(0, 2))
            row["ansible_lint"], row["ansible_lint_files"] = vars(ansible_lint), subset
            print(f"     yamllint {show(yamllint)} ({ratio(yamllint, runbook)} runbook) | "
                  f"ansible-lint{label_subset} {show(ansible_lint)} ({ratio(ansible_lint, against)} runbook)", flush=True)
        results.append(row)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
