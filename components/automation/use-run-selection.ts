"use client";

import { useState } from "react";

interface SelectionState {
  /** The list this selection belongs to; another filter starts a fresh selection. */
  listKey: string;
  ids: ReadonlySet<string>;
  /** Every run matching the filter, loaded or not. */
  allMatching: boolean;
}

export interface RunSelection {
  ids: ReadonlySet<string>;
  allMatching: boolean;
  isSelected: (id: string) => boolean;
  toggle: (id: string) => void;
  /** true when every shown run is selected, "some" when a part of them is. */
  shownState: boolean | "some";
  toggleShown: () => void;
  selectAllMatching: () => void;
  clear: () => void;
}

/** The history rows an admin picked for a bulk action, kept per filter. */
export function useRunSelection(listKey: string, shownIds: string[]): RunSelection {
  const [state, setState] = useState<SelectionState>({ listKey, ids: new Set(), allMatching: false });
  const current = state.listKey === listKey ? state : { listKey, ids: new Set<string>(), allMatching: false };
  const isSelected = (id: string) => current.allMatching || current.ids.has(id);
  const selectedShown = shownIds.filter(isSelected).length;
  const shownState = shownIds.length > 0 && selectedShown === shownIds.length ? true : selectedShown > 0 ? "some" : false;
  const update = (ids: Set<string>, allMatching = false) => setState({ listKey, ids, allMatching });

  return {
    ids: current.ids,
    allMatching: current.allMatching,
    isSelected,
    shownState,
    toggle: (id) => {
      // Unticking one row while "all matching" is chosen keeps the other shown rows.
      const ids = new Set(current.allMatching ? shownIds : current.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      update(ids);
    },
    toggleShown: () => update(shownState === true ? new Set() : new Set(shownIds)),
    selectAllMatching: () => update(new Set(shownIds), true),
    clear: () => update(new Set()),
  };
}
