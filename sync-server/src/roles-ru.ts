/** Russian names of the roles, for the console (the web app has its own catalogue). */
import type { Role } from '@opora/shared';

/** Role → Russian title. */
export const ROLE_TITLES: Record<Role, string> = {
  teacher: 'учитель',
  school_coordinator: 'координатор школы (директор)',
  curator: 'куратор',
  leader_tutor: 'тьютор школы-лидера',
  municipal_coordinator: 'муниципальный координатор',
  regional_coordinator: 'региональный координатор',
};
