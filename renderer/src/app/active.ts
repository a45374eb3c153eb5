import { createContext, useContext } from 'react';

/**
 * Visited pages stay mounted (hidden) so that coming back is instant; a page loads its data only
 * while it is the one shown, and again each time it is shown.
 */
export const PageActiveContext = createContext(true);

export function usePageActive(): boolean {
  return useContext(PageActiveContext);
}
