/** How long an action link works (ACTION_LINK_DAYS, default 7). */
export function actionLinkLifetimeDays(): number {
  const days = Number(process.env.ACTION_LINK_DAYS ?? 7);
  return Number.isFinite(days) && days > 0 ? days : 7;
}
