import { loadMatcher } from '../../core/matcher/load.ts';
import { provideLoadMatcher } from '../shared/matcher-loading.ts';
import { DEFAULT_SITES } from '../shared/default-sites.ts';

// Top frames only, and there from the start: see shared/matcher-loading.ts.
export default defineContentScript({
  matches: DEFAULT_SITES,
  runAt: 'document_start',
  main() {
    provideLoadMatcher(loadMatcher);
  },
});
