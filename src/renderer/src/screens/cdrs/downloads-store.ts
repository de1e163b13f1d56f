/** CDR file downloads (`cdrs.download`), one job per file (see stores/download-jobs). */
import type { CdrFile } from '../../../../shared/domain'
import { call } from '../../bridge'
import { createDownloadJobs } from '../../stores/download-jobs'

export type { Download } from '../../stores/download-jobs'

export const cdrFileKey = (file: Pick<CdrFile, 'accountId' | 'day' | 'direction' | 'kind'>): string =>
  `${file.accountId}:${file.day}:${file.direction}:${file.kind}`

export const useDownloadsStore = createDownloadJobs<CdrFile>(cdrFileKey, (file, jobId) =>
  call('cdrs.download', { jobId, accountId: file.accountId, day: file.day, kind: file.kind, direction: file.direction }),
)
