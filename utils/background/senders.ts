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

/**
 * The stricter check for the agent's data (export, delete-all, retention): an extension page of this extension
 * that is not framed inside a web page. A content script, another extension, a web page, or one of our pages
 * embedded in a tab showing a web site are all refused.
 */
export function isTopLevelExtensionPage(
  sender: SenderLike,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  if (classifySender(sender, extensionId, extensionOrigin) !== 'extension-page') return false;
  if (sender.frameId !== undefined && sender.frameId !== 0) return false;
  // The side panel / sidebar has no tab; an options page opened in a tab shows our own origin in that tab.
  if (sender.tab === undefined) return true;
  const tabUrl = sender.tab.url ?? '';
  return tabUrl === extensionOrigin || tabUrl.startsWith(`${extensionOrigin}/`);
}
