// The first thing Zuiver's content script does, and nothing else: read the prepared flags the bench stored here.
const start = performance.now();
chrome.storage.local.get(['flagData', 'paused']).then(() => performance.measure('baseline:storage-read', { start }));
