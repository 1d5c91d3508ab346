/** The workspace state over the app's database and session (what the dashboard screens use). */
import { appDb, sessionManager } from '$lib/app-state.svelte';
import { dashboardData, type DashboardData } from './dashboard-data.svelte';

/** The app's coordinator workspace. */
export function workspace(): DashboardData {
  return dashboardData(appDb(), sessionManager());
}

/** How many rows a big table shows at first, and adds per «show more». */
export const PAGE = 50;
