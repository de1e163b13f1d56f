/** The billing area's channel names, free of any dependency (see ipc-names.ts). */
export const billingChannels = ['billing.pay'] as const
