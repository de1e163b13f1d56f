/**
 * "Make a payment" for an account whose carrier takes payments: amount (and a card, when the carrier takes
 * one) → an explicit confirmation → one `billing.pay` → its result. The card lives only in this component's
 * state: cleared as soon as the call returns or the modal closes, and never put in a store, a notification
 * or a log. A payment whose outcome is unknown is shown as a warning with no retry, so nobody pays twice;
 * while one of this account's payments is still unsettled, the form says so before anything is typed.
 * Shared by the Accounts and Billing screens.
 */
import { Alert, Button, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck, IconCreditCard } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import type { AccountView, CarrierInfo, PaymentCard } from '../../../shared/domain'
import type { PaymentView } from '../../../shared/ipc-shared'
import { BridgeError, call, toErrorShape } from '../bridge'
import { formatTimestamp } from '../format'
import { useNavigationStore } from '../stores/navigation'
import { useOffline } from '../stores/connectivity'

interface CardFields {
  firstName: string
  lastName: string
  cardNumber: string
  expMonth: string
  expYear: string
  cvv: string
  zip: string
}

const emptyCard: CardFields = { firstName: '', lastName: '', cardNumber: '', expMonth: '', expYear: '', cvv: '', zip: '' }

type Outcome = { kind: 'paid'; message: string; reference?: string | undefined } | { kind: 'unknown'; message: string } | { kind: 'failed'; message: string }
type Step = 'form' | 'confirm' | 'sending' | 'done'

export const formatDollars = (amount: number): string => `$${amount.toFixed(2)}`

/** Dollars and cents, more than 0 and at most 100,000, or an error message. */
function parseAmount(text: string): number | string {
  const cleaned = text.replace(/[$,\s]/g, '')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return 'Enter an amount in dollars and cents, like 50.00'
  const amount = Math.round(Number(cleaned) * 100) / 100
  if (amount <= 0) return 'Amount must be more than 0'
  if (amount > 100_000) return 'Amount is at most $100,000.00'
  return amount
}

function cardErrors(card: CardFields): Partial<Record<keyof CardFields, string>> {
  const errors: Partial<Record<keyof CardFields, string>> = {}
  if (!card.firstName.trim()) errors.firstName = 'First name is required'
  if (!card.lastName.trim()) errors.lastName = 'Last name is required'
  if (!/^\d{12,19}$/.test(card.cardNumber.replace(/[\s-]/g, ''))) errors.cardNumber = 'Card number is 12 to 19 digits'
  const month = Number(card.expMonth)
  if (!/^\d{1,2}$/.test(card.expMonth.trim()) || month < 1 || month > 12) errors.expMonth = 'Month is 1 to 12'
  if (!/^\d{4}$/.test(card.expYear.trim())) errors.expYear = 'Year is four digits'
  if (!/^\d{3,4}$/.test(card.cvv.trim())) errors.cvv = 'CVV is 3 or 4 digits'
  if (card.zip.trim() && !/^[A-Za-z0-9 -]{3,12}$/.test(card.zip.trim())) errors.zip = 'ZIP looks wrong'
  return errors
}

function toPaymentCard(card: CardFields): PaymentCard {
  return {
    firstName: card.firstName.trim(),
    lastName: card.lastName.trim(),
    cardNumber: card.cardNumber.replace(/[\s-]/g, ''),
    expMonth: Number(card.expMonth),
    expYear: Number(card.expYear),
    cvv: card.cvv.trim(),
    zipcode: card.zip.trim() || undefined,
  }
}

function isAmbiguous(error: unknown): boolean {
  if (error instanceof BridgeError && error.details?.ambiguous === true) return true
  return /may or may not have gone through/i.test(toErrorShape(error).message)
}

interface PaymentModalProps {
  account: AccountView | undefined
  carrier: CarrierInfo | undefined
  onClose: () => void
}

