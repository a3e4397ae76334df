/**
 * The slice of the store an operation may touch: one tenant, and one owner's tasks. Tenancy and
 * ownership are columns in every store, never conventions.
 */
export interface TaskScope {
  /** The tenant; `''` is the default tenant. */
  tenant: string;
  /**
   * The owning caller's id. `undefined` means every owner: only for trusted tools such as the
   * console sitting beside the store, never for a remote caller.
   */
  owner?: string | undefined;
}

/** Where a new task lives: its tenant and its owner. */
export interface TaskOwnership {
  tenant: string;
  owner: string;
}
