/** The findings area's channel and event names, free of any dependency (see ipc-names.ts). */
export const findingsChannels = ['findings.list', 'findings.refresh', 'findings.dismiss', 'findings.reopen'] as const
export const findingsEvents = ['findings.changed'] as const
