/** The saved views area's channel names, free of any dependency (see ipc-names.ts). */
export const viewsChannels = ['views.list', 'views.save', 'views.remove'] as const
