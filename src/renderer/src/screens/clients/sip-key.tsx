/**
 * A device's SIP key, shown only after an explicit "Reveal" and hidden again after 30 seconds (or at once
 * with "Hide", or when the panel closes). The key lives in this component's state only: never a store, a
 * notification or the clipboard unasked.
 */
import { Button, Code, Group, Progress, Stack, Text } from '@mantine/core'
import { IconEye, IconEyeOff } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { call } from '../../bridge'
import { notifyError } from '../../notify'

export const revealSeconds = 30

export function SipKey({ accountId, clientId, extension }: { accountId: string; clientId: number; extension: string }) {
  const [key, setKey] = useState<string | undefined>()
  const [left, setLeft] = useState(0)
  const [loading, setLoading] = useState(false)
  useEffect(() => {
    if (key === undefined) return
    const shownAt = Date.now()
    const timer = setInterval(() => {
      const remaining = revealSeconds - Math.floor((Date.now() - shownAt) / 1000)
      if (remaining <= 0) {
        setKey(undefined)
        setLeft(0)
      } else setLeft(remaining)
    }, 250)
    return () => clearInterval(timer)
  }, [key])
  const reveal = async (): Promise<void> => {
    setLoading(true)
    try {
      const answer = await call('clients.revealKey', { accountId, clientId, extension })
      setLeft(revealSeconds)
      setKey(answer.key)
    } catch (error) {
      notifyError(`Could not read the key of extension ${extension}`, error)
    } finally {
      setLoading(false)
    }
  }
  if (key === undefined) {
    return (
      <Button size="compact-xs" variant="default" leftSection={<IconEye size={12} />} loading={loading} onClick={() => void reveal()} aria-label={`Reveal SIP key ${extension}`}>
        Reveal SIP key
      </Button>
    )
  }
  return (
    <Stack gap={4} role="group" aria-label={`SIP key ${extension}`}>
      <Code block data-testid="sip-key" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
        {key}
      </Code>
      <Group gap="xs" wrap="nowrap">
        <Progress value={(left / revealSeconds) * 100} size="xs" style={{ flex: 1 }} aria-label="Time until the key is hidden" />
        <Text size="xs" c="dimmed" className="cd-nowrap" data-testid="sip-key-countdown">
          hidden in {left} s
        </Text>
        <Button size="compact-xs" variant="light" leftSection={<IconEyeOff size={12} />} onClick={() => setKey(undefined)} aria-label={`Hide SIP key ${extension}`}>
          Hide
        </Button>
      </Group>
    </Stack>
  )
}
