import type { RouteObject } from 'react-router';

/** A link in the main navigation, shown to users holding one of `roles` (all users when empty). */
export interface NavEntry { to: string; labelKey: string; roles: string[] }

/**
 * What a feature adds to the console: its routes (pages loaded on first visit, so the first load stays small) and its
 * navigation links. app/features.ts lists the features; a feature's pages live in its own folder.
 */
export interface Feature { routes: RouteObject[]; nav: NavEntry[] }
