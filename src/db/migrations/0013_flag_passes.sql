-- When the district flag pass (refreshDistrictFlags in src/learning/mastery.ts)
-- last judged the flags that change without new evidence (inactive, behind).
-- The server runs the pass once a day per district (src/learning/daily-flags.ts)
-- and reads this to know whether today's has run, across restarts and also
-- when `trellis learning flags` or `trellis mastery fit` ran it.
create table flag_passes (
  district_id uuid primary key references districts(id) on delete cascade,
  passed_at timestamptz not null
);
