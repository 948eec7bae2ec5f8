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
