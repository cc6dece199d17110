// The entry of the CLI's bundle (see cli-bundle.ts): runs the command line only when the bundle is as
// new as its sources; otherwise the launcher runs the TypeScript through tsx and rebuilds it.
import { cliBundleIsFresh } from './cli-bundle';

export async function runIfFresh(): Promise<boolean> {
  if (!cliBundleIsFresh()) return false;
  await import('../main');
  return true;
}
