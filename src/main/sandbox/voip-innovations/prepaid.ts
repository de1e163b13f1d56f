/**
 * The account's prepaid balance (WSDL: GetPrepaidBalance answers it as NumericResponse.Amount, an
 * xs:decimal). The WSDL says nothing of what it is spent on; the sandbox charges the first month of a
 * number when it is assigned (assignDID, AssignIntlDID) and refuses an assignment the balance cannot
 * pay for. Monthly renewals and usage are not simulated. Amounts are kept in whole cents so the balance
 * never drifts.
 */
import { hash32 } from '../kit/random'

/** First month of a local number by VI's tier (the tiers get_did_count.xml shows; 777 is not sold here). */
const localMonthlyCents: Record<string, number> = { '1': 100, '2': 150, '4': 300 }
/** First month of an international number by the country's tier. */
const intlMonthlyCents: Record<string, number> = { '1': 300, '2': 500, '3': 800, '4': 1200 }

export function localMonthlyFeeCents(tier: string): number {
  return localMonthlyCents[tier] ?? 100
}

export function intlMonthlyFeeCents(tier: string): number {
  return intlMonthlyCents[tier] ?? 500
}

/** Writes cents as the decimal .NET serialises ("512.07"). */
export function centsAsDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : ''
  const whole = Math.abs(cents)
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`
}

export class PrepaidAccount {
  private cents: number

  /** A seeded account starts with $500.00 to $599.99. */
  constructor(seed: number) {
    this.cents = 50_000 + (hash32(seed, 0xba1) % 10_000)
  }

  balanceCents(): number {
    return this.cents
  }

  /** Takes `cents` off the balance; false (and nothing taken) when the balance cannot pay. */
  charge(cents: number): boolean {
    if (cents > this.cents) return false
    this.cents -= cents
    return true
  }
}
