import { storage } from 'wxt/utils/storage';
import { t } from '../i18n/t';
import { PRIVACY_SETTINGS_KEY, PrivacySettings, parsePrivacySettings } from './settings';

// Reading and writing the privacy settings (WXT storage, 'local:privacy'). Never throws on read: a storage
// failure means the defaults, and the defaults redact.

export async function loadPrivacySettings(): Promise<{ settings: PrivacySettings; warning?: string }> {
  try {
    return parsePrivacySettings(await storage.getItem<unknown>(PRIVACY_SETTINGS_KEY));
  } catch (error) {
    const { settings } = parsePrivacySettings(undefined);
    return { settings, warning: t('core_privacy_settings_unreadable', String(error)) };
  }
}

/** Validates before writing; throws a ZodError when invalid. */
export async function savePrivacySettings(settings: PrivacySettings): Promise<void> {
  await storage.setItem(PRIVACY_SETTINGS_KEY, PrivacySettings.parse(settings));
}

export function watchPrivacySettings(cb: (settings: PrivacySettings) => void): () => void {
  return storage.watch<unknown>(PRIVACY_SETTINGS_KEY, (raw) => cb(parsePrivacySettings(raw).settings));
}
