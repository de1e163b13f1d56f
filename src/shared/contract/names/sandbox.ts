/** The Sandbox area's channel names, free of any dependency (see ipc-names.ts). */
export const sandboxChannels = ['sandbox.open', 'sandbox.status'] as const
