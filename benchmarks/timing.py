"""Shared by the benchmark scripts: run a command, time it, cap it.

`measure` runs a command (its own session, output discarded) and returns wall seconds,
CPU seconds (user + sys of it and the children it waited for, from wait4) and its peak
resident memory in KiB. The peak comes from GNU time (`/usr/bin/time -f %M`) wrapped
around the command: a child forked from this Python process would otherwise report
Python's own resident size, which survives exec. With `cap` seconds, a run that takes
longer is killed with its whole process group and reported as capped; its peak memory and
CPU are then the largest VmHWM and the CPU seen in the group at the last look (every 0.25 s).
"""
import os, signal, subprocess, sys, tempfile, time
from dataclasses import dataclass

GNU_TIME = "/usr/bin/time"


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_kib: int
    capped: bool = False
    status: int = 0


def group_usage(group):
    """Largest VmHWM (KiB) and CPU seconds (user + sys, reaped children included) of a process group's live members."""
    peak, ticks = 0, 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            if int(fields[2]) != group:
                continue
            # utime, stime, and cutime, cstime: the children it has already reaped.
            ticks += sum(int(field) for field in fields[11:15])
            with open(f"/proc/{entry}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except (OSError, IndexError, ValueError):
            continue
    return peak, ticks / os.sysconf("SC_CLK_TCK")


def measure(command, cwd=None, env=None, cap=None, ok=(0, 1), peak=True):
    """Runs `command` once; `peak=False` skips GNU time (for start-up figures, where its fork counts)."""
    errors = tempfile.TemporaryFile()
    with tempfile.NamedTemporaryFile(prefix="runbook-bench-rss-") as rss_file:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss_file.name] + list(command) if peak and os.access(GNU_TIME, os.X_OK) else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors,
                                   start_new_session=True)
        capped = False
        seen_peak, seen_cpu = 0, 0.0
        last_look = start
        while True:
            # Without a cap, a blocking wait sees the exit at once (polling would round start-up
            # times to the 2 ms sleep).
            pid, status, usage = os.wait4(process.pid, os.WNOHANG if cap is not None else 0)
            if pid:
                break
            now = time.perf_counter()
            if cap is not None and now - last_look > 0.25:
                peak_now, seen_cpu = group_usage(process.pid)
                seen_peak = max(seen_peak, peak_now)
                last_look = now
            if cap is not None and now - start > cap:
                os.killpg(process.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(process.pid, 0)
                capped = True
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        rss_text = rss_file.read().decode().strip().splitlines()
    errors.seek(0)
    stderr = errors.read().decode(errors="replace")
    errors.close()
    if not capped and process.returncode not in ok:
        sys.exit(f"{' '.join(command[:4])} … failed with status {process.returncode}: {stderr[-1500:]}")
    # GNU time writes "Command exited with non-zero status N" before the figure when N != 0.
    rss = int(rss_text[-1]) if rss_text and rss_text[-1].isdigit() else max(seen_peak, usage.ru_maxrss)
    # A capped run's killed children are never reaped by GNU time: their CPU is the last look.
    cpu = max(seen_cpu, usage.ru_utime + usage.ru_stime) if capped else usage.ru_utime + usage.ru_stime
    return Sample(wall, cpu, rss, capped, process.returncode)


def best(samples):
    """The best of several runs: least CPU, least wall, largest peak memory seen."""
    return Sample(min(s.wall for s in samples), min(s.cpu for s in samples), max(s.rss_kib for s in samples),
                  any(s.capped for s in samples))


def repeat(times, command, **options):
    return best([measure(command, **options) for _ in range(times)])


def mib(kib):
    return f"{kib / 1024:.0f} MiB"
