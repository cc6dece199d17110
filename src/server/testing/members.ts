import { expect } from 'vitest';

import type { CaseRole } from '../../contract/cases.contract';
import type { TestApp } from './test-app';

/** Makes `username` a member of a case the way the app does, as the owner (or manager) behind `cookie`. */
export async function addMember(
  t: TestApp,
  cookie: string,
  caseId: string,
  username: string,
  role: CaseRole,
): Promise<void> {
  const response = await t.call('POST', `/api/cases/${caseId}/members`, { cookie, body: { username, role } });
  expect(response.statusCode, response.body).toBe(201);
}
