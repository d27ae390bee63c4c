// storage.session keys shared by the background (writer) and the side panel (reader).
export const tabStorageKey = (tabId: number) => `tab:${tabId}`;
/** The last insertion's method and outcome in a tab (no text), for "Diagnose this page". */
export const lastInsertKey = (tabId: number) => `insert:${tabId}`;
