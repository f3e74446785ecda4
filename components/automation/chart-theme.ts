/** Axis and grid styling shared by the charts; text colour meets contrast on white. */
export const AXIS_TICK = { fontSize: 12, fill: "#525866" };
export const GRID_STROKE = "#e4e7ec";
export const TOOLTIP_STYLE = { borderRadius: 8, border: "1px solid #d9dde3", fontSize: 13 };
export const LEGEND_TEXT = "#1a1d23";
