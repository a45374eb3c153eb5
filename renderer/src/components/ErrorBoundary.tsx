import { Component, type ReactNode } from 'react';

/** A page that fails to draw shows a Chinese message instead of taking the whole window down. */
export class PageErrorBoundary extends Component<{ children: ReactNode; page: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidUpdate(prev: { page: string }) {
    if (prev.page !== this.props.page && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-banner" role="alert" data-testid="page-crash">
        <strong>本页显示出错：</strong>
        {this.state.error.message}
        <div className="row">
          <button type="button" onClick={() => this.setState({ error: null })}>
            重新显示
          </button>
          <span className="muted">如反复出现，请把这段文字告诉技术人员。</span>
        </div>
      </div>
    );
  }
}
