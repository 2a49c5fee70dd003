import { lazy, Suspense, type ComponentType } from 'react';

interface DialogProps {
  readonly onClose: () => void;
}

/**
 * A dialog whose code is fetched the first time it opens: dialogs a visitor may never open stay
 * out of the first load (scripts/bundle-size.mjs). `load` resolves to the dialog component.
 */
export function lazyDialog(load: () => Promise<ComponentType<DialogProps>>): ComponentType<DialogProps> {
  const Dialog = lazy(async () => ({ default: await load() }));
  return function LazyDialog({ onClose }: DialogProps) {
    // Nothing to show while it loads: the button that opened it stays as it was.
    return (
      <Suspense fallback={null}>
        <Dialog onClose={onClose} />
      </Suspense>
    );
  };
}
