// Empty: the bench writes this extension's storage from its service worker.
