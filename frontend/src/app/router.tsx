import { lazy, Suspense, type ReactNode } from 'react'
import { createBrowserRouter, Navigate } from 'react-router'
import { Spin } from 'antd'
import { AppLayout } from './AppLayout'
import { Allow, RequireAuth } from './guards'
import { useMe } from '../features/auth/AuthContext'
import { homePath } from '../features/auth/access'
import LoginPage from '../features/auth/LoginPage'

const AgenciesPage = lazy(() => import('../features/org/AgenciesPage'))
const PositionsPage = lazy(() => import('../features/facts/PositionsPage'))
const FactsPage = lazy(() => import('../features/facts/FactsPage'))
const PeoplePage = lazy(() => import('../features/org/PeoplePage'))
const PersonPage = lazy(() => import('../features/org/PersonPage'))
const ImportPage = lazy(() => import('../features/import/ImportPage'))
const AuditPage = lazy(() => import('../features/audit/AuditPage'))
const UsersPage = lazy(() => import('../features/users/UsersPage'))
const ProfilePage = lazy(() => import('../features/profile/ProfilePage'))
const MyCoursesPage = lazy(() => import('../features/course/MyCoursesPage'))
const CatalogPage = lazy(() => import('../features/course/CatalogPage'))
const CoursePage = lazy(() => import('../features/course/CoursePage'))
const LessonPage = lazy(() => import('../features/course/LessonPage'))
const QuizIntroPage = lazy(() => import('../features/quiz/QuizIntroPage'))
const AttemptPage = lazy(() => import('../features/quiz/AttemptPage'))
const ReviewPage = lazy(() => import('../features/quiz/ReviewPage'))
const AuthoringPage = lazy(() => import('../features/course/AuthoringPage'))
const CourseEditorPage = lazy(() => import('../features/course/CourseEditorPage'))
const LessonEditorPage = lazy(() => import('../features/course/LessonEditorPage'))
const QuestionBankPage = lazy(() => import('../features/bank/QuestionBankPage'))
const QuizBuilderPage = lazy(() => import('../features/quizadmin/QuizBuilderPage'))
const QuizResultsPage = lazy(() => import('../features/quizadmin/ResultsPage'))
const GradingPage = lazy(() => import('../features/quizadmin/GradingPage'))
const MyCertificatesPage = lazy(() => import('../features/cert/MyCertificatesPage'))
const CertificatesPage = lazy(() => import('../features/cert/CertificatesPage'))
const VerifyPage = lazy(() => import('../features/cert/VerifyPage'))
const CertificationsPage = lazy(() => import('../features/certadmin/CertificationsPage'))
const TargetsPage = lazy(() => import('../features/target/TargetsPage'))
const ReportsPage = lazy(() => import('../features/report/ReportsPage'))

function Page({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin />
        </div>
      }
    >
      {children}
    </Suspense>
  )
}

function Home() {
  const me = useMe()
  return <Navigate to={homePath(me.role)} replace />
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public: anyone checks a certificate's code, signed in or not.
  { path: '/verify/:code?', element: <Page><VerifyPage /></Page> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      { path: 'profile', element: <Page><ProfilePage /></Page> },
      { path: 'my-courses', element: <Allow area="my-courses"><Page><MyCoursesPage /></Page></Allow> },
      { path: 'my-certificates', element: <Allow area="my-certificates"><Page><MyCertificatesPage /></Page></Allow> },
      { path: 'courses', element: <Allow area="courses"><Page><CatalogPage /></Page></Allow> },
      { path: 'courses/:slug', element: <Allow area="courses"><Page><CoursePage /></Page></Allow> },
      { path: 'lessons/:id', element: <Allow area="courses"><Page><LessonPage /></Page></Allow> },
      { path: 'quizzes/:id', element: <Allow area="courses"><Page><QuizIntroPage /></Page></Allow> },
      { path: 'attempts/:id', element: <Allow area="courses"><Page><AttemptPage /></Page></Allow> },
      { path: 'attempts/:id/review', element: <Allow area="courses"><Page><ReviewPage /></Page></Allow> },
      { path: 'authoring', element: <Allow area="authoring"><Page><AuthoringPage /></Page></Allow> },
      { path: 'authoring/lessons/:id', element: <Allow area="authoring"><Page><LessonEditorPage /></Page></Allow> },
      { path: 'authoring/:slug', element: <Allow area="authoring"><Page><CourseEditorPage /></Page></Allow> },
      { path: 'authoring/:slug/quizzes/new', element: <Allow area="authoring"><Page><QuizBuilderPage /></Page></Allow> },
      { path: 'authoring/quizzes/:id', element: <Allow area="authoring"><Page><QuizBuilderPage /></Page></Allow> },
      { path: 'authoring/quizzes/:id/results', element: <Allow area="authoring"><Page><QuizResultsPage /></Page></Allow> },
      { path: 'question-bank', element: <Allow area="question-bank"><Page><QuestionBankPage /></Page></Allow> },
      { path: 'grading', element: <Allow area="grading"><Page><GradingPage /></Page></Allow> },
      { path: 'agencies/:id?', element: <Allow area="agencies"><Page><AgenciesPage /></Page></Allow> },
      { path: 'agencies/:id/positions', element: <Allow area="agencies"><Page><PositionsPage /></Page></Allow> },
      { path: 'agencies/:id/facts', element: <Allow area="agencies"><Page><FactsPage /></Page></Allow> },
      { path: 'people', element: <Allow area="people"><Page><PeoplePage /></Page></Allow> },
      { path: 'people/:id', element: <Allow area="people"><Page><PersonPage /></Page></Allow> },
      { path: 'certificates', element: <Allow area="certificates"><Page><CertificatesPage /></Page></Allow> },
      { path: 'certifications', element: <Allow area="certifications"><Page><CertificationsPage /></Page></Allow> },
      { path: 'targets', element: <Allow area="targets"><Page><TargetsPage /></Page></Allow> },
      { path: 'reports', element: <Allow area="reports"><Page><ReportsPage /></Page></Allow> },
      { path: 'import', element: <Allow area="import"><Page><ImportPage /></Page></Allow> },
      { path: 'audit', element: <Allow area="audit"><Page><AuditPage /></Page></Allow> },
      { path: 'users', element: <Allow area="users"><Page><UsersPage /></Page></Allow> },
      { path: '*', element: <Navigate to="/profile" replace /> },
    ],
  },
])
