/** The E911 area's channel names, free of any dependency (see ipc-names.ts). */
export const e911Channels = [
  'e911.locations',
  'e911.addLocation',
  'e911.provisionLocation',
  'e911.removeLocation',
  'e911.history',
  'e911.alerts',
  'e911.addAlert',
  'e911.removeAlert',
] as const
