/**
 * Contract tests of the Vitcom simulator's downloads and billing: daily CDR CSV files (origination and
 * termination) listed and really downloadable, invoice PDFs, the financial summary, payment history and
 * card payments (which must never keep the card number or CVV).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvFields, dataOf, startVitcomHarness, type VitcomHarness } from './vitcom-helpers'

const callsPerDay = 240
const historyDays = 5
const csvHeader = 'call_id,start_time,answer_time,end_time,ani,dnis,duration_sec,billed_sec,rate_per_min,charge,disposition,sip_code,cause_code,cause_text,trunk_group'

let vitcom: VitcomHarness

beforeAll(async () => {
  vitcom = await startVitcomHarness({ callsPerDay, historyDays })
})

afterAll(async () => {
  await vitcom.sandbox.stop()
})

async function download(url: string): Promise<{ status: number; type: string; text: string }> {
  const response = await fetch(url)
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: Buffer.from(await response.arrayBuffer()).toString('latin1') }
}

/** Rows of a CSV file without its header; a quoted field may hold commas ("Normal, unspecified"). */
function rowsOf(csv: string): string[][] {
  const lines = csv.trimEnd().split('\n')
  return lines.slice(1).map(csvFields)
}

describe('Vitcom daily CDR files', () => {
  it('lists one successful and one failed CSV per day of history, newest first', async () => {
    const days = dataOf(await vitcom.post('daily_cdrs'))
    expect(days).toHaveLength(historyDays)
    const dates = days.map((day) => String(day.date))
    expect(dates.every((date) => /^\d{4}-\d{2}-\d{2} 00:00:00$/.test(date))).toBe(true)
    expect([...dates].sort().reverse()).toEqual(dates)
    const yesterday = new Date(vitcom.sandbox.clock.now() - 86_400_000).toISOString().slice(0, 10)
    expect(dates[0]).toBe(`${yesterday} 00:00:00`)
    for (const day of days) {
      expect(day.success).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.csv$/)
      expect(day.failed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\.csv$/)
    }
    const one = dataOf(await vitcom.post('daily_cdrs', { from: yesterday, to: yesterday }))
    expect(one.map((day) => day.date)).toEqual([`${yesterday} 00:00:00`])
    expect((await vitcom.post('daily_cdrs', { from: 'yesterday' })).body).toEqual({ status: '404', error: 'Invalid from' })
  })

  it('serves a day of origination calls split into successful and failed files', async () => {
    const day = dataOf(await vitcom.post('daily_cdrs'))[1]!
    const success = await download(String(day.success))
    const failed = await download(String(day.failed))
    expect(success.status).toBe(200)
    expect(success.type).toContain('text/csv')
    expect(success.text.split('\n')[0]).toBe(csvHeader)
    expect(failed.text.split('\n')[0]).toBe(csvHeader)
    const answered = rowsOf(success.text)
    const unanswered = rowsOf(failed.text)
    // Every call of the day is in exactly one of the two files.
    expect(answered.length + unanswered.length).toBe(callsPerDay)
    expect(answered.length).toBeGreaterThan(callsPerDay * 0.55)
    expect(unanswered.length).toBeGreaterThan(0)
    expect(new Set([...answered, ...unanswered].map((row) => row[0])).size).toBe(callsPerDay)
    const owned = new Set(dataOf(await vitcom.post('getnumbers')).map((row) => row.didnumber))
    const dayPrefix = String(day.date).slice(0, 10)
    for (const row of answered) {
      expect(row).toHaveLength(15)
      expect(row[1]?.startsWith(dayPrefix)).toBe(true)
      expect(row[10]).toBe('ANSWERED')
      expect(row.slice(11, 14)).toEqual(['200', '16', 'Normal call clearing'])
      expect(Number(row[6])).toBeGreaterThan(0)
      // Origination: the dialled number (DNIS) is one of the account's DIDs.
      expect(owned.has(row[5])).toBe(true)
    }
    for (const row of unanswered) {
      expect(row[10]).not.toBe('ANSWERED')
      expect(row[2]).toBe('')
      expect(row[6]).toBe('0')
    }
    // Downloads are deterministic: the same file twice is the same bytes.
    expect((await download(String(day.success))).text).toBe(success.text)
  })

  it('serves termination CDR files, where the account places the calls', async () => {
    const days = dataOf(await vitcom.post('daily_cdrs_termination'))
    expect(days).toHaveLength(historyDays)
    const success = await download(String(days[0]!.success))
    const failed = await download(String(days[0]!.failed))
    expect(success.text.split('\n')[0]).toBe(csvHeader)
    const rows = rowsOf(success.text)
    expect(rows.length + rowsOf(failed.text).length).toBe(callsPerDay)
    expect(rows.every((row) => row[14] === 'TG500' || row[14] === 'TG501')).toBe(true)
    const origination = await download(String(dataOf(await vitcom.post('daily_cdrs'))[0]!.success))
    expect(success.text).not.toBe(origination.text)
  })

  it('answers 404 for files outside the history or of another account', async () => {
    const url = String(dataOf(await vitcom.post('daily_cdrs'))[0]!.success)
    expect((await download(url.replace(/\d{4}-\d{2}-\d{2}/, '2001-01-01'))).status).toBe(404)
    expect((await download(url.replace(`/${vitcom.credentials().accountno}/`, '/0000000/'))).status).toBe(404)
  })
})

