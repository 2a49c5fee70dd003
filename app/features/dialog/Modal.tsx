import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

// A key pressed in a dialog belongs to it: the app's single-key shortcuts (window listener)
// must not act behind the modal ("v" would start presenting).
const keepKeys = (e: KeyboardEvent) => e.stopPropagation();

/** A native modal dialog, open while mounted: Escape and "Close" (method=dialog) call onClose. */
export function Modal({
  className,
  labelledBy,
  onClose,
  children,
}: {
  className: string;
  labelledBy: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      onClose={onClose}
      onKeyDown={keepKeys}
    >
      {children}
    </dialog>
  );
}
