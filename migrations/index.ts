import { InitialSchema1795751585454 } from './1795751585454-InitialSchema.js';

/** Every migration, oldest first. Add new ones here as well as in the folder. */
export const MIGRATIONS = [InitialSchema1795751585454];