describe('Vitcom invoices', () => {
  it('lists monthly invoices whose PDF downloads carry the invoice number and amount', async () => {
    const invoices = dataOf(await vitcom.post('get_invoices'))
    expect(invoices.length).toBeGreaterThanOrEqual(2)
    for (const invoice of invoices) {
      expect(invoice.date).toMatch(/^\d{4}-\d{2}-01 00:00:00$/)
      expect(invoice.file).toMatch(/\.pdf$/)
    }
    const latest = invoices.at(-1)!
    const pdf = await download(String(latest.file))
    expect(pdf.status).toBe(200)
    expect(pdf.type).toBe('application/pdf')
    expect(pdf.text.startsWith('%PDF-1.4')).toBe(true)
    expect(pdf.text.trimEnd().endsWith('%%EOF')).toBe(true)
    expect(pdf.text).toContain(String(latest.invoiceno))
    expect(pdf.text).toContain(`$${String(latest.amount)}`)
    // The cross-reference table points at real objects.
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf.text)?.[1])
    expect(pdf.text.slice(xrefAt, xrefAt + 4)).toBe('xref')

    const from = String(latest.date).slice(0, 10)
    expect(dataOf(await vitcom.post('get_invoices', { from, to: from })).map((invoice) => invoice.file)).toEqual([latest.file])
    expect((await download(String(latest.file).replace('.pdf', '9.pdf'))).status).toBe(404)
  })
})

