/**
 * Fault-injection points for tests (a convergence test crashes the engine where a real browser could
 * be killed). Production passes none.
 */
export interface SyncFaults {
  /** Called inside a pull page's transaction after its changes are applied, before the cursor is stored. */
  afterApply?(): void;
  /** Called inside a bootstrap page's transaction after its entities are stored, before its progress. */
  afterBootstrapPage?(): void;
}
