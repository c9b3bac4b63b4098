// Worker-thread bootstrap: worker threads do not inherit the parent's tsx loader, so register it here,
// then run the TypeScript entry (./optimismWorker.ts).
import { register } from 'tsx/esm/api';
register();
await import('./optimismWorker.ts');