describe('Vitcom financial summary and payments', () => {
  it('lists financial activities with running balances, filtered by activity type', async () => {
    const all = dataOf(await vitcom.post('financial_summary'))
    expect(all.length).toBeGreaterThan(historyDays)
    for (const row of all) {
      expect(Object.keys(row).sort()).toEqual(['accountno', 'activity', 'balance', 'credit', 'date', 'debit'])
      expect(row.debit).toMatch(/^\d+\.\d{2}$/)
    }
    let running = 0
    for (const row of all) {
      running += Number(row.credit) - Number(row.debit)
      expect(Number(row.balance)).toBeCloseTo(running, 2)
    }
    const calls = dataOf(await vitcom.post('financial_summary', { activitytype: 'Call Charges' }))
    expect(calls).toHaveLength(historyDays)
    expect(calls.every((row) => row.activity === 'Call Charges')).toBe(true)
    expect(dataOf(await vitcom.post('financial_summary', { activitytype: 'All Activity' }))).toHaveLength(all.length)
    expect((await vitcom.post('financial_summary', { activitytype: 'Lottery' })).body).toEqual({ status: '404', error: 'Invalid activitytype' })
  })

  it('takes a card payment, raises the balance by the net amount and keeps only the last four digits', async () => {
    const before = Number(dataOf(await vitcom.post('financial_summary')).at(-1)?.balance)
    const card = { firstname: 'Ada', lastname: 'Lovelace', cardnumber: '4111111111111111', expmonth: '12', expyear: '2099', cvv: '737', zipcode: '97230' }

    const missingCvv = await vitcom.post('make_payment', { ...card, cvv: '', amount: '50.00' })
    expect(missingCvv.body).toEqual({ status: '404', error: 'Invalid cvv' })
    expect((await vitcom.post('make_payment', { ...card, cardnumber: '4111111111111112', amount: '50.00' })).body).toEqual({ status: '404', error: 'Invalid cardnumber' })
    expect((await vitcom.post('make_payment', { ...card, expyear: '2001', amount: '50.00' })).body).toEqual({ status: '404', error: 'Invalid expyear' })
    expect((await vitcom.post('make_payment', card)).body).toEqual({ status: '404', error: 'Invalid amount' })
    expect(vitcom.ledger('make_payment')).toHaveLength(0)

    const paid = await vitcom.post('make_payment', { ...card, amount: '50.00' })
    expect(paid.body).toMatchObject({ status: '200', success: 'Payment added successfully.' })
    const referenceno = String(paid.body.referenceno)

    const payments = dataOf(await vitcom.post('get_payments', { referenceno }))
    expect(payments).toHaveLength(1)
    const payment = payments[0]!
    expect(payment).toMatchObject({ referenceno, funded_amount: '50.00', method: 'credit card', status: '1', accountno: vitcom.credentials().accountno })
    expect(Number(payment.amount)).toBeCloseTo(50 - Number(payment.charges), 2)
    expect(Number(payment.charges)).toBeGreaterThan(0)

    const after = Number(dataOf(await vitcom.post('financial_summary')).at(-1)?.balance)
    expect(after).toBeCloseTo(before + Number(payment.amount), 2)
    const cardActivity = dataOf(await vitcom.post('financial_summary', { activitytype: 'Credit Card' })).at(-1)
    expect(cardActivity).toMatchObject({ credit: '50.00', debit: '0.00' })

    const entries = vitcom.ledger('make_payment')
    expect(entries).toHaveLength(1)
    expect(entries[0]?.details).toMatchObject({ amount: '50.00', cardLast4: '1111', referenceno })
    const everything = JSON.stringify(vitcom.sandbox.ledger.entries())
    expect(everything).not.toContain('4111111111111111')
    expect(everything).not.toMatch(/cvv|cardnumber/i)
    const values = vitcom.sandbox.ledger.entries().flatMap((entry) => Object.values(entry.details).map(String))
    expect(values).not.toContain(card.cvv)
  })

  it('filters payments by method and date', async () => {
    const all = dataOf(await vitcom.post('get_payments'))
    expect(all.length).toBeGreaterThanOrEqual(2)
    for (const row of all) {
      expect(Object.keys(row).sort()).toEqual(['accountno', 'amount', 'charges', 'date', 'funded_amount', 'method', 'referenceno', 'status'])
    }
    const bank = dataOf(await vitcom.post('get_payments', { method: 'Bank' }))
    expect(bank.length).toBeGreaterThan(0)
    expect(bank.every((row) => row.method === 'bank')).toBe(true)
    const cards = dataOf(await vitcom.post('get_payments', { method: 'Credit Card' }))
    expect(cards.every((row) => row.method === 'credit card')).toBe(true)
    expect(dataOf(await vitcom.post('get_payments', { from: '2001-01-01 00:00:00', to: '2001-01-31 00:00:00' }))).toEqual([])
    expect((await vitcom.post('get_payments', { method: 'Cheque' })).body).toEqual({ status: '404', error: 'Invalid method' })
  })
})
