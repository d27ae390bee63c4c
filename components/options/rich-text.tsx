import { Fragment, type ReactNode } from 'react';
import { type MessageKey, t } from '@/utils/i18n/t';

// A translated sentence with markup inside it (a <strong>, a <code>, a link): the message keeps the whole
// sentence, so translators can move the marked words where their grammar wants them, and `$n` stands for the nth
// element. Private-use characters mark the elements' places; no message or name contains them.

const MARK = '\uE000';
const SPLIT = new RegExp(`${MARK}(\\d)${MARK}`);

export function tRich(key: MessageKey, ...elements: ReactNode[]): ReactNode {
  const text = t(key, ...elements.map((_, i) => `${MARK}${i}${MARK}`));
  // split() with a capture group alternates text, element index, text, …
  return text.split(SPLIT).map((piece, i) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one fixed message never reorder
    <Fragment key={i}>{i % 2 === 1 ? elements[Number(piece)] : piece}</Fragment>
  ));
}
