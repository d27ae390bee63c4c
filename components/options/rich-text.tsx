import { Fragment, type ReactNode } from 'react';
import { tSlots } from '@/utils/i18n/slots';
import type { MessageKey } from '@/utils/i18n/t';

// A translated sentence with markup inside it (a <strong>, a <code>, a link): the message keeps the whole
// sentence, so translators can move the marked words where their grammar wants them, and `$n` stands for the nth
// element. utils/i18n/slots.ts splits the message around the elements' places.

export function tRich(key: MessageKey, ...elements: ReactNode[]): ReactNode {
  return tSlots(key, elements.length).map((piece, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed message never reorder
    <Fragment key={i}>{typeof piece === 'number' ? elements[piece] : piece}</Fragment>
  ));
}
