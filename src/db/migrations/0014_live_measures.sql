-- Live measures (docs/measures.md, "Live measures"): a measure with source 'live'
-- has its values computed from Trellis data. Its definition lives in
-- improvement_measures.live_definition (added in 0005); this checks its shape
-- (the API checks the rest, src/core/improvement/live-measures.ts) and records
-- when the values were last recomputed, for the line under the chart.

alter table improvement_measures
  add column live_computed_at timestamptz;

alter table improvement_measures
  add constraint improvement_measures_live_definition_shape check (
    live_definition is null or (
      jsonb_typeof(live_definition) = 'object'
      and live_definition->>'kind' in ('mastery_share', 'struggling', 'regrouping_frequency', 'adults_per_student')
      and jsonb_typeof(live_definition->'team') = 'string'
      and coalesce(live_definition->>'period', 'week') in ('week', 'month')
      and (live_definition->'skills' is null or jsonb_typeof(live_definition->'skills') = 'array')
      and (live_definition->'gap' is null or (
        jsonb_typeof(live_definition->'gap'->'a') = 'object' and jsonb_typeof(live_definition->'gap'->'b') = 'object'
      ))
    )
  );
