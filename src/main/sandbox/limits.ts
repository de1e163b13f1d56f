/** The Sandbox's bounds, apart from the simulators so a front door can name them without loading them. */

/** Owned numbers in total across the simulated carriers. */
export const maxSandboxNumbers = 1_000_000

/** Calls per day in the generated call history. */
export const maxSandboxCallsPerDay = 10_000_000
