import { t } from '../i18n/t';
import type { GenerationKind } from '../messaging/protocol';
import { activeProviderIsOnDevice } from './active-provider';
import {
  type GenerationHandle,
  type GenerationHandlers,
  type StartOptions,
  startGeneration,
} from './generation-client';
import { startOnDeviceGeneration } from './on-device-generation';

// Chooses where a generation runs: Chrome's on-device model in this panel, or the background's provider.
// Same interface as startGeneration. The choice is asynchronous (a storage read), so the handle returned at
// once remembers a Stop or a detach that comes before the runner exists.

export interface GenerationRunners {
  isOnDevice: () => Promise<boolean>;
  background: typeof startGeneration;
  onDevice: typeof startOnDeviceGeneration;
}

const DEFAULT_RUNNERS: GenerationRunners = {
  isOnDevice: activeProviderIsOnDevice,
  background: startGeneration,
  onDevice: startOnDeviceGeneration,
};

export function startPickedGeneration(
  kind: GenerationKind,
  tabId: number,
  ticketKey: string,
  handlers: GenerationHandlers,
  options: StartOptions = {},
  runners: GenerationRunners = DEFAULT_RUNNERS,
): GenerationHandle {
  let inner: GenerationHandle | null = null;
  let pending: 'stop' | 'detach' | null = null;
  void runners
    .isOnDevice()
    .catch(() => false)
    .then((onDevice) => {
      if (pending === 'detach') return;
      if (onDevice && options.continueGenerationId !== undefined) {
        // The on-device session is gone with the page that ran it; a fresh answer is the honest offer.
        handlers.onError({
          code: 'bad-request',
          message: t('panel_on_device_cannot_continue'),
        });
        return;
      }
      inner = onDevice
        ? runners.onDevice(kind, tabId, ticketKey, handlers, globalThis, options)
        : runners.background(kind, tabId, ticketKey, handlers, options);
      if (pending === 'stop') inner.stop();
    });
  return {
    stop() {
      if (inner) inner.stop();
      else pending ??= 'stop';
    },
    detach() {
      if (inner) inner.detach();
      else pending = 'detach';
    },
  };
}
