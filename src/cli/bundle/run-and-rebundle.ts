// The launcher's slow path (under tsx): run the command line from its TypeScript, then build the
// bundle so the next run starts fast. The build comes after the command, so it never delays its output.
import { buildCliBundle } from './cli-bundle';

await import('../main');
await buildCliBundle();
