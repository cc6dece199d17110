import { endpoints } from '../../contract/endpoints.contract';
import { ApiError, callApi } from '../api/api-client';
import { CursorExpiredError, type SyncTransport } from './transport';

/** The app's transport: the contract endpoints through callApi (session cookie, CSRF header, parsed answers). */
export function httpTransport(): SyncTransport {
  return {
    push: (body) => callApi(endpoints.syncPush, { body }),
    bootstrap: (body) => callApi(endpoints.syncBootstrap, { body }),
    pull: async (body) => {
      try {
        return await callApi(endpoints.syncPull, { body });
      } catch (error) {
        if (error instanceof ApiError && error.status === 410) throw new CursorExpiredError(error.message);
        throw error;
      }
    },
  };
}
