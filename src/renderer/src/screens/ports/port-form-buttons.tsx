/** The two buttons under every form of the port detail: close it, or review the change (then confirmed). */
import { Button, Group } from '@mantine/core'

export function PortFormButtons({ review, onReview, onClose, sending, disabled = false }: { review: string; onReview: () => void; onClose: () => void; sending: boolean; disabled?: boolean }) {
  return (
    <Group gap="xs" justify="flex-end">
      <Button variant="default" size="xs" onClick={onClose}>
        Close the form
      </Button>
      <Button size="xs" loading={sending} disabled={disabled} onClick={onReview}>
        {review}
      </Button>
    </Group>
  )
}
