-- Foreign keys that cost a lookup per row on the LRS's write path and never
-- refuse a row there.
--
-- Evidence is the busiest table after the statements: the LRS writes a row for
-- nearly every statement it stores. Its two foreign keys (to the student and
-- the skill) each cost a lookup trigger per row, about half the cost of the
-- insert. Every writer of evidence (statement mapping, the evidence CSV, the
-- OneRoster gradebook) finds the student and the skill in the district, in the
-- transaction that writes the row, and Trellis never deletes students or
-- skills (a OneRoster user leaves by status; a framework is only added to), so
-- those keys never refuse a row. One key to the district stays, so deleting a
-- district (the demo) still takes its evidence with it, at the cost of one
-- lookup in a table of a handful of rows.
alter table evidence drop constraint evidence_district_id_student_sourced_id_fkey;
alter table evidence drop constraint evidence_district_id_skill_id_fkey;
alter table evidence add constraint evidence_district_id_fkey foreign key (district_id) references districts (id) on delete cascade;

-- The same for the statements' key to the integration that sent them: the LRS
-- stores a statement only for the integration that has just authenticated the
-- request, and integrations are revoked, never deleted. The key to the
-- district stays (deleting a district takes its statements).
alter table xapi_statements drop constraint xapi_statements_district_id_integration_id_fkey;
