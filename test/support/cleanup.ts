/**
 * Setup file of every test file: once its tests and their own after-hooks are done (servers and
 * stores closed), the folders it made are removed, since the worker goes on to other files.
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(() => removeTempDirs());
