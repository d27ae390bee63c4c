// Who is talking to the background. Extension pages (side panel, options) may ask for anything in the
// PanelRequest protocol; content scripts only for the ContentEvent allow-list; anything else is dropped.

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const url = sender.url ?? '';
  // An extension page keeps the extension origin even when it is open in a tab (sidepanel.html?tabId=N).
  if (url === extensionOrigin || url.startsWith(`${extensionOrigin}/`)) return 'extension-page';
  if (sender.tab && typeof sender.tab.id === 'number') return 'content-script';
  return 'foreign';
}

/** "chrome-extension://<id>" / "moz-extension://<uuid>" without relying on URL.origin (opaque for these schemes in some engines). */
export function extensionOriginOf(rootUrl: string): string {
  return rootUrl.replace(/\/+$/, '');
}
