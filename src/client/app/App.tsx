import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';

import { CaseMembersPanel } from '../features/account/CaseMembersPanel';
import { PendingInvitations } from '../features/account/PendingInvitations';
import { SignInScreen } from '../features/account/SignInScreen';
import { CaseScreen } from '../features/case/CaseScreen';
import { CasesScreen } from '../features/cases/CasesScreen';
import { HashToolScreen } from '../features/hash-tool/HashToolScreen';
import { ListsScreen } from '../features/hashlists/ListsScreen';
import { SeriesLeadsScreen } from '../features/leads/SeriesLeadsScreen';
import { SeriesReportScreen } from '../features/report/SeriesReportScreen';
import { SearchScreen } from '../features/search/SearchScreen';
import { CaseSyncPanel } from '../features/sync/CaseSyncPanel';
import { SyncSession } from '../features/sync/SyncSession';
import { UnreadableRecords } from '../features/sync/UnreadableRecords';
import { useDocumentLanguage } from '../i18n/use-t';
import { AppHeader } from './AppHeader';
import { ScreenBoundary } from './ScreenBoundary';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/** Each screen in its own error boundary: one record a screen cannot show never blanks the app. */
const screen = (element: ReactNode) => <ScreenBoundary>{element}</ScreenBoundary>;

/** The only place features meet: providers, the shell and the routes. */
export function App() {
  useDocumentLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      <SyncSession />
      <BrowserRouter>
        <AppHeader />
        <UnreadableRecords />
        <main id="main" className="app-main" tabIndex={-1}>
          <Routes>
            <Route path="/" element={screen(<CasesScreen invitations={<PendingInvitations />} />)} />
            <Route
              path="/cases/:caseId"
              element={screen(
                <CaseScreen
                  teamPanel={(c) => (
                    <CaseSyncPanel
                      record={c}
                      members={<CaseMembersPanel caseId={c.id} caseName={c.name} />}
                    />
                  )}
                />,
              )}
            />
            <Route path="/cases/:caseId/series/:seriesId/leads" element={screen(<SeriesLeadsScreen />)} />
            <Route path="/cases/:caseId/series/:seriesId/report" element={screen(<SeriesReportScreen />)} />
            <Route path="/search" element={screen(<SearchScreen />)} />
            <Route path="/tools/hash" element={screen(<HashToolScreen />)} />
            <Route path="/lists" element={screen(<ListsScreen />)} />
            <Route path="/sign-in" element={screen(<SignInScreen />)} />
            <Route path="*" element={screen(<CasesScreen invitations={<PendingInvitations />} />)} />
          </Routes>
        </main>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
