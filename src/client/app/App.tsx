import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Route, Routes } from 'react-router';

import { CaseMembersPanel } from '../features/account/CaseMembersPanel';
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
import { useDocumentLanguage } from '../i18n/use-t';
import { AppHeader } from './AppHeader';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

/** The only place features meet: providers, the shell and the routes. */
export function App() {
  useDocumentLanguage();
  return (
    <QueryClientProvider client={queryClient}>
      <SyncSession />
      <BrowserRouter>
        <AppHeader />
        <main id="main" className="app-main" tabIndex={-1}>
          <Routes>
            <Route path="/" element={<CasesScreen />} />
            <Route
              path="/cases/:caseId"
              element={
                <CaseScreen
                  teamPanel={(c) => (
                    <CaseSyncPanel
                      record={c}
                      members={<CaseMembersPanel caseId={c.id} caseName={c.name} />}
                    />
                  )}
                />
              }
            />
            <Route path="/cases/:caseId/series/:seriesId/leads" element={<SeriesLeadsScreen />} />
            <Route path="/cases/:caseId/series/:seriesId/report" element={<SeriesReportScreen />} />
            <Route path="/search" element={<SearchScreen />} />
            <Route path="/tools/hash" element={<HashToolScreen />} />
            <Route path="/lists" element={<ListsScreen />} />
            <Route path="/sign-in" element={<SignInScreen />} />
            <Route path="*" element={<CasesScreen />} />
          </Routes>
        </main>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
