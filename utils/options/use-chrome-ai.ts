import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type ChromeAiAvailability,
  chromeAiAvailability,
  downloadChromeAi,
  onDeviceError,
} from '../llm/chrome-ai';

// State of Chrome's on-device model for the options page: availability, a download with its progress, and
// the last error. The UI (components/options/ChromeAiCard.tsx) only renders this.

export type ChromeAiState =
  | { phase: 'checking' }
  | { phase: 'ready'; availability: ChromeAiAvailability }
  | { phase: 'downloading'; fraction: number | null }
  | { phase: 'failed'; availability: ChromeAiAvailability; message: string };

export function useChromeAi(scope: object = globalThis) {
  const [state, setState] = useState<ChromeAiState>({ phase: 'checking' });
  const busy = useRef(false);

  useEffect(() => {
    let live = true;
    void chromeAiAvailability(scope).then((availability) => {
      if (live) setState({ phase: 'ready', availability });
    });
    return () => {
      live = false;
    };
  }, [scope]);

  /** Call from the click handler itself: create() needs the user activation, so nothing is awaited first. */
  const download = useCallback(() => {
    if (busy.current) return;
    busy.current = true;
    setState({ phase: 'downloading', fraction: null });
    downloadChromeAi((fraction) => setState({ phase: 'downloading', fraction }), undefined, scope)
      .then(async () => setState({ phase: 'ready', availability: await chromeAiAvailability(scope) }))
      .catch(async (error: unknown) =>
        setState({
          phase: 'failed',
          availability: await chromeAiAvailability(scope),
          message: onDeviceError(error).message,
        }),
      )
      .finally(() => {
        busy.current = false;
      });
  }, [scope]);

  return { state, download };
}
