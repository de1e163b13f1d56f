/**
 * How a number's row in `numbers_fts` is written, once for every trigger that keeps the index in step
 * (and the back-fill that fills it): full, national and last four digits, CNAM, rate center, and the local
 * tags and notes. The text is exactly what schema 3 shipped with.
 */

const columns = 'rowid, digits, national, line, cnam, rate_center, tags, notes'
/** The values of the FTS row of the number whose columns are read through `from` ('new.' or '' for numbers). */
const values = (from: string, tags: string, notes: string): string =>
  `${from}id, substr(${from}e164, 2), substr(${from}e164, 3), substr(${from}e164, -4), ${from}cnam, ${from}rate_center`
  + (from === '' ? `, ${tags}, ${notes}` : `,\n          ${tags}, ${notes}`)

/** In a trigger on `numbers`: indexes the new row, with its notes if it has any. */
export const indexNewNumber = `        INSERT INTO numbers_fts (${columns})
        SELECT ${values('new.', "coalesce(n.tags, '')", "coalesce(n.notes, '')")}
        FROM (SELECT 1) LEFT JOIN number_notes n ON n.account_id = new.account_id AND n.e164 = new.e164;`

/** In a trigger on `number_notes`: indexes the number the new notes belong to, with them. */
export const reindexNotedNumber = `        INSERT INTO numbers_fts (${columns})
        SELECT ${values('', 'new.tags', 'new.notes')}
        FROM numbers WHERE account_id = new.account_id AND e164 = new.e164;`

/** Indexes every number, without notes (there are none yet when the index is created). */
export const indexEveryNumber = `      INSERT INTO numbers_fts (${columns})
        SELECT ${values('', "''", "''")} FROM numbers;`
