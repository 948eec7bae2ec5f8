-- One index fewer for every evidence row the LRS writes.
--
-- evidence_student_skill (district, student, skill, time) duplicated
-- evidence_student_time (district, student, time) for every query Trellis runs:
-- each reads one student's evidence in time order (the mastery updater, the
-- skill profile, the day board), and the one that also names a skill (a
-- student's attempts at a skill) filters that student's few hundred rows. On
-- embedded PGlite the second index was about a sixth of the cost of an insert.
drop index evidence_student_skill;
