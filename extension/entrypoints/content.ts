import { startFlags } from '../content/start.ts';
import { DEFAULT_SITES } from '../shared/default-sites.ts';

export default defineContentScript({
  matches: DEFAULT_SITES,
  // Webmail shows messages in frames (about:blank and srcdoc ones too): flags belong there as much as on top.
  allFrames: true,
  matchAboutBlank: true,
  matchOriginAsFallback: true,
  // As early as possible: the top frame asks for its matcher before the page is parsed (see content/start.ts).
  runAt: 'document_start',
  main(ctx) {
    startFlags(ctx);
  },
});
