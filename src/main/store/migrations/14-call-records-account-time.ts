/**
 * Schema 14: each account's call records in time order (issue 17). A range of one account's records is a
 * seek into `call_records_account_time` instead of a walk through every record of the account (the planner,
 * offered `call_records_number` for `account_key = ?` and `call_records_time` for the range, chose the first
 * on an unanalysed database). Listings of several accounts merge one such seek per account
 * (store/repositories/cdr-query.ts).
 */
import type { Migration } from './migration'

export const migration14: Migration = {
  version: 14,
  name: 'call records per account in time order',
  sql: `
      CREATE INDEX call_records_account_time ON call_records (account_key, started_at);
    `,
}
