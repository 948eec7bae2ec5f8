// Shapes of the Trellis HTTP API, as documented in docs/api.md.

export type Role =
  | 'district_admin'
  | 'school_leader'
  | 'teacher_leader'
  | 'teacher'
  | 'tutor'
  | 'resident'
  | 'coach'
  | 'student';

export interface Me {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  userSourcedId: string | null;
  district: { id: string; name: string };
  csrfToken: string;
  scope: {
    schools: { sourcedId: string; name: string }[];
    teams: { sourcedId: string; name: string; schoolSourcedId: string }[];
  };
}

export interface Page<T> {
  items: T[];
  next?: string | null;
}

export interface School {
  sourcedId: string;
  name: string;
  identifier: string | null;
  grades: string[];
  studentCount: number;
  teamCount: number;
  classCount: number;
}

export interface TeamSummary {
  sourcedId: string;
  name: string;
  schoolSourcedId: string;
  schoolName: string;
  grades: string[];
  studentCount: number;
  leader: { sourcedId: string; name: string } | null;
}

export type TeamRole = 'teacher_leader' | 'teacher' | 'tutor' | 'resident' | 'coach';

export interface Team extends TeamSummary {
  members: { sourcedId: string; name: string; role: TeamRole }[];
  classes: ClassSummary[];
}

export interface ClassSummary {
  sourcedId: string;
  title: string;
  classCode: string | null;
  courseTitle: string;
  schoolSourcedId: string;
  grades: string[];
  periods: string[];
  studentCount: number;
  teachers: string[];
}

export interface StudentSummary {
  sourcedId: string;
  givenName: string;
  familyName: string;
  identifier: string | null;
  grades: string[];
  schools: { sourcedId: string; name: string }[];
  englishLearner: boolean;
  specialEducation: boolean;
  economicallyDisadvantaged: boolean;
  homeLanguage: string | null;
}

export interface StudentProfile extends StudentSummary {
  email: string | null;
  username: string | null;
  demographics: {
    birthDate: string | null;
    sex: string | null;
    races: string[];
    hispanicOrLatino: boolean | null;
  } | null;
  classes: ClassSummary[];
  teams: { sourcedId: string; name: string }[];
  adults: { sourcedId: string; name: string; role: string; via: string }[];
}

export interface ImportProblem {
  file: string;
  line: number;
  field: string;
  value: string;
  message: string;
}

export interface ImportCounts {
  read: number;
  accepted: number;
  skipped: number;
  deleted: number;
}

export interface ImportReport {
  outcome: 'accepted' | 'rejected';
  version: '1.1' | '1.2';
  mode: 'bulk' | 'delta';
  districtId: string | null;
  counts: Record<string, ImportCounts>;
  problems: ImportProblem[];
  error?: string;
}

/** One past import. The contract does not pin this shape down, so every field is optional. */
export interface ImportRun {
  id: string;
  kind?: string;
  source?: string;
  outcome?: 'accepted' | 'rejected';
  counts?: Record<string, ImportCounts>;
  problems?: ImportProblem[];
  problemCount?: number;
  startedAt?: string;
  finishedAt?: string;
}
