import type { Browser } from 'wxt/browser';

// Which side panels are open. A ticket switch in a helpdesk tab is only read when someone is looking:
// with every panel closed, Deskmate reads nothing (the next panel to open reads the tab itself).

type PresencePort = Pick<Browser.runtime.Port, 'onDisconnect'>;

const open = new Set<PresencePort>();

export function trackPanelPort(port: PresencePort): void {
  open.add(port);
  port.onDisconnect.addListener(() => open.delete(port));
}

export function isAnyPanelOpen(): boolean {
  return open.size > 0;
}
