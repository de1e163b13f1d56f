/**
 * The carriers the Sandbox simulates, in the order they start, free of any dependency: each takes the lane
 * of the numbering plan its position gives (kit/numbering.ts), and has its simulator in registry.ts. A
 * carrier without a simulator is simply not here.
 */
export const simulatedCarriers = ['call48', 'vitcom', 'voip-innovations', 'nexogy'] as const
export type SimulatedCarrier = (typeof simulatedCarriers)[number]
