/** The sync areas, one module each: a new area is its file in areas/ plus one line here (and its name in shared syncAreas). */
import type { SyncArea } from '../../../shared/domain'
import type { SyncAreaModule } from './area'
import { billingArea } from './areas/billing'
import { cdrsArea } from './areas/cdrs'
import { numbersArea } from './areas/numbers'
import { portsArea } from './areas/ports'
import { trunksArea } from './areas/trunks'

export const syncAreaModules: Record<SyncArea, SyncAreaModule> = {
  numbers: numbersArea,
  trunks: trunksArea,
  ports: portsArea,
  cdrs: cdrsArea,
  billing: billingArea,
}
