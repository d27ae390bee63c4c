import { useRef, useState } from 'react';

// The editor of a library section (presets, knowledge) opens in place of the "New" button. When it closes, focus
// goes back to where the agent was (the row's Edit button), or to "New" when that row is gone, so a keyboard user
// never lands at the top of the page.

export function useEditorFocus<Editing>(onOpen: () => void) {
  const [editing, setEditing] = useState<Editing | null>(null);
  const newButtonRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const open = (next: Editing) => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    onOpen();
    setEditing(next);
  };
  const close = () => {
    setEditing(null);
    requestAnimationFrame(() => {
      const target = returnFocus.current?.isConnected ? returnFocus.current : newButtonRef.current;
      target?.focus();
    });
  };
  return { editing, open, close, newButtonRef };
}
