import { useRef } from 'react';
import { useApp, type AppState } from '../../app/context';

/**
 * A ref holding the latest value, kept current during render: for callbacks made once (the grid's
 * columns, the save queue's jobs) that must read what is current when they run.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

/**
 * The app's context value, read when used. That value is new after every refresh or page switch,
 * so the collection page's loads and callbacks follow the year and scheme only, never the value.
 */
export function useAppRef(): { readonly current: AppState } {
  return useLatest(useApp());
}
