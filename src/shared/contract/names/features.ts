/** The number features area's channel names, free of any dependency (see ipc-names.ts). */
export const featuresChannels = [
  'features.get',
  'features.groups',
  'features.groupMembers',
  'features.conference',
  'features.revealConferencePin',
  'features.setConference',
  'features.removeConference',
] as const
