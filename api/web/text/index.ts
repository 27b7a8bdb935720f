/** The UI's two dictionaries; Dutch is the source of the shape, English must match it. */
import type { Lang } from '../../../core/types.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export type Dict = typeof nl;

export const textFor = (lang: Lang): Dict => (lang === 'en' ? en : nl);
