import { defaultConflictHandler, type RxConflictHandler } from 'rxdb';

/**
 * The conflict handler for a device's own transactions. Only the device that created a sale, shift or movement
 * ever writes it (ARCHITECTURE.md §3), so when a push conflicts, the device's fork is the newest version of its
 * own document: it wins, unless the master already holds a final version (which nothing may change). RxDB's
 * default lets the master win, and that loses money: when the answer to the push of an open sale is lost, the
 * push of the completed sale assumes no master, the upstream answers with the open copy it stored, and the
 * default handler would put the completed, paid, printed sale back to open at the lane. Documents of other
 * devices keep the master's state.
 */
export function ownDocumentsWin<D extends { deviceId?: string }>(
  deviceId: string,
  isFinal: (doc: D) => boolean,
): RxConflictHandler<D> {
  return {
    isEqual: defaultConflictHandler.isEqual as RxConflictHandler<D>['isEqual'],
    resolve: async (input) => {
      const master = input.realMasterState;
      const mine = input.newDocumentState.deviceId === deviceId;
      return mine && !isFinal(master) ? input.newDocumentState : master;
    },
  };
}
