import { loadMatcher } from '../../core/matcher';
import { provideLoadMatcher } from '@/lib/injected-matcher';

// Injected by the background into a tab that has flags to draw; see lib/injected-matcher.ts.
export default defineUnlistedScript(() => {
  provideLoadMatcher(loadMatcher);
});
