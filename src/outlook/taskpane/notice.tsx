import type { ReactNode } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** A message bar, kept in its own chunk: the pane only shows one on an error or a partial read. */
export function Notice({ intent, children }: { intent: 'error' | 'warning' | 'success' | 'info'; children: ReactNode }) {
  return (
    <MessageBar intent={intent}>
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}
