#!/usr/bin/env python3
"""Writes N realistic playbooks of about 200 lines each, plus the policy, into a folder.

    generate-corpus.py FOLDER COUNT            # COUNT playbooks of 191 lines
    generate-corpus.py FOLDER 1 --size BYTES   # one playbook of at least BYTES (more steps)
"""
import os

from corpus import grow, write


def playbook(n, size=0):
    lines = [
        "runbook: 1", f"id: generated-{n}", f"title: Generated playbook {n}", "level: 3",
        "severity: [P0, P1]", "summary: A generated playbook for the lint benchmark.",
        "authorization: { executor: tech_lead, approvals: [cto, incident_commander] }",
        "params:", "  tenant: { type: identifier, description: Tenant schema }",
        "  lines: { type: int, min: 1, max: 1000, default: 100 }",
        "env:", "  DATABASE_URL: { secret: true }", "  REDIS_URL: { secret: true }",
        "targets:", '  db: { backend: postgres, url: "${{ env.DATABASE_URL }}" }',
        '  cache: { backend: redis, url: "${{ env.REDIS_URL }}" }',
        '  app: { backend: http, url: "http://localhost:3000" }',
        "preconditions:", "  - name: database reachable", '    postgres: { target: db, query: "select 1" }',
        "steps:",
    ]
    return grow(lines, step, 180, size) + [
        "verify:", "  - name: ready", "    http: { target: app, path: /health/ready }", "    expect: { status: 200 }",
        "  - name: green", "    http: { target: app, path: /health/golive }",
        "    expect: { json: { path: overallHealth, equals: GREEN } }", "    hold: { for: 5m, every: 5s }"]


def step(n):
    lines = [f"  - id: step_{n}", f"    title: Step {n} of the generated playbook"]
    kind = n % 4
    if kind == 0:
        return lines + ["    postgres:", "      target: db",
                        "      query: select count(*) from ${{ ident(params.tenant) }}.user_sessions where is_active = $1",
                        '      args: ["true"]']
    if kind == 1:
        return lines + ["    shell:", "      run: |", '        echo "checking $TENANT"', "        df -h /",
                        '      env: { TENANT: "${{ params.tenant }}" }', "    timeout: 30s"]
    if kind == 2:
        return lines + ['    redis: { target: cache, command: [SET, "tenant:blocked:${{ params.tenant }}", "true", EX, 3600] }']
    return lines + ["    http: { target: app, path: /health/ready }", "    retry: { attempts: 3, interval: 2s }"]


folder = write(playbook, "yaml")
policy = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "playbooks", "runbook.policy.yaml")
with open(policy) as source, open(os.path.join(folder, "runbook.policy.yaml"), "w") as target:
    target.write(source.read())
