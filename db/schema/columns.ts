/** The columns every table writes the same way. */
import { text } from 'drizzle-orm/sqlite-core';

export const id = () => text('id').primaryKey();
export const createdAt = () => text('created_at').notNull();
export const updatedAt = () => text('updated_at').notNull();
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
