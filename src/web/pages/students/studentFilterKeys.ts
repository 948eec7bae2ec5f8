/** URL query keys of the student search, passed through to `GET /api/students`. */
export const STUDENT_FILTER_KEYS = [
  'q',
  'school',
  'grade',
  'team',
  'class',
  'englishLearner',
  'specialEducation',
  'economicallyDisadvantaged',
] as const;
