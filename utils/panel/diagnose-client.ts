import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import { DiagnoseResult } from '../messaging/protocol';

/** Asks the background to diagnose the tab; never throws. */
export async function requestDiagnosis(tabId: number): Promise<DiagnoseResult> {
  try {
    const parsed = DiagnoseResult.safeParse(
      await browser.runtime.sendMessage({ type: 'page/diagnose', tabId }),
    );
    if (parsed.success) return parsed.data;
    return { ok: false, message: t('panel_background_unexpected') };
  } catch (error) {
    return { ok: false, message: t('panel_background_no_answer', String(error)) };
  }
}
