import { browser } from 'wxt/browser';
import { DiagnoseResult } from '../messaging/protocol';

/** Asks the background to diagnose the tab; never throws. */
export async function requestDiagnosis(tabId: number): Promise<DiagnoseResult> {
  try {
    const parsed = DiagnoseResult.safeParse(
      await browser.runtime.sendMessage({ type: 'page/diagnose', tabId }),
    );
    if (parsed.success) return parsed.data;
    return { ok: false, message: 'The background gave an unexpected answer.' };
  } catch (error) {
    return { ok: false, message: `Deskmate’s background did not answer (${String(error)}).` };
  }
}
