import { browser } from 'wxt/browser';
import { originsOf, planHelpdeskRegistrations, type RegisteredScript } from '../helpdesks/access';
import { enabledHelpdesks } from '../helpdesks/access-client';
import type { HelpdeskId } from '../helpdesks/matches';
import { injectIntoTabsMatching } from './reinject';

// The background keeps the built-in helpdesks' content-script registrations in step with the site access the
// browser has granted: a helpdesk whose origins are all granted has its script registered (persisting across
// sessions), any other has none. It runs whenever permissions change (whoever changed them: the options page,
// the side panel, the browser's own extension settings), after an install or update (Chrome drops dynamic
// registrations on update) and at browser start.

async function syncNow(): Promise<HelpdeskId[]> {
  const enabled = await enabledHelpdesks();
  const existing = (await browser.scripting.getRegisteredContentScripts()) as RegisteredScript[];
  const plan = planHelpdeskRegistrations(enabled, existing);
  if (plan.unregister.length > 0) await browser.scripting.unregisterContentScripts({ ids: plan.unregister });
  if (plan.register.length > 0) await browser.scripting.registerContentScripts(plan.register);
  // A registration covers the next page loads only: tabs already open on a helpdesk just turned on get it now.
  if (plan.added.length > 0) await injectIntoTabsMatching(plan.added.flatMap(originsOf));
  return enabled;
}

// One sync at a time: two overlapping ones would both try to register the same id.
let queue: Promise<unknown> = Promise.resolve();

/** Makes the registrations match the granted helpdesk access; returns the helpdesks that are on. */
export function syncHelpdeskAccess(): Promise<HelpdeskId[]> {
  const run = queue.then(syncNow, syncNow);
  queue = run.catch(() => undefined);
  return run;
}
