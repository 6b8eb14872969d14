-- Departments: an admin-managed list (it was free text typed on each submission), used to
-- route submissions; a clerk may belong to one and sees its work first.
CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    name_el TEXT NOT NULL,
    name_en TEXT NOT NULL,
    active BIGINT NOT NULL DEFAULT 1,
    created_at_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX departments_name_el ON departments (name_el);
-- Departments typed so far become entries of the list, and submissions point at them.
INSERT INTO departments (id, name_el, name_en, active, created_at_ms)
SELECT md5(random()::text || clock_timestamp()::text || department), department, department, 1,
    MIN(updated_at_ms)
FROM submissions WHERE department IS NOT NULL AND department <> '' GROUP BY department;
UPDATE submissions
SET department = (SELECT d.id FROM departments d WHERE d.name_el = submissions.department)
WHERE department IS NOT NULL AND department <> '';
UPDATE submissions SET department = NULL WHERE department = '';
CREATE INDEX submissions_department ON submissions (department);
ALTER TABLE users ADD COLUMN department_id TEXT REFERENCES departments (id);
