-- The school-ERP sandbox's PostgreSQL data: public.tenants, public.deployments and two tenant
-- schemas built by tenant.sql. Loading it again starts over (everything is dropped first).
--
--   psql postgres://runbook:runbook-test-pw@127.0.0.1:54329/school_erp -v ON_ERROR_STOP=1 -f Sandbox/seed.sql
--
-- Every count is fixed (Sandbox/README.md lists them; Tests/SandboxTests checks them). Times are
-- relative to now(), so "active" sessions stay active for a week after seeding.
\set ON_ERROR_STOP on
SET client_min_messages = warning;

BEGIN;

DROP SCHEMA IF EXISTS greenwood_high CASCADE;
DROP SCHEMA IF EXISTS riverside_academy CASCADE;
DROP TABLE IF EXISTS public.tenants, public.deployments;

CREATE TABLE public.tenants (
    schema_name text PRIMARY KEY,
    name        text NOT NULL,
    status      text NOT NULL DEFAULT 'active'
);
INSERT INTO public.tenants (schema_name, name, status) VALUES
    ('greenwood_high', 'Greenwood High School', 'active'),
    ('riverside_academy', 'Riverside Academy', 'active');

-- v1.5.0 is the release level 3 rolls back from; v1.4.2 the last good one.
CREATE TABLE public.deployments (
    version     text PRIMARY KEY,
    deployed_at timestamptz NOT NULL,
    current     boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX deployments_one_current ON public.deployments (current) WHERE current;
INSERT INTO public.deployments (version, deployed_at, current) VALUES
    ('v1.4.1', '2026-01-28 09:00:00+00', false),
    ('v1.4.2', '2026-02-10 09:00:00+00', false),
    ('v1.5.0', '2026-02-18 09:00:00+00', true);

-- Greenwood High: 24 users (2 admins, 8 teachers, 14 parents), 36 students,
-- 30 sessions (20 active, 6 expired, 4 revoked).
\set schema greenwood_high
\set domain greenwood-high.example
\set admins 2
\set teachers 8
\set parents 14
\set students 36
\set active 20
\set expired 6
\set revoked 4
\ir tenant.sql

-- Riverside Academy: 18 users (1 admin, 6 teachers, 11 parents), 28 students,
-- 22 sessions (14 active, 5 expired, 3 revoked).
\set schema riverside_academy
\set domain riverside-academy.example
\set admins 1
\set teachers 6
\set parents 11
\set students 28
\set active 14
\set expired 5
\set revoked 3
\ir tenant.sql

COMMIT;
