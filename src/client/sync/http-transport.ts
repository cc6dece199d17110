import { endpoints } from '../../contract/endpoints.contract';
import { ApiError, callApi } from '../api/api-client';
import { CursorExpiredError, type SyncTransport } from './transport';

// Pulls and bootstraps run on their own (every 30 s, on a poke): background requests, which do not
// keep an idle session alive. A push carries the analyst's own edits, so it counts as activity.
const BACKGROUND = { background: true } as const;

/** The app's transport: the contract endpoints through callApi (session cookie, CSRF header, parsed answers). */
export function httpTransport(): SyncTransport {
  return {
    push: (body) => callApi(endpoints.syncPush, { body }),
    bootstrap: (body) => callApi(endpoints.syncBootstrap, { body }, undefined, BACKGROUND),
    pull: async (body) => {
      try {
        return await callApi(endpoints.syncPull, { body }, undefined, BACKGROUND);
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) throw new CursorExpiredError(error.message);
        throw error;
      }
    },
  };
}
