/**
 * Who may do what, from least to most: a viewer reads, a leader reads everything and drills down, an
 * operator also steers the walls (scenes, acknowledgements, pairing screens), an admin also manages
 * people, devices and source keys. Display devices are not people: they watch, never steer.
 */
export const ROLES = ['viewer', 'leader', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Whether `role` includes what `needed` may do. */
export const atLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);
