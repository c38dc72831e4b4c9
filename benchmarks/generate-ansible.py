#!/usr/bin/env python3
"""Writes Ansible playbooks equivalent to generate-corpus.py's, for ansible-lint.

    generate-ansible.py FOLDER COUNT            # COUNT playbooks of about 190 lines
    generate-ansible.py FOLDER 1 --size BYTES   # one playbook of at least BYTES

Each runbook step becomes the task an Ansible user would write for it: postgres queries
with community.postgresql.postgresql_query (bound positional_args), shell scripts with
ansible.builtin.shell (environment, timeout), Redis commands with ansible.builtin.command
and redis-cli (argv), HTTP calls with ansible.builtin.uri (until/retries for `retry`);
params become vars, the precondition a first task, verify tasks with assert at the end.
"""
from corpus import grow, write


def playbook(n, size=0):
    lines = [
        "---", f"# Generated playbook {n}: the Ansible twin of runbook's generated-{n}.",
        f"- name: Generated playbook {n}", "  hosts: localhost", "  connection: local", "  gather_facts: false",
        "  vars:", "    tenant: tenant_a", "    lines: 100", '    app_url: "http://localhost:3000"',
        "  module_defaults:", "    community.postgresql.postgresql_query:",
        "      login_host: \"{{ lookup('ansible.builtin.env', 'PGHOST') }}\"",
        "      login_password: \"{{ lookup('ansible.builtin.env', 'PGPASSWORD') }}\"",
        "  tasks:", "    - name: Database reachable", "      community.postgresql.postgresql_query:",
        '        query: "select 1"',
    ]
    return grow(lines, step, 183, size) + [
        "    - name: Ready", '      ansible.builtin.uri: { url: "{{ app_url }}/health/ready", status_code: 200 }',
        "    - name: Green", '      ansible.builtin.uri: { url: "{{ app_url }}/health/golive", return_content: true }',
        "      register: golive", "    - name: Green holds",
        "      ansible.builtin.assert: { that: [golive.json.overallHealth == 'GREEN'] }"]


def step(n):
    lines = [f"    - name: Step {n} of the generated playbook"]
    kind = n % 4
    if kind == 0:
        return lines + ["      community.postgresql.postgresql_query:",
                        '        query: "select count(*) from {{ tenant }}.user_sessions where is_active = %s"',
                        '        positional_args: ["true"]']
    if kind == 1:
        return lines + ["      ansible.builtin.shell: |", '        echo "checking $TENANT"', "        df -h /",
                        '      environment: { TENANT: "{{ tenant }}" }', "      timeout: 30", "      changed_when: false"]
    if kind == 2:
        return lines + ["      ansible.builtin.command:",
                        '        argv: [redis-cli, SET, "tenant:blocked:{{ tenant }}", "true", EX, "3600"]',
                        "      changed_when: true"]
    return lines + ['      ansible.builtin.uri: { url: "{{ app_url }}/health/ready" }', f"      register: ready_{n}",
                    f"      until: ready_{n}.status == 200", "      retries: 3", "      delay: 2"]


write(playbook, "yml")