/** This account's payments of unknown outcome, as the billing cache and the activity log tell them. */
function useUnsettled(accountId: string | undefined): PaymentView[] {
  const [unsettled, setUnsettled] = useState<PaymentView[]>([])
  useEffect(() => {
    if (!accountId) return
    let current = true
    call('billing.payments', { accountId }).then(
      (result) => current && setUnsettled(result.unsettled),
      () => undefined,
    )
    return () => {
      current = false
    }
  }, [accountId])
  return unsettled
}

function UnsettledWarning({ payments, carrierLabel, onReview }: { payments: PaymentView[]; carrierLabel: string; onReview: () => void }) {
  if (payments.length === 0) return null
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="An earlier payment is unsettled" role="alert" data-testid="unsettled-payment-warning">
      <Text size="sm">
        {payments.length === 1 ? 'This payment' : 'These payments'} from CarrierDesk ended without an answer, and {carrierLabel}’s payment list does not
        show {payments.length === 1 ? 'it' : 'them'} yet. Check before paying again:
      </Text>
      <List size="sm" mt={4}>
        {payments.map((payment) => (
          <List.Item key={payment.key}>
            {formatDollars(payment.amount)} on {formatTimestamp(payment.at)}
          </List.Item>
        ))}
      </List>
      <Button size="compact-sm" variant="light" color="yellow" mt="xs" onClick={onReview}>
        Review in Billing → Payments
      </Button>
    </Alert>
  )
}

