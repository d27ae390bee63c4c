import { useEffect, useState } from 'react';
import { DEFAULT_PRIVACY, type PrivacySettings } from './settings';
import { loadPrivacySettings, watchPrivacySettings } from './store';

/** The privacy settings for a React page, kept current when they change in another context. */
export function usePrivacySettings(): PrivacySettings {
  const [settings, setSettings] = useState<PrivacySettings>(DEFAULT_PRIVACY);
  useEffect(() => {
    let live = true;
    void loadPrivacySettings().then((r) => {
      if (live) setSettings(r.settings);
    });
    const unwatch = watchPrivacySettings(setSettings);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return settings;
}
