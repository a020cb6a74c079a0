/** Server-wide accounting of memory that `/memory-usage` requests hold at once, in MB. */
export interface MemoryBudget {
  readonly totalMb: number;
  readonly heldMb: number;
  /** Reserves `mb` if it fits; returns the release function (safe to call twice), or undefined. */
  tryReserve(mb: number): (() => void) | undefined;
}

export function createMemoryBudget(totalMb: number): MemoryBudget {
  let heldMb = 0;
  return {
    totalMb,
    get heldMb() {
      return heldMb;
    },
    tryReserve(mb) {
      if (heldMb + mb > totalMb) return undefined;
      heldMb += mb;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldMb -= mb;
      };
    },
  };
}
