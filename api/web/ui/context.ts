/** The person's UI state for every component of a page, so that it need not be passed down by hand. */
import { createContext, useContext } from 'hono/jsx';
import type { Ui } from '../env.ts';

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('a web component was rendered outside of a page');
  return ui;
}
