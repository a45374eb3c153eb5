// The web host's background thread: registers tsx (the host runs TypeScript sources under Node),
// then runs the same worker as the desktop shell's background process (electron/main/worker.ts).
import { register } from 'tsx/esm/api';
register();
await import('../main/worker.ts');
