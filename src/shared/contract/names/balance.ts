/** The account balance area's channel names, free of any dependency (see ipc-names.ts). */
export const balanceChannels = ['accounts.balance'] as const
