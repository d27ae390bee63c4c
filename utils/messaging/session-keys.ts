// storage.session keys shared by the background (writer) and the side panel (reader).
export const tabStorageKey = (tabId: number) => `tab:${tabId}`;
