-- One tenant schema of the sandbox, included by seed.sql with these psql variables set:
-- schema, domain, admins, teachers, parents, students, active, expired, revoked.
--
-- Users come in role order (admins first, so user 1 is an admin); every student has two
-- attendance days and two grades. Nothing here is random: the same variables give the same rows.

CREATE SCHEMA :"schema";
SET LOCAL search_path = :"schema";

CREATE TABLE users (
    id         serial PRIMARY KEY,
    email      text NOT NULL UNIQUE,
    role       text NOT NULL CHECK (role IN ('admin', 'teacher', 'parent')),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_sessions (
    id             bigserial PRIMARY KEY,
    user_id        integer NOT NULL REFERENCES users (id),
    token_hash     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz NULL,
    revoked_reason text NULL
);
CREATE INDEX user_sessions_active ON user_sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE students (
    id           serial PRIMARY KEY,
    admission_no text NOT NULL UNIQUE,
    full_name    text NOT NULL,
    grade_level  integer NOT NULL,
    section      text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attendance (
    id         bigserial PRIMARY KEY,
    student_id integer NOT NULL REFERENCES students (id),
    day        date NOT NULL,
    status     text NOT NULL CHECK (status IN ('present', 'absent', 'late')),
    marked_by  integer NOT NULL REFERENCES users (id),
    UNIQUE (student_id, day)
);

CREATE TABLE grades (
    id          bigserial PRIMARY KEY,
    student_id  integer NOT NULL REFERENCES students (id),
    subject     text NOT NULL,
    term        text NOT NULL,
    score       numeric(5, 2) NOT NULL,
    recorded_by integer NOT NULL REFERENCES users (id)
);

INSERT INTO users (email, role, created_at)
SELECT r.role || n || '@' || :'domain', r.role, timestamptz '2025-08-01 08:00+00' + (r.rank * 100 + n) * interval '1 hour'
FROM (VALUES (1, 'admin', :admins), (2, 'teacher', :teachers), (3, 'parent', :parents)) AS r (rank, role, how_many),
     generate_series(1, r.how_many) AS n
ORDER BY r.rank, n;

INSERT INTO students (admission_no, full_name, grade_level, section, created_at)
SELECT upper(left(:'schema', 2)) || '-' || lpad(n::text, 4, '0'),
       (ARRAY['Aarav', 'Bea', 'Chen', 'Dara', 'Emeka', 'Farah', 'Gus', 'Hana', 'Ivan'])[1 + n % 9] || ' ' ||
       (ARRAY['Okafor', 'Silva', 'Novak', 'Patel', 'Kim', 'Haddad', 'Müller'])[1 + (n * 5) % 7],
       1 + (n - 1) % 10, chr(65 + (n - 1) % 3),
       timestamptz '2025-08-15 08:00+00' + n * interval '1 hour'
FROM generate_series(1, :students) AS n;

-- Teachers (ids after the admins) mark attendance and record grades.
INSERT INTO attendance (student_id, day, status, marked_by)
SELECT s.id, d.day,
       CASE WHEN (s.id + d.k) % 9 = 0 THEN 'absent' WHEN (s.id + d.k) % 13 = 0 THEN 'late' ELSE 'present' END,
       :admins + 1 + s.id % :teachers
FROM students AS s,
     (VALUES (1, date '2026-02-16'), (2, date '2026-02-17')) AS d (k, day)
ORDER BY s.id, d.day;

INSERT INTO grades (student_id, subject, term, score, recorded_by)
SELECT s.id, g.subject, 'Term 1', 40 + (s.id * 37 + g.k * 11) % 60, :admins + 1 + (s.id + g.k) % :teachers
FROM students AS s,
     (VALUES (1, 'Mathematics'), (2, 'English')) AS g (k, subject)
ORDER BY s.id, g.k;

-- Sessions: active ones first, then expired, then revoked (by the user, not by an incident).
INSERT INTO user_sessions (user_id, token_hash, created_at, expires_at, revoked_at, revoked_reason)
SELECT 1 + (n - 1) % (:admins + :teachers + :parents),
       md5(:'schema' || ':session:' || n),
       now() - n * interval '10 minutes',
       CASE WHEN n <= :active THEN now() + interval '7 days'
            WHEN n <= :active + :expired THEN now() - interval '1 day'
            ELSE now() + interval '6 days' END,
       CASE WHEN n > :active + :expired THEN now() - interval '1 hour' END,
       CASE WHEN n > :active + :expired THEN 'user logged out' END
FROM generate_series(1, :active + :expired + :revoked) AS n
ORDER BY n;

RESET search_path;
