import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { PANEL_PORT } from '../messaging/protocol';

/** Keeps a port open to the background while the panel is open; reconnects if the worker restarts. */
export function usePanelPresence(): void {
  useEffect(() => {
    let closed = false;
    let port: ReturnType<typeof browser.runtime.connect> | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      port = browser.runtime.connect({ name: PANEL_PORT });
      port.onDisconnect.addListener(() => {
        if (!closed) retry = setTimeout(connect, 500);
      });
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      port?.disconnect();
    };
  }, []);
}
