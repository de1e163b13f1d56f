import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { createKeychainVault, keychainService } from '../../src/main/vault/vault'
import { requireKeyring } from '../helpers/temp'

const secretTool = (...args: string[]): string => {
  try {
    return execFileSync('secret-tool', args, { encoding: 'utf8' })
  } catch {
    return ''
  }
}

describe('the keychain vault (real Secret Service)', () => {
  beforeAll(requireKeyring)
  const vault = createKeychainVault()

  it('stores each secret as its own keychain entry that secret-tool can read', async () => {
    const accountId = randomUUID()
    await vault.put(accountId, { password: 'hunter2-ü', clientSecret: 'cs-123' })
    // keytar's libsecret schema stores `service` and `account` attributes.
    expect(secretTool('lookup', 'service', keychainService, 'account', `${accountId}/password`)).toBe('hunter2-ü')
    expect(secretTool('lookup', 'service', keychainService, 'account', `${accountId}/clientSecret`)).toBe('cs-123')
    expect(await vault.get(accountId)).toEqual({ password: 'hunter2-ü', clientSecret: 'cs-123' })
    await vault.removeAll(accountId)
  })

  it('replaces only the secrets given and removes every one on removeAll', async () => {
    const accountId = randomUUID()
    await vault.put(accountId, { password: 'one', token: 'tok' })
    await vault.put(accountId, { password: 'two' })
    expect(await vault.get(accountId)).toEqual({ password: 'two', token: 'tok' })
    await vault.removeAll(accountId)
    expect(await vault.get(accountId)).toEqual({})
    expect(secretTool('lookup', 'service', keychainService, 'account', `${accountId}/token`)).toBe('')
  })
})
