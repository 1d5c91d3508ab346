/**
 * The home screen's way into the coordinator's workspace: a slice of the
 * dashboard catalogue (./dashboard.ts) in its own module, so the first screen
 * does not carry the whole catalogue.
 */

/** Texts of the home screen's link to the workspace. */
export const tdHome = {
  link: 'Панель координатора: мониторинг школ',
  hint: 'Анкеты, риски, дорожные карты, экзамены, календарь и план-график по школам',
  calendar: 'Календарь ближайших дел',
};
