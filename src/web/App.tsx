import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { AppLayout } from './components/AppLayout.tsx';
import { RequireRole } from './components/RequireRole.tsx';
import { RequireSignIn } from './components/RequireSignIn.tsx';
import { ClassesPage } from './pages/classes/ClassesPage.tsx';
import { ClassPage } from './pages/classes/ClassPage.tsx';
import { HomePage } from './pages/home/HomePage.tsx';
import { ImportPage } from './pages/imports/ImportPage.tsx';
import { IntegrationsPage } from './pages/integrations/IntegrationsPage.tsx';
import { SkillsPage } from './pages/learning/SkillsPage.tsx';
import { UnmappedPage } from './pages/learning/UnmappedPage.tsx';
import { HeatmapPage } from './pages/learning/HeatmapPage.tsx';
import { PinpointPage } from './pages/learning/PinpointPage.tsx';
import { StrugglingPage } from './pages/learning/StrugglingPage.tsx';
import { StudentSkillsPage } from './pages/learning/StudentSkillsPage.tsx';
import { CapacityPage } from './pages/improvement/CapacityPage.tsx';
import { ImprovementPage } from './pages/improvement/ImprovementPage.tsx';
import { ProjectPage } from './pages/improvement/ProjectPage.tsx';
import { ProjectSummaryPage } from './pages/improvement/ProjectSummaryPage.tsx';
import { DayBoardPage } from './pages/regroup/DayBoardPage.tsx';
import { DaySetupPage } from './pages/regroup/DaySetupPage.tsx';
import { StaffPlanPage } from './pages/regroup/StaffPlanPage.tsx';
import { StudentDayPage } from './pages/regroup/StudentDayPage.tsx';
import { TeamPlansPrintPage } from './pages/regroup/TeamPlansPrintPage.tsx';
import { StartProjectPage } from './pages/improvement/StartProjectPage.tsx';
import { MeasuresPage } from './pages/measures/MeasuresPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { SchoolPage } from './pages/schools/SchoolPage.tsx';
import { SchoolsPage } from './pages/schools/SchoolsPage.tsx';
import { SignInPage } from './pages/signin/SignInPage.tsx';
import { StudentProfilePage } from './pages/students/StudentProfilePage.tsx';
import { StudentsPage } from './pages/students/StudentsPage.tsx';
import { TeamPage } from './pages/teams/TeamPage.tsx';
import { TeamsPage } from './pages/teams/TeamsPage.tsx';
import type { Role } from './types.ts';

const STAFF: Role[] = ['district_admin', 'school_leader', 'teacher_leader', 'teacher', 'tutor', 'resident', 'coach'];
const staffOnly = (page: ReactNode) => <RequireRole roles={STAFF}>{page}</RequireRole>;

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<RequireSignIn />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="schools" element={staffOnly(<SchoolsPage />)} />
          <Route path="schools/:id" element={staffOnly(<SchoolPage />)} />
          <Route path="teams" element={staffOnly(<TeamsPage />)} />
          <Route path="teams/:id" element={staffOnly(<TeamPage />)} />
          <Route path="teams/:id/mastery" element={staffOnly(<HeatmapPage />)} />
          <Route path="teams/:id/struggling" element={staffOnly(<StrugglingPage />)} />
          <Route path="teams/:id/pinpoint" element={staffOnly(<PinpointPage />)} />
          <Route path="teams/:id/day" element={staffOnly(<DayBoardPage />)} />
          <Route path="teams/:id/day-setup" element={staffOnly(<DaySetupPage />)} />
          <Route path="teams/:id/plans/:date/print" element={staffOnly(<TeamPlansPrintPage />)} />
          <Route path="staff/:id/plan" element={staffOnly(<StaffPlanPage />)} />
          <Route path="my-day" element={<StudentDayPage />} />
          <Route path="students/:id/day" element={<StudentDayPage />} />
          <Route path="classes" element={staffOnly(<ClassesPage />)} />
          <Route path="classes/:id" element={staffOnly(<ClassPage />)} />
          <Route path="students" element={staffOnly(<StudentsPage />)} />
          <Route path="students/:id" element={<StudentProfilePage />} />
          <Route path="students/:id/skills" element={<StudentSkillsPage />} />
          <Route path="skills" element={staffOnly(<SkillsPage />)} />
          <Route path="measures" element={staffOnly(<MeasuresPage />)} />
          <Route path="improvement" element={staffOnly(<ImprovementPage />)} />
          <Route path="improvement/new" element={staffOnly(<StartProjectPage />)} />
          <Route path="improvement/capacity" element={staffOnly(<CapacityPage />)} />
          <Route path="improvement/:id" element={staffOnly(<ProjectPage />)} />
          <Route path="improvement/:id/summary" element={staffOnly(<ProjectSummaryPage />)} />
          <Route path="import" element={<RequireRole roles={['district_admin']}><ImportPage /></RequireRole>} />
          <Route path="integrations" element={<RequireRole roles={['district_admin']}><IntegrationsPage /></RequireRole>} />
          <Route path="learning/unmapped" element={<RequireRole roles={['district_admin']}><UnmappedPage /></RequireRole>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
