/**
 * Keeps one failing part of the screen from blanking the rest: without a boundary, an error
 * thrown while React renders any panel unmounts the whole app. The failed part is replaced by
 * a one-sentence note; the table, the query box and the other panels stay. A new `resetKey`
 * (say, another event opened) tries the part again.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

type Props = {
  /** What the part shows, for the note: "the event detail". */
  what: string;
  resetKey?: unknown;
  children: ReactNode;
};

type State = { error: Error | null; errorKey: unknown };

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, errorKey: undefined };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // An error belongs to the key it happened under; a new key renders the children again.
    if (state.error !== null && state.errorKey !== props.resetKey) return { error: null, errorKey: props.resetKey };
    if (state.error === null && state.errorKey !== props.resetKey) return { errorKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Trailkeeper could not show ${this.props.what}:`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="panel-error" data-testid="panel-error" role="alert">
        Trailkeeper could not show {this.props.what}: {error.message || error.name}. The rest of the
        window still works.
      </div>
    );
  }
}
