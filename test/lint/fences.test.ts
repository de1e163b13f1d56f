/**
 * The fences of eslint.config.mjs: each forbidden import, written into a file of the layer it must not
 * leave, is reported by `npm run lint`, and the imports a layer is allowed are not.
 */
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: join(__dirname, '../..') })

/** The no-restricted-imports messages ESLint reports for `code` as if it were the file at `filePath`. */
async function fenceMessages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message)
}

const forbidden: [file: string, specifier: string, why: RegExp][] = [
  // Foundations: lib imports nothing from main.
  ['src/main/lib/new-helper.ts', '../core/jobs', /lib is the foundation/],
  ['src/main/lib/new-helper.ts', '../carriers/adapter', /lib is the foundation/],
  // Carriers, store and vault never import core (nor each other).
  ['src/main/carriers/call48/new-file.ts', '../../core/app-status', /Lower layers never import higher ones/],
  ['src/main/carriers/kit/new-file.ts', '../../core/jobs', /Lower layers never import higher ones/],
  ['src/main/carriers/call48/new-file.ts', '../../store/store', /only through the core/],
  ['src/main/store/repositories/new-file.ts', '../../core/events', /Lower layers never import higher ones/],
  ['src/main/store/new-file.ts', '../carriers/adapter', /SQL only/],
  ['src/main/vault/new-file.ts', '../core/carrierdesk', /Lower layers never import higher ones/],
  ['src/main/sandbox/call48/new-file.ts', '../../carriers/call48/schemas', /carriers' documents/],
  ['src/main/sandbox/kit/new-file.ts', '../../core/jobs', /Lower layers never import higher ones/],
  // A carrier is one folder; a simulator too.
  ['src/main/carriers/call48/new-file.ts', '../nexogy/adapter', /A carrier is one folder/],
  ['src/main/carriers/call48/new-file.ts', '../registry', /A carrier is one folder/],
  ['src/main/carriers/kit/new-file.ts', '../vitcom/client', /kit serves every carrier/],
  ['src/main/sandbox/vitcom/new-file.ts', '../call48/inventory', /A simulator is one folder/],
  // The core reaches carriers only through adapter.ts and registry.ts.
  ['src/main/core/new-service.ts', '../carriers/nexogy/adapter', /only through carriers\/adapter.ts and carriers\/registry.ts/],
  ['src/main/core/handlers/new-area.ts', '../../carriers/kit/http', /only through carriers\/adapter.ts and carriers\/registry.ts/],
  ['src/main/core/new-service.ts', '../cli/program', /Lower layers never import higher ones/],
  // The CLI and the shell reach only core, lib and shared.
  ['src/main/cli/commands/new-group.ts', '../../carriers/nexogy/adapter', /The CLI reaches only core, lib and shared/],
  ['src/main/cli/new-file.ts', '../store/store', /The CLI reaches only core, lib and shared/],
  ['src/main/cli/new-file.ts', '../sandbox', /The CLI reaches only core, lib and shared/],
  ['src/main/shell/main.ts', '../vault/vault', /The shell reaches only core, lib and shared/],
  ['src/main/shell/new-file.ts', '../carriers/registry', /The shell reaches only core, lib and shared/],
  // Process boundaries.
  ['src/main/core/new-service.ts', 'electron', /only src\/main\/shell\/main.ts does/],
  ['src/shared/new-file.ts', '../main/core/jobs', /shared imports neither main nor renderer/],
  ['src/renderer/src/new-file.ts', '../../main/core/jobs', /reaches main only through window.carrierdesk/],
  // Renderer screens never import each other; components and stores never import a screen.
  ['src/renderer/src/screens/buy/new-file.tsx', '../numbers/number-cells', /Screens do not import each other/],
  ['src/renderer/src/screens/trunks-screen.tsx', './ports-screen', /Screens do not import each other/],
  ['src/renderer/src/screens/trunks-screen.tsx', './numbers/numbers-store', /Screens do not import each other/],
  ['src/renderer/src/components/new-component.tsx', '../screens/numbers/numbers-store', /only the shell mounts them/],
  ['src/renderer/src/stores/new-store.ts', '../screens/buy/cart-store', /only the shell mounts them/],
]

const allowed: [file: string, specifier: string][] = [
  ['src/main/lib/new-helper.ts', '../../shared/errors'],
  ['src/main/lib/new-helper.ts', './app-error'],
  ['src/main/carriers/call48/new-file.ts', '../../lib/carrier-error'],
  ['src/main/carriers/call48/new-file.ts', '../kit/http'],
  ['src/main/carriers/call48/new-file.ts', '../adapter'],
  ['src/main/carriers/call48/new-file.ts', './client'],
  ['src/main/carriers/registry.ts', './call48/adapter'],
  ['src/main/store/new-file.ts', '../lib/app-error'],
  ['src/main/sandbox/vitcom/new-file.ts', '../kit/numbering'],
  ['src/main/core/new-service.ts', '../carriers/adapter'],
  ['src/main/core/new-service.ts', '../carriers/registry'],
  ['src/main/core/new-service.ts', '../store/store'],
  ['src/main/core/new-service.ts', '../sandbox'],
  ['src/main/cli/commands/new-group.ts', '../../core/carrierdesk'],
  ['src/main/cli/new-file.ts', '../lib/app-error'],
  ['src/main/shell/main.ts', 'electron'],
  ['src/main/shell/main.ts', '../core/dispatcher'],
  ['src/renderer/src/screens/buy/new-file.tsx', '../../components/offline-banner'],
  ['src/renderer/src/screens/buy/new-file.tsx', './cart-store'],
  ['src/renderer/src/screens/trunks-screen.tsx', '../components/offline-banner'],
  ['src/renderer/src/components/shell.tsx', '../screens/numbers/numbers-screen'],
]

describe('the fences of eslint.config.mjs', () => {
  it.each(forbidden)('reports %s importing %s', async (file, specifier, why) => {
    const messages = await fenceMessages(file, `import { x } from '${specifier}'\nexport const y = x\n`)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(why)
  })

  it('reports type-only imports too', async () => {
    const messages = await fenceMessages('src/main/carriers/vitcom/new-file.ts', "import type { Jobs } from '../../core/jobs'\nexport type J = Jobs\n")
    expect(messages).toHaveLength(1)
  })

  it.each(allowed)('lets %s import %s', async (file, specifier) => {
    expect(await fenceMessages(file, `import { x } from '${specifier}'\nexport const y = x\n`)).toEqual([])
  })
})
