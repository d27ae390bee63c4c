import { AgentProfileSection } from './AgentProfileSection';
import { CustomDomainsSection } from './CustomDomainsSection';
import { DataSection } from './DataSection';
import { HelpdesksSection } from './HelpdesksSection';
import { KnowledgeSection } from './knowledge/KnowledgeSection';
import { ManagedPolicyNotice } from './ManagedPolicyNotice';
import { OllamaHelp } from './OllamaHelp';
import { PricingSection } from './PricingSection';
import { PrivacySection } from './PrivacySection';
import { ProviderSection } from './ProviderSection';
import { PresetLibrarySection } from './presets/PresetLibrarySection';
import { TeamPacksSection } from './presets/TeamPacksSection';
import { SelectorOverridesSection } from './SelectorOverridesSection';

// The options page. Each section owns its own loading and saving; more sections (privacy, presets,
// team packs, data) are added beside the provider one.

export function OptionsApp() {
  return (
    <div className="options-page">
      <header className="page-header">
        <h1>Deskmate settings</h1>
        <p>
          Deskmate drafts summaries and replies inside your helpdesk. It never sends anything on its own: you
          read, edit and decide.
        </p>
        <p>
          <a href="/dashboard.html" data-testid="open-dashboard">
            Quality of AI drafts
          </a>{' '}
          — how much of each draft you kept, from this computer's own records.{' '}
          <a href="/draft-history.html" data-testid="open-history">
            History
          </a>{' '}
          — search the summaries and drafts of every ticket.
        </p>
      </header>
      <main>
        <ManagedPolicyNotice />
        <ProviderSection />
        <HelpdesksSection />
        <AgentProfileSection />
        <PresetLibrarySection />
        <TeamPacksSection />
        <KnowledgeSection />
        <PrivacySection />
        <PricingSection />
        <OllamaHelp />
        <CustomDomainsSection />
        <SelectorOverridesSection />
        <DataSection />
      </main>
    </div>
  );
}
