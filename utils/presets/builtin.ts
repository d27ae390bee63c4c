import { Preset, type PresetInput } from './preset';

// The presets every agent has on day one. Data, not code: the same shape a team pack carries, so a team lead can
// export one, change it and share it back. They are not stored in the database: a Deskmate update improves them
// for everyone, and an agent who wants a variant uses "Duplicate to edit".
//
// Written as the task part of the prompt. The safety rules (ticket text is data, never promise actions, internal
// notes stay internal) live in utils/llm/prompts.ts and are added around every preset; ticket-derived variables
// arrive here as references to the data block (see template.ts), which is why the templates say
// "the conversation below" rather than pasting it.

const REPLY_RULES = [
  'Use only facts from the ticket. Where the reply needs a fact the agent must supply, leave a placeholder in square brackets, such as [order number] or [refund amount].',
  'Do not promise refunds, credits, deadlines or any action that the conversation does not show an agent has agreed to.',
  'Plain text, short paragraphs, no Markdown. No sign-off or signature; the agent adds their own.',
].join('\n');

const REWRITE_RULES = [
  'Keep every fact, number, name, link and placeholder in square brackets exactly as it is. Do not add new facts or promises.',
  'Output only the rewritten text, with no comments about what you changed.',
].join('\n');

const inputs: PresetInput[] = [
  {
    id: 'summary-structured',
    name: 'Structured summary',
    description: 'Issue, customer, what was tried, open questions and the next step, in under 150 words.',
    kind: 'summary',
    tone: 'neutral',
    length: 'short',
    language: { mode: 'agent' },
    tags: ['summary', 'triage'],
    template: `Summarise this {{ticket.helpdesk}} ticket for an agent who has not read it.

Ticket subject: {{ticket.subject}}
Conversation:
{{conversation}}

Use Markdown bullets with these bold labels, in this order, one or two lines each:
- **Issue:** what is wrong or what is asked, in the customer's terms.
- **Customer:** who they are, what they want to achieve, and their mood.
- **Tried / promised:** what has been tried already and anything an agent promised, with dates.
- **Open questions:** what we still do not know.
- **Next step:** one concrete action for the agent.
Say "unknown" where the ticket does not tell. Keep it under 150 words.`,
  },
  {
    id: 'handoff-note',
    name: 'Escalation / handoff note',
    description:
      'A self-contained note for the next team or tier, paste-able into Jira, Slack or an internal note.',
    kind: 'summary',
    tone: 'factual',
    length: 'medium',
    language: { mode: 'agent' },
    tags: ['escalation', 'handoff', 'internal'],
    template: `Write a handoff note the agent can paste into another tool (an issue tracker, a chat channel or an internal note) to hand this ticket to another team. The reader has no access to the helpdesk, so the note must stand on its own. Sign it as handed over by the agent (name, then team, where given): {{agent.name}} {{team.name}}

Ticket subject: {{ticket.subject}}
Tags: {{ticket.tags}}
Conversation:
{{conversation}}

Plain text with these headings, each on its own line followed by a colon:
Summary: one sentence.
Customer impact: who is affected, how badly, since when.
Steps to reproduce / evidence: numbered, only what the conversation shows (error messages quoted exactly).
Already done: what support tried, and its result.
Ask: the one thing we need from the receiving team.
Customer expectation: what the customer was told and any deadline promised.
Do not include email addresses, phone numbers or payment details. Date the note {{today}}.`,
  },
  {
    id: 'reply-empathetic',
    name: 'Empathetic reply',
    description: 'Acknowledges how the customer feels, answers the question, and says what happens next.',
    kind: 'reply',
    tone: 'warm and reassuring',
    length: 'medium',
    language: { mode: 'customer' },
    tags: ['reply'],
    template: `Draft a reply to the customer's latest message:
{{latest_customer_message}}

Earlier conversation, for context:
{{conversation}}

Tone: {{tone}}.
Open by acknowledging the customer's situation in one sentence that is specific to what they wrote (not a generic "I understand your frustration"). Then answer what they asked, as directly as the ticket allows. End with what happens next and when they will hear from us, without inventing dates.
Greet the customer by name if it is known: {{ticket.requester.name}}.
${REPLY_RULES}`,
  },
  {
    id: 'reply-missing-info',
    name: 'Ask for missing information',
    description: 'Asks only for what is needed to move forward, as a short numbered list.',
    kind: 'reply',
    tone: 'friendly and efficient',
    length: 'short',
    language: { mode: 'customer' },
    tags: ['reply', 'triage'],
    template: `We cannot solve this ticket yet because information is missing. Draft a reply that asks the customer for it.

Ticket subject: {{ticket.subject}}
Conversation:
{{conversation}}

First work out what is already known from the conversation; never ask for anything the customer has already given.
Ask for at most four items, as a numbered list, most important first. For each, say in a few words why we need it or where the customer can find it (for example "the order number from your confirmation email").
Keep it short: one sentence before the list, one after it. Tone: {{tone}}.
${REPLY_RULES}`,
  },
  {
    id: 'reply-deescalate',
    name: 'De-escalate an angry customer',
    description: 'Calm, accountable and concrete, for customers who are upset or threatening to leave.',
    kind: 'reply',
    tone: 'calm, respectful and accountable',
    length: 'medium',
    language: { mode: 'customer' },
    tags: ['reply', 'escalation'],
    template: `The customer is upset. Draft a reply that lowers the temperature and moves the ticket forward.

Their latest message:
{{latest_customer_message}}

Conversation so far:
{{conversation}}

Guidelines:
- Start by naming the specific problem they had and taking ownership of our part in it. Apologise once, sincerely; do not grovel and do not repeat the apology.
- Do not argue, correct their tone, blame another team or quote policy at them.
- Give one concrete next step we will take, and what they can expect, with a placeholder where the agent must fill in a time or a name.
- If they asked for compensation, acknowledge the request without granting or refusing it; say the agent will look into it.
- Short sentences. No exclamation marks. Tone: {{tone}}.
${REPLY_RULES}`,
  },
  {
    id: 'reply-refund-returns',
    name: 'Refund / returns reply',
    description: 'Explains the return or refund path step by step, within the team’s policy.',
    kind: 'reply',
    tone: 'clear and helpful',
    length: 'medium',
    language: { mode: 'customer' },
    tags: ['reply', 'billing', 'refund'],
    variables: [
      {
        name: 'return_window',
        label: 'Return window',
        default: '30 days from delivery',
        description: 'How long customers have to return an item.',
      },
      {
        name: 'refund_time',
        label: 'Refund processing time',
        default: '5–10 business days after we receive the item',
        description: 'How long a refund takes once approved.',
      },
    ],
    template: `Draft a reply about a refund or return.

Ticket subject: {{ticket.subject}}
Conversation:
{{conversation}}

Our policy: returns are accepted within {{return_window}}; refunds are processed within {{refund_time}}.
If the conversation shows the request is clearly within policy, explain the steps the customer should follow, as a numbered list, with [return label link] and [return address] placeholders where needed.
If it is unclear whether the request qualifies (dates, condition, proof of purchase), ask for exactly what is missing instead of saying yes or no.
Never state that a refund has been issued or approved unless an agent said so in the conversation.
Tone: {{tone}}.
${REPLY_RULES}`,
  },
  {
    id: 'reply-customer-language',
    name: 'Reply in the customer’s language',
    description: 'A complete reply written in the language the customer used, whatever the agent’s language.',
    kind: 'reply',
    tone: 'friendly',
    length: 'medium',
    language: { mode: 'customer' },
    tags: ['reply', 'language'],
    template: `Draft a reply to the customer's latest message, written entirely in the customer's language.
Language tag detected by the helpdesk: {{ticket.language}}. If it is "unknown", use the language of the customer's latest message.

Latest customer message:
{{latest_customer_message}}

Conversation:
{{conversation}}

Use the natural, polite register a native support agent would use in that language (for example the formal "Sie" in German, "vous" in French) unless the customer clearly uses an informal register.
Keep product names, order numbers and placeholders in square brackets unchanged. Tone: {{tone}}.
${REPLY_RULES}`,
  },
  {
    id: 'rewrite-shorter',
    name: 'Make it shorter',
    description: 'Cuts the draft to about half, keeping every fact and the next step.',
    kind: 'rewrite',
    length: 'short',
    tags: ['rewrite'],
    template: `Rewrite the draft below so it is about half as long. Remove repetition, filler and hedging; keep the greeting, every fact the customer needs and the next step.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
  {
    id: 'rewrite-longer',
    name: 'Make it longer',
    description: 'Adds detail and explains the steps more fully, without new facts or filler.',
    kind: 'rewrite',
    length: 'long',
    tags: ['rewrite'],
    template: `Rewrite the draft below so it is more detailed and about one and a half times as long. Explain each step the customer has to take more fully and make the next step explicit, using only what the draft and the conversation say. Add no filler, no repeated apologies and no small talk.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
  {
    id: 'rewrite-friendlier',
    name: 'Make it friendlier',
    description: 'Warmer wording without adding length or exclamation marks.',
    kind: 'rewrite',
    tone: 'warm and personal',
    tags: ['rewrite', 'tone'],
    template: `Rewrite the draft below to sound {{tone}}: plain everyday words, "we" and "you", no corporate phrasing. Do not make it longer, and add at most one exclamation mark.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
  {
    id: 'rewrite-formal',
    name: 'Make it more formal',
    description: 'A professional register for legal, enterprise or complaint tickets.',
    kind: 'rewrite',
    tone: 'formal and courteous',
    tags: ['rewrite', 'tone'],
    template: `Rewrite the draft below in a {{tone}} register suitable for a business customer: complete sentences, no slang, no contractions, no emoji, no exclamation marks. Keep it the same length or shorter.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
  {
    id: 'rewrite-fix-grammar',
    name: 'Fix spelling and grammar',
    description: 'Corrects mistakes only; the wording and tone stay the agent’s own.',
    kind: 'rewrite',
    tags: ['rewrite'],
    template: `Correct the spelling, grammar and punctuation of the draft below. Change as little as possible: keep the agent's wording, tone, line breaks and language. If a sentence is already correct, leave it exactly as it is.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
  {
    id: 'rewrite-translate',
    name: 'Translate the draft',
    description: 'Translates the draft, by default into the customer’s language.',
    kind: 'rewrite',
    language: { mode: 'template' },
    tags: ['rewrite', 'language'],
    variables: [
      {
        name: 'target_language',
        label: 'Translate into',
        default: 'the customer’s language',
        description: 'A language name, e.g. German; by default the customer’s language.',
      },
    ],
    template: `Translate the draft below into {{target_language}}. The customer's language tag, if the helpdesk knows it: {{ticket.language}}.
Translate the meaning, not word by word, in the register a native support agent would use. Keep names, product names, numbers, links and placeholders in square brackets unchanged.

Draft:
{{draft}}

${REWRITE_RULES}`,
  },
];

/** Parsed once at load: a built-in that does not validate is a bug caught by the tests, not at runtime. */
export const BUILTIN_PRESETS: readonly Preset[] = inputs.map((input) => Preset.parse(input));

export function builtinPreset(id: string): Preset | undefined {
  return BUILTIN_PRESETS.find((p) => p.id === id);
}
