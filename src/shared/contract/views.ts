/** Saved views: a screen's filters, sort and columns under a name. */
import { z } from 'zod'
import { channel, Text, type AreaChannels } from './kit'
import type { viewsChannels } from './names/views'

export interface SavedView {
  id: number
  screen: string
  name: string
  view: unknown
  updatedAt: number
}

export const viewsContract = {
  'views.list': channel<SavedView[]>()(z.object({ screen: z.string().min(1).max(40) }).strict()),
  'views.save': channel<SavedView>()(
    z
      .object({
        screen: z.string().min(1).max(40),
        name: Text(60).min(1, 'Name is required'),
        view: z.record(z.string().max(100), z.unknown()).refine((value) => {
          // The dispatcher lets only plain data through, but the refine must not throw on anything.
          try {
            return JSON.stringify(value).length <= 20_000
          } catch {
            return false
          }
        }, 'View is too large or not JSON'),
      })
      .strict(),
  ),
  'views.remove': channel<{ removed: boolean }>()(z.object({ id: z.number().int().min(1) }).strict()),
} satisfies AreaChannels<(typeof viewsChannels)[number]>
