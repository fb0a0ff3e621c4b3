/**
 * Keeps one broken panel from blanking the whole console: a render error inside shows a
 * notice with the message and a retry, while the list, the map and the stream carry on.
 */
import { Component, type ReactNode } from 'react';

interface PanelBoundaryProps {
  /** What to say, in the current language, above the error's own message. */
  title: string;
  retryLabel: string;
  /** A new key (e.g. the selected incident) clears the error and tries again. */
  resetKey: string | null;
  children: ReactNode;
}

export class PanelBoundary extends Component<
  PanelBoundaryProps,
  { error: Error | null; key: string | null }
> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: PanelBoundaryProps, state: { key: string | null }) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="ops-drawer ops-panel-error" role="alert" data-testid="ops-panel-error">
        <p className="ops-drawer__error">
          {this.props.title}: {error.message}
        </p>
        <button type="button" className="ops-button" onClick={() => this.setState({ error: null })}>
          {this.props.retryLabel}
        </button>
      </div>
    );
  }
}
