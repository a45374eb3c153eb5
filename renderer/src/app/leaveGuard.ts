/**
 * A page with unsaved edits (the scheme editor) registers a guard; switching page, year or scheme
 * asks it first. The guard answers true (go on: saved or discarded) or false (stay).
 */
type Guard = () => Promise<boolean>;

let guard: Guard | null = null;

/** Register the guard; the returned function removes it (if still the one registered). */
export function setLeaveGuard(g: Guard): () => void {
  guard = g;
  return () => {
    if (guard === g) guard = null;
  };
}

/** Run `go` now when nothing guards, else once the guard agrees (never when it says stay). */
export function whenMayLeave(go: () => void): void {
  const g = guard;
  if (!g) {
    go();
    return;
  }
  void g().then(
    (ok) => {
      if (ok) go();
    },
    () => undefined,
  );
}
