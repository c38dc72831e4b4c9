#!/usr/bin/env python3
"""Writes N realistic playbooks of about 200 lines each, plus the policy, into a folder."""
import os, sys

def playbook(n):
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
    step = 0
    while len(lines) < 180:
        step += 1
        kind = step % 4
        lines += [f"  - id: step_{step}", f"    title: Step {step} of the generated playbook"]
        if kind == 0:
            lines += ["    postgres:", "      target: db",
                      "      query: select count(*) from ${{ ident(params.tenant) }}.user_sessions where is_active = $1",
                      '      args: ["true"]']
        elif kind == 1:
            lines += ["    shell:", "      run: |", '        echo "checking $TENANT"', "        df -h /",
                      '      env: { TENANT: "${{ params.tenant }}" }', "    timeout: 30s"]
        elif kind == 2:
            lines += ['    redis: { target: cache, command: [SET, "tenant:blocked:${{ params.tenant }}", "true", EX, 3600] }']
        else:
            lines += ["    http: { target: app, path: /health/ready }", "    retry: { attempts: 3, interval: 2s }"]
    lines += ["verify:", "  - name: ready", "    http: { target: app, path: /health/ready }", "    expect: { status: 200 }",
              "  - name: green", "    http: { target: app, path: /health/golive }",
              "    expect: { json: { path: overallHealth, equals: GREEN } }", "    hold: { for: 5m, every: 5s }"]
    return "\n".join(lines) + "\n"

folder, count = sys.argv[1], int(sys.argv[2])
os.makedirs(folder, exist_ok=True)
policy = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "playbooks", "runbook.policy.yaml")
with open(policy) as source, open(os.path.join(folder, "runbook.policy.yaml"), "w") as target:
    target.write(source.read())
for n in range(count):
    with open(os.path.join(folder, f"p{n:04}.yaml"), "w") as out:
        out.write(playbook(n))
