-- Students whose evidence changed since their mastery estimates were computed:
-- the LRS adds them in the same transaction that stores the statements, and the
-- server's mastery updater refreshes them and takes them off. Being a table, not
-- a list in memory, the work survives a crash and any server process of the
-- district may do it. `mark` tells the updater whether a student was added again
-- while it was refreshing them (then the student stays for the next pass).
create sequence mastery_refresh_marks;
create table mastery_refresh_queue (
  district_id uuid not null references districts(id) on delete cascade,
  student_sourced_id text not null,
  mark bigint not null default nextval('mastery_refresh_marks'),
  primary key (district_id, student_sourced_id)
);
