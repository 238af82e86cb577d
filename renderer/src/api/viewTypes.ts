/** Types the contract defines only as schemas, named once for the renderer. */
import type { z } from 'zod';
import type { cursorSchema, scopeSchema, viewSchema } from '../../../common/contract.ts';

export type Scope = z.infer<typeof scopeSchema>;
export type View = z.infer<typeof viewSchema>;
export type Cursor = z.infer<typeof cursorSchema>;
