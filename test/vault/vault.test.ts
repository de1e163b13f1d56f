import { execFileSync, spawn } from 'node:child_process'
import { createRequire } from 'node:module'
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

  it('keeps a carrier’s extra secrets apart from the account’s and removes them with it', async () => {
    const accountId = randomUUID()
    await vault.put(accountId, { password: 'pw' })
    await vault.putExtra(accountId, 'device:7', 'sip-key-7')
    expect(await vault.get(accountId)).toEqual({ password: 'pw' })
    expect(await vault.getExtra(accountId, 'device:7')).toBe('sip-key-7')
    await vault.removeAll(accountId)
    expect(await vault.getExtra(accountId, 'device:7')).toBeUndefined()
    expect(secretTool('lookup', 'service', keychainService, 'account', `${accountId}/extra:device:7`)).toBe('')
  })

  it('reads and removes accounts while another process adds and deletes entries of the same service', async () => {
    // Another CarrierDesk process (the CLI removing an account, say) churning entries: listing the service's
    // items while one vanishes used to crash this process inside keytar (a null secret dereferenced).
    const keytarPath = createRequire(import.meta.url).resolve('keytar')
    const churn = `
      const keytar = require(${JSON.stringify(keytarPath)})
      ;(async () => {
        const end = Date.now() + 3000
        for (let i = 0; Date.now() < end; i += 1) {
          await keytar.setPassword(${JSON.stringify(keychainService)}, 'churn-' + (i % 10) + '/password', 'x')
          await keytar.deletePassword(${JSON.stringify(keychainService)}, 'churn-' + (i % 10) + '/password')
        }
      })()`
    const other = spawn(process.execPath, ['-e', churn], { stdio: 'ignore' })
    const exited = new Promise<number | null>((resolve) => other.on('exit', (code) => resolve(code)))
    let rounds = 0
    const end = Date.now() + 3000
    while (Date.now() < end) {
      const accountId = randomUUID()
      await vault.put(accountId, { password: `pw-${rounds}`, token: 'tok' })
      expect(await vault.get(accountId)).toEqual({ password: `pw-${rounds}`, token: 'tok' })
      await vault.removeAll(accountId)
      expect(await vault.get(accountId)).toEqual({})
      rounds += 1
    }
    expect(await exited).toBe(0)
    expect(rounds).toBeGreaterThan(3)
  }, 20_000)
})
