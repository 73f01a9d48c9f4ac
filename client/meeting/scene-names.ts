import type { SceneId } from '../../shared/scenes';
import { t, type StringKey } from '../lib/i18n/wall';

const SCENE_WORDS: Record<SceneId, StringKey> = {
  overview: 'sceneOverview',
  dossiers: 'sceneDossiers',
  payments: 'scenePayments',
  tasks: 'sceneTasks',
  map: 'sceneMap',
};

/** A scene's name as the wall's scene buttons say it. */
export const sceneName = (id: SceneId): string => t(SCENE_WORDS[id]);
