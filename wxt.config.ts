import { defineConfig } from 'wxt';

import { stripHelpdeskHosts } from './scripts/optional-helpdesk-hosts';
import { addTokenizerAsset } from './scripts/tokenizer-asset';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // The o200k tokenizer's ranks ship as data fetched on first use, not as code in background.js (see the script).
  hooks: { 'build:publicAssets': addTokenizerAsset, 'build:manifestGenerated': stripHelpdeskHosts },
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    // The name is the brand, the same in every language; the rest is public/_locales/<lang>/messages.json.
    name: 'Deskmate',
    default_locale: 'en',
    description: '__MSG_manifest_description__',
    permissions: [
      'storage',
      'tabs',
      'activeTab',
      'scripting',
      'clipboardWrite',
      // The retention period is enforced on a schedule (utils/background/data.ts).
      'alarms',
      ...(browser === 'firefox' ? [] : ['sidePanel']),
    ],
    // Local model servers (Ollama, LM Studio, vLLM) run on loopback. Helpdesks are NOT required: the agent turns
    // on each helpdesk they use (options page or side panel) and only its hosts are requested then.
    host_permissions: ['http://localhost/*', 'http://127.0.0.1/*'],
    // Helpdesk hosts, declared helpdesk domains and any other model endpoint are requested at runtime, in a click.
    // (Firefox MV2 has no optional_host_permissions; hosts go into optional_permissions there.)
    ...(browser === 'firefox'
      ? { optional_permissions: ['https://*/*', 'http://*/*'] }
      : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    action: { default_title: '__MSG_manifest_action_title__' },
    // Keyboard first (utils/background/commands.ts). Suggested keys only: the agent changes them in the browser's
    // shortcut settings. Firefox's sidebar has its own "open" command.
    commands: {
      [browser === 'firefox' ? '_execute_sidebar_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+D' },
        description: '__MSG_command_open__',
      },
      summarize: { suggested_key: { default: 'Alt+Shift+S' }, description: '__MSG_command_summarize__' },
      draft: { suggested_key: { default: 'Alt+Shift+R' }, description: '__MSG_command_draft__' },
      insert: {
        suggested_key: { default: 'Alt+Shift+I' },
        description: '__MSG_command_insert__',
      },
    },
    // Explicit, strict: only our own packaged scripts run in extension pages (no eval, no remote code).
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'self'"
        : { extension_pages: "script-src 'self'; object-src 'self'" },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'deskmate@deskmate.dev',
              // 140 (ESR): the first Firefox that knows data_collection_permissions.
              strict_min_version: '140.0',
              // Ticket text (page content, messages, names and addresses in them) is sent to the model endpoint
              // the user configured: that is transmission in Mozilla's sense, so it is declared, not 'none'.
              data_collection_permissions: {
                required: ['websiteContent', 'personalCommunications', 'personallyIdentifyingInfo'],
              },
            },
          },
        }
      : {
          minimum_chrome_version: '116',
          // Enterprise policy (utils/presets/policy.ts): Chrome validates the admin's 3rdparty policy against this
          // schema and exposes it as storage.managed. Firefox has no such key: it reads policies.json's
          // 3rdparty.Extensions["deskmate@deskmate.dev"] into storage.managed without a schema.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
  zip: {
    excludeSources: [
      'tests/**',
      'bench/**',
      'reports/**',
      'test-results/**',
      '.ci/**',
      'store/**',
      'docs/**',
    ],
  },
});