export function PaymentModal({ account, carrier, onClose }: PaymentModalProps) {
  const unsettled = useUnsettled(account?.id)
  const go = useNavigationStore((state) => state.go)
  const [step, setStep] = useState<Step>('form')
  const [amountText, setAmountText] = useState('')
  const [card, setCard] = useState<CardFields>(emptyCard)
  const [showErrors, setShowErrors] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | undefined>()
  const offline = useOffline()
  const needsCard = carrier?.paymentMethod === 'card'
  const carrierLabel = carrier?.name ?? account?.carrier ?? ''
  const amount = parseAmount(amountText)
  const errors = needsCard ? cardErrors(card) : {}
  const valid = typeof amount === 'number' && Object.keys(errors).length === 0

  const reset = (): void => {
    setCard(emptyCard)
    setAmountText('')
    setShowErrors(false)
    setOutcome(undefined)
    setStep('form')
  }
  const close = (): void => {
    if (step === 'sending') return
    reset()
    onClose()
  }

  const pay = async (): Promise<void> => {
    if (!account || typeof amount !== 'number') return
    setStep('sending')
    try {
      const result = await call(
        'billing.pay',
        needsCard ? { accountId: account.id, amount, card: toPaymentCard(card), confirmed: true } : { accountId: account.id, amount, confirmed: true },
      )
      setOutcome({ kind: 'paid', message: result.message, reference: result.reference })
    } catch (error) {
      const shape = toErrorShape(error)
      setOutcome(isAmbiguous(error) ? { kind: 'unknown', message: shape.message } : { kind: 'failed', message: `${shape.code}: ${shape.message}` })
    } finally {
      // The card is gone from this window as soon as the carrier has answered, whatever the answer.
      setCard(emptyCard)
      setStep('done')
    }
  }

  const field = (key: keyof CardFields, label: string, props: { w?: number; inputMode?: 'numeric'; maxLength?: number; placeholder?: string } = {}) => (
    <TextInput
      label={label}
      required={key !== 'zip'}
      autoComplete="off"
      spellCheck={false}
      data-lpignore="true"
      value={card[key]}
      onChange={(event) => {
        const value = event.currentTarget.value
        setCard((current) => ({ ...current, [key]: value }))
      }}
      error={showErrors ? errors[key] : undefined}
      {...props}
    />
  )

  const last4 = card.cardNumber.replace(/\D/g, '').slice(-4)

  return (
    <Modal
      opened={account !== undefined}
      onClose={close}
      title={account ? `Make a payment — ${account.name}` : 'Make a payment'}
      centered
      size="md"
      closeOnClickOutside={step !== 'sending'}
      closeOnEscape={step !== 'sending'}
      withCloseButton={step !== 'sending'}
    >
      {account && step === 'form' && (
        <form
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault()
            setShowErrors(true)
            if (valid) setStep('confirm')
          }}
        >
          <Stack gap="sm">
            <UnsettledWarning
              payments={unsettled}
              carrierLabel={carrierLabel}
              onReview={() => {
                close()
                go('billing')
              }}
            />
            <Text size="sm" c="dimmed">
              {needsCard
                ? `${carrierLabel} takes payments by card; the card is sent to ${carrierLabel} once and never stored by CarrierDesk.`
                : `${carrierLabel} charges the payment method it has on file for this account.`}
            </Text>
            <TextInput
              label="Amount (USD)"
              required
              autoComplete="off"
              inputMode="decimal"
              leftSection="$"
              placeholder="50.00"
              value={amountText}
              onChange={(event) => setAmountText(event.currentTarget.value)}
              error={showErrors && typeof amount === 'string' ? amount : undefined}
              data-autofocus
            />
            {needsCard && (
              <Stack gap="xs" role="group" aria-label="Card">
                <Group grow>
                  {field('firstName', 'First name')}
                  {field('lastName', 'Last name')}
                </Group>
                {field('cardNumber', 'Card number', { inputMode: 'numeric', maxLength: 23 })}
                <Group grow>
                  {field('expMonth', 'Exp. month', { inputMode: 'numeric', maxLength: 2, placeholder: 'MM' })}
                  {field('expYear', 'Exp. year', { inputMode: 'numeric', maxLength: 4, placeholder: 'YYYY' })}
                  {field('cvv', 'CVV', { inputMode: 'numeric', maxLength: 4 })}
                  {field('zip', 'ZIP', { maxLength: 12 })}
                </Group>
              </Stack>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit">Review payment</Button>
            </Group>
          </Stack>
        </form>
      )}
      {account && (step === 'confirm' || step === 'sending') && typeof amount === 'number' && (
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconCreditCard size={18} />} title="Confirm the payment">
            <Text fw={600} data-testid="payment-confirmation">
              Pay {formatDollars(amount)} to {carrierLabel} from {account.name}?
            </Text>
            <Text size="sm" c="dimmed" mt={4}>
              {needsCard ? `Charged to the card ending ${last4}.` : 'Charged to the payment method on file at the carrier.'} This moves
              real money at the carrier and cannot be undone from CarrierDesk.
            </Text>
          </Alert>
          <Group justify="space-between">
            <Button variant="subtle" disabled={step === 'sending'} onClick={() => setStep('form')}>
              Back
            </Button>
            <Group gap="xs">
              <Button variant="default" disabled={step === 'sending'} onClick={close}>
                Cancel
              </Button>
              <Button color="orange" loading={step === 'sending'} disabled={offline} title={offline ? 'Offline: payments need the carrier' : undefined} onClick={() => void pay()}>
                Pay {formatDollars(amount)}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
      {account && step === 'done' && outcome && (
        <Stack gap="sm">
          {outcome.kind === 'paid' && (
            <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Payment accepted" role="status">
              <Text size="sm">{outcome.message}</Text>
              {outcome.reference && (
                <Text size="sm" mt={4}>
                  Reference: <span className="cd-mono" data-testid="payment-reference">{outcome.reference}</span>
                </Text>
              )}
            </Alert>
          )}
          {outcome.kind === 'unknown' && (
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Payment outcome unknown" role="alert">
              <Text size="sm">{outcome.message}</Text>
              <Text size="sm" mt={4} fw={600}>
                Do not pay again until {carrierLabel}’s payment history shows whether this one went through.
              </Text>
            </Alert>
          )}
          {outcome.kind === 'failed' && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Payment not made" role="alert">
              <Text size="sm">{outcome.message}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            {outcome.kind === 'failed' && (
              <Button variant="default" onClick={() => { setOutcome(undefined); setShowErrors(false); setStep('form') }}>
                Edit and try again
              </Button>
            )}
            <Button onClick={close}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}
