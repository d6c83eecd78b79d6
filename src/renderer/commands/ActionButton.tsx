/** A toolbar button for a registry action: its tooltip (title and shortcut), enabled state and run come from the entry. */
import { createContext, useContext } from 'react';
import { actionById } from './actions';
import { actionTooltip, isEnabled, type ActionContext } from './registry';
import { PLATFORM } from './use-action-keys';

export const ActionContextValue = createContext<ActionContext | null>(null);

export function ActionButton({
  id,
  className = 'button',
  children,
  testId,
  pressed,
}: {
  id: string;
  className?: string;
  children: React.ReactNode;
  testId?: string;
  /** A toggle's state (aria-pressed), e.g. a panel shown or hidden. */
  pressed?: boolean;
}): React.JSX.Element {
  const ctx = useContext(ActionContextValue);
  const action = actionById(id);
  return (
    <button
      type="button"
      className={className}
      data-action={id}
      data-testid={testId}
      aria-pressed={pressed}
      disabled={!ctx || !isEnabled(action, ctx)}
      title={actionTooltip(action, PLATFORM)}
      onClick={() => ctx && action.run(ctx)}
    >
      {children}
    </button>
  );
}
